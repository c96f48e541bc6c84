// Growable Float64 buffers lent to accumulators and given back when they finish. A report keeps the response
// minutes of every cohort and group it accumulates; as plain arrays those were megabytes per report of large,
// short-lived backing stores that the engine places straight in the old generation, and every few reports a full
// collection of the whole snapshot (≈ 80 ms on 100 000 leads) came due. Reused, they are allocated once.

const pool: Float64Array[] = [];
// A breakdown holds every group's accumulator at once, each with three lists (response minutes and the two clocks):
// some 30 campaigns or 25 months make about 90 buffers out at a time, and every one the pool refuses is garbage.
const POOL_MAX = 256;

/** A buffer of at least `length` entries (the smallest pooled one that fits, else a new one). */
export function borrowFloats(length: number): Float64Array {
  let best = -1;
  for (let i = 0; i < pool.length; i++) {
    const size = (pool[i] as Float64Array).length;
    if (size >= length && (best < 0 || size < (pool[best] as Float64Array).length)) best = i;
  }
  if (best < 0) return new Float64Array(Math.max(length, 256));
  const found = pool[best] as Float64Array;
  pool[best] = pool[pool.length - 1] as Float64Array;
  pool.pop();
  return found;
}

/** Gives a buffer back; its contents are garbage from now on. */
export function returnFloats(buffer: Float64Array): void {
  if (buffer.length > 0 && pool.length < POOL_MAX) pool.push(buffer);
}
