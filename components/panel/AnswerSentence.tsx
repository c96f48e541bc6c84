import type { Translate } from '../../lib/i18n';
import { answerOf, type SetupStep } from '../../lib/panel/answer';
import type { Formatters } from '../../lib/panel/format';
import type { PanelView } from '../../lib/panel/view-model';
import { Isolated } from './Formula';

/** The panel's first line: does lead handling pay, how sure is it, and on what assumptions. */
export function AnswerSentence({
  view,
  f,
  t,
  onOpenStep,
}: {
  view: PanelView;
  f: Formatters;
  t: Translate;
  onOpenStep(step: SetupStep): void;
}) {
  const names = new Map(view.choices.owners.map((owner) => [owner.id, owner.name]));
  const answer = answerOf(view, f, t, (id) => names.get(id) ?? id);
  if (answer === null) return null;
  return (
    <section className="ll-answer" aria-labelledby="answer-heading" data-testid="answer" data-verdict={answer.verdict}>
      <h2 id="answer-heading" className="ll-visually-hidden">
        {t('panel.answer.heading')}
      </h2>
      <p className="ll-answer-text" data-testid="answer-text">
        {answer.parts.map((part) => (
          <Isolated key={part.key} message={part.key} params={part.params} t={t} />
        ))}
      </p>
      {answer.step !== null && (
        <button
          type="button"
          className="ll-no-print"
          data-testid="answer-open-step"
          data-step={answer.step}
          onClick={() => onOpenStep(answer.step ?? 'assumptions')}
        >
          {t(answer.step === 'costs' ? 'panel.answer.setCosts' : 'panel.answer.setAssumptions')}
        </button>
      )}
    </section>
  );
}
