// Reads of typed arrays are cast (`as number`): every index is bounded by the window's rows, which
// `noUncheckedIndexedAccess` cannot see.
import { rangeIn, type Span } from './calendar.ts';
import { newCustomerRows } from './clv-cac.ts';
import { type FunnelStep, funnelSteps } from './funnel.ts';
import type { KpiId } from './kpis.ts';
import { type PreparedReport, slaOutcomes } from './prepare.ts';
import { type ResponseBucket, responseBuckets } from './response.ts';

// Drill-down: which records a figure of a window counts, so that a manager can open any number. Each selection gives
// the rows (of the lead table, or of the won-deal table) whose count is the figure's n as METRICS.md defines it: the
// denominator of a rate, the sample of a median or mean, the members of a count. The rows are the index's, so the
// list says exactly what the figure counted; `leadFactsAt` and `wonDealFactsAt` turn a row into its facts.

export const drilldownDimensions = ['source', 'campaign', 'rep'] as const;
export type DrilldownDimension = (typeof drilldownDimensions)[number];

/** A figure that can be opened. A group is keyed as the breakdowns key it: a source, campaign or owner id. */
export type DrilldownTarget =
  | { kind: 'kpi'; kpi: KpiId }
  | { kind: 'bucket'; bucket: ResponseBucket }
  | { kind: 'funnelStep'; step: FunnelStep }
  | { kind: 'group'; dimension: DrilldownDimension; key: string };

export type DrilldownRows =
  | { kind: 'leads'; rows: Uint32Array }
  | { kind: 'deals'; rows: Uint32Array }
  /** The figure counts no lead and no deal (ROI, costs, hours, satisfaction). */
  | { kind: 'none' };

/** Which lead rows of the cohort a lead KPI counts: its rate's denominator, its median's sample, its members. */
type LeadTest = (prepared: PreparedReport, row: number) => boolean;

const atLeastStep =
  (level: number): LeadTest =>
  (prepared, row) =>
    (prepared.leads.level[row] as number) >= level;
const responded: LeadTest = (prepared, row) => !Number.isNaN(prepared.leads.responseMinutes[row] as number);
const waitingOutcome = slaOutcomes.indexOf('waiting');
/** Share within SLA: met + missed + overdue; a lead still waiting inside its SLA is undecided and left out. */
const slaDecided: LeadTest = (prepared, row) => prepared.leads.slaOutcome[row] !== waitingOutcome;

const cohortKpis: Partial<Record<KpiId, LeadTest>> = {
  leads: atLeastStep(1),
  leadToCustomerRate: atLeastStep(1),
  // A step rate n(k+1)/n(k) is over the leads that reached step k.
  newToContacted: atLeastStep(1),
  contactedToQualified: atLeastStep(2),
  qualifiedToOpportunity: atLeastStep(3),
  opportunityToWon: atLeastStep(4),
  medianResponseMinutes: responded,
  meanResponseMinutes: responded,
  shareWithinSla: slaDecided,
};

/** The money KPIs: every one is over the won deals closed in W (the revenue change's A window, by the caller). */
const dealKpis = new Set<KpiId>([
  'revenue',
  'revenueChange',
  'dealsWon',
  'averageDealSize',
  'medianSalesCycleDays',
  'meanSalesCycleDays',
]);

/** Does a KPI open leads, deals or nothing? */
export function drilldownKindOf(kpi: KpiId): DrilldownRows['kind'] {
  if (dealKpis.has(kpi)) return 'deals';
  if (kpi in cohortKpis) return 'leads';
  switch (kpi) {
    case 'newCustomers':
    case 'cac':
    case 'clv':
    case 'repeatRate':
    case 'handoffMedianHours':
      return 'leads';
    default:
      return 'none';
  }
}

function cohortRows(prepared: PreparedReport, span: Span, keep: LeadTest): Uint32Array {
  const [first, end] = rangeIn(prepared.leads.createdAt, span);
  const rows = new Uint32Array(end - first);
  let n = 0;
  for (let row = first; row < end; row++) if (keep(prepared, row)) rows[n++] = row;
  return rows.subarray(0, n);
}

function filtered(rows: Uint32Array, keep: (row: number) => boolean): Uint32Array {
  const kept = new Uint32Array(rows.length);
  let n = 0;
  for (const row of rows) if (keep(row)) kept[n++] = row;
  return kept.subarray(0, n);
}

/** The leads a KPI that is not over the cohort counts: customers by first purchase, MQLs by their date. */
function otherLeadRows(prepared: PreparedReport, span: Span, kpi: KpiId): Uint32Array {
  const { leads } = prepared;
  switch (kpi) {
    case 'newCustomers':
    case 'cac':
      // CAC divides by the new customers of W.
      return Uint32Array.from(newCustomerRows(prepared, span));
    case 'clv':
    case 'repeatRate':
      // Over the new customers whose CLV horizon has been seen whole by asOf.
      return filtered(newCustomerRows(prepared, span), (row) => leads.clvEligible[row] === 1);
    case 'handoffMedianHours': {
      // The median is over the leads that became MQLs in W and have a response at or after it.
      const [first, end] = rangeIn(prepared.mqlAt, span);
      return filtered(prepared.mqlRows.subarray(first, end), (row) => !Number.isNaN(leads.handoffHours[row] as number));
    }
    default:
      return new Uint32Array(0);
  }
}

function groupRows(prepared: PreparedReport, span: Span, dimension: DrilldownDimension, key: string): Uint32Array {
  const { leads, keys } = prepared;
  const table = dimension === 'source' ? keys.sources : dimension === 'rep' ? keys.owners : keys.campaigns;
  const column = dimension === 'source' ? leads.source : dimension === 'rep' ? leads.owner : leads.campaign;
  const code = table.names.indexOf(key);
  // A key the index has never seen has no leads (`code` −1 would match nothing anyway; this says why).
  if (code < 0) return new Uint32Array(0);
  return cohortRows(prepared, span, (_, row) => column[row] === code);
}

/**
 * The rows behind a figure of window W. KPIs take their A or B window as W; buckets, funnel steps and groups the
 * views' window. A group's figure opened here is its cohort leads (the table's "leads" column).
 */
export function drilldownRows(prepared: PreparedReport, target: DrilldownTarget, span: Span): DrilldownRows {
  switch (target.kind) {
    case 'kpi': {
      const kind = drilldownKindOf(target.kpi);
      if (kind === 'deals') {
        const [first, end] = rangeIn(prepared.wonDeals.closeDate, span);
        const rows = new Uint32Array(end - first);
        for (let i = 0; i < rows.length; i++) rows[i] = first + i;
        return { kind, rows };
      }
      if (kind === 'none') return { kind };
      const test = cohortKpis[target.kpi];
      return { kind, rows: test ? cohortRows(prepared, span, test) : otherLeadRows(prepared, span, target.kpi) };
    }
    case 'bucket': {
      const code = responseBuckets.indexOf(target.bucket);
      return { kind: 'leads', rows: cohortRows(prepared, span, (p, row) => p.leads.bucket[row] === code) };
    }
    case 'funnelStep':
      // Each step is implied by any later one: the leads that reached it are those at it or beyond.
      return { kind: 'leads', rows: cohortRows(prepared, span, atLeastStep(funnelSteps.indexOf(target.step) + 1)) };
    case 'group':
      return { kind: 'leads', rows: groupRows(prepared, span, target.dimension, target.key) };
  }
}
