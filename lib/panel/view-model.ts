import {
  type BreakdownRow,
  breakdowns,
  type CheckpointView,
  dashboardCheckpoint,
  dataQuality,
  forecast,
  type FunnelRateName,
  type FunnelStep,
  type PreparedReport,
  paybackMonth,
  type ResponseBucket,
  type RoiAtCheckpoint,
  roiAtCheckpoint,
  type Span,
  windowFigures,
  type WindowFigures,
} from '../metrics';
import { type Breakdowns, FAIR_REP_MIN_LEADS } from '../metrics/breakdowns';
import { dealStageFunnel, type PipelineFunnel } from '../metrics/deal-funnel';
import { effectiveSource } from '../metrics/sources';
import { isPresent } from '../model/present';
import type { MetricSettings } from '../model/settings';
import type { Snapshot } from '../model/snapshot';
import type { FilterChoices, PeriodPreset } from './filters';
import { type KpiCardModel, kpiCards } from './kpi-cards';

// Everything the panel renders, as plain data computed in the worker: structured-clone friendly (no class instances,
// no functions), so it crosses `postMessage` and can be kept as the last view for the next open.

export interface RoiCheckpointModel {
  months: number;
  status: RoiAtCheckpoint['status'];
  after: Span;
  baseline: Span;
  revenueAfter: number;
  revenueBefore: number;
  attribution: RoiAtCheckpoint['attribution'];
  control: RoiAtCheckpoint['control'];
  /** The attribution share (or control segment) and margin this ROI assumed. */
  assumptions: RoiAtCheckpoint['assumptions'];
  /** The stated assumptions it waits for (`needsMargin`, `needsAttribution`). */
  reasons: RoiAtCheckpoint['reasons'];
  revenueChangeInterval: RoiAtCheckpoint['revenueChangeInterval'];
  roiInterval: RoiAtCheckpoint['roiInterval'];
  incrementalRevenue: number | null;
  incrementalProfit: number | null;
  automatedTouches: number;
  hoursSaved: number;
  hoursSavedValue: number;
  gain: number | null;
  systemCostMonths: number;
  systemCostRunning: number;
  systemCostOneOff: number;
  systemCost: number;
  roi: number | null;
}

export interface FunnelModel {
  counts: Record<FunnelStep, number>;
  rates: Record<FunnelRateName, number | null>;
  dropOffStep: FunnelRateName | null;
  leadToCustomerRate: number | null;
}

export interface SpeedBucketModel {
  bucket: ResponseBucket;
  n: number;
  qualifiedRate: number | null;
  wonRate: number | null;
}

export interface TrendMonthModel {
  month: string;
  leads: number;
  medianResponseMinutes: number | null;
  leadToCustomerRate: number | null;
  revenue: number;
  medianCycleDays: number | null;
}

export interface GroupRowModel {
  key: string;
  /** Display name (a rep's name; else the key). */
  label: string;
  leads: number;
  medianResponseMinutes: number | null;
  shareWithinSla: number | null;
  leadToCustomerRate: number | null;
  revenue: number;
  dealsWon: number;
  newCustomers: number;
  spend: number;
  cac: number | null;
  revenuePerLead: number | null;
  returnOnSpend: number | null;
  revenueAtStake: number | null;
}

/** A rep's lead-to-customer rate set against their source mix (fair rep comparison). */
export interface FairRepModel {
  key: string;
  label: string;
  leads: number;
  leadToCustomerRate: number | null;
  interval: { low: number; high: number } | null;
  expectedRate: number | null;
  vsExpected: number | null;
  winRate: number | null;
  dealsClosed: number;
  /** Cohort leads of the rep that reached the funnel's `won` step (the rate's numerator). */
  won: number;
  /** Won deals with a close in W going to the rep (the deal's owner, else its primary lead's). */
  dealsWon: number;
  /** The rep's median sales cycle of those deals, and median response over their cohort leads (by-rep figures). */
  medianCycleDays: number | null;
  medianResponseMinutes: number | null;
  /** Fewer cohort leads than `FAIR_REP_MIN_LEADS`: the rate and its gap to the expected rate are shown with a caution. */
  smallSample: boolean;
}

export interface ForecastModel {
  weightedPipeline: number;
  openDeals: number;
  unknownStageDeals: number;
  byMonth: Array<{ month: string; deals: number; amount: number; weighted: number }>;
  history: Array<{ month: string; revenue: number }>;
  projection: Array<{ month: string; revenue: number }>;
  slope: number;
  intercept: number;
}

