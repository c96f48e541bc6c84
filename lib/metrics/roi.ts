import type { Span } from './calendar.ts';
import type { ControlSegment } from '../model/settings.ts';
import { type DifferenceInterval, type RoiInterval, revenueChangeInterval, roiInterval } from './intervals.ts';
import { revenueIn, revenueSpread } from './money.ts';
import type { PreparedReport } from './prepare.ts';
import { type HoursSaved, hoursSaved, type SystemCost, systemCost } from './savings-cost.ts';
import { ratio } from './stats.ts';

export type CheckpointStatus = 'complete' | 'in-progress' | 'not-started';

export interface CheckpointWindows {
  months: number;
  status: CheckpointStatus;
  /** A = [adoption, adoption + c months), cut at asOf while in progress. */
  after: Span;
  /** B = A shifted back c calendar months; a complete checkpoint's B ends at adoption. */
  baseline: Span;
}

/** The after and baseline windows of a c-month checkpoint; null without an adoption date. */
export function checkpointWindows(prepared: PreparedReport, months: number): CheckpointWindows | null {
  const { adoptionAt, asOf, clock } = prepared;
  if (adoptionAt === null) return null;
  const baselineStart = clock.addMonths(adoptionAt, -months);
  const end = clock.addMonths(adoptionAt, months);
  if (asOf >= end) {
    return {
      months,
      status: 'complete',
      after: { from: adoptionAt, to: end },
      baseline: { from: baselineStart, to: adoptionAt },
    };
  }
  if (asOf >= adoptionAt) {
    return {
      months,
      status: 'in-progress',
      after: { from: adoptionAt, to: asOf },
      baseline: { from: baselineStart, to: Math.min(clock.addMonths(asOf, -months), adoptionAt) },
    };
  }
  return {
    months,
    status: 'not-started',
    after: { from: adoptionAt, to: adoptionAt },
    baseline: { from: baselineStart, to: baselineStart },
  };
}

export interface ControlSegmentRevenue {
  treatedAfter: number;
  treatedBefore: number;
  controlAfter: number;
  controlBefore: number;
}

/** Why a ROI figure is missing: a stated assumption the manager has not made yet (METRICS.md, "Stated assumptions"). */
export type RoiReason = 'needsMargin' | 'needsAttribution';

/** The assumptions a ROI figure rests on, named wherever it is shown. */
export interface RoiAssumptions {
  /** The attribution share used; null when a control segment replaces it, or when it is unset. */
  attributionPct: number | null;
  /** The control segment used instead of `attributionPct`; null without one. */
  controlSegment: ControlSegment | null;
  grossMarginPct: number | null;
}

export interface RoiAtCheckpoint extends CheckpointWindows {
  revenueAfter: number;
  revenueBefore: number;
  /** Revenue(A) − Revenue(B). */
  revenueChange: number;
  /** `d ± z·sqrt(Σ_A amount² + Σ_B amount²)` over the won deals of A and B; null when neither has one. */
  revenueChangeInterval: DifferenceInterval | null;
  /** `attributionPct` or, when a control segment is set, difference in differences. */
  attribution: 'attributionPct' | 'controlSegment';
  control: ControlSegmentRevenue | null;
  assumptions: RoiAssumptions;
  /** Why incremental revenue, profit, gain or ROI is null for want of a stated assumption; empty when none is. */
  reasons: RoiReason[];
  incrementalRevenue: number | null;
  incrementalProfit: number | null;
  hoursSaved: HoursSaved;
  gain: number | null;
  systemCost: SystemCost;
  /** (Gain − System cost(A)) / System cost(A); null when the cost is 0 or the gain unknown. */
  roi: number | null;
  /** The ROI at each end of the revenue-change interval; null with a control segment or without a ROI. */
  roiInterval: RoiInterval | null;
}

/** A percentage setting as stated, null when not: `grossMarginPct` and `attributionPct` have no default. */
function stated(value: number | null | undefined): number | null {
  return value ?? null;
}

