import { type TargetKey, targetKeys } from '../model/targets.ts';
import type { RoiAtCheckpoint } from './roi.ts';
import type { WindowFigures } from './window-figures.ts';

// METRICS.md "Targets": the manager's goal per KPI, compared at a checkpoint with the after side A (ROI with the ROI,
// the revenue change with A − B), in the units of that figure.

/** Shorter or cheaper is better for these: a target is met at or below it. */
export const lowerIsBetter: ReadonlySet<TargetKey> = new Set([
  'medianResponseMinutes',
  'p90ResponseMinutes',
  'medianSalesCycleDays',
  'cac',
]);

export type TargetStatus = 'met' | 'missed';

export interface TargetResult {
  kpi: TargetKey;
  target: number;
  /** The figure compared: A (the ROI, or A − B for the revenue change). */
  value: number | null;
  /** Null when the figure is (nothing to compare). */
  status: TargetStatus | null;
}

/** `met` when value ≥ target (≤ for the lower-is-better keys), else `missed`; null when the value is null. */
export function targetStatus(kpi: TargetKey, value: number | null, target: number): TargetStatus | null {
  if (value === null) return null;
  const met = lowerIsBetter.has(kpi) ? value <= target : value >= target;
  return met ? 'met' : 'missed';
}

/** The figure each target is compared with at a checkpoint. */
export function targetValue(kpi: TargetKey, roi: RoiAtCheckpoint, after: WindowFigures): number | null {
  switch (kpi) {
    case 'roi':
      return roi.roi;
    case 'revenueChange':
      return roi.revenueChange;
    case 'leadToCustomerRate':
      return after.cohort.funnel.leadToCustomerRate;
    case 'medianResponseMinutes':
      return after.cohort.response.medianMinutes;
    case 'p90ResponseMinutes':
      return after.cohort.response.p90Minutes;
    case 'shareWithinSla':
      return after.cohort.sla.shareWithinSla;
    case 'medianSalesCycleDays':
      return after.money.salesCycleDays.median;
    case 'cac':
      return after.cac.cac;
    case 'clv':
      return after.customers.clv.clv;
    case 'nps':
      return after.satisfaction.nps;
    case 'csat':
      return after.satisfaction.csat;
  }
}

/** Every KPI that has a target, in the order of `targetKeys`, with its status at this checkpoint. */
export function targetsAtCheckpoint(
  targets: Partial<Record<TargetKey, number | undefined>> | undefined,
  roi: RoiAtCheckpoint,
  after: WindowFigures,
): TargetResult[] {
  const results: TargetResult[] = [];
  for (const kpi of targetKeys) {
    const target = targets?.[kpi];
    if (target === undefined) continue;
    const value = targetValue(kpi, roi, after);
    results.push({ kpi, target, value, status: targetStatus(kpi, value, target) });
  }
  return results;
}