export const leadFields = ['email', 'owner', 'source', 'stage'] as const;
export type LeadField = (typeof leadFields)[number];

export interface MissingFieldsRow {
  id: string;
  name: string;
  email: string;
  missing: LeadField[];
}

export interface DataQualityModel {
  liveLeads: number;
  completeLeads: number;
  dataCompleteness: number | null;
  openLeads: number;
  freshLeads: number;
  dataFreshness: number | null;
  /** Leads missing a field, the first `MISSING_LIST_LIMIT` (the CSV export has them all). */
  missing: MissingFieldsRow[];
  missingCount: number;
  /** How many of those lack each field (a lead can lack several). */
  missingByField: Record<LeadField, number>;
}

/** The cumulative ROI at one whole number of months since adoption. */
export interface RoiToDateModel {
  months: number;
  gain: number | null;
  cost: number;
  roi: number | null;
}

/**
 * What the payback month rests on: the cumulative gain and cost at the payback month and the month before it, or,
 * while not paid back, at the latest month that has ended. Null while no whole month since adoption has ended.
 */
export interface PaybackModel {
  paidBack: boolean;
  at: RoiToDateModel;
  previous: RoiToDateModel | null;
}

/** The period's figures over every row of the views' tables: the tables' total row. */
export interface WindowTotalsModel {
  leads: number;
  /** Leads of the cohort that became customers (the funnel's `won`). */
  won: number;
  leadToCustomerRate: number | null;
  responded: number;
  medianResponseMinutes: number | null;
  slaMet: number;
  slaDecided: number;
  shareWithinSla: number | null;
  revenue: number;
  dealsWon: number;
  cycleDeals: number;
  medianCycleDays: number | null;
}

export const MISSING_LIST_LIMIT = 200;

export interface PortalModel {
  portalId?: string;
  uiDomain?: string;
  timeZone?: string;
  currency?: string;
}

/** Every KPI at one checkpoint of the settings, for the table that shows whether a gain lasts or fades. */
export interface CheckpointColumnModel {
  months: number;
  status: RoiAtCheckpoint['status'];
  /** The cards' figures without their sparklines (the table has none); ROI is the whole portal's. */
  cards: KpiCardModel[];
}

export interface PanelView {
  asOf: number;
  /** The settings the figures were computed with (the formulas quote them). */
  settings: MetricSettings;
  timezone: string;
  adoptionDate: string | null;
  period: PeriodPreset;
  window: Span;
  counts: PreparedReport['counts'] & { wonDeals: number };
  /** The dashboard's checkpoint: the latest complete one, else the smallest in progress. */
  checkpoint: { months: number; inProgress: boolean } | null;
  kpis: KpiCardModel[];
  /** Every KPI at every checkpoint that has started, shortest first. */
  checkpointTable: CheckpointColumnModel[];
  /** Month keys of the sparklines (window KPIs); ROI's sparkline is per month since adoption. */
  sparkMonths: string[];
  feedback: { nps: boolean; csat: boolean };
  /** Always for the whole portal: the investment is the whole system's, so filters do not narrow it. */
  roi: { checkpoints: RoiCheckpointModel[]; paybackMonth: number | null; payback: PaybackModel | null };
  totals: WindowTotalsModel;
  funnel: FunnelModel;
  speedToLead: { buckets: SpeedBucketModel[]; revenueAtStake: number | null; averageDealSize: number | null };
  trends: TrendMonthModel[];
  bySource: GroupRowModel[];
  byCampaign: GroupRowModel[];
  byRep: GroupRowModel[];
  fairRep: FairRepModel[];
  /** The deal-stage funnel of each pipeline over the deals created in the window (plain data already). */
  dealFunnel: PipelineFunnel[];
  forecast: ForecastModel;
  dataQuality: DataQualityModel;
  choices: FilterChoices;
  portal: PortalModel;
}

/** The views' window for a period preset: the last n months before asOf, or adoption → asOf. */
export function periodWindow(prepared: PreparedReport, period: PeriodPreset): Span {
  const { asOf, clock, adoptionAt } = prepared;
  if (period === 'sinceAdoption' && adoptionAt !== null && adoptionAt < asOf) return { from: adoptionAt, to: asOf };
  const months = period === '3m' ? 3 : period === '6m' ? 6 : period === '12m' ? 12 : 24;
  return { from: clock.addMonths(asOf, -months), to: asOf };
}

