import type { MessageKey, Translate } from '../i18n';
import { crmLabel } from '../i18n/crm-labels';
import type { RoiReason } from '../metrics/roi';
import type { Formatters } from './format';
import type { PanelView, RoiCheckpointModel } from './view-model';

// The manager's question, answered in one sentence before any figure: does lead handling pay? The answer is read
// from the ROI interval of the dashboard's checkpoint (METRICS.md §7): wholly above 0 "yes", containing 0 "not yet
// shown", wholly below 0 "no". Pure: the sentence's parts are message keys with formatted figures, so the component
// can isolate each figure's direction (<bdi>) and a test can read the whole sentence.

export type AnswerVerdict =
  /** The ROI interval lies wholly above 0 ("break-even shown"). */
  | 'yes'
  /** It contains 0, or there is no interval (a control segment, or no won deal on either side): nothing is shown. */
  | 'notYet'
  /** It lies wholly below 0 ("loss shown"). */
  | 'no'
  /** ROI waits for the manager's stated assumptions (margin, attribution share or control segment). */
  | 'waiting'
  /** No system cost entered: ROI has nothing to divide by. */
  | 'needsCost'
  /** A control segment that earned nothing in the baseline: no pace to compare with. */
  | 'noControlBaseline';

/** The setup step a waiting answer links to. */
export type SetupStep = 'assumptions' | 'costs';

export interface AnswerPart {
  key: MessageKey;
  /** Figures already formatted for the reader; the component isolates their direction. */
  params: Record<string, string>;
}

export interface Answer {
  verdict: AnswerVerdict;
  months: number;
  parts: AnswerPart[];
  /** Where the manager sets what the answer waits for; null when it waits for nothing. */
  step: SetupStep | null;
}

const verdictKey: Record<'yes' | 'notYet' | 'no', MessageKey> = {
  yes: 'panel.answer.yes',
  notYet: 'panel.answer.notYet',
  no: 'panel.answer.no',
};

function reasonNames(reasons: readonly RoiReason[], t: Translate): string {
  return reasons
    .map((reason) => t(reason === 'needsMargin' ? 'panel.answer.missingMargin' : 'panel.answer.missingAttribution'))
    .join(t('panel.answer.and'));
}

/**
 * What the ROI assumed, in words: the attribution share, or the control segment by its owners' names and its sources'
 * labels (never a raw CRM key such as `organic_search`).
 */
function assumptionPart(
  checkpoint: RoiCheckpointModel,
  f: Formatters,
  t: Translate,
  ownerName: (id: string) => string,
): AnswerPart {
  const { attributionPct, controlSegment, grossMarginPct } = checkpoint.assumptions;
  const margin = f.rate(grossMarginPct === null ? null : grossMarginPct / 100);
  if (controlSegment !== null) {
    const sources = controlSegment.sources.map((source) => crmLabel('source', source, t));
    const segment = [...controlSegment.owners.map(ownerName), ...sources].join(', ');
    return { key: 'panel.answer.assumesControl', params: { segment, margin } };
  }
  const attribution = f.rate(attributionPct === null ? null : attributionPct / 100);
  return { key: 'panel.answer.assumes', params: { attribution, margin } };
}

/**
 * The answer at the dashboard's checkpoint, from the whole portal's ROI there (the filters do not narrow it: the
 * system's cost is the whole portal's). Null while there is no checkpoint (no adoption date, or before adoption):
 * the dashboard says why instead.
 */
export function answerOf(
  view: Pick<PanelView, 'checkpoint' | 'roi'>,
  f: Formatters,
  t: Translate,
  ownerName: (id: string) => string = (id) => id,
): Answer | null {
  if (view.checkpoint === null) return null;
  const months = view.checkpoint.months;
  const checkpoint = view.roi.checkpoints.find((c) => c.months === months);
  if (checkpoint === undefined) return null;
  if (checkpoint.reasons.length > 0) {
    return {
      verdict: 'waiting',
      months,
      parts: [{ key: 'panel.answer.waiting', params: { missing: reasonNames(checkpoint.reasons, t) } }],
      step: 'assumptions',
    };
  }
  if (checkpoint.systemCost === 0) {
    return { verdict: 'needsCost', months, parts: [{ key: 'panel.answer.needsCost', params: {} }], step: 'costs' };
  }
  const at = t(view.checkpoint.inProgress ? 'panel.answer.atInProgress' : 'panel.answer.at', {
    months,
  });
  if (checkpoint.roi === null) {
    return {
      verdict: 'noControlBaseline',
      months,
      parts: [{ key: 'panel.answer.noControlBaseline', params: { at } }],
      step: 'assumptions',
    };
  }
  const interval = checkpoint.roiInterval;
  const verdict =
    interval === null
      ? 'notYet'
      : interval.reading === 'breakEvenShown'
        ? 'yes'
        : interval.reading === 'lossShown'
          ? 'no'
          : 'notYet';
  const roi = f.signedRate(checkpoint.roi);
  // Without an interval nothing is shown either way: a control segment has none, nor has a change without won deals.
  const noInterval: MessageKey =
    checkpoint.assumptions.controlSegment !== null ? 'panel.answer.notYetNoInterval' : 'panel.answer.notYetNoDeals';
  const head: AnswerPart =
    interval === null
      ? { key: noInterval, params: { at, roi } }
      : {
          key: verdictKey[verdict as 'yes' | 'notYet' | 'no'],
          params: { at, roi, low: f.signedRate(interval.low), high: f.signedRate(interval.high) },
        };
  const { paybackMonth } = view.roi;
  const payback: AnswerPart =
    paybackMonth === null
      ? { key: 'panel.answer.notPaidBack', params: {} }
      : { key: 'panel.answer.payback', params: { month: f.count(paybackMonth) } };
  return { verdict, months, parts: [head, payback, assumptionPart(checkpoint, f, t, ownerName)], step: null };
}

/** The sentence as plain text (the parts carry their own punctuation and spacing). */
export function answerText(answer: Pick<Answer, 'parts'>, t: Translate): string {
  return answer.parts.map((part) => t(part.key, part.params)).join('');
}
