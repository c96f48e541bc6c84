import { describe, expect, it } from 'vitest';
import { backoffDelay, isTransient, nextMidnight } from '../../../lib/crm/retry';
import {
  dueWork,
  engagementScopeStart,
  nextSearchWindow,
  rereadDue,
  SCHEDULE,
  type ScheduleState,
  searchStart,
  steadyRequestsPerDay,
  typesToPoll,
} from '../../../lib/sync/plan';

const CAP = 10_000;
const SIZE = 200;

describe('incremental search windows', () => {
  it('starts a little before the cursor', () => {
    expect(searchStart(1_000_000, 60_000)).toEqual({ from: 940_000, offset: 0 });
    expect(searchStart(10, 60_000)).toEqual({ from: 0, offset: 0 });
  });

  it('pages by offset while under the cap', () => {
    expect(
      nextSearchWindow(
        { from: 5, offset: 0 },
        { count: 200, hasNext: true, lastModifiedAt: 9, lastId: '3' },
        CAP,
        SIZE,
      ),
    ).toEqual({
      from: 5,
      offset: 200,
    });
  });

  it('ends when there is no next page', () => {
    expect(
      nextSearchWindow({ from: 5, offset: 400 }, { count: 12, hasNext: false, lastModifiedAt: 9 }, CAP, SIZE),
    ).toBeNull();
  });

  it('moves the window to the last instant read when the next page would pass 10 000 results', () => {
    expect(
      nextSearchWindow(
        { from: 5, offset: 9_800 },
        { count: 200, hasNext: true, lastModifiedAt: 777, lastId: '9' },
        CAP,
        SIZE,
      ),
    ).toEqual({ from: 777, offset: 0 });
  });

  it('walks one instant by id when 10 000 records share it, then moves past it', () => {
    const stuck = nextSearchWindow(
      { from: 777, offset: 9_800 },
      { count: 200, hasNext: true, lastModifiedAt: 777, lastId: '10200' },
      CAP,
      SIZE,
    );
    expect(stuck).toEqual({ from: 777, afterId: '10200', offset: 0 });
    const walking = nextSearchWindow(
      { from: 777, afterId: '10200', offset: 0 },
      { count: 200, hasNext: true, lastModifiedAt: 777, lastId: '10400' },
      CAP,
      SIZE,
    );
    expect(walking).toEqual({ from: 777, afterId: '10200', offset: 200 });
    const walked = nextSearchWindow(
      { from: 777, afterId: '10200', offset: 200 },
      { count: 3, hasNext: false, lastModifiedAt: 777, lastId: '10403' },
      CAP,
      SIZE,
    );
    expect(walked).toEqual({ from: 778, offset: 0 });
  });

  it('a simulated 25 000-change backlog reaches every record in ascending windows', () => {
    // Modification instants with clusters, ids ascending; search returns records with time >= from, ascending.
    const records = Array.from({ length: 25_000 }, (_, index) => ({
      id: String(index + 1),
      at: 1000 + Math.floor(index / 3),
    }));
    const seen = new Set<string>();
    let window: ReturnType<typeof nextSearchWindow> = { from: 0, offset: 0 };
    let requests = 0;
    while (window) {
      const w = window;
      const matches = records.filter((r) =>
        w.afterId === undefined ? r.at >= w.from : r.at === w.from && Number(r.id) > Number(w.afterId),
      );
      const page = matches.slice(w.offset, w.offset + SIZE);
      for (const r of page) seen.add(r.id);
      const last = page[page.length - 1];
      window = nextSearchWindow(
        w,
        {
          count: page.length,
          hasNext: w.offset + SIZE < matches.length,
          lastModifiedAt: last?.at ?? Number.NaN,
          lastId: last?.id,
        },
        CAP,
        SIZE,
      );
      requests += 1;
      expect(requests).toBeLessThan(1000);
    }
    expect(seen.size).toBe(records.length);
  });
});

describe('retries', () => {
  it('backs off exponentially with jitter inside [ceiling/2, ceiling], capped', () => {
    expect(backoffDelay(0, () => 0)).toBe(250);
    expect(backoffDelay(0, () => 1)).toBe(500);
    expect(backoffDelay(3, () => 0.5)).toBe(3000);
    expect(backoffDelay(20, () => 1)).toBe(30_000);
  });

  it('retries only transient failures', () => {
    expect([0, 500, 502, 503, 504].every(isTransient)).toBe(true);
    expect([400, 401, 403, 404, 429].some(isTransient)).toBe(false);
  });
});

