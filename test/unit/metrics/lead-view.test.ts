import { describe, expect, it } from 'vitest';
import { leadContextSchema } from '../../../lib/messaging/protocol';
import {
  defaultTimerRules,
  leadView,
  runningTimer,
  type ViewedLead,
  visibleTimer,
} from '../../../lib/metrics/lead-view.ts';
import type { Deal, Touch } from '../../../lib/model/snapshot.ts';

// The lead view is the one home of a lead's timer, temperature and SLA: the badges' data, the alerts and the report
// all follow it. Each case pins a boundary, so a change of rule fails here first.

const MIN = 60_000;
const DAY = 86_400_000;
const asOf = Date.parse('2026-06-10T12:00:00Z');
const lead: ViewedLead = {
  id: '1',
  email: 'Dana@Example.com',
  name: 'Dana',
  ownerId: '7',
  createdAt: asOf - 60 * MIN,
  lifecycleStage: 'lead',
  stageDates: {},
  effectiveSource: 'paid_search',
};
const touch = (change: Partial<Touch>): Touch => ({
  id: 't',
  kind: 'email',
  direction: 'out',
  at: asOf - 30 * MIN,
  leadIds: ['1'],
  automated: false,
  ...change,
});
const deal = (id: string, change: Partial<Deal> = {}): Deal => ({
  id,
  amount: 100,
  pipelineId: 'p',
  stageId: 's',
  createdAt: 0,
  isClosed: false,
  isWon: false,
  leadIds: ['1'],
  ...change,
});
const settings = { slaMinutes: 5, slaBySource: { paid_search: 15 } };
const view = (touches: Touch[], change: Partial<ViewedLead> = {}, at = asOf) =>
  leadView({ ...lead, ...change }, touches, [], settings, at);

describe('the timer', () => {
  it('no response yet: the open timer runs from creation, even with an automated send and an inbound message', () => {
    const found = view([touch({ automated: true }), touch({ direction: 'in' })]);
    expect(found.timer).toEqual({ kind: 'open', since: lead.createdAt });
  });

  it('an inbound e-mail or call later than the latest response starts the inbound timer', () => {
    const found = view([touch({ at: asOf - 40 * MIN }), touch({ direction: 'in', kind: 'call', at: asOf - 10 * MIN })]);
    expect(found.timer).toEqual({ kind: 'inbound', since: asOf - 10 * MIN });
    expect(found.firstResponseAt).toBe(asOf - 40 * MIN);
  });

  it('an inbound message at the instant of the response, or before it, runs no timer', () => {
    expect(view([touch({}), touch({ direction: 'in' })]).timer).toBeUndefined();
    expect(view([touch({}), touch({ direction: 'in', at: asOf - 31 * MIN })]).timer).toBeUndefined();
  });

  it('a meeting is a response whatever its direction; a note, a task or an inbound meeting starts nothing', () => {
    expect(view([touch({ kind: 'meeting', direction: 'none' })]).timer).toBeUndefined();
    expect(view([touch({ kind: 'note', direction: 'none' })]).timer?.kind).toBe('open');
    expect(view([touch({ kind: 'task' })]).timer?.kind).toBe('open');
    const answered = touch({ at: asOf - 40 * MIN });
    expect(view([answered, touch({ kind: 'meeting', direction: 'in' })]).timer).toBeUndefined();
    expect(view([answered, touch({ kind: 'note', direction: 'in' })]).timer).toBeUndefined();
  });

  it('a response before the lead existed, or after asOf, does not stop the clock', () => {
    expect(view([touch({ at: lead.createdAt - MIN })]).timer?.kind).toBe('open');
    expect(view([touch({ at: lead.createdAt })]).timer).toBeUndefined();
    expect(view([touch({ at: asOf + MIN })]).timer?.kind).toBe('open');
  });

  it('the first response is the earliest, in any order of touches', () => {
    const found = view([
      touch({ at: asOf - 10 * MIN }),
      touch({ at: asOf - 50 * MIN }),
      touch({ at: asOf - 20 * MIN }),
    ]);
    expect(found.firstResponseAt).toBe(asOf - 50 * MIN);
  });

  it('a lead created after asOf (HubSpot a little ahead) still runs its open timer', () => {
    expect(view([], { createdAt: asOf + MIN }).timer).toEqual({ kind: 'open', since: asOf + MIN });
  });

  it('runningTimer: open without a response, inbound only for a later message', () => {
    expect(runningTimer(1, undefined, 5)).toEqual({ kind: 'open', since: 1 });
    expect(runningTimer(1, 5, 6)).toEqual({ kind: 'inbound', since: 6 });
    expect(runningTimer(1, 5, 5)).toBeUndefined();
    expect(runningTimer(1, 5, undefined)).toBeUndefined();
  });
});

describe('the SLA', () => {
  it('is the effective source’s own limit, else the team’s', () => {
    expect(view([]).slaMinutes).toBe(15);
    expect(view([], { effectiveSource: 'offline' }).slaMinutes).toBe(5);
    // A source is CRM text: `constructor` must not find an inherited function.
    expect(view([], { effectiveSource: 'constructor' }).slaMinutes).toBe(5);
  });
});

