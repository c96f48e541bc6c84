import { describe, expect, it } from 'vitest';
import {
  firstDayFromRegion,
  firstDayOfWeek,
  myWeek,
  type WeekLead,
  weekFigures,
  weekStart,
} from '../../../lib/alerts/my-week';
import { breakdowns } from '../../../lib/metrics/breakdowns';
import { prepareReport } from '../../../lib/metrics/prepare';
import { effectiveSource } from '../../../lib/metrics/sources';
import { windowFigures } from '../../../lib/metrics/window-figures';
import type { Lead, Touch } from '../../../lib/model/snapshot';
import { at, lead, settings, snapshot, touch } from '../metrics/fixtures';

// The popup's "my week" (issue #20): the rep's median response and share within SLA over the leads created this
// week, checked against the report's own figures for the same window (by rep, and the whole cohort).

describe('the first day of the week', () => {
  it('is Sunday in Hebrew and in the US, Monday in Britain and France, Saturday in Egypt', () => {
    expect(firstDayOfWeek('he')).toBe(0);
    expect(firstDayOfWeek('he-IL')).toBe(0);
    expect(firstDayOfWeek('en-US')).toBe(0);
    expect(firstDayOfWeek('en-GB')).toBe(1);
    expect(firstDayOfWeek('fr-FR')).toBe(1);
    expect(firstDayOfWeek('ar-EG')).toBe(6);
  });

  it('falls back to CLDR’s region table where Intl.Locale has no week info', () => {
    expect(firstDayFromRegion('IL')).toBe(0);
    expect(firstDayFromRegion('US')).toBe(0);
    expect(firstDayFromRegion('DE')).toBe(1);
    expect(firstDayFromRegion('AE')).toBe(6);
    expect(firstDayFromRegion(undefined)).toBe(1);
    const real = Intl.Locale;
    // A runtime without week info (Firefox today): the fallback must give the same answers.
    class Bare {
      private readonly inner: Intl.Locale;
      constructor(tag: string) {
        this.inner = new real(tag);
      }
      maximize() {
        return this.inner.maximize();
      }
    }
    (Intl as { Locale: unknown }).Locale = Bare;
    try {
      expect(firstDayOfWeek('he')).toBe(0);
      expect(firstDayOfWeek('en-GB')).toBe(1);
      expect(firstDayOfWeek('not a locale!')).toBe(1);
    } finally {
      (Intl as { Locale: unknown }).Locale = real;
    }
  });
});

describe('the week’s start', () => {
  // Thursday 3 December 2026, 12:00 in Jerusalem.
  const now = at('2026-12-03T10:00:00Z');

  it('is the local midnight of the locale’s first day, in the team’s zone', () => {
    expect(weekStart(now, 'Asia/Jerusalem', 0)).toBe(at('2026-11-28T22:00:00Z')); // Sunday 29 Nov, 00:00 local
    expect(weekStart(now, 'Asia/Jerusalem', 1)).toBe(at('2026-11-29T22:00:00Z')); // Monday 30 Nov
    expect(weekStart(now, 'America/New_York', 1)).toBe(at('2026-11-30T05:00:00Z'));
  });

  it('is today on the first day itself, from its first instant', () => {
    const sundayMidnight = at('2026-11-28T22:00:00Z');
    expect(weekStart(sundayMidnight, 'Asia/Jerusalem', 0)).toBe(sundayMidnight);
    expect(weekStart(sundayMidnight - 1, 'Asia/Jerusalem', 0)).toBe(at('2026-11-21T22:00:00Z'));
  });
});

describe('my week’s figures', () => {
  const team = settings({
    timezone: 'Asia/Jerusalem',
    slaMinutes: 10,
    slaBySource: { paid_search: 60 },
    businessHours: { days: ['sun', 'mon', 'tue', 'wed', 'thu'], start: '09:00', end: '17:00', holidays: [] },
  });
  const from = at('2026-11-28T22:00:00Z'); // Sunday
  const asOf = at('2026-12-03T10:00:00Z');
  const leads: Lead[] = [
    lead('a', '2026-11-29T07:00:00Z', { ownerId: 'me' }), // answered in 4 business minutes: met
    lead('b', '2026-11-29T20:00:00Z', { ownerId: 'me' }), // 22:00 local; answered 09:30 next day: 30 min, missed
    lead('c', '2026-12-03T09:55:00Z', { ownerId: 'me' }), // waiting 5 minutes: undecided
    lead('d', '2026-12-01T08:00:00Z', { ownerId: 'me', source: 'paid_search' }), // waiting, SLA 60: overdue
    lead('e', '2026-11-30T08:00:00Z', { ownerId: 'other' }), // answered in 2: met
    lead('old', '2026-11-20T08:00:00Z', { ownerId: 'me' }), // last week
    lead('gone', '2026-11-30T08:00:00Z', { ownerId: 'me', archived: true }),
  ];
  const touches: Touch[] = [
    touch('t1', ['a'], '2026-11-29T07:04:00Z'),
    touch('t2', ['b'], '2026-11-30T07:30:00Z'),
    touch('t3', ['e'], '2026-11-30T08:02:00Z'),
    touch('auto', ['c'], '2026-12-03T09:56:00Z', { automated: true }), // a sequence's mail answers nothing
  ];
  const weekLeads: WeekLead[] = leads.map((row) => ({ ...row, effectiveSource: effectiveSource(row) }));
  const touchesOf = (id: string) => touches.filter((row) => row.leadIds.includes(id));

  it('are the report’s own figures for my leads and for the whole cohort', () => {
    const prepared = prepareReport(snapshot({ leads, touches }), team, asOf);
    const span = { from, to: asOf + 1 };
    const mineInReport = breakdowns(prepared, span).byRep.find((row) => row.key === 'me');
    const { mine, team: all } = myWeek(weekLeads, touchesOf, team, 'me', from, asOf);
    expect(mine).toEqual({ leads: 4, medianResponseMinutes: 17, shareWithinSla: 1 / 3 });
    expect(mine.medianResponseMinutes).toBe(mineInReport?.cohort.response.medianMinutes);
    expect(mine.shareWithinSla).toBe(mineInReport?.cohort.sla.shareWithinSla);
    expect(mine.leads).toBe(mineInReport?.cohort.leads);
    const cohort = windowFigures(prepared, span).cohort;
    expect(all).toEqual({
      leads: cohort.leads,
      medianResponseMinutes: cohort.response.medianMinutes,
      shareWithinSla: cohort.sla.shareWithinSla,
    });
    expect(all).toEqual({ leads: 5, medianResponseMinutes: 4, shareWithinSla: 2 / 4 });
  });

  it('leave the team out when the cache holds only my leads, and say nothing of an empty week', () => {
    const onlyMine = weekLeads.filter((row) => row.ownerId === 'me');
    expect(myWeek(onlyMine, touchesOf, team, 'me', from, asOf).team).toBeNull();
    expect(weekFigures([], touchesOf, team, from, asOf)).toEqual({
      leads: 0,
      medianResponseMinutes: null,
      shareWithinSla: null,
    });
  });
});
