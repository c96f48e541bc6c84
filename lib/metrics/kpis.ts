import type { FunnelRateName } from './funnel.ts';
import { funnelRateDenominator } from './funnel.ts';
import {
  type DifferenceInterval,
  medianDifferenceInterval,
  type RevenueSpread,
  type RoiReading,
  rateDifferenceInterval,
  revenueChangeInterval,
} from './intervals.ts';
import type { RoiAtCheckpoint, RoiReason } from './roi.ts';
import { difference } from './stats.ts';
import type { WindowFigures } from './window-figures.ts';

export type KpiUnit = 'money' | 'rate' | 'minutes' | 'days' | 'hours' | 'count' | 'score' | 'ratio';

interface KpiDefinition {
  label: string;
  unit: KpiUnit;
  value: (figures: WindowFigures) => number | null;
  /** For rates: the rate's own denominator, which the 95 % interval needs. NPS has none (its interval is left out). */
  denominator?: (figures: WindowFigures) => number;
  /** For the medians with an interval (McKean–Schrader): the window's standard error of the median. */
  standardError?: (figures: WindowFigures) => number | null;
  /** For revenue, whose d is the revenue change: the window's won deals and Σ amount². */
  spread?: (figures: WindowFigures) => RevenueSpread;
}

const funnelRate = (name: FunnelRateName, label: string): KpiDefinition => ({
  label,
  unit: 'rate',
  value: (f) => f.cohort.funnel.rates[name],
  denominator: (f) => funnelRateDenominator(f.cohort.funnel, name),
});

/** Every figure that can be compared before/after, by id. */
export const windowKpis = {
  leads: { label: 'Leads', unit: 'count', value: (f) => f.cohort.leads },
  medianResponseMinutes: {
    label: 'Median response time',
    unit: 'minutes',
    value: (f) => f.cohort.response.medianMinutes,
    standardError: (f) => f.medianErrors.responseMinutes,
  },
  meanResponseMinutes: { label: 'Mean response time', unit: 'minutes', value: (f) => f.cohort.response.meanMinutes },
  shareWithinSla: {
    label: 'Share within SLA',
    unit: 'rate',
    value: (f) => f.cohort.sla.shareWithinSla,
    denominator: (f) => f.cohort.sla.decided,
  },
  newToContacted: funnelRate('newToContacted', 'New → contacted'),
  contactedToQualified: funnelRate('contactedToQualified', 'Contacted → qualified'),
  qualifiedToOpportunity: funnelRate('qualifiedToOpportunity', 'Qualified → opportunity'),
  opportunityToWon: funnelRate('opportunityToWon', 'Opportunity → won'),
  leadToCustomerRate: {
    label: 'Lead-to-customer rate',
    unit: 'rate',
    value: (f) => f.cohort.funnel.leadToCustomerRate,
    denominator: (f) => f.cohort.funnel.counts.new,
  },
  revenue: {
    label: 'Revenue',
    unit: 'money',
    value: (f) => f.money.revenue,
    spread: (f) => ({ deals: f.money.dealsWon, sumOfSquares: f.money.revenueSumOfSquares }),
  },
  dealsWon: { label: 'Deals won', unit: 'count', value: (f) => f.money.dealsWon },
  averageDealSize: { label: 'Average deal size', unit: 'money', value: (f) => f.money.averageDealSize },
  medianSalesCycleDays: {
    label: 'Median sales cycle',
    unit: 'days',
    value: (f) => f.money.salesCycleDays.median,
    standardError: (f) => f.medianErrors.salesCycleDays,
  },
  meanSalesCycleDays: { label: 'Mean sales cycle', unit: 'days', value: (f) => f.money.salesCycleDays.mean },
  newCustomers: { label: 'New customers', unit: 'count', value: (f) => f.customers.newCustomers },
  clv: { label: 'Customer lifetime value', unit: 'money', value: (f) => f.customers.clv.clv },
  repeatRate: {
    label: 'Repeat rate',
    unit: 'rate',
    value: (f) => f.customers.clv.repeatRate,
    denominator: (f) => f.customers.clv.customers,
  },
  cac: { label: 'CAC', unit: 'money', value: (f) => f.cac.cac },
  hoursSaved: { label: 'Hours saved', unit: 'hours', value: (f) => f.hoursSaved.hours },
  hoursSavedValue: { label: 'Value of hours saved', unit: 'money', value: (f) => f.hoursSaved.value },
  systemCost: { label: 'System cost', unit: 'money', value: (f) => f.systemCost.total },
  handoffMedianHours: { label: 'Hand-off time (median)', unit: 'hours', value: (f) => f.handoff.medianHours },
  nps: { label: 'NPS', unit: 'score', value: (f) => f.satisfaction.nps },
  csat: {
    label: 'CSAT',
    unit: 'rate',
    value: (f) => f.satisfaction.csat,
    denominator: (f) => f.satisfaction.csatResponses,
  },
  revenueAtStake: { label: 'Revenue at stake', unit: 'money', value: (f) => f.speedToLead.revenueAtStake },
} satisfies Record<string, KpiDefinition>;