export function roiCheckpointModel(roi: RoiAtCheckpoint): RoiCheckpointModel {
  return {
    months: roi.months,
    status: roi.status,
    after: roi.after,
    baseline: roi.baseline,
    revenueAfter: roi.revenueAfter,
    revenueBefore: roi.revenueBefore,
    attribution: roi.attribution,
    control: roi.control,
    assumptions: roi.assumptions,
    reasons: [...roi.reasons],
    revenueChangeInterval: roi.revenueChangeInterval,
    roiInterval: roi.roiInterval,
    incrementalRevenue: roi.incrementalRevenue,
    incrementalProfit: roi.incrementalProfit,
    automatedTouches: roi.hoursSaved.automatedTouches,
    hoursSaved: roi.hoursSaved.hours,
    hoursSavedValue: roi.hoursSaved.value,
    gain: roi.gain,
    systemCostMonths: roi.systemCost.months,
    systemCostRunning: roi.systemCost.running,
    systemCostOneOff: roi.systemCost.oneOff,
    systemCost: roi.systemCost.total,
    roi: roi.roi,
  };
}

/** ROI of an m-month checkpoint for every whole month since adoption that has ended (at most 36), for the sparkline. */
export function roiByMonth(prepared: PreparedReport): Array<number | null> {
  const { adoptionAt, asOf, clock } = prepared;
  if (adoptionAt === null) return [];
  const series: Array<number | null> = [];
  for (let months = 1; months <= 36 && clock.addMonths(adoptionAt, months) <= asOf; months++) {
    series.push(roiAtCheckpoint(prepared, months)?.roi ?? null);
  }
  return series;
}

function roiToDate(roi: RoiAtCheckpoint): RoiToDateModel {
  return { months: roi.months, gain: roi.gain, cost: roi.systemCost.total, roi: roi.roi };
}

/** The payback month's figures (see `PaybackModel`); `month` is METRICS.md's payback month of the same report. */
export function paybackModel(prepared: PreparedReport, month: number | null): PaybackModel | null {
  const { adoptionAt, asOf, clock } = prepared;
  if (adoptionAt === null) return null;
  const at = (months: number) => {
    const roi = months >= 1 ? roiAtCheckpoint(prepared, months) : null;
    return roi === null ? null : roiToDate(roi);
  };
  if (month !== null) {
    const paid = at(month);
    return paid === null ? null : { paidBack: true, at: paid, previous: at(month - 1) };
  }
  // Not paid back: the latest whole month that has ended (the payback search looked at every one up to it).
  let ended = 0;
  while (clock.addMonths(adoptionAt, ended + 1) <= asOf) ended++;
  const latest = at(ended);
  return latest === null ? null : { paidBack: false, at: latest, previous: null };
}

/**
 * ROI, its checkpoints, the payback month and the monthly ROI series of a report. The panel computes them on the
 * whole portal (the unfiltered snapshot), whatever the filters: the system's cost is the whole portal's, so an ROI
 * of one source or rep would set part of the gain against all of the cost.
 */
export interface PortalRoi {
  byMonths: ReadonlyMap<number, RoiAtCheckpoint>;
  paybackMonth: number | null;
  payback: PaybackModel | null;
  roiByMonth: Array<number | null>;
}

export function portalRoi(prepared: PreparedReport): PortalRoi {
  const byMonths = new Map<number, RoiAtCheckpoint>();
  for (const months of new Set(prepared.settings.checkpoints)) {
    const roi = roiAtCheckpoint(prepared, months);
    if (roi !== null) byMonths.set(months, roi);
  }
  const month = paybackMonth(prepared);
  return { byMonths, paybackMonth: month, payback: paybackModel(prepared, month), roiByMonth: roiByMonth(prepared) };
}

function groupRow(row: BreakdownRow, label: string): GroupRowModel {
  return {
    key: row.key,
    label,
    leads: row.cohort.leads,
    medianResponseMinutes: row.cohort.response.medianMinutes,
    shareWithinSla: row.cohort.sla.shareWithinSla,
    leadToCustomerRate: row.cohort.funnel.leadToCustomerRate,
    revenue: row.money.revenue,
    dealsWon: row.money.dealsWon,
    newCustomers: row.customers.newCustomers,
    spend: row.spend,
    cac: row.cac,
    revenuePerLead: row.revenuePerLead,
    returnOnSpend: row.returnOnSpend,
    revenueAtStake: row.revenueAtStake,
  };
}

