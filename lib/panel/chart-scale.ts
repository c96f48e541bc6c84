// What recharts is told rather than left to measure, kept apart from drawing so it is tested in Node: value ticks at
// round steps, and which category labels fit (recharts' own choice measures every label in the page).

/** Round tick values covering [min, max] (and 0), about `target` steps of 1, 2 or 5 × 10ⁿ. */
export function niceTicks(min: number, max: number, target = 4): number[] {
  let low = Math.min(0, min);
  let high = Math.max(0, max);
  if (!Number.isFinite(low) || !Number.isFinite(high)) return [0];
  if (low === high) high = low + 1;
  const raw = (high - low) / Math.max(1, target);
  const power = 10 ** Math.floor(Math.log10(raw));
  const fraction = raw / power;
  const step = (fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10) * power;
  low = Math.floor(low / step) * step;
  high = Math.ceil(high / step) * step;
  const ticks: number[] = [];
  // Rounded to the step's precision, so 0.1 + 0.2 shows as 0.3.
  const digits = Math.max(0, -Math.floor(Math.log10(step)));
  for (let value = low; value <= high + step / 2; value += step) ticks.push(Number(value.toFixed(digits)));
  return ticks;
}

/**
 * Which of `count` category labels to draw when each needs `labelSize` pixels of a `size`-pixel axis: every k-th
 * from the first, and the last one always (it replaces a neighbour that would overlap it).
 */
export function labelsThatFit(count: number, size: number, labelSize: number): Set<number> {
  const shown = new Set<number>();
  if (count === 0) return shown;
  const room = size / count;
  const every = Math.max(1, Math.ceil(labelSize / Math.max(room, 1)));
  for (let i = 0; i < count; i += every) shown.add(i);
  const last = count - 1;
  if (!shown.has(last)) {
    const before = last - (last % every);
    if (before !== 0) shown.delete(before);
    shown.add(last);
  }
  return shown;
}
