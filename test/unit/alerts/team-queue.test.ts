import { describe, expect, it } from 'vitest';
import { multiplesDue, type QueuedLeadView, teamQueue, toldAfter } from '../../../lib/alerts/team-queue';
import { businessClockFor, minutesMeasure } from '../../../lib/metrics/calendar';
import { defaultTimerRules } from '../../../lib/metrics/lead-view';

// The team queue: the followed reps' overdue leads on the team's clock, like the rep's own alerts.

const MINUTE = 60_000;
// Thursday 3 December 2026, 10:00 in Jerusalem (08:00 UTC).
const NOW = Date.parse('2026-12-03T08:00:00Z');
const wallClock = minutesMeasure(null);

function lead(id: string, patch: Partial<QueuedLeadView> = {}): QueuedLeadView {
  return {
    id,
    name: `Lead ${id}`,
    email: `${id}@example.com`,
    ownerId: 'rep-a',
    ownerName: 'Avi',
    stage: 'lead',
    slaMinutes: 30,
    timer: { kind: 'open', since: NOW - 45 * MINUTE },
    ...patch,
  };
}

const base = {
  ownerIds: new Set(['rep-a', 'rep-b']),
  now: NOW,
  minutesBetween: wallClock,
  rules: defaultTimerRules,
  snoozedUntil: new Map<string, number>(),
  notALead: new Set<string>(),
};

describe('teamQueue', () => {
  it('lists only overdue leads of the followed reps, with owner and wait, the longest share of the SLA first', () => {
    const queue = teamQueue({
      ...base,
      leads: [
        lead('1'),
        lead('2', {
          ownerId: 'rep-b',
          ownerName: 'Bina',
          slaMinutes: 5,
          timer: { kind: 'inbound', since: NOW - 20 * MINUTE },
        }),
        lead('3', { timer: { kind: 'open', since: NOW - 10 * MINUTE } }),
        lead('4', { ownerId: 'rep-c' }),
        lead('5', { ownerId: undefined }),
        lead('6', { timer: undefined }),
      ],
    });
    expect(queue.map((entry) => entry.leadId)).toEqual(['2', '1']);
    expect(queue[0]).toMatchObject({
      ownerId: 'rep-b',
      ownerName: 'Bina',
      kind: 'inbound',
      waitedMinutes: 20,
      multiple: 4,
    });
    expect(queue[1]).toMatchObject({ ownerId: 'rep-a', waitedMinutes: 45, slaMinutes: 30, multiple: 1 });
  });

  it('counts business minutes: a lead that came in overnight is not overdue at the start of the day', () => {
    const hours = { days: ['sun', 'mon', 'tue', 'wed', 'thu'] as const, start: '09:00', end: '17:00' };
    const business = minutesMeasure(businessClockFor('Asia/Jerusalem', { ...hours, days: [...hours.days] }));
    // Came in at 02:00 local; at 10:00 local it has waited one business hour, eight on the wall clock.
    const overnight = lead('n', {
      slaMinutes: 120,
      timer: { kind: 'open', since: Date.parse('2026-12-03T00:00:00Z') },
    });
    expect(teamQueue({ ...base, leads: [overnight] }).map((entry) => entry.leadId)).toEqual(['n']);
    expect(teamQueue({ ...base, minutesBetween: business, leads: [overnight] })).toEqual([]);
    // On a holiday no minute counts.
    const holiday = minutesMeasure(
      businessClockFor('Asia/Jerusalem', { ...hours, days: [...hours.days], holidays: ['2026-12-03'] }),
    );
    expect(holiday(Date.parse('2026-12-03T00:00:00Z'), NOW)).toBe(0);
  });

  it('leaves out what the rep’s alerts leave out: snoozed, not a lead, past the timer rules, customers', () => {
    const queue = teamQueue({
      ...base,
      snoozedUntil: new Map([['s', NOW + MINUTE]]),
      notALead: new Set(['x']),
      leads: [
        lead('s'),
        lead('x'),
        lead('old', { timer: { kind: 'open', since: NOW - 40 * 86_400_000 } }),
        lead('c', { stage: 'customer' }),
        lead('ok'),
      ],
    });
    expect(queue.map((entry) => entry.leadId)).toEqual(['ok']);
  });
});

describe('multiplesDue', () => {
  it('tells each episode once per multiple of its SLA, only in business hours, and forgets finished episodes', () => {
    const first = teamQueue({
      ...base,
      leads: [lead('1'), lead('2', { timer: { kind: 'open', since: NOW - 65 * MINUTE } })],
    });
    expect(multiplesDue(first, new Map(), false)).toEqual([]);
    const due = multiplesDue(first, new Map(), true);
    expect(due.map((entry) => [entry.leadId, entry.multiple])).toEqual([
      ['2', 2],
      ['1', 1],
    ]);
    let told = toldAfter(new Map(), first, due);
    // A minute later nothing new; once lead 1 reaches 2× its SLA, it is told again.
    expect(
      multiplesDue(
        teamQueue({
          ...base,
          now: NOW + MINUTE,
          leads: [lead('1'), lead('2', { timer: { kind: 'open', since: NOW - 65 * MINUTE } })],
        }),
        told,
        true,
      ),
    ).toEqual([]);
    const later = teamQueue({ ...base, now: NOW + 15 * MINUTE, leads: [lead('1')] });
    expect(multiplesDue(later, told, true).map((entry) => [entry.leadId, entry.multiple])).toEqual([['1', 2]]);
    told = toldAfter(told, later, []);
    // Lead 2 was answered: its episode is forgotten.
    expect([...told.keys()].some((episode) => episode.startsWith('2:'))).toBe(false);
  });
});