describe('schedule', () => {
  const base: ScheduleState = {
    now: 10_000_000,
    connected: true,
    fullDone: true,
    interrupted: false,
    lastIncrementalAt: 10_000_000 - 60_000,
    lastReconcileAt: 10_000_000 - 60_000,
    workTabVisible: true,
  };

  it.each<[string, Partial<ScheduleState>, ReturnType<typeof dueWork>]>([
    ['nothing when not connected', { connected: false }, null],
    ['a full sync first', { fullDone: false }, 'full'],
    ['resume before anything else', { interrupted: true, fullDone: false }, 'resume'],
    ['nothing while the daily budget is spent', { interrupted: true, blockedUntil: 10_000_001 }, null],
    ['nothing a minute after the last incremental', {}, null],
    ['incremental after 2 minutes with a work tab', { lastIncrementalAt: 10_000_000 - 120_000 }, 'incremental'],
    [
      'nothing after 2 minutes without a work tab',
      { lastIncrementalAt: 10_000_000 - 120_000, workTabVisible: false },
      null,
    ],
    [
      'incremental after 30 minutes without one',
      { lastIncrementalAt: 10_000_000 - 30 * 60_000, workTabVisible: false },
      'incremental',
    ],
    ['reconcile every 6 hours', { lastReconcileAt: 10_000_000 - SCHEDULE.reconcileIntervalMs }, 'reconcile'],
    [
      'the one-time re-read before the schedule’s work',
      { rereadDue: true, lastReconcileAt: 10_000_000 - SCHEDULE.reconcileIntervalMs },
      'reread',
    ],
    ['an interrupted job before the re-read', { rereadDue: true, interrupted: true }, 'resume'],
    ['no re-read while the daily budget is spent', { rereadDue: true, blockedUntil: 10_000_001 }, null],
  ])('%s', (_name, change, expected) => {
    expect(dueWork({ ...base, ...change })).toBe(expected);
  });

  it('plans the re-read for a complete cache of older data only', () => {
    // A cache synced before the version was recorded holds version-1 data: absent reads as 1, and 1 < 2.
    expect(rereadDue(true, undefined, 2)).toBe(true);
    expect(rereadDue(true, 1, 2)).toBe(true);
    // Read by this version (or a newer one, after a downgrade): nothing to read again.
    expect(rereadDue(true, 2, 2)).toBe(false);
    expect(rereadDue(true, 3, 2)).toBe(false);
    // Never completely synced: the first full sync reads every property anyway.
    expect(rereadDue(false, undefined, 2)).toBe(false);
    expect(rereadDue(false, 1, 2)).toBe(false);
  });

  it('a rep polls contacts, e-mails and calls every time, the other types every 10 minutes', () => {
    const types = ['contacts', 'emails', 'calls', 'meetings', 'notes', 'tasks', 'deals'] as const;
    const now = 50_000_000;
    // Never searched: every type is due.
    expect(typesToPoll(types, {}, now)).toEqual([...types]);
    const justNow = Object.fromEntries(types.map((type) => [type, now - 2 * 60_000]));
    expect(typesToPoll(types, justNow, now)).toEqual(['contacts', 'emails', 'calls']);
    // Due within half a tick of the interval (alarms fire late), not a poll later.
    const meetingsDue = { ...justNow, meetings: now - SCHEDULE.slowTypesIntervalMs + 20_000 };
    expect(typesToPoll(types, meetingsDue, now)).toEqual(['contacts', 'emails', 'calls', 'meetings']);
    const notYet = { ...justNow, meetings: now - SCHEDULE.slowTypesIntervalMs + 40_000 };
    expect(typesToPoll(types, notYet, now)).toEqual(['contacts', 'emails', 'calls']);
    // A type turned off (not in the list) is never polled.
    expect(typesToPoll(['contacts', 'deals'], {}, now)).toEqual(['contacts', 'deals']);
  });

  it('stays within 2 000 requests in an 8-hour day with 8 types', () => {
    expect(steadyRequestsPerDay(8)).toBe(8 * 240);
    expect(steadyRequestsPerDay(8)).toBeLessThanOrEqual(2000);
  });

  it('finds midnight in the portal time zone', () => {
    // 2026-07-01 21:30 UTC is 2026-07-02 00:30 in Jerusalem (UTC+3): the next midnight there is 2026-07-02 21:00 UTC.
    expect(new Date(nextMidnight(Date.parse('2026-07-01T21:30:00Z'), 'Asia/Jerusalem')).toISOString()).toBe(
      '2026-07-02T21:00:00.000Z',
    );
    expect(new Date(nextMidnight(Date.parse('2026-07-01T21:30:00Z'), 'UTC')).toISOString()).toBe(
      '2026-07-02T00:00:00.000Z',
    );
  });

  it('limits engagements to the last N months', () => {
    expect(new Date(engagementScopeStart(Date.parse('2026-07-15T00:00:00Z'), 24)).toISOString()).toBe(
      '2024-07-15T00:00:00.000Z',
    );
  });
});