/** The assumptions and the missing ones' reasons, the same for every checkpoint of a report. */
export function roiAssumptions(prepared: PreparedReport): { assumptions: RoiAssumptions; reasons: RoiReason[] } {
  const margin = stated(prepared.settings.grossMarginPct);
  const attribution = prepared.hasControl ? null : stated(prepared.settings.attributionPct);
  const reasons: RoiReason[] = [];
  if (margin === null) reasons.push('needsMargin');
  if (!prepared.hasControl && attribution === null) reasons.push('needsAttribution');
  return {
    assumptions: {
      attributionPct: attribution,
      controlSegment: prepared.hasControl ? (prepared.settings.controlSegment ?? null) : null,
      grossMarginPct: margin,
    },
    reasons,
  };
}

export function roiForWindows(prepared: PreparedReport, windows: CheckpointWindows): RoiAtCheckpoint {
  const { after, baseline } = windows;
  const { assumptions, reasons } = roiAssumptions(prepared);
  const revenueAfter = revenueIn(prepared, after);
  const revenueBefore = revenueIn(prepared, baseline);
  const revenueChange = revenueAfter - revenueBefore;
  let incrementalRevenue: number | null;
  let control: ControlSegmentRevenue | null = null;
  if (prepared.hasControl) {
    control = {
      treatedAfter: revenueIn(prepared, after, 'rest'),
      treatedBefore: revenueIn(prepared, baseline, 'rest'),
      controlAfter: revenueIn(prepared, after, 'control'),
      controlBefore: revenueIn(prepared, baseline, 'control'),
    };
    // What the treated deals would have made had they grown like the control: Rev_t(B) × Rev_c(A) / Rev_c(B).
    const growth = ratio(control.controlAfter, control.controlBefore);
    incrementalRevenue = growth === null ? null : control.treatedAfter - control.treatedBefore * growth;
  } else {
    incrementalRevenue =
      assumptions.attributionPct === null ? null : (revenueChange * assumptions.attributionPct) / 100;
  }
  const margin = assumptions.grossMarginPct;
  const profitOf = (revenue: number | null) => (revenue === null || margin === null ? null : (revenue * margin) / 100);
  const incrementalProfit = profitOf(incrementalRevenue);
  const saved = hoursSaved(prepared, after);
  const cost = systemCost(prepared, after);
  const roiOf = (profit: number | null) =>
    profit === null ? null : ratio(profit + saved.value - cost.total, cost.total);
  const changeInterval = revenueChangeInterval(
    revenueChange,
    revenueSpread(prepared, after),
    revenueSpread(prepared, baseline),
  );
  const gain = incrementalProfit === null ? null : incrementalProfit + saved.value;
  const roi = roiOf(incrementalProfit);
  let roiRange: RoiInterval | null = null;
  // The ROI with each end of the revenue-change interval in place of A − B; a control segment has no such interval.
  if (!prepared.hasControl && roi !== null && changeInterval !== null && assumptions.attributionPct !== null) {
    const share = assumptions.attributionPct / 100;
    const low = roiOf(profitOf(changeInterval.low * share));
    const high = roiOf(profitOf(changeInterval.high * share));
    if (low !== null && high !== null) roiRange = roiInterval(low, high);
  }
  return {
    ...windows,
    revenueAfter,
    revenueBefore,
    revenueChange,
    revenueChangeInterval: changeInterval,
    attribution: prepared.hasControl ? 'controlSegment' : 'attributionPct',
    control,
    assumptions,
    reasons,
    incrementalRevenue,
    incrementalProfit,
    hoursSaved: saved,
    gain,
    systemCost: cost,
    roi,
    roiInterval: roiRange,
  };
}

/** ROI of a c-month checkpoint; null without an adoption date. */
export function roiAtCheckpoint(prepared: PreparedReport, months: number): RoiAtCheckpoint | null {
  const windows = checkpointWindows(prepared, months);
  return windows === null ? null : roiForWindows(prepared, windows);
}

/**
 * The smallest whole m ≥ 1 whose m-month window has ended by asOf with ROI ≥ 0; null if none yet (or no adoption).
 */
export function paybackMonth(prepared: PreparedReport): number | null {
  const { adoptionAt, asOf, clock } = prepared;
  if (adoptionAt === null) return null;
  for (let months = 1; clock.addMonths(adoptionAt, months) <= asOf; months++) {
    const roi = roiAtCheckpoint(prepared, months)?.roi ?? null;
    if (roi !== null && roi >= 0) return months;
  }
  return null;
}
