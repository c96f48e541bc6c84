import type { Translate } from '../../lib/i18n';
import type { KpiId } from '../../lib/metrics/kpis';
import type { SetupStep } from '../../lib/panel/answer';
import type { Formatters } from '../../lib/panel/format';
import type { PanelView } from '../../lib/panel/view-model';
import { CheckpointTable } from './CheckpointTable';
import { EmptyState } from './EmptyState';
import { KpiCards } from './KpiCards';

interface KeyFiguresProps {
  view: PanelView;
  /** The cards shown, in the manager's order, and the satisfaction cards after them. */
  ids: { main: readonly KpiId[]; satisfaction: readonly KpiId[] };
  f: Formatters;
  t: Translate;
  /** Opens the setup, on the step that sets what a card waits for when one is given. */
  onOpenSetup(step?: SetupStep): void;
  onKpisChange(ids: KpiId[]): void;
}

/** The dashboard's key figures at the checkpoint reached, or why there are none yet (no adoption date, too early). */
export function KeyFigures({ view, ids, f, t, onOpenSetup, onKpisChange }: KeyFiguresProps) {
  return (
    <section aria-labelledby="kpi-heading" data-testid="dashboard">
      <h2 id="kpi-heading">
        {t('panel.heading.kpis')}
        {view.checkpoint && (
          <span
            className="ll-muted ll-small"
            data-testid="dashboard-checkpoint"
            data-in-progress={view.checkpoint.inProgress}
          >
            {' · '}
            {t(view.checkpoint.inProgress ? 'panel.checkpointInProgress' : 'panel.checkpoint', {
              months: view.checkpoint.months,
            })}
          </span>
        )}
      </h2>
      {view.adoptionDate === null ? (
        <EmptyState kind="noAdoption" message={t('panel.empty.noAdoption')}>
          <button type="button" data-testid="open-setup-empty" onClick={() => onOpenSetup()}>
            {t('panel.openSetup')}
          </button>
        </EmptyState>
      ) : view.checkpoint === null ? (
        <EmptyState kind="notStarted" message={t('panel.empty.notStarted')} />
      ) : (
        <>
          <KpiCards
            view={view}
            ids={ids.main}
            satisfaction={ids.satisfaction}
            f={f}
            t={t}
            onChange={onKpisChange}
            onOpenStep={onOpenSetup}
          />
          <CheckpointTable view={view} f={f} t={t} />
        </>
      )}
      {view.counts.wonDeals === 0 && <EmptyState kind="noDeals" message={t('panel.empty.noDeals')} />}
    </section>
  );
}
