import { describe, expect, it } from 'vitest';
import {
  episodeOf,
  notificationsDue,
  overdueLeads,
  prunedNotified,
  toolbarBadgeText,
} from '../../../lib/alerts/overdue';
import { defaultTimerRules } from '../../../lib/metrics/lead-view';
import type { LeadContext } from '../../../lib/messaging/protocol';

const MIN = 60_000;
const now = Date.parse('2026-11-22T12:00:00Z');

function lead(id: string, patch: Partial<LeadContext>): LeadContext {
  return {
    id,
    email: `${id}@x.example`,
    name: `Lead ${id}`,
    stage: 'lead',
    effectiveSource: 'organic_search',
    temperature: 'warm',
    slaMinutes: 5,
    openDealValue: 0,
    ...patch,
  };
}

const elapsed = (from: number, to: number) => (to - from) / MIN;
const base = {
  now,
  minutesBetween: elapsed,
  rules: defaultTimerRules,
  snoozedUntil: new Map(),
  notALead: new Set<string>(),
};

describe('overdueLeads', () => {
  it('lists leads whose wait reached their SLA, longest wait first', () => {
    const leads = [
      lead('a', { timer: { kind: 'open', since: now - 4 * MIN } }), // due (4 ≥ 2.5), not overdue
      lead('b', { timer: { kind: 'open', since: now - 5 * MIN } }), // exactly the SLA: overdue
      lead('c', { timer: { kind: 'inbound', since: now - 90 * MIN } }),
      lead('d', {}), // no timer
      lead('e', { timer: { kind: 'open', since: now - 20 * MIN }, slaMinutes: 30 }), // own SLA, not overdue
    ];
    expect(overdueLeads({ ...base, leads }).map((entry) => [entry.leadId, entry.minutes])).toEqual([
      ['c', 90],
      ['b', 5],
    ]);
  });

  it('leaves out snoozed leads, "not a lead", customers and old imports', () => {
    const leads = [
      lead('snoozed', { timer: { kind: 'open', since: now - 60 * MIN } }),
      lead('nope', { timer: { kind: 'open', since: now - 60 * MIN } }),
      lead('customer', { stage: 'customer', timer: { kind: 'open', since: now - 60 * MIN } }),
      lead('import', { timer: { kind: 'open', since: now - 400 * 24 * 60 * MIN } }),
      lead('old-inbound', { timer: { kind: 'inbound', since: now - 15 * 24 * 60 * MIN } }),
    ];
    const result = overdueLeads({
      ...base,
      leads,
      snoozedUntil: new Map([['snoozed', now + MIN]]),
      notALead: new Set(['nope']),
    });
    expect(result).toEqual([]);
  });
});

describe('notificationsDue', () => {
  const overdue = overdueLeads({
    ...base,
    leads: [
      lead('a', { timer: { kind: 'open', since: now - 10 * MIN } }),
      lead('b', { timer: { kind: 'inbound', since: now - 10 * MIN } }),
    ],
  });

  it('notifies each waiting episode once', () => {
    const notified = new Set([episodeOf('a', { kind: 'open', since: now - 10 * MIN })]);
    expect(notificationsDue(overdue, notified, true).map((entry) => entry.leadId)).toEqual(['b']);
  });

  it('a new inbound message is a new episode of the same lead', () => {
    const first = episodeOf('b', { kind: 'inbound', since: now - 10 * MIN });
    const second = episodeOf('b', { kind: 'inbound', since: now - 2 * MIN });
    expect(first).not.toBe(second);
  });

  it('stays silent outside business hours', () => {
    expect(notificationsDue(overdue, new Set(), false)).toEqual([]);
  });

  it('forgets episodes that are over', () => {
    expect([...prunedNotified(new Set(['gone:open:1', overdue[0]?.episode ?? '']), overdue)]).toEqual([
      overdue[0]?.episode,
    ]);
  });
});

describe('toolbarBadgeText', () => {
  it.each([
    [0, ''],
    [3, '3'],
    [99, '99'],
    [150, '99+'],
  ])('%d → %s', (count, text) => {
    expect(toolbarBadgeText(count)).toBe(text);
  });
});
