import { describe, expect, it } from 'vitest';
import { translator } from '../../../lib/i18n';
import {
  badgeDescription,
  badgeLabel,
  lastTouchAt,
  leadStatusText,
  stageText,
  timerFace,
  truncate,
} from '../../../lib/overlay/badge-model';
import type { LeadContext } from '../../../lib/messaging/protocol';

const MIN = 60_000;
const now = Date.parse('2026-11-22T12:00:00Z');
const t = translator('en');
const elapsed = (from: number, to: number) => (to - from) / MIN;

const base: LeadContext = {
  id: '1',
  email: 'dana@acme.example',
  name: 'Dana Levi',
  stage: 'salesqualifiedlead',
  effectiveSource: 'partner-webinar',
  temperature: 'hot',
  slaMinutes: 10,
  openDealValue: 0,
};

describe('timerFace', () => {
  // SLA 10 minutes: ok below 5, due from 5, overdue from 10.
  it.each([
    [4 * MIN + 59_000, 'ok'],
    [5 * MIN, 'due'],
    [9 * MIN + 59_000, 'due'],
    [10 * MIN, 'overdue'],
  ])('after %d ms the state is %s', (waited, state) => {
    const face = timerFace({ kind: 'open', since: now - waited, slaMinutes: 10 }, now, elapsed, 'en');
    expect(face.state).toBe(state);
  });

  it('counts and shows business minutes: one clock for the colour and the text', () => {
    const overnight = (from: number, to: number) => elapsed(from, to) - 600; // 10 h outside business hours
    const face = timerFace({ kind: 'inbound', since: now - 11 * 60 * MIN, slaMinutes: 120 }, now, overnight, 'en');
    expect(face).toEqual({ text: '1h', state: 'due', minutes: 60 });
  });
});

describe('texts', () => {
  it('abbreviates standard stages and keeps a custom stage label, truncated', () => {
    expect(stageText(base, t)).toBe('SQL');
    expect(stageText({ stage: 'x_custom', stageLabel: 'Waiting for the procurement committee' }, t)).toBe(
      'Waiting for the procure…', // 23 characters and the ellipsis: 24 in all,
    );
    expect(stageText({ stage: '' }, t)).toBe('No stage');
  });

  it('drops bidirectional overrides and cuts long text', () => {
    expect(truncate('abc\u202Edef', 10)).toBe('abcdef');
    expect(truncate('x'.repeat(5000), 60)).toHaveLength(60);
  });

  it('says in words what the badge shows, with HubSpot’s status label, and a name that does not tick', () => {
    const timer = { kind: 'open' as const, since: now - 6 * MIN, slaMinutes: 10 };
    const label = (at: number) =>
      badgeLabel({ ...base, leadStatus: 'NEW' }, timerFace(timer, at, elapsed, 'en'), timer, t);
    expect(label(now)).toBe('Lead Dana Levi, SQL, New, Hot, waiting for a first answer, SLA due soon');
    // A second and a minute later the name is the same; it changes only with the SLA state.
    expect(label(now + 1000)).toBe(label(now));
    expect(label(now + 61_000)).toBe(label(now));
    expect(label(now + 4 * MIN)).toBe('Lead Dana Levi, SQL, New, Hot, waiting for a first answer, SLA overdue');
    // A portal's own status keeps the portal's label; Hebrew names HubSpot's own.
    expect(badgeLabel({ ...base, leadStatus: 'x_custom', leadStatusLabel: 'Called twice' }, null, null, t)).toBe(
      'Lead Dana Levi, SQL, Called twice, Hot',
    );
    expect(leadStatusText({ leadStatus: 'UNQUALIFIED' }, translator('he'))).not.toBe('UNQUALIFIED');
  });

  it('describes the wait in whole minutes, its clock and the cache’s date', () => {
    const timer = { kind: 'open' as const, since: now - 6 * MIN - 20_000, slaMinutes: 10 };
    const face = timerFace(timer, now, elapsed, 'en');
    const asOf = Date.parse('2026-11-22T11:58:00Z');
    const description = badgeDescription(face, { businessTime: true, asOf, language: 'en' }, t);
    expect(description).toMatch(/^waiting 6m 0s of business hours\. data as of /);
    expect(description).toContain(
      new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeStyle: 'short' }).format(asOf),
    );
    expect(badgeDescription(null, { businessTime: false, language: 'en' }, t)).toBe('');
  });

  it('adds the answered-in-mail note to the accessible name', () => {
    expect(badgeLabel(base, null, null, t, true)).toBe(
      'Lead Dana Levi, SQL, Hot, Answered in mail, not logged in HubSpot',
    );
  });

  it('says when the lead is a colleague’s, looked up on demand rather than one of my cached leads', () => {
    expect(badgeLabel({ ...base, lookedUpUntil: now + 24 * 60 * MIN }, null, null, t)).toBe(
      'Lead Dana Levi, SQL, Hot, not one of my leads, looked up in HubSpot',
    );
    expect(badgeLabel({ ...base, lookedUpUntil: now }, null, null, translator('he'))).toContain('לא מהלידים שלי');
    expect(badgeLabel(base, null, null, t)).not.toContain('looked up');
  });

  it('last touch is the later of the last inbound and outbound, whichever exist', () => {
    expect(lastTouchAt(base)).toBeUndefined();
    expect(lastTouchAt({ lastInboundAt: 5 })).toBe(5);
    expect(lastTouchAt({ lastOutboundAt: 7 })).toBe(7);
    expect(lastTouchAt({ lastInboundAt: 9, lastOutboundAt: 7 })).toBe(9);
    expect(lastTouchAt({ lastInboundAt: 3, lastOutboundAt: 7 })).toBe(7);
  });
});
