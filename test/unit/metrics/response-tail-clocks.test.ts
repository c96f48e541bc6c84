import { describe, expect, it } from 'vitest';
import { rangeIn } from '../../../lib/metrics/calendar.ts';
import { cohortFigures } from '../../../lib/metrics/cohort.ts';
import { prepareReport } from '../../../lib/metrics/prepare.ts';
import { quantileOf } from '../../../lib/metrics/quantile.ts';
import type { Snapshot } from '../../../lib/model/snapshot.ts';
import type { MetricSettings } from '../../../lib/model/settings.ts';
import { at, lead, settings, snapshot, touch } from './fixtures.ts';

// METRICS.md, "Lead response": the tail (p90Minutes) and the two clocks (routing delay, response after assignment).

const asOf = at('2024-03-01T12:00:00Z');
const window = { from: at('2024-02-01T00:00:00Z'), to: at('2024-03-01T00:00:00Z') };

function cohortOf(snap: Snapshot, metricSettings: MetricSettings) {
  const prepared = prepareReport(snap, metricSettings, asOf);
  const [first, end] = rangeIn(prepared.leads.createdAt, window);
  return cohortFigures(prepared.leads, first, end);
}

describe('the 0.9 quantile', () => {
  it('interpolates between the two values around h = 0.9·(n − 1)', () => {
    // Sorted 1, 2, 4, 8, 16: h = 0.9 × 4 = 3.6 → x3 + 0.6 × (x4 − x3) = 8 + 0.6 × 8 = 12.8.
    expect(quantileOf([16, 1, 8, 2, 4], 0.9)).toBeCloseTo(12.8, 12);
  });

  it('takes x⌊h⌋ when h is whole, the only value of one, null of none', () => {
    // n = 11, sorted 0…10: h = 0.9 × 10 = 9 → x9 = 9.
    expect(quantileOf([10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0], 0.9)).toBe(9);
    expect(quantileOf([7], 0.9)).toBe(7);
    expect(quantileOf([], 0.9)).toBeNull();
  });

  it('handles ties on either side of h', () => {
    // Sorted 3, 5, 5, 5: h = 2.7 → 5 + 0.7 × (5 − 5) = 5.
    expect(quantileOf([5, 3, 5, 5], 0.9)).toBe(5);
  });
});

describe('p90Minutes over a cohort', () => {
  it('is over responded leads only, in response minutes', () => {
    const created = '2024-02-01T10:00:00Z';
    const snap = snapshot({
      leads: [lead('A', created), lead('B', created), lead('C', created), lead('D', created)],
      touches: [
        touch('t1', ['A'], '2024-02-01T10:10:00Z'),
        touch('t2', ['B'], '2024-02-01T10:20:00Z'),
        touch('t3', ['C'], '2024-02-01T11:00:00Z'),
      ],
    });
    // Responded: 10, 20, 60 minutes (D never, left out). h = 0.9 × 2 = 1.8 → 20 + 0.8 × (60 − 20) = 52.
    expect(cohortOf(snap, settings()).response.p90Minutes).toBeCloseTo(52, 9);
  });
});

describe('the two clocks', () => {
  const created = '2024-02-01T10:00:00Z';
  const assigned = (iso: string) => ({ ownerAssignedAt: at(iso) });
  const snap = snapshot({
    leads: [
      // R1: assigned at +4 min, answered at +10 → routing 4, after assignment 6.
      lead('R1', created, assigned('2024-02-01T10:04:00Z')),
      // R2: assigned at +20, answered at +30 → routing 20, after assignment 10.
      lead('R2', created, assigned('2024-02-01T10:20:00Z')),
      // R3: re-assigned after the response (+90 > +60): says nothing about routing; neither clock.
      lead('R3', created, assigned('2024-02-01T11:30:00Z')),
      // R4: no response, assigned at +2 h ≤ asOf: routing 120 only. Unowned: counted all the same.
      lead('R4', created, { ...assigned('2024-02-01T12:00:00Z'), ownerId: undefined }),
      // R5: no response, assigned after asOf: neither.
      lead('R5', created, assigned('2024-03-02T00:00:00Z')),
      // R6: assignment before creation: neither.
      lead('R6', created, assigned('2024-02-01T09:00:00Z')),
      // R7: no assignment date: neither.
      lead('R7', created),
      // R8: assigned exactly at creation and answered exactly then: routing 0, after assignment 0.
      lead('R8', created, assigned(created)),
    ],
    touches: [
      touch('t1', ['R1'], '2024-02-01T10:10:00Z'),
      touch('t2', ['R2'], '2024-02-01T10:30:00Z'),
      touch('t3', ['R3'], '2024-02-01T11:00:00Z'),
      touch('t8', ['R8'], created),
    ],
  });

  it('measure routing delay and response after assignment under their conditions', () => {
    const { response } = cohortOf(snap, settings());
    // Routing: R1 4, R2 20, R4 120, R8 0 → sorted 0, 4, 20, 120: median (4 + 20) / 2 = 12, over 4 leads.
    expect(response.routingDelay).toEqual({ medianMinutes: 12, count: 4 });
    // After assignment: R1 6, R2 10, R8 0 → sorted 0, 6, 10: median 6, over 3 leads.
    expect(response.responseAfterAssignment).toEqual({ medianMinutes: 6, count: 3 });
  });

  it('are business minutes when business hours are set, holidays included', () => {
    // Business Mon–Fri 09:00–17:00 UTC, 2024-02-05 (Monday) a holiday. Created Fri 2024-02-02 16:00, assigned
    // Mon 2024-02-05 10:00, answered Tue 2024-02-06 09:30: routing = 60 (Fri 16–17) + 0 (Monday) = 60 minutes;
    // after assignment = Mon 10:00–17:00 is a holiday → 0, Tue 09:00–09:30 → 30 minutes.
    const business = settings({
      businessHours: {
        days: ['mon', 'tue', 'wed', 'thu', 'fri'],
        start: '09:00',
        end: '17:00',
        holidays: ['2024-02-05'],
      },
    });
    const weekend = snapshot({
      leads: [lead('W', '2024-02-02T16:00:00Z', assigned('2024-02-05T10:00:00Z'))],
      touches: [touch('t', ['W'], '2024-02-06T09:30:00Z')],
    });
    const { response } = cohortOf(weekend, business);
    expect(response.routingDelay).toEqual({ medianMinutes: 60, count: 1 });
    expect(response.responseAfterAssignment).toEqual({ medianMinutes: 30, count: 1 });
    // The SLA stays on the customer's clock: response minutes from creation = 60 + 0 + 30 = 90.
    expect(response.medianMinutes).toBe(90);
  });

  it('are null with a count of 0 when no lead qualifies', () => {
    const none = snapshot({ leads: [lead('N', created)] });
    const { response } = cohortOf(none, settings());
    expect(response.routingDelay).toEqual({ medianMinutes: null, count: 0 });
    expect(response.responseAfterAssignment).toEqual({ medianMinutes: null, count: 0 });
    expect(response.p90Minutes).toBeNull();
  });
});