export type WindowKpiId = keyof typeof windowKpis;
export const windowKpiIds = Object.keys(windowKpis) as WindowKpiId[];

export interface Comparison {
  before: number | null;
  after: number | null;
  /** d = A − B. */
  difference: number | null;
  /**
   * 95 % interval of d: Newcombe's for rates, McKean–Schrader's for the two medians, the revenue change's and the
   * ROI's; null for every other KPI and when a side lacks the data.
   */
  interval: DifferenceInterval | null;
  /** True when the interval contains 0; null when there is no interval. */
  notSignificant: boolean | null;
}

export function compareKpi(id: WindowKpiId, before: WindowFigures, after: WindowFigures): Comparison {
  const definition: KpiDefinition = windowKpis[id];
  const b = definition.value(before);
  const a = definition.value(after);
  const d = difference(a, b);
  let interval: DifferenceInterval | null = null;
  if (definition.denominator !== undefined) {
    interval = rateDifferenceInterval(a, definition.denominator(after), b, definition.denominator(before));
  } else if (definition.standardError !== undefined) {
    interval = medianDifferenceInterval(d, definition.standardError(after), definition.standardError(before));
  } else if (definition.spread !== undefined && d !== null) {
    // Revenue's d = A − B is the revenue change: the same interval as the revenue change card's.
    interval = revenueChangeInterval(d, definition.spread(after), definition.spread(before));
  }
  return {
    before: b,
    after: a,
    difference: d,
    interval,
    notSignificant: interval === null ? null : interval.notSignificant,
  };
}

export function compareWindows(before: WindowFigures, after: WindowFigures): Record<WindowKpiId, Comparison> {
  return Object.fromEntries(windowKpiIds.map((id) => [id, compareKpi(id, before, after)])) as Record<
    WindowKpiId,
    Comparison
  >;
}

/** The default dashboard, in its order; the user can swap any for another id of `windowKpis`. */
export const defaultKpiIds = [
  'roi',
  'revenueChange',
  'leadToCustomerRate',
  'medianResponseMinutes',
  'shareWithinSla',
  'medianSalesCycleDays',
  'cac',
] as const;
export type KpiId = WindowKpiId | 'roi' | 'revenueChange';

export interface KpiValue extends Comparison {
  id: KpiId;
  label: string;
  unit: KpiUnit;
  /** ROI only: how its interval reads (`breakEvenNotYetShown` when it contains 0); null otherwise. */
  reading: RoiReading | null;
  /** ROI only: the stated assumptions it waits for (empty when it has them). */
  reasons: RoiReason[];
}

export interface CheckpointView {
  roi: RoiAtCheckpoint;
  baseline: WindowFigures;
  after: WindowFigures;
}

export interface KpiSet {
  /** The checkpoint shown: the latest complete one, else the smallest in progress; null when none has started. */
  checkpointMonths: number | null;
  inProgress: boolean;
  kpis: KpiValue[];
}

/** A KPI at a checkpoint: B, A, d and its interval. ROI is a single figure with the interval of its own. */
export function kpiAtCheckpoint(id: KpiId, view: CheckpointView): KpiValue {
  if (id === 'roi') {
    const interval = view.roi.roiInterval;
    return {
      id,
      label: 'ROI',
      unit: 'ratio',
      before: null,
      after: view.roi.roi,
      difference: null,
      interval,
      notSignificant: interval === null ? null : interval.notSignificant,
      reading: interval === null ? null : interval.reading,
      reasons: [...view.roi.reasons],
    };
  }
  if (id === 'revenueChange') {
    const interval = view.roi.revenueChangeInterval;
    return {
      id,
      label: 'Revenue change',
      unit: 'money',
      before: view.roi.revenueBefore,
      after: view.roi.revenueAfter,
      difference: view.roi.revenueChange,
      interval,
      notSignificant: interval === null ? null : interval.notSignificant,
      reading: null,
      reasons: [],
    };
  }
  const definition: KpiDefinition = windowKpis[id];
  return {
    id,
    label: definition.label,
    unit: definition.unit,
    ...compareKpi(id, view.baseline, view.after),
    reading: null,
    reasons: [],
  };
}

/** The checkpoint the dashboard shows: the latest complete one, else the smallest in progress. */
export function dashboardCheckpoint<T extends { roi: { months: number; status: string } }>(
  checkpoints: readonly T[],
): T | null {
  const complete = checkpoints.filter((view) => view.roi.status === 'complete');
  if (complete.length > 0) return complete.reduce((a, b) => (b.roi.months > a.roi.months ? b : a));
  const running = checkpoints.filter((view) => view.roi.status === 'in-progress');
  if (running.length > 0) return running.reduce((a, b) => (b.roi.months < a.roi.months ? b : a));
  return null;
}

export function kpiSet(checkpoints: readonly CheckpointView[], ids: readonly KpiId[] = defaultKpiIds): KpiSet {
  const view = dashboardCheckpoint(checkpoints);
  if (view === null) return { checkpointMonths: null, inProgress: false, kpis: [] };
  return {
    checkpointMonths: view.roi.months,
    inProgress: view.roi.status === 'in-progress',
    kpis: ids.map((id) => kpiAtCheckpoint(id, view)),
  };
}
