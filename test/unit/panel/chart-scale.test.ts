import { describe, expect, it } from 'vitest';
import { labelsThatFit, niceTicks } from '../../../lib/panel/chart-scale';

describe('niceTicks', () => {
  it('covers the values and zero in steps of 1, 2 or 5 × 10ⁿ', () => {
    // 13 000 / 4 = 3 250 → step 5 000, up to 15 000.
    expect(niceTicks(0, 13_000)).toEqual([0, 5_000, 10_000, 15_000]);
    // 0.19 / 4 = 0.0475 → step 0.05, rounded so no 0.15000000000000002 shows up.
    expect(niceTicks(0, 0.19)).toEqual([0, 0.05, 0.1, 0.15, 0.2]);
    // Negative values keep zero inside: −30 … 70, range 100 / 4 = 25 → step 50.
    expect(niceTicks(-30, 70)).toEqual([-50, 0, 50, 100]);
  });

  it('gives a usable axis for no data or one flat value', () => {
    expect(niceTicks(0, 0)).toEqual([0, 0.5, 1]);
    expect(niceTicks(Number.NaN, 5)).toEqual([0]);
  });
});

describe('labelsThatFit', () => {
  it('keeps every label with room, else every k-th and always the last', () => {
    expect([...labelsThatFit(5, 500, 56)]).toEqual([0, 1, 2, 3, 4]);
    // 24 months on 300 px: 12.5 px each, a label needs 56 → every 5th (0, 5, 10, 15) and the last, 23, which
    // replaces 20, too close to it.
    expect([...labelsThatFit(24, 300, 56)].sort((a, b) => a - b)).toEqual([0, 5, 10, 15, 23]);
    expect(labelsThatFit(0, 300, 56).size).toBe(0);
  });
});
