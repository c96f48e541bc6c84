import { describe, expect, it } from 'vitest';
import { overdueLeads } from '../../../lib/alerts/overdue';
import type { LeadContext } from '../../../lib/messaging/protocol';
import { perLeadFacts } from '../../../lib/metrics/lead-facts';
import { leadView } from '../../../lib/metrics/lead-view';
import { prepareReport } from '../../../lib/metrics/prepare';
import { effectiveSource } from '../../../lib/metrics/sources';
import type { Lead, Touch } from '../../../lib/model/snapshot';
import { markedTimer } from '../../../lib/overlay/badge-model';
import {
  assignmentClocks,
  earlyWarningReached,
  elapsedMinutes,
  isBusinessTime,
  leadClockFor,
  timerReading,
  wallClock,
} from '../../../lib/overlay/lead-clock';
import { at, lead, minute, settings, snapshot, touch } from '../metrics/fixtures';

// One clock (issue #20): a badge, its card, the alerts and the toolbar count read a wait as the panel's per-lead facts
// do. Jerusalem, Sunday to Thursday 09:00–17:00, and Thursday 3 December 2026 a holiday.

const team = settings({
  timezone: 'Asia/Jerusalem',
  slaMinutes: 5,
  businessHours: { days: ['sun', 'mon', 'tue', 'wed', 'thu'], start: '09:00', end: '17:00', holidays: ['2026-12-03'] },
});
const clock = leadClockFor(team);

/** The lead as the overlays see it at `asOf`: the background's view (`leadView`), through the wire type. */
function asBadgeSees(record: Lead, touches: Touch[], asOf: number): LeadContext {
  const view = leadView({ ...record, effectiveSource: effectiveSource(record) }, touches, [], team, asOf);
  return { ...view, createdAt: record.createdAt };
}

/** The badge's state (null: no timer) and the panel's facts for the one lead at `asOf`. */
function bothSides(record: Lead, touches: Touch[], asOf: number) {
  const badgeLead = asBadgeSees(record, touches, asOf);
  const timer = markedTimer(badgeLead, asOf);
  const badge = timer ? timerReading(timer, asOf, clock.minutesBetween) : null;
  const prepared = prepareReport(snapshot({ leads: [record], touches }), team, asOf);
  const [facts] = perLeadFacts(prepared, { from: record.createdAt, to: asOf + 1 });
  if (!facts) throw new Error('the lead is not in its own cohort');
  const overdue = overdueLeads({
    leads: [badgeLead],
    now: asOf,
    minutesBetween: clock.minutesBetween,
    rules: team.timerRules,
    snoozedUntil: new Map(),
    notALead: new Set(),
  });
  return { badge, facts, alerted: overdue.length > 0 };
}

