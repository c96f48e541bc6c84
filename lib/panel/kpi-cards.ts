import {
  type CheckpointView,
  defaultKpiIds,
  type KpiId,
  type KpiUnit,
  kpiAtCheckpoint,
  MEDIAN_INTERVAL_MIN_N,
  type RoiAtCheckpoint,
  type RoiReading,
  type RoiReason,
  type TargetStatus,
  targetStatus,
  targetValue,
  type WindowFigures,
  type WindowKpiId,
  windowKpiIds,
  windowKpis,
} from '../metrics';
import { type TargetKey, targetKeys } from '../model/targets';
import type { MetricSettings } from '../model/settings';

// KPI card models: what one card shows (B, A, d, the 95 % interval for rates, a sparkline) as plain data the worker
// can post and a test can check. Labels and formatting happen in the component, through the catalogues.

export const allKpiIds: readonly KpiId[] = ['roi', 'revenueChange', ...windowKpiIds];
export const satisfactionKpiIds = ['nps', 'csat'] as const satisfies readonly WindowKpiId[];
export const MIN_CARDS = 5;
export const MAX_CARDS = 7;

export interface KpiCardModel {
  id: KpiId;
  unit: KpiUnit;
  before: number | null;
  after: number | null;
  difference: number | null;
  /** The 95 % interval of d (of the ROI itself for the ROI card); null when the KPI has none or a side lacks data. */
  interval: { low: number; high: number } | null;
  notSignificant: boolean | null;
  /** ROI only: "loss shown", "break-even shown" or "break-even not yet shown". */
  reading: RoiReading | null;
  /** ROI only: the stated assumptions it waits for, shown as words instead of a number. */
  reasons: RoiReason[];
  /** Settings this card is computed from that are all unset: the card shows "—" and asks for them, never a 0. */
  needs: SettingToEnter[];
  /** The manager's target for this KPI and whether the checkpoint's figure met it; null without a target. */
  target: { value: number; status: TargetStatus | null } | null;
  /** A rate's own denominators (n_A, n_B), or the sample a median/mean is over; null when the figure has none. */
  afterN: number | null;
  beforeN: number | null;
  /** The figure per month of the panel's window (ROI: per whole month since adoption). */
  sparkline: Array<number | null>;
}

/** Settings a card can ask for (the setup form's fields). */
export type SettingToEnter =
  | 'marketingSpend'
  | 'salesCostPerMonth'
  | 'licensePerMonth'
  | 'maintenancePerMonth'
  | 'implementationCost'
  | 'trainingCost'
  | 'hourlyCost'
  | 'minutesSavedPerAutomatedTouch'
  | 'manualHoursSavedPerMonth';

type MoneySetting = Exclude<SettingToEnter, 'marketingSpend'>;

const systemCostInputs: MoneySetting[] = [
  'licensePerMonth',
  'maintenancePerMonth',
  'implementationCost',
  'trainingCost',
];
const hoursInputs: MoneySetting[] = ['minutesSavedPerAutomatedTouch', 'manualHoursSavedPerMonth'];

/**
 * The inputs to ask for when every one a card rests on is unset (METRICS.md: "—" with what to enter applies to a
 * card whose input is unset, not to an entered 0). A card with one input entered shows its figure.
 */
export function settingsToEnter(id: KpiId, settings: MetricSettings | undefined): SettingToEnter[] {
  if (settings === undefined) return [];
  const unset = (fields: MoneySetting[]) =>
    fields.every((field) => settings[field] === null || settings[field] === undefined);
  switch (id) {
    case 'cac': {
      const noSpend = Object.keys(settings.marketingSpend).length === 0;
      return noSpend && unset(['salesCostPerMonth']) ? ['marketingSpend', 'salesCostPerMonth'] : [];
    }
    case 'systemCost':
    case 'roi':
      return unset(systemCostInputs) ? [...systemCostInputs] : [];
    case 'hoursSaved':
      return unset(hoursInputs) ? [...hoursInputs] : [];
    case 'hoursSavedValue':
      if (unset(['hourlyCost'])) return ['hourlyCost'];
      return unset(hoursInputs) ? [...hoursInputs] : [];
    default:
      return [];
  }
}

interface Denominated {
  denominator?: (figures: WindowFigures) => number;
}

/** The sample behind a figure that is not a rate, for "n = …" in the formula and the "too little data" mark. */
const sampleOf: Partial<Record<WindowKpiId, (figures: WindowFigures) => number>> = {
  medianResponseMinutes: (f) => f.cohort.response.responded,
  meanResponseMinutes: (f) => f.cohort.response.responded,
  medianSalesCycleDays: (f) => f.money.salesCycleDays.deals,
  meanSalesCycleDays: (f) => f.money.salesCycleDays.deals,
  averageDealSize: (f) => f.money.dealsWon,
  cac: (f) => f.customers.newCustomers,
  clv: (f) => f.customers.clv.customers,
  handoffMedianHours: (f) => f.handoff.responded,
  nps: (f) => f.satisfaction.npsResponses,
};

export function sampleSize(id: KpiId, figures: WindowFigures): number | null {
  if (id === 'roi' || id === 'revenueChange') return null;
  const definition = windowKpis[id];
  if ('denominator' in definition) return (definition as Denominated).denominator?.(figures) ?? null;
  return sampleOf[id]?.(figures) ?? null;
}