/** The fair rep comparison joined with each rep's by-rep figures (same owner keys: lead owner, deal owner). */
function fairRepRows(parts: Breakdowns, names: ReadonlyMap<string, string>): FairRepModel[] {
  const byRep = new Map(parts.byRep.map((row) => [row.key, row]));
  return parts.fairRep.map((row) => {
    const rep = byRep.get(row.key);
    return {
      key: row.key,
      label: names.get(row.key) ?? row.key,
      leads: row.leads,
      leadToCustomerRate: row.leadToCustomerRate,
      interval: row.interval,
      expectedRate: row.expectedRate,
      vsExpected: row.vsExpected,
      winRate: row.winRate,
      dealsClosed: row.dealsClosed,
      won: row.won,
      dealsWon: row.dealsWon,
      medianCycleDays: rep?.money.salesCycleDays.median ?? null,
      medianResponseMinutes: rep?.cohort.response.medianMinutes ?? null,
      smallSample: row.leads < FAIR_REP_MIN_LEADS,
    };
  });
}

function trendMonth(month: string, figures: WindowFigures): TrendMonthModel {
  return {
    month,
    leads: figures.cohort.leads,
    medianResponseMinutes: figures.cohort.response.medianMinutes,
    leadToCustomerRate: figures.cohort.funnel.leadToCustomerRate,
    revenue: figures.money.revenue,
    medianCycleDays: figures.money.salesCycleDays.median,
  };
}

/** Which of METRICS.md's completeness fields a live lead lacks. */
export function missingFields(lead: Snapshot['leads'][number]): LeadField[] {
  const missing: LeadField[] = [];
  if (!isPresent(lead.email)) missing.push('email');
  if (!isPresent(lead.ownerId)) missing.push('owner');
  if (effectiveSource(lead) === 'unknown') missing.push('source');
  if (!isPresent(lead.lifecycleStage)) missing.push('stage');
  return missing;
}

/** Live leads at asOf lacking a field, newest first, and how many lack each field. */
export function leadsMissingFields(snapshot: Snapshot, asOf: number, limit = Number.POSITIVE_INFINITY) {
  const rows: Array<MissingFieldsRow & { createdAt: number }> = [];
  const byField: Record<LeadField, number> = { email: 0, owner: 0, source: 0, stage: 0 };
  for (const lead of snapshot.leads) {
    if (lead.archived || lead.createdAt > asOf) continue;
    const missing = missingFields(lead);
    if (missing.length === 0) continue;
    for (const field of missing) byField[field]++;
    rows.push({ id: lead.id, name: lead.name, email: lead.email, missing, createdAt: lead.createdAt });
  }
  rows.sort((a, b) => b.createdAt - a.createdAt || (a.id < b.id ? -1 : 1));
  return {
    count: rows.length,
    byField,
    rows: rows.slice(0, limit).map(({ createdAt: _createdAt, ...row }) => row),
  };
}

function windowTotals(figures: WindowFigures): WindowTotalsModel {
  const { cohort, money } = figures;
  return {
    leads: cohort.leads,
    won: cohort.funnel.counts.won,
    leadToCustomerRate: cohort.funnel.leadToCustomerRate,
    responded: cohort.response.responded,
    medianResponseMinutes: cohort.response.medianMinutes,
    slaMet: cohort.sla.met,
    slaDecided: cohort.sla.decided,
    shareWithinSla: cohort.sla.shareWithinSla,
    revenue: money.revenue,
    dealsWon: money.dealsWon,
    cycleDeals: money.salesCycleDays.deals,
    medianCycleDays: money.salesCycleDays.median,
  };
}

export interface PanelViewInput {
  prepared: PreparedReport;
  /** The snapshot the report was prepared from (after filters), for the data-quality list. */
  snapshot: Snapshot;
  choices: FilterChoices;
  period: PeriodPreset;
  portal: PortalModel;
  /** `portalRoi` of the unfiltered report with the same settings and asOf; defaults to this report's own. */
  wholePortal?: PortalRoi;
}

