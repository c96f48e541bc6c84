import { rangeIn, type Span } from './calendar.ts';
import { type CacFigures, type CustomerFigures, customerAcquisitionCost, customerFigures } from './clv-cac.ts';
import { type CohortFigures, cohortFigures } from './cohort.ts';
import { type MoneyFigures, moneyFigures } from './money.ts';
import { medianStandardError } from './intervals.ts';
import type { PreparedReport } from './prepare.ts';
import { type HoursSaved, hoursSaved, type SystemCost, systemCost } from './savings-cost.ts';
import { type SpeedToLeadCurve, speedToLeadCurve } from './speed-to-lead.ts';
import { customerSatisfaction, type HandoffTime, handoffTime, type Satisfaction } from './team-health.ts';

/** Every windowed figure of METRICS.md for one window W. */
export interface WindowFigures {
  window: Span;
  /** months(W). */
  months: number;
  /** Response, SLA and funnel over the cohort (leads created in W). */
  cohort: CohortFigures;
  speedToLead: SpeedToLeadCurve;
  /** Revenue, deals won, average deal size and sales cycle of won deals closed in W. */
  money: MoneyFigures;
  /** New customers (first purchase in W) and CLV. */
  customers: CustomerFigures;
  cac: CacFigures;
  hoursSaved: HoursSaved;
  systemCost: SystemCost;
  handoff: HandoffTime;
  satisfaction: Satisfaction;
  /**
   * McKean–Schrader standard errors of the window's medians, for their before/after intervals; null below 10 values.
   */
  medianErrors: { responseMinutes: number | null; salesCycleDays: number | null };
}

// The values a standard error is taken over, gathered here between calls (the window's rows are not contiguous in
// any one column: unanswered leads are NaN).
let gathered = new Float64Array(1024);

/**
 * The response minutes of the responded leads among rows `[first, end)`, in a buffer kept between calls. Its own
 * function so the loop's compiled code ends at the loop (see `stats.ts`).
 */
function respondedMinutes(leads: PreparedReport['leads'], first: number, end: number): Float64Array {
  if (gathered.length < end - first) gathered = new Float64Array(Math.max(end - first, 2 * gathered.length));
  let n = 0;
  for (let row = first; row < end; row++) {
    const minutes = leads.responseMinutes[row] as number;
    if (!Number.isNaN(minutes)) gathered[n++] = minutes;
  }
  return gathered.subarray(0, n);
}

/** Standard errors of the median response minutes (cohort of W) and median sales cycle (won deals closed in W). */
export function medianErrors(prepared: PreparedReport, span: Span): WindowFigures['medianErrors'] {
  const { leads, wonDeals } = prepared;
  const [first, end] = rangeIn(leads.createdAt, span);
  const responseMinutes = medianStandardError(respondedMinutes(leads, first, end));
  const [firstDeal, endDeal] = rangeIn(wonDeals.closeDate, span);
  return { responseMinutes, salesCycleDays: medianStandardError(wonDeals.cycleDays.subarray(firstDeal, endDeal)) };
}

export function windowFigures(prepared: PreparedReport, span: Span): WindowFigures {
  const [first, end] = rangeIn(prepared.leads.createdAt, span);
  const cohort = cohortFigures(prepared.leads, first, end);
  const money = moneyFigures(prepared, span);
  return {
    window: span,
    months: prepared.clock.monthsIn(span),
    cohort,
    speedToLead: speedToLeadCurve(cohort, money.averageDealSize),
    money,
    customers: customerFigures(prepared, span),
    cac: customerAcquisitionCost(prepared, span),
    hoursSaved: hoursSaved(prepared, span),
    systemCost: systemCost(prepared, span),
    handoff: handoffTime(prepared, span),
    satisfaction: customerSatisfaction(prepared, span),
    medianErrors: medianErrors(prepared, span),
  };
}
