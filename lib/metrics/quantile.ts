// Reads of typed arrays are cast (`as number`): every index is bounded by its loop, which `noUncheckedIndexedAccess`
// cannot see.

import { kthSmallest, minIn } from './stats.ts';

// The copy a quantile reorders, kept between calls for the same reason as the median's (stats.ts): a report takes
// one per cohort and group, and fresh buffers for each are short-lived memory outside the heap.
let scratch = new Float64Array(1024);

/**
 * The q-quantile by METRICS.md's formula ("Tail"): values sorted x₀…x₍ₙ₋₁₎, h = q·(n − 1), the value
 * x⌊h⌋ + (h − ⌊h⌋)·(x⌊h⌋₊₁ − x⌊h⌋), x⌊h⌋ when h is whole; null for no values. Linear time: after selecting x⌊h⌋,
 * everything right of it is ≥ it, so x⌊h⌋₊₁ is their minimum.
 */
export function quantileOf(values: ArrayLike<number>, q: number): number | null {
  const n = values.length;
  if (n === 0) return null;
  if (scratch.length < n) scratch = new Float64Array(Math.max(n, 2 * scratch.length));
  const copy = scratch.subarray(0, n);
  copy.set(values);
  const h = q * (n - 1);
  const k = Math.floor(h);
  const low = kthSmallest(copy, k);
  if (h === k) return low;
  const high = minIn(copy, k + 1, n);
  return low + (h - k) * (high - low);
}