/** Every figure of the panel for one (snapshot, settings, asOf, filters). */
export function buildPanelView({
  prepared,
  snapshot,
  choices,
  period,
  portal,
  wholePortal = portalRoi(prepared),
}: PanelViewInput): PanelView {
  const span = periodWindow(prepared, period);
  const checkpoints: Array<CheckpointView & { whole: RoiAtCheckpoint }> = [];
  for (const months of [...new Set(prepared.settings.checkpoints)].sort((a, b) => a - b)) {
    // The filtered ROI gives the KPI cards their windows and revenue change; the ROI itself is the whole portal's.
    const roi = roiAtCheckpoint(prepared, months);
    const whole = wholePortal.byMonths.get(months);
    if (roi === null || whole === undefined) continue;
    checkpoints.push({
      roi,
      baseline: windowFigures(prepared, roi.baseline),
      after: windowFigures(prepared, roi.after),
      whole,
    });
  }
  const shown = dashboardCheckpoint(checkpoints);
  const parts = breakdowns(prepared, span);
  const monthFigures = parts.byMonth.map((row) => row.figures);
  const whole = windowFigures(prepared, span);
  const names = new Map(choices.owners.map((owner) => [owner.id, owner.name]));
  const quality = dataQuality(prepared);
  const missing = leadsMissingFields(snapshot, prepared.asOf, MISSING_LIST_LIMIT);
  const pipeline = forecast(prepared);
  const feedbackKinds = { nps: false, csat: false };
  for (const entry of prepared.feedback) feedbackKinds[entry.kind] = true;

  return {
    asOf: prepared.asOf,
    settings: prepared.settings,
    timezone: prepared.settings.timezone,
    adoptionDate: prepared.settings.adoptionDate ?? null,
    period,
    window: span,
    counts: { ...prepared.counts, wonDeals: prepared.wonDeals.count },
    checkpoint: shown ? { months: shown.roi.months, inProgress: shown.roi.status === 'in-progress' } : null,
    kpis: shown ? kpiCards(shown, monthFigures, wholePortal.roiByMonth, shown.whole, prepared.settings) : [],
    checkpointTable: checkpoints
      .filter((checkpoint) => checkpoint.roi.status !== 'not-started')
      .map((checkpoint) => ({
        months: checkpoint.roi.months,
        status: checkpoint.roi.status,
        cards: kpiCards(checkpoint, [], [], checkpoint.whole, prepared.settings),
      })),
    sparkMonths: parts.byMonth.map((row) => row.month),
    feedback: feedbackKinds,
    roi: {
      checkpoints: checkpoints.map((checkpoint) => roiCheckpointModel(checkpoint.whole)),
      paybackMonth: wholePortal.paybackMonth,
      payback: wholePortal.payback,
    },
    totals: windowTotals(whole),
    funnel: {
      counts: { ...whole.cohort.funnel.counts },
      rates: { ...whole.cohort.funnel.rates },
      dropOffStep: whole.cohort.funnel.dropOffStep,
      leadToCustomerRate: whole.cohort.funnel.leadToCustomerRate,
    },
    speedToLead: {
      buckets: whole.speedToLead.buckets.map(({ bucket, n, qualifiedRate, wonRate }) => ({
        bucket,
        n,
        qualifiedRate,
        wonRate,
      })),
      revenueAtStake: whole.speedToLead.revenueAtStake,
      averageDealSize: whole.money.averageDealSize,
    },
    trends: parts.byMonth.map((row) => trendMonth(row.month, row.figures)),
    bySource: parts.bySource.map((row) => groupRow(row, row.key)),
    byCampaign: parts.byCampaign.map((row) => groupRow(row, row.key)),
    byRep: parts.byRep.map((row) => groupRow(row, names.get(row.key) ?? row.key)),
    fairRep: fairRepRows(parts, names),
    dealFunnel: dealStageFunnel(prepared.dealStages, span),
    forecast: {
      weightedPipeline: pipeline.weightedPipeline,
      openDeals: pipeline.openDeals,
      unknownStageDeals: pipeline.unknownStageDeals,
      byMonth: Object.entries(pipeline.byMonth).map(([month, m]) => ({ month, ...m })),
      history: pipeline.trend.history,
      projection: pipeline.trend.projection,
      slope: pipeline.trend.slope,
      intercept: pipeline.trend.intercept,
    },
    dataQuality: { ...quality, missing: missing.rows, missingCount: missing.count, missingByField: missing.byField },
    choices,
    portal,
  };
}
