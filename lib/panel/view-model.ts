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
  type Window,
  windowFigures,
  type WindowFigures,
} from '../metrics';
import { effectiveSource } from '../metrics/sources';
import { isPresent } from '../model/fields';
import type { MetricSettings } from '../model/settings';
import type { Snapshot } from '../model/snapshot';
import type { FilterChoices, PeriodPreset } from './filters';
import { type KpiCardModel, kpiCards } from './kpi-cards';

// Everything the panel renders, as plain data computed in the worker: structured-clone friendly (no class instances,
// no functions), so it crosses `postMessage` and can be kept as the last view for the next open.

export interface RoiCheckpointModel {
  months: number;
  status: RoiAtCheckpoint['status'];
  after: Window;
  baseline: Window;
  revenueAfter: number;
  revenueBefore: number;
  attribution: RoiAtCheckpoint['attribution'];
  control: RoiAtCheckpoint['control'];
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
}

export const MISSING_LIST_LIMIT = 200;

export interface PortalModel {
  portalId?: string;
  uiDomain?: string;
  timeZone?: string;
  currency?: string;
}

export interface PanelView {
  asOf: number;
  /** The settings the figures were computed with (the formulas quote them). */
  settings: MetricSettings;
  timezone: string;
  adoptionDate: string | null;
  period: PeriodPreset;
  window: Window;
  counts: PreparedReport['counts'] & { wonDeals: number };
  /** The dashboard's checkpoint: the latest complete one, else the smallest in progress. */
  checkpoint: { months: number; inProgress: boolean } | null;
  kpis: KpiCardModel[];
  /** Month keys of the sparklines (window KPIs); ROI's sparkline is per month since adoption. */
  sparkMonths: string[];
  feedback: { nps: boolean; csat: boolean };
  roi: { checkpoints: RoiCheckpointModel[]; paybackMonth: number | null };
  funnel: FunnelModel;
  speedToLead: { buckets: SpeedBucketModel[]; revenueAtStake: number | null; averageDealSize: number | null };
  trends: TrendMonthModel[];
  bySource: GroupRowModel[];
  byCampaign: GroupRowModel[];
  byRep: GroupRowModel[];
  forecast: ForecastModel;
  dataQuality: DataQualityModel;
  choices: FilterChoices;
  portal: PortalModel;
}

/** The views' window for a period preset: the last n months before asOf, or adoption → asOf. */
export function periodWindow(prepared: PreparedReport, period: PeriodPreset): Window {
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
  };
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

/** Live leads at asOf lacking a field, newest first. */
export function leadsMissingFields(snapshot: Snapshot, asOf: number, limit = Number.POSITIVE_INFINITY) {
  const rows: Array<MissingFieldsRow & { createdAt: number }> = [];
  for (const lead of snapshot.leads) {
    if (lead.archived || lead.createdAt > asOf) continue;
    const missing = missingFields(lead);
    if (missing.length > 0)
      rows.push({ id: lead.id, name: lead.name, email: lead.email, missing, createdAt: lead.createdAt });
  }
  rows.sort((a, b) => b.createdAt - a.createdAt || (a.id < b.id ? -1 : 1));
  return {
    count: rows.length,
    rows: rows.slice(0, limit).map(({ createdAt: _createdAt, ...row }) => row),
  };
}

export interface PanelViewInput {
  prepared: PreparedReport;
  /** The snapshot the report was prepared from (after filters), for the data-quality list. */
  snapshot: Snapshot;
  choices: FilterChoices;
  period: PeriodPreset;
  portal: PortalModel;
}

/** Every figure of the panel for one (snapshot, settings, asOf, filters). */
export function buildPanelView({ prepared, snapshot, choices, period, portal }: PanelViewInput): PanelView {
  const window = periodWindow(prepared, period);
  const checkpoints: Array<CheckpointView & { model: RoiCheckpointModel }> = [];
  for (const months of [...new Set(prepared.settings.checkpoints)].sort((a, b) => a - b)) {
    const roi = roiAtCheckpoint(prepared, months);
    if (roi === null) continue;
    checkpoints.push({
      roi,
      baseline: windowFigures(prepared, roi.baseline),
      after: windowFigures(prepared, roi.after),
      model: roiCheckpointModel(roi),
    });
  }
  const shown = dashboardCheckpoint(checkpoints);
  const parts = breakdowns(prepared, window);
  const monthFigures = parts.byMonth.map((row) => row.figures);
  const whole = windowFigures(prepared, window);
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
    window,
    counts: { ...prepared.counts, wonDeals: prepared.wonDeals.count },
    checkpoint: shown ? { months: shown.roi.months, inProgress: shown.roi.status === 'in-progress' } : null,
    kpis: shown ? kpiCards(shown, monthFigures, roiByMonth(prepared)) : [],
    sparkMonths: parts.byMonth.map((row) => row.month),
    feedback: feedbackKinds,
    roi: { checkpoints: checkpoints.map((checkpoint) => checkpoint.model), paybackMonth: paybackMonth(prepared) },
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
    dataQuality: { ...quality, missing: missing.rows, missingCount: missing.count },
    choices,
    portal,
  };
}
