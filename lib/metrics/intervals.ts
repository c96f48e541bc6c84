// The 95 % intervals of METRICS.md's before/after comparison ("ROI and the before/after comparison"): one per kind of
// KPI, each null when a side lacks the data. Reads of typed arrays are cast (`as number`): every index is bounded by
// its loop, which `noUncheckedIndexedAccess` cannot see.

import { kthSmallest } from './stats.ts';

/** The two-sided 95 % normal quantile, to the digits METRICS.md gives, so an independent check agrees exactly. */
export const Z95 = 1.959963984540054;

export interface Interval {
  low: number;
  high: number;
}

export interface DifferenceInterval extends Interval {
  /** The interval contains 0, ends included. */
  notSignificant: boolean;
}

function withSignificance(low: number, high: number): DifferenceInterval {
  return { low, high, notSignificant: low <= 0 && high >= 0 };
}

/** Wilson score interval of p = x/n: `(p + z²/2n ± z·sqrt(p(1−p)/n + z²/4n²)) / (1 + z²/n)`; null when n is 0. */
export function wilsonInterval(p: number, n: number): Interval | null {
  if (n === 0) return null;
  const z2 = Z95 * Z95;
  const centre = p + z2 / (2 * n);
  const half = Z95 * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  const scale = 1 + z2 / n;
  return { low: (centre - half) / scale, high: (centre + half) / scale };
}

/**
 * Newcombe's hybrid score interval of d = p_A − p_B from each side's Wilson interval:
 * `[d − sqrt((p_A−l_A)² + (u_B−p_B)²), d + sqrt((u_A−p_A)² + (p_B−l_B)²)]`. It stays inside [−1, 1] and keeps its
 * coverage at small n, where the plain normal interval does not. Null when either rate or n is missing.
 */
export function rateDifferenceInterval(
  after: number | null,
  afterN: number,
  before: number | null,
  beforeN: number,
): DifferenceInterval | null {
  if (after === null || before === null) return null;
  const a = wilsonInterval(after, afterN);
  const b = wilsonInterval(before, beforeN);
  if (a === null || b === null) return null;
  const d = after - before;
  return withSignificance(
    d - Math.sqrt((after - a.low) ** 2 + (b.high - before) ** 2),
    d + Math.sqrt((a.high - after) ** 2 + (before - b.low) ** 2),
  );
}

/** The fewest values per side for the median interval: below it the order statistics say too little. */
export const MEDIAN_INTERVAL_MIN_N = 10;

// Reordered copies are taken in this buffer, kept between calls: a report takes the standard error of many windows.
let scratch = new Float64Array(1024);

/**
 * McKean–Schrader standard error of a sample median: with n ≥ 10 values sorted x₍₁₎…x₍ₙ₎,
 * c = round((n + 1)/2 − z·sqrt(n/4)) (halves up, at least 1) and SE = (x₍ₙ₋c₊₁₎ − x₍c₎)/(2z). Null below 10 values.
 * Two quickselects on a copy, not a sort: the bench's windows hold up to 100 000 response times.
 */
export function medianStandardError(values: ArrayLike<number>): number | null {
  const n = values.length;
  if (n < MEDIAN_INTERVAL_MIN_N) return null;
  const c = Math.max(1, Math.floor((n + 1) / 2 - Z95 * Math.sqrt(n / 4) + 0.5));
  if (scratch.length < n) scratch = new Float64Array(Math.max(n, 2 * scratch.length));
  const copy = scratch.subarray(0, n);
  copy.set(values);
  // 1-based x₍c₎ is index c − 1; after selecting it, everything right of it is ≥ it, so x₍ₙ₋c₊₁₎ is found there.
  const lower = kthSmallest(copy, c - 1, 0);
  const upper = kthSmallest(copy, n - c, c - 1);
  return (upper - lower) / (2 * Z95);
}

/** `d ± z·sqrt(SE_A² + SE_B²)`; null when either side's SE is (fewer than 10 values). */
export function medianDifferenceInterval(
  difference: number | null,
  afterSe: number | null,
  beforeSe: number | null,
): DifferenceInterval | null {
  if (difference === null || afterSe === null || beforeSe === null) return null;
  const half = Z95 * Math.sqrt(afterSe ** 2 + beforeSe ** 2);
  return withSignificance(difference - half, difference + half);
}

/** What the revenue-change interval needs of one window's won deals. */
export interface RevenueSpread {
  deals: number;
  /** Σ amount²: deals arrive independently, so a window's revenue has this variance. */
  sumOfSquares: number;
}

/** `d ± z·sqrt(Σ_A amount² + Σ_B amount²)`; null when neither window has a won deal. */
export function revenueChangeInterval(
  difference: number,
  after: RevenueSpread,
  before: RevenueSpread,
): DifferenceInterval | null {
  if (after.deals === 0 && before.deals === 0) return null;
  const half = Z95 * Math.sqrt(after.sumOfSquares + before.sumOfSquares);
  return withSignificance(difference - half, difference + half);
}

/** How a ROI interval reads (METRICS.md, "Settled readings (v2)"). */
export type RoiReading = 'lossShown' | 'breakEvenShown' | 'breakEvenNotYetShown';

export interface RoiInterval extends DifferenceInterval {
  reading: RoiReading;
}

/** Wholly below 0: a loss is shown; wholly above: break-even is shown; containing 0 (ends included): not yet. */
export function roiInterval(low: number, high: number): RoiInterval {
  const interval = withSignificance(Math.min(low, high), Math.max(low, high));
  const reading: RoiReading =
    interval.high < 0 ? 'lossShown' : interval.low > 0 ? 'breakEvenShown' : 'breakEvenNotYetShown';
  return { ...interval, reading };
}