describe('the badge and the panel on one clock', () => {
  // Monday 30 November, 23:00 in Jerusalem (21:00 UTC): after hours.
  const night = lead('N', '2026-11-30T21:00:00Z');

  it('a lead that arrived overnight is not red at 02:00 (wall clock: 3 hours, past any 5-minute SLA)', () => {
    const asOf = at('2026-12-01T00:00:00Z');
    const { badge, facts, alerted } = bothSides(night, [], asOf);
    expect(elapsedMinutes(night.createdAt, asOf)).toBe(180);
    expect(badge).toEqual({ minutes: 0, state: 'ok', slaMinutes: 5 });
    expect(facts).toMatchObject({ timer: 'open', timerState: 'ok', timerWaitingMinutes: 0, slaOutcome: 'pending' });
    expect(alerted).toBe(false);
  });

  it('counts from 09:00: amber at 09:03, red at 09:05, with the panel', () => {
    for (const [time, state, outcome] of [
      ['2026-12-01T07:03:00Z', 'due', 'pending'],
      ['2026-12-01T07:05:00Z', 'overdue', 'overdue'],
    ] as const) {
      const asOf = at(time);
      const { badge, facts, alerted } = bothSides(night, [], asOf);
      expect(badge?.state).toBe(state);
      expect(facts.timerState).toBe(state);
      expect(badge?.minutes).toBe(facts.timerWaitingMinutes);
      expect(facts.slaOutcome).toBe(outcome);
      expect(alerted).toBe(state === 'overdue');
    }
  });

  it('an answer at 08:30 is met in the panel and stops the badge', () => {
    const answered = [touch('t', ['N'], '2026-12-01T06:30:00Z')];
    const { badge, facts } = bothSides(night, answered, at('2026-12-01T08:00:00Z'));
    expect(badge).toBeNull();
    expect(facts).toMatchObject({ slaOutcome: 'met', responseMinutes: 0, timer: null });
  });

  it('a holiday has no business time: a lead of its morning waits until Sunday', () => {
    // Thursday 3 December (a holiday), 10:00 local; Friday and Saturday are not business days.
    const holiday = lead('H', '2026-12-03T08:00:00Z');
    const afternoon = bothSides(holiday, [], at('2026-12-03T13:00:00Z'));
    expect(afternoon.badge?.state).toBe('ok');
    expect(afternoon.facts).toMatchObject({ timerState: 'ok', timerWaitingMinutes: 0, slaOutcome: 'pending' });
    expect(afternoon.alerted).toBe(false);
    // Sunday 6 December, 09:10 local: 10 business minutes.
    const sunday = bothSides(holiday, [], at('2026-12-06T07:10:00Z'));
    expect(sunday.badge).toEqual({ minutes: 10, state: 'overdue', slaMinutes: 5 });
    expect(sunday.facts).toMatchObject({ timerState: 'overdue', timerWaitingMinutes: 10, slaOutcome: 'overdue' });
    expect(sunday.alerted).toBe(true);
  });

  it('without business hours every minute counts, as before', () => {
    expect(leadClockFor({ timezone: 'UTC', businessHours: null })).toBe(wallClock);
    expect(leadClockFor(undefined)).toBe(wallClock);
    expect(clock.business).toEqual({ timezone: 'Asia/Jerusalem', hours: team.businessHours });
  });

  it('knows when business hours are on, holidays included', () => {
    expect(isBusinessTime(team, at('2026-12-01T08:00:00Z'))).toBe(true); // Tuesday 10:00
    expect(isBusinessTime(team, at('2026-12-01T00:00:00Z'))).toBe(false); // Tuesday 02:00
    expect(isBusinessTime(team, at('2026-12-03T08:00:00Z'))).toBe(false); // the holiday, 10:00
    expect(isBusinessTime({ timezone: 'UTC', businessHours: null }, 0)).toBe(true);
  });
});

describe('assignment clocks', () => {
  const created = at('2026-12-01T07:00:00Z'); // Tuesday 09:00 local

  it('give the routing delay and the running clock from assignment, in business minutes', () => {
    const now = created + 30 * minute;
    const clocks = assignmentClocks(
      { createdAt: created, ownerAssignedAt: created + 12 * minute },
      now,
      clock.minutesBetween,
    );
    expect(clocks).toEqual({ routingMinutes: 12, fromAssignment: { minutes: 18, running: true } });
  });

  it('give the response after assignment once answered', () => {
    const clocks = assignmentClocks(
      { createdAt: created, ownerAssignedAt: created + 2 * minute, firstResponseAt: created + 9 * minute },
      created + 60 * minute,
      elapsedMinutes,
    );
    expect(clocks).toEqual({ routingMinutes: 2, fromAssignment: { minutes: 7, running: false } });
  });

  it('say nothing of a re-assignment after the answer, one before creation, or one not yet true', () => {
    const now = created + 60 * minute;
    const late = { createdAt: created, ownerAssignedAt: created + 20 * minute, firstResponseAt: created + 5 * minute };
    expect(assignmentClocks(late, now, elapsedMinutes)).toEqual({});
    expect(assignmentClocks({ createdAt: created, ownerAssignedAt: created - 1 }, now, elapsedMinutes)).toEqual({});
    expect(assignmentClocks({ createdAt: created, ownerAssignedAt: now + 1 }, now, elapsedMinutes)).toEqual({});
    expect(assignmentClocks({ createdAt: created }, now, elapsedMinutes)).toEqual({});
  });
});

describe('early warning', () => {
  const timer = { since: 0, slaMinutes: 10 };
  const reading = (minutes: number) => timerReading(timer, minutes * minute, elapsedMinutes);

  it('by default (50 %) fires exactly when the badge turns amber, and never once overdue', () => {
    expect(earlyWarningReached(reading(4.99), 50)).toBe(false);
    expect(reading(5).state).toBe('due');
    expect(earlyWarningReached(reading(5), 50)).toBe(true);
    expect(earlyWarningReached(reading(9.99), 50)).toBe(true);
    expect(earlyWarningReached(reading(10), 50)).toBe(false);
  });

  it('fires at the share the rep set', () => {
    expect(earlyWarningReached(reading(7.9), 80)).toBe(false);
    expect(earlyWarningReached(reading(8), 80)).toBe(true);
    expect(earlyWarningReached(reading(2), 20)).toBe(true);
  });
});
