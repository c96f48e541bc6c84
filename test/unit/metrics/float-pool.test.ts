import { describe, expect, it } from 'vitest';
import { CohortAccumulator } from '../../../lib/metrics/cohort.ts';
import { borrowFloats, returnFloats } from '../../../lib/metrics/float-pool.ts';
import { prepareReport } from '../../../lib/metrics/prepare.ts';
import { at, lead, minute, settings, snapshot, touch } from './fixtures.ts';

describe('float pool', () => {
  it('lends the smallest returned buffer that fits, else a new one', () => {
    const small = borrowFloats(300);
    const large = borrowFloats(5_000);
    expect(small.length).toBeGreaterThanOrEqual(300);
    returnFloats(large);
    returnFloats(small);
    expect(borrowFloats(200)).toBe(small);
    expect(borrowFloats(4_000)).toBe(large);
    expect(borrowFloats(10_000).length).toBeGreaterThanOrEqual(10_000);
  });
});

describe('cohort accumulator over borrowed buffers', () => {
  // 600 leads answered after 1 … 600 minutes: more than one buffer's worth, so the accumulator grows once or twice.
  const leads = Array.from({ length: 600 }, (_, i) => lead(`L${i}`, '2024-01-01T00:00:00Z'));
  const touches = leads.map((each, i) =>
    touch(`T${i}`, [each.id], new Date(each.createdAt + (i + 1) * minute).toISOString()),
  );
  const prepared = prepareReport(snapshot({ leads, touches }), settings(), at('2024-06-01T00:00:00Z'));

  it('keeps every minute while growing, and gives the same figures when asked twice', () => {
    const accumulator = new CohortAccumulator();
    for (let row = 0; row < prepared.leads.count; row++) accumulator.add(prepared.leads, row);
    const figures = accumulator.result();
    expect(figures.response.responded).toBe(600);
    // Median of 1 … 600 = (300 + 301) / 2; mean the same.
    expect(figures.response.medianMinutes).toBe(300.5);
    expect(figures.response.meanMinutes).toBe(300.5);
    expect(accumulator.result()).toBe(figures);
    expect(() => accumulator.add(prepared.leads, 0)).toThrow(/after result/);
  });

  it('is not disturbed by another accumulator reusing the buffer it gave back', () => {
    const first = new CohortAccumulator();
    for (let row = 0; row < 300; row++) first.add(prepared.leads, row);
    const firstFigures = first.result();
    const second = new CohortAccumulator();
    for (let row = 300; row < 600; row++) second.add(prepared.leads, row);
    expect(second.result().response.medianMinutes).toBe(450.5);
    expect(firstFigures.response.medianMinutes).toBe(150.5);
  });
});
