import { describe, expect, it } from 'vitest';
import { prepareReport } from '../../../lib/metrics/prepare.ts';
import { timerCounts } from '../../../lib/metrics/report.ts';
import { leadView } from '../../../lib/metrics/lead-view.ts';
import { isResponseTouch, responseBucket, slaOf, waitState } from '../../../lib/metrics/response.ts';
import { effectiveSource } from '../../../lib/metrics/sources.ts';
import { windowFigures } from '../../../lib/metrics/window-figures.ts';
import { at, lead, settings, snapshot, touch } from './fixtures.ts';

const asOf = at('2024-03-01T12:00:00Z');
const window = { from: at('2024-02-01T00:00:00Z'), to: at('2024-03-02T00:00:00Z') };
const created = '2024-02-01T10:00:00Z';

const leads = [
  lead('L1', created),
  lead('L2', created),
  lead('L3', created),
  lead('L4', created),
  lead('L5', '2024-03-01T11:57:00Z'),
  lead('L6', created),
  lead('L7', created),
  lead('L8', created),
  lead('L9', '2024-03-01T11:53:00Z'),
];
const touches = [
  // L1: an automated send, an inbound e-mail and a note do not stop the clock; the call out at 4 minutes does.
  touch('t1', ['L1'], '2024-02-01T10:01:00Z', { automated: true }),
  touch('t2', ['L1'], '2024-02-01T10:02:00Z', { direction: 'in' }),
  touch('t3', ['L1'], '2024-02-01T10:03:00Z', { kind: 'note' }),
  touch('t4', ['L1'], '2024-02-01T10:04:00Z', { kind: 'call' }),
  // …and a later inbound call waits an hour at asOf.
  touch('t5', ['L1'], '2024-03-01T11:00:00Z', { kind: 'call', direction: 'in' }),
  // L2: a meeting counts whatever its direction, at exactly the SLA (10 minutes).
  touch('t6', ['L2'], '2024-02-01T10:10:00Z', { kind: 'meeting', direction: 'none' }),
  // L3: an e-mail before the lead existed is not a response; the one 30 minutes after is.
  touch('t7', ['L3'], '2024-02-01T09:00:00Z'),
  touch('t8', ['L3'], '2024-02-01T10:30:00Z'),
  // L4: only an inbound e-mail: still the open timer.
  touch('t9', ['L4'], '2024-02-05T00:00:00Z', { direction: 'in' }),
  // L6: exactly 24 hours; L7: exactly 60 minutes.
  touch('t10', ['L6'], '2024-02-02T10:00:00Z'),
  touch('t11', ['L7'], '2024-02-01T11:00:00Z'),
  // L8: answered only after asOf, which the report does not see.
  touch('t12', ['L8'], '2024-03-02T00:00:00Z'),
];
const snap = snapshot({ leads, touches });
const tenMinutes = settings({ slaMinutes: 10 });

describe('lead response over a cohort', () => {
  const prepared = prepareReport(snap, tenMinutes, asOf);
  const figures = windowFigures(prepared, window);

  it('counts responses per bucket, half-open, and never', () => {
    // 4 → <5m, 10 → 5–30m, 30 → 30–60m, 60 → 1–24h, 1440 → >24h; L4, L5, L8 and L9 have none.
    expect(figures.cohort.response.buckets).toEqual({
      '<5m': 1,
      '5–30m': 1,
      '30–60m': 1,
      '1–24h': 1,
      '>24h': 1,
      never: 4,
    });
  });

  it('takes median and mean over responded leads only', () => {
    // Minutes 4, 10, 30, 60, 1440: median 30, mean 1544 / 5 = 308.8.
    expect(figures.cohort.response.medianMinutes).toBe(30);
    expect(figures.cohort.response.meanMinutes).toBeCloseTo(308.8, 10);
    expect(figures.cohort.response.responded).toBe(5);
  });

  it('shares within SLA: met / (met + missed + overdue open), waiting leads left out', () => {
    // met: L1 (4), L2 (10, exactly at the limit); missed: L3, L6, L7; overdue without response: L4, L8;
    // waiting: L5 (3 min) and L9 (7 min). Share = 2 / 7.
    expect(figures.cohort.sla).toEqual({
      met: 2,
      missed: 3,
      overdue: 2,
      waiting: 2,
      decided: 7,
      shareWithinSla: 2 / 7,
    });
  });

  it('runs one timer per lead at asOf', () => {
    // Open: L5 ok (3 < 5), L9 due (5 ≤ 7 < 10), L4 and L8 overdue. Inbound: L1 (60 min ≥ 10).
    expect(timerCounts(prepared)).toEqual({
      open: { ok: 1, due: 1, overdue: 2 },
      inbound: { ok: 0, due: 0, overdue: 1 },
    });
  });

  it('gives an empty cohort null ratios and zero counts', () => {
    const empty = windowFigures(prepared, { from: at('2020-01-01T00:00:00Z'), to: at('2020-02-01T00:00:00Z') });
    expect(empty.cohort.leads).toBe(0);
    expect(empty.cohort.response.medianMinutes).toBeNull();
    expect(empty.cohort.response.meanMinutes).toBeNull();
    expect(empty.cohort.sla.shareWithinSla).toBeNull();
  });
});

