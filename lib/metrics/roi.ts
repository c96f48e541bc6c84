import type { Span } from './calendar.ts';
import { revenueIn } from './money.ts';
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

export interface RoiAtCheckpoint extends CheckpointWindows {
  revenueAfter: number;
  revenueBefore: number;
  /** Revenue(A) − Revenue(B). */
  revenueChange: number;
  /** `attributionPct` or, when a control segment is set, difference in differences. */
  attribution: 'attributionPct' | 'controlSegment';
  control: ControlSegmentRevenue | null;
  incrementalRevenue: number | null;
  incrementalProfit: number | null;
  hoursSaved: HoursSaved;
  gain: number | null;
  systemCost: SystemCost;
  /** (Gain − System cost(A)) / System cost(A); null when the cost is 0 or the gain unknown. */
  roi: number | null;
}

export function roiForWindows(prepared: PreparedReport, windows: CheckpointWindows): RoiAtCheckpoint {
  const { settings } = prepared;
  const { after, baseline } = windows;
  const revenueAfter = revenueIn(prepared, after);
  const revenueBefore = revenueIn(prepared, baseline);
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
    incrementalRevenue = ((revenueAfter - revenueBefore) * settings.attributionPct) / 100;
  }
  const incrementalProfit = incrementalRevenue === null ? null : (incrementalRevenue * settings.grossMarginPct) / 100;
  const saved = hoursSaved(prepared, after);
  const cost = systemCost(prepared, after);
  const gain = incrementalProfit === null ? null : incrementalProfit + saved.value;
  return {
    ...windows,
    revenueAfter,
    revenueBefore,
    revenueChange: revenueAfter - revenueBefore,
    attribution: prepared.hasControl ? 'controlSegment' : 'attributionPct',
    control,
    incrementalRevenue,
    incrementalProfit,
    hoursSaved: saved,
    gain,
    systemCost: cost,
    roi: gain === null ? null : ratio(gain - cost.total, cost.total),
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
