import type { Translate } from '../i18n';
import { type PipelineFunnel, wonStep } from '../metrics/deal-funnel';
import type { CsvTable } from './csv-rows';

// The deal-stage funnel as the panel shows it: a step's name is the CRM's stage label, except the final `won` step of
// a pipeline whose won stages have no label, which is named in the reader's language.

export function dealStepLabel(step: { step: string; label: string }, t: Translate): string {
  return step.step === wonStep && step.label === wonStep ? t('panel.funnel.step.won') : step.label;
}

/** The pipelines worth a funnel: those with deals created in the window. */
export function shownPipelines(funnel: readonly PipelineFunnel[] | undefined): PipelineFunnel[] {
  // A view stored by a version before the deal funnel has none; the fresh view replaces it within moments.
  return (funnel ?? []).filter((pipeline) => pipeline.deals > 0);
}

/** One row per pipeline and step; rates as fractions and days unrounded, so a spreadsheet can compute with them. */
export function dealFunnelRows(funnel: readonly PipelineFunnel[], t: Translate): CsvTable {
  return {
    header: [
      t('panel.dealFunnel.pipeline'),
      t('panel.csv.step'),
      t('panel.dealFunnel.reached'),
      t('panel.dealFunnel.conversion'),
      t('panel.dealFunnel.days'),
      t('panel.dealFunnel.timed'),
    ],
    rows: funnel.flatMap((pipeline) =>
      pipeline.steps.map((step) => [
        pipeline.label,
        dealStepLabel(step, t),
        step.reached,
        step.conversionToNext,
        step.medianDaysInStep,
        step.daysCount,
      ]),
    ),
  };
}

/**
 * What a manager reads first in a pipeline's funnel: the step fewest deals go on from (ties: the earliest) and the
 * step deals stay in longest (median days). Either is null when no step has the figure.
 */
export function pipelineReading(pipeline: PipelineFunnel): {
  dropOff: PipelineFunnel['steps'][number] | null;
  slowest: PipelineFunnel['steps'][number] | null;
} {
  let dropOff: PipelineFunnel['steps'][number] | null = null;
  let slowest: PipelineFunnel['steps'][number] | null = null;
  for (const step of pipeline.steps) {
    if (step.conversionToNext !== null && (dropOff === null || step.conversionToNext < (dropOff.conversionToNext ?? 1)))
      dropOff = step;
    if (step.medianDaysInStep !== null && (slowest === null || step.medianDaysInStep > (slowest.medianDaysInStep ?? 0)))
      slowest = step;
  }
  return { dropOff, slowest };
}