describe('business hours', () => {
  it('count response minutes inside business intervals only', () => {
    const weekdays = settings({
      slaMinutes: 20,
      businessHours: { days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '09:00', end: '17:00' },
    });
    // Created Friday 16:50, answered Monday 09:05: 10 + 5 = 15 business minutes (elapsed: 2 days 16 h 15 min).
    const snap = snapshot({
      leads: [lead('B', '2024-02-02T16:50:00Z')],
      touches: [touch('b1', ['B'], '2024-02-05T09:05:00Z')],
    });
    const prepared = prepareReport(snap, weekdays, at('2024-02-10T00:00:00Z'));
    const figures = windowFigures(prepared, { from: at('2024-02-01T00:00:00Z'), to: at('2024-03-01T00:00:00Z') });
    expect(figures.cohort.response.medianMinutes).toBe(15);
    expect(figures.cohort.sla.met).toBe(1);
  });
});

describe('a DST change inside business hours', () => {
  it('shortens that day’s business time by the hour the clocks skip', () => {
    // Paris, business hours Sundays 01:00–05:00. On Sunday 2024-03-31 the clocks jump 02:00 → 03:00.
    // Created 00:30 CET (23:30Z the day before), answered 05:30 CEST (03:30Z): 4 h elapsed, 3 h of business time.
    const paris = settings({
      timezone: 'Europe/Paris',
      businessHours: { days: ['sun'], start: '01:00', end: '05:00' },
    });
    const snap = snapshot({
      leads: [lead('D', '2024-03-30T23:30:00Z')],
      touches: [touch('d1', ['D'], '2024-03-31T03:30:00Z')],
    });
    const prepared = prepareReport(snap, paris, at('2024-04-02T00:00:00Z'));
    const figures = windowFigures(prepared, { from: at('2024-03-01T00:00:00Z'), to: at('2024-04-01T00:00:00Z') });
    expect(figures.cohort.response.medianMinutes).toBe(180);
  });
});

describe('per-lead rules', () => {
  const touchesOf = (id: string) => touches.filter((t) => t.leadIds.includes(id));

  it("the badges' lead view runs the timers the report counts (one rule, lead-view.ts)", () => {
    const views = leads.map((l) =>
      leadView({ ...l, effectiveSource: effectiveSource(l) }, touchesOf(l.id), [], tenMinutes, asOf),
    );
    expect(views.map((view) => view.timer?.kind ?? 'none')).toEqual([
      'inbound',
      'none',
      'none',
      'open',
      'open',
      'none',
      'none',
      'open',
      'open',
    ]);
    const { open, inbound } = timerCounts(prepareReport(snap, tenMinutes, asOf));
    const total = (counts: Record<string, number>) => Object.values(counts).reduce((sum, n) => sum + n, 0);
    expect([total(open), total(inbound)]).toEqual([4, 1]);
    expect(views[0]?.timer).toEqual({ kind: 'inbound', since: at('2024-03-01T11:00:00Z') });
  });

  it('takes the SLA of the effective source (the tag when present)', () => {
    const bySource = settings({ slaMinutes: 5, slaBySource: { 'partner-webinar': 60, paid_search: 1 } });
    expect(slaOf({ source: 'paid_search', sourceTag: 'partner-webinar' }, bySource)).toBe(60);
    expect(slaOf({ source: 'paid_search', sourceTag: '' }, bySource)).toBe(1);
    expect(slaOf({ source: 'offline' }, bySource)).toBe(5);
  });

  it('classifies waits and buckets at their boundaries', () => {
    expect([waitState(4.99, 10), waitState(5, 10), waitState(9.99, 10), waitState(10, 10)]).toEqual([
      'ok',
      'due',
      'due',
      'overdue',
    ]);
    expect([
      responseBucket(4.999),
      responseBucket(5),
      responseBucket(1439.9),
      responseBucket(1440),
      responseBucket(undefined),
    ]).toEqual(['<5m', '5–30m', '1–24h', '>24h', 'never']);
    expect(isResponseTouch({ automated: false, direction: 'out', kind: 'task' })).toBe(false);
    expect(isResponseTouch({ automated: true, direction: 'none', kind: 'meeting' })).toBe(false);
  });
});