describe('the temperature', () => {
  const old = { createdAt: asOf - 90 * DAY };

  it('hot: score 70 or more, or a touch in (of any kind) within 3 days', () => {
    expect(view([], { ...old, score: 70 }).temperature).toBe('hot');
    expect(view([], { ...old, score: 69 }).temperature).toBe('cold');
    expect(view([touch({ kind: 'note', direction: 'in', at: asOf - 3 * DAY })], old).temperature).toBe('hot');
    expect(view([touch({ direction: 'in', at: asOf - 3 * DAY - 1 })], old).temperature).toBe('warm');
    // Not yet true at asOf.
    expect(view([touch({ direction: 'in', at: asOf + MIN })], old).temperature).toBe('cold');
  });

  it('cold: no touch for 30 days and created over 30 days ago; otherwise warm', () => {
    expect(view([touch({ at: asOf - 31 * DAY })], old).temperature).toBe('cold');
    expect(view([touch({ at: asOf - 30 * DAY })], old).temperature).toBe('warm');
    expect(view([], { createdAt: asOf - 30 * DAY }).temperature).toBe('warm');
    expect(view([], { createdAt: asOf - 30 * DAY - 1 }).temperature).toBe('cold');
  });
});

describe('the rest of the view', () => {
  it('last inbound and last outbound touches, automated sends included on the way out; stage dates as dated', () => {
    const found = view(
      [
        touch({ at: asOf - 40 * MIN }),
        touch({ direction: 'in', at: asOf - 20 * MIN }),
        touch({ automated: true, at: asOf - 10 * MIN }),
        touch({ kind: 'note', direction: 'none', at: asOf - 5 * MIN }),
        touch({ direction: 'in', at: asOf + MIN }),
      ],
      { stageDates: { lead: asOf - 2 * DAY, marketingqualifiedlead: asOf - DAY, customer: asOf + DAY } },
    );
    expect(found).toMatchObject({ lastInboundAt: asOf - 20 * MIN, lastOutboundAt: asOf - 10 * MIN });
    // The sequence e-mail is a touch, not an answer: the inbound timer still runs.
    expect(found.timer).toEqual({ kind: 'inbound', since: asOf - 20 * MIN });
    // A stage date after the cache's instant is not yet true.
    expect(found.stageDates).toEqual({ lead: asOf - 2 * DAY, marketingqualifiedlead: asOf - DAY });
    const bare = view([]);
    expect(bare).not.toHaveProperty('lastInboundAt');
    expect(bare).not.toHaveProperty('lastOutboundAt');
    expect(bare).not.toHaveProperty('stageDates');
    expect(bare).not.toHaveProperty('leadStatus');
  });

  it('sums the open deals of this lead only', () => {
    const deals = [deal('d1'), deal('d2', { amount: 50, isClosed: true, isWon: true }), deal('d3', { leadIds: ['2'] })];
    expect(leadView(lead, [], deals, settings, asOf).openDealValue).toBe(100);
  });

  it('passes the message schema the content scripts check', () => {
    const found = view([touch({ direction: 'in' })], { stageDates: { lead: asOf - DAY }, leadStatus: 'NEW' });
    expect(leadContextSchema().safeParse(found).success).toBe(true);
  });
});

describe('visibleTimer', () => {
  const base = { stage: 'salesqualifiedlead', slaMinutes: 10 };
  const now = asOf;

  it('shows an open timer of a recent lead and an inbound timer of a recent message', () => {
    expect(visibleTimer({ ...base, timer: { kind: 'open', since: now - MIN } }, now)).toEqual({
      kind: 'open',
      since: now - MIN,
      slaMinutes: 10,
    });
    expect(visibleTimer({ ...base, timer: { kind: 'inbound', since: now - 14 * DAY } }, now)?.kind).toBe('inbound');
    expect(visibleTimer({ ...base, timer: { kind: 'open', since: now - 30 * DAY } }, now)?.kind).toBe('open');
  });

  it('hides timers of old imports, customers, old messages and snoozed leads', () => {
    expect(visibleTimer({ ...base, timer: { kind: 'open', since: now - 30 * DAY - 1 } }, now)).toBeNull();
    expect(visibleTimer({ ...base, stage: 'customer', timer: { kind: 'open', since: now - MIN } }, now)).toBeNull();
    expect(visibleTimer({ ...base, stage: 'evangelist', timer: { kind: 'open', since: now - MIN } }, now)).toBeNull();
    // A customer's new message is still answered.
    expect(visibleTimer({ ...base, stage: 'customer', timer: { kind: 'inbound', since: now - MIN } }, now)?.kind).toBe(
      'inbound',
    );
    expect(visibleTimer({ ...base, timer: { kind: 'inbound', since: now - 14 * DAY - 1 } }, now)).toBeNull();
    const running = { ...base, timer: { kind: 'open' as const, since: now - MIN } };
    expect(visibleTimer(running, now, defaultTimerRules, now + 1)).toBeNull();
    expect(visibleTimer(running, now, defaultTimerRules, now)).not.toBeNull();
    expect(visibleTimer(base, now)).toBeNull();
  });

  it('follows the team’s rules', () => {
    const rules = { openWithinDays: 2, inboundWithinDays: 1 };
    expect(visibleTimer({ ...base, timer: { kind: 'open', since: now - 3 * DAY } }, now, rules)).toBeNull();
    expect(visibleTimer({ ...base, timer: { kind: 'inbound', since: now - 2 * DAY } }, now, rules)).toBeNull();
    expect(visibleTimer({ ...base, timer: { kind: 'open', since: now - DAY } }, now, rules)?.kind).toBe('open');
  });
});
