import { describe, expect, it } from 'vitest';
import { translator } from '../../../lib/i18n';
import { badgeLabel, lastTouchAt, stageText, timerFace, truncate } from '../../../lib/overlay/badge-model';
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

  it('counts business minutes for the state but shows elapsed time', () => {
    const overnight = (from: number, to: number) => elapsed(from, to) - 600; // 10 h outside business hours
    const face = timerFace({ kind: 'inbound', since: now - 11 * 60 * MIN, slaMinutes: 120 }, now, overnight, 'en');
    expect(face).toEqual({ text: '11h', state: 'due', minutes: 60 });
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

  it('says in words what the badge shows', () => {
    const timer = { kind: 'open' as const, since: now - 6 * MIN, slaMinutes: 10 };
    const face = timerFace(timer, now, elapsed, 'en');
    expect(badgeLabel({ ...base, leadStatus: 'NEW' }, face, timer, t)).toBe(
      'Lead Dana Levi, SQL, NEW, Hot, waiting for a first answer for 6m 0s, SLA due soon',
    );
  });

  it('adds the answered-in-mail note to the accessible name', () => {
    expect(badgeLabel(base, null, null, t, true)).toBe(
      'Lead Dana Levi, SQL, Hot, Answered in mail, not logged in HubSpot',
    );
  });

  it('last touch is the later of the last inbound and outbound, whichever exist', () => {
    expect(lastTouchAt(base)).toBeUndefined();
    expect(lastTouchAt({ lastInboundAt: 5 })).toBe(5);
    expect(lastTouchAt({ lastOutboundAt: 7 })).toBe(7);
    expect(lastTouchAt({ lastInboundAt: 9, lastOutboundAt: 7 })).toBe(9);
    expect(lastTouchAt({ lastInboundAt: 3, lastOutboundAt: 7 })).toBe(7);
  });
});
