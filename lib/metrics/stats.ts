// Reads of typed arrays and rows are cast (`as number`): every index is bounded by its loop or a binary search,
// which `noUncheckedIndexedAccess` cannot see.
// Ratios, means and medians over possibly empty sets: METRICS.md's "nothing to divide" is `null`, never NaN or 0.

export function ratio(numerator: number, denominator: number): number | null {
  return denominator === 0 ? null : numerator / denominator;
}

export function mean(values: ArrayLike<number>): number | null {
  if (values.length === 0) return null;
  return total(values) / values.length;
}

// Long loops live in functions that only return after them. The engine compiles a hot loop on its own the first time
// through (on-stack replacement) and keeps that code for later calls; code after the loop that had never run by then
// is compiled as a bail-out, so every later call that was long enough to enter the cached loop code fell back to the
// interpreter on leaving it, thousands of times in the first reports (node --trace-deopt).

function total(values: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i] as number;
  return sum;
}

/** The largest of `values[from … to)`; −∞ for none. */
export function maxIn(values: Float64Array, from: number, to: number): number {
  let max = Number.NEGATIVE_INFINITY;
  for (let i = from; i < to; i++) if ((values[i] as number) > max) max = values[i] as number;
  return max;
}

/** The smallest of `values[from … to)`; +∞ for none. */
export function minIn(values: Float64Array, from: number, to: number): number {
  let min = Number.POSITIVE_INFINITY;
  for (let i = from; i < to; i++) if ((values[i] as number) < min) min = values[i] as number;
  return min;
}

export function sum(values: readonly number[]): number {
  let total = 0;
  for (const value of values) total += value;
  return total;
}

/** `a − b`, null when either is. */
export function difference(after: number | null, before: number | null): number | null {
  return after === null || before === null ? null : after - before;
}

/** Least squares line through (x, y). */
export function leastSquares(ys: readonly number[]): { intercept: number; slope: number } | null {
  const n = ys.length;
  if (n === 0) return null;
  const meanX = (n - 1) / 2;
  const meanY = sum(ys) / n;
  let covariance = 0;
  let variance = 0;
  ys.forEach((y, x) => {
    covariance += (x - meanX) * (y - meanY);
    variance += (x - meanX) ** 2;
  });
  const slope = variance === 0 ? 0 : covariance / variance;
  return { intercept: meanY - slope * meanX, slope };
}

/**
 * The k-th smallest (0-based) of `values`, reordering them in place (quickselect, Hoare partition). Everything before
 * `from` is taken as already at most the answer (a second selection above a first one starts there). The one
 * selection of the metrics: medians, quantiles and the median intervals all use it.
 */
export function kthSmallest(values: Float64Array, k: number, from = 0): number {
  let low = from;
  let high = values.length - 1;
  while (high > low) {
    const pivot = values[(low + high) >>> 1] as number;
    let i = low;
    let j = high;
    while (i <= j) {
      while ((values[i] as number) < pivot) i++;
      while ((values[j] as number) > pivot) j--;
      if (i <= j) {
        const swap = values[i] as number;
        values[i] = values[j] as number;
        values[j] = swap;
        i++;
        j--;
      }
    }
    if (k <= j) high = j;
    else if (k >= i) low = i;
    else return values[k] as number;
  }
  return values[k] as number;
}

// The copy `medianOf` reorders, kept between calls: a report takes hundreds of medians, and fresh buffers for each
// were megabytes of short-lived memory outside the heap, which pushes the engine into full collections.
let medianScratch = new Float64Array(1024);

/** The median (of an even count, the mean of the two middle values), by quickselect on a copy. */
export function medianOf(values: ArrayLike<number>): number | null {
  const n = values.length;
  if (n === 0) return null;
  if (medianScratch.length < n) medianScratch = new Float64Array(Math.max(n, 2 * medianScratch.length));
  const copy = medianScratch.subarray(0, n);
  copy.set(values);
  const middle = n >> 1;
  const upper = kthSmallest(copy, middle);
  if (n % 2 === 1) return upper;
  // After selecting the middle element, everything left of it is ≤ it; the lower middle is their maximum.
  return (maxIn(copy, 0, middle) + upper) / 2;
}

/**
 * The permutation that sorts `keys` ascending, stable. Integer ms keys spanning < 2^48 go through an LSD radix sort
 * of 12-bit digits on two 24-bit integer halves (linear, no comparator calls, the 4 096 counters stay in the fastest
 * cache, and only as many passes as the span needs: three years of ms take four); anything else falls back to a
 * comparator sort.
 */
export function sortedOrder(keys: Float64Array): Uint32Array {
  const n = keys.length;
  let order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  if (n < 2) return order;
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  let integers = true;
  for (let i = 0; i < n; i++) {
    const key = keys[i] as number;
    if (!Number.isInteger(key)) integers = false;
    if (key < min) min = key;
    if (key > max) max = key;
  }
  const span = max - min;
  if (!integers || span >= 2 ** 48) {
    return order.sort((a, b) => (keys[a] as number) - (keys[b] as number) || a - b);
  }
  // Keys travel with their rows as two integer halves, so each pass reads sequentially and only the scatter jumps.
  let low = new Int32Array(n);
  let high = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const key = (keys[i] as number) - min;
    const top = Math.floor(key / 16_777_216);
    high[i] = top;
    low[i] = key - top * 16_777_216;
  }
  let orderBuffer = new Uint32Array(n);
  let lowBuffer = new Int32Array(n);
  let highBuffer = new Int32Array(n);
  const counts = new Uint32Array(4_097);
  const passes = Math.max(1, Math.ceil(Math.log2(span + 1) / 12));
  for (let pass = 0; pass < passes; pass++) {
    const half = pass < 2 ? low : high;
    const shift = pass % 2 === 0 ? 0 : 12;
    counts.fill(0);
    for (let i = 0; i < n; i++) {
      const digit = ((half[i] as number) >>> shift) & 4_095;
      counts[digit + 1] = (counts[digit + 1] as number) + 1;
    }
    for (let d = 1; d <= 4_096; d++) counts[d] = (counts[d] as number) + (counts[d - 1] as number);
    for (let i = 0; i < n; i++) {
      const digit = ((half[i] as number) >>> shift) & 4_095;
      const slot = counts[digit] as number;
      orderBuffer[slot] = order[i] as number;
      lowBuffer[slot] = low[i] as number;
      highBuffer[slot] = high[i] as number;
      counts[digit] = slot + 1;
    }
    [order, orderBuffer] = [orderBuffer, order];
    [low, lowBuffer] = [lowBuffer, low];
    [high, highBuffer] = [highBuffer, high];
  }
  return order;
}