/** The value of a window KPI (revenue for the revenue change) in each month, for the sparkline. */
export function monthlySeries(id: KpiId, months: readonly WindowFigures[]): Array<number | null> {
  if (id === 'roi') return [];
  const windowId: WindowKpiId = id === 'revenueChange' ? 'revenue' : id;
  return months.map((figures) => windowKpis[windowId].value(figures));
}

/**
 * One card per KPI id at the dashboard's checkpoint. `wholePortalRoi` is the whole portal's ROI at that checkpoint:
 * the ROI card shows it whatever the filters (the other cards follow the filters).
 */
export function kpiCard(
  id: KpiId,
  view: CheckpointView,
  months: readonly WindowFigures[],
  roiByMonth: ReadonlyArray<number | null>,
  wholePortalRoi: RoiAtCheckpoint = view.roi,
  settings?: MetricSettings,
): KpiCardModel {
  const value = kpiAtCheckpoint(id, id === 'roi' ? { ...view, roi: wholePortalRoi } : view);
  const needs = settingsToEnter(id, settings);
  const goal = (targetKeys as readonly string[]).includes(id) ? settings?.targets?.[id as TargetKey] : undefined;
  const compared =
    goal === undefined ? null : targetValue(id as TargetKey, id === 'roi' ? wholePortalRoi : view.roi, view.after);
  // Inputs all unset: the figures would be sums of nothing (0), which reads as a measured 0; the card has none.
  const shown = needs.length === 0;
  return {
    id,
    unit: value.unit,
    before: shown ? value.before : null,
    after: shown ? value.after : null,
    difference: shown ? value.difference : null,
    interval: shown && value.interval ? { low: value.interval.low, high: value.interval.high } : null,
    notSignificant: shown ? value.notSignificant : null,
    reading: shown ? value.reading : null,
    reasons: value.reasons,
    needs,
    target: goal === undefined ? null : { value: goal, status: targetStatus(id as TargetKey, compared, goal) },
    afterN: sampleSize(id, view.after),
    beforeN: sampleSize(id, view.baseline),
    sparkline: !shown ? [] : id === 'roi' ? [...roiByMonth] : monthlySeries(id, months),
  };
}

export function kpiCards(
  view: CheckpointView,
  months: readonly WindowFigures[],
  roiByMonth: ReadonlyArray<number | null>,
  wholePortalRoi: RoiAtCheckpoint = view.roi,
  settings?: MetricSettings,
): KpiCardModel[] {
  return allKpiIds.map((id) => kpiCard(id, view, months, roiByMonth, wholePortalRoi, settings));
}

/** Is the value a rate whose comparison has an interval (NPS's is left out)? */
export function isRate(card: Pick<KpiCardModel, 'unit'>): boolean {
  return card.unit === 'rate';
}

/** Does the card show "—" with words instead of its number (a stated assumption or every input unset)? */
export function awaitsInput(card: Pick<KpiCardModel, 'reasons' | 'needs'>): boolean {
  return card.reasons.length > 0 || card.needs.length > 0;
}

/** Why a card has no interval: a rate's side has nothing to divide by, or a median's has fewer than 10 values. */
export function tooLittleData(card: KpiCardModel): boolean {
  if (card.interval !== null) return false;
  if (card.id === 'medianResponseMinutes' || card.id === 'medianSalesCycleDays') {
    // McKean–Schrader needs 10 values a side.
    return (card.afterN ?? 0) < MEDIAN_INTERVAL_MIN_N || (card.beforeN ?? 0) < MEDIAN_INTERVAL_MIN_N;
  }
  return isRate(card) && (card.afterN === 0 || card.beforeN === 0 || card.after === null);
}

/**
 * The cards the dashboard shows, in the manager's order: unknown ids dropped, duplicates removed, 5–7 kept (padded
 * from the default set). Satisfaction cards are added after them when the portal has that kind of feedback.
 */
export function dashboardIds(
  chosen: readonly string[] | undefined,
  feedback: { nps: boolean; csat: boolean },
): { main: KpiId[]; satisfaction: KpiId[] } {
  const known = new Set<string>(allKpiIds);
  const main: KpiId[] = [];
  for (const id of chosen ?? defaultKpiIds) {
    if (known.has(id) && !main.includes(id as KpiId) && main.length < MAX_CARDS) main.push(id as KpiId);
  }
  for (const id of defaultKpiIds) if (main.length < MIN_CARDS && !main.includes(id)) main.push(id);
  const satisfaction = satisfactionKpiIds.filter((id) => feedback[id] && !main.includes(id));
  return { main, satisfaction };
}

/** Replaces the card at `index` by `id`; if `id` is already shown elsewhere, the two swap places. */
export function swapKpi(ids: readonly KpiId[], index: number, id: KpiId): KpiId[] {
  const next = [...ids];
  const current = next[index];
  if (current === undefined) return next;
  const existing = next.indexOf(id);
  if (existing >= 0) next[existing] = current;
  next[index] = id;
  return next;
}

/** Moves the card at `index` by `step` (−1 earlier, +1 later); at an end it stays. */
export function moveKpi(ids: readonly KpiId[], index: number, step: -1 | 1): KpiId[] {
  const target = index + step;
  if (target < 0 || target >= ids.length) return [...ids];
  const next = [...ids];
  [next[index], next[target]] = [next[target] as KpiId, next[index] as KpiId];
  return next;
}
