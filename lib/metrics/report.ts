import type { ControlSegment, MetricSettings } from '../model/settings.ts';
import type { Snapshot } from '../model/snapshot.ts';
import { type Breakdowns, breakdowns } from './breakdowns.ts';
import { monthKeyOf, type Span } from './calendar.ts';
import { dealStageFunnel, type PipelineFunnel } from './deal-funnel.ts';
import { type Forecast, forecast } from './forecast.ts';
import { type Comparison, type CheckpointView, compareWindows, type KpiSet, kpiSet, type WindowKpiId } from './kpis.ts';
import { type LeadFacts, perLeadFacts } from './lead-facts.ts';
import { type PreparedReport, prepareReport, releasePreparedReport } from './prepare.ts';
import type { WaitState } from './response.ts';
import { paybackMonth, type RoiAtCheckpoint, roiAtCheckpoint } from './roi.ts';
import { type TargetResult, targetsAtCheckpoint } from './targets.ts';
import { type DataQuality, dataQuality, type TemperatureCounts, temperatureCounts } from './team-health.ts';
import { type WindowFigures, windowFigures } from './window-figures.ts';

/** A window's figures, with its breakdowns and the deal-stage funnel of the deals created in it (per pipeline). */
export type WindowReport = WindowFigures & { breakdowns: Breakdowns; dealFunnel: PipelineFunnel[] };

export interface CheckpointReport {
  roi: RoiAtCheckpoint;
  baseline: WindowReport;
  after: WindowReport;
  /** Every comparable KPI: B, A, d, and for rates the 95 % interval. */
  comparison: Record<WindowKpiId, Comparison>;
  /** Each KPI with a target (`settings.targets`): the figure compared and `met`, `missed` or null. */
  targets: TargetResult[];
}

export type TimerCounts = Record<'open' | 'inbound', Record<WaitState, number>>;

/**
 * The payback month (METRICS.md, "ROI"): `month` whole months after adoption, the month itself `[from, to)` =
 * `[adoption + (month − 1) months, adoption + month months)`, and `label` the local calendar month `YYYY-MM` that it
 * starts in (the calendar month itself when adoption is on a 1st).
 */
export interface PaybackReport {
  month: number;
  label: string;
  from: number;
  to: number;
}

export interface Report {
  asOf: number;
  timezone: string;
  adoptionDate: string | null;
  /** The settings the figures were computed with, as read (unset money and assumptions are null). */
  settings: MetricSettings;
  /** The control segment that replaced `attributionPct`, or null when none is set (or it lists nothing). */
  controlSegment: ControlSegment | null;
  /** `owners`: rows of the snapshot's owners table (the reps), when the report was given the snapshot. */
  counts: PreparedReport['counts'] & { owners: number | null };
  /** The report's window (default: the 24 months before asOf). */
  window: WindowReport;
  /** Figures taken at asOf rather than over a window. */
  atAsOf: { timers: TimerCounts; dataQuality: DataQuality; temperature: TemperatureCounts };
  forecast: Forecast;
  checkpoints: CheckpointReport[];
  paybackMonth: number | null;
  payback: PaybackReport | null;
  kpis: KpiSet;
  /** With `perLead`: one row per lead of the report window's cohort (METRICS.md, "Per-lead facts"). */
  perLead?: LeadFacts[];
}

export interface ReportOptions {
  window?: Span;
  /** How many owners (reps) the snapshot lists: the prepared index keeps no owners table. */
  owners?: number;
  /** Add the per-lead facts of the window's cohort (`npm run report -- --per-lead`). */
  perLead?: boolean;
}

/** The default window: the 24 months before asOf, `[asOf − 24 months, asOf)`. */
export function defaultWindow(prepared: PreparedReport): Span {
  return { from: prepared.clock.addMonths(prepared.asOf, -24), to: prepared.asOf };
}

export function timerCounts(prepared: PreparedReport): TimerCounts {
  const { open, inbound } = prepared.atAsOf.timers;
  return { open: { ...open }, inbound: { ...inbound } };
}

function windowReport(prepared: PreparedReport, span: Span): WindowReport {
  return {
    ...windowFigures(prepared, span),
    breakdowns: breakdowns(prepared, span),
    dealFunnel: dealStageFunnel(prepared.dealStages, span),
  };
}

/** The whole report from an index built once: the window, every checkpoint's B and A, breakdowns, forecast, KPIs. */
export function reportFromPrepared(prepared: PreparedReport, options: ReportOptions = {}): Report {
  const span = options.window ?? defaultWindow(prepared);
  const checkpoints: CheckpointReport[] = [];
  for (const months of [...new Set(prepared.settings.checkpoints)].sort((a, b) => a - b)) {
    const roi = roiAtCheckpoint(prepared, months);
    if (roi === null) continue;
    const baseline = windowReport(prepared, roi.baseline);
    const after = windowReport(prepared, roi.after);
    checkpoints.push({
      roi,
      baseline,
      after,
      comparison: compareWindows(baseline, after),
      targets: targetsAtCheckpoint(prepared.settings.targets, roi, after),
    });
  }
  const views: CheckpointView[] = checkpoints;
  const month = paybackMonth(prepared);
  return {
    asOf: prepared.asOf,
    timezone: prepared.settings.timezone,
    adoptionDate: prepared.settings.adoptionDate ?? null,
    settings: prepared.settings,
    controlSegment: prepared.hasControl ? (prepared.settings.controlSegment ?? null) : null,
    counts: { ...prepared.counts, owners: options.owners ?? null },
    window: windowReport(prepared, span),
    atAsOf: {
      timers: timerCounts(prepared),
      dataQuality: dataQuality(prepared),
      temperature: temperatureCounts(prepared),
    },
    forecast: forecast(prepared),
    checkpoints,
    paybackMonth: month,
    payback: paybackReport(prepared, month),
    kpis: kpiSet(views),
    ...(options.perLead ? { perLead: perLeadFacts(prepared, span) } : {}),
  };
}

/** The payback month as a span and a calendar label; null when there is none yet. */
export function paybackReport(prepared: PreparedReport, month: number | null): PaybackReport | null {
  if (month === null || prepared.adoptionAt === null) return null;
  const from = prepared.clock.addMonths(prepared.adoptionAt, month - 1);
  const to = prepared.clock.addMonths(prepared.adoptionAt, month);
  return { month, label: monthKeyOf(prepared.clock.monthOf(from)), from, to };
}

/** Every figure of METRICS.md for `(snapshot, settings, asOf)`. */
export function buildReport(
  snapshot: Snapshot,
  settings: MetricSettings,
  asOf: number,
  options: ReportOptions = {},
): Report {
  const prepared = prepareReport(snapshot, settings, asOf);
  try {
    return reportFromPrepared(prepared, { owners: snapshot.owners.length, ...options });
  } finally {
    // The report holds figures, not the index's columns: the next report may reuse them.
    releasePreparedReport(prepared);
  }
}
