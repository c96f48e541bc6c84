import { describe, expect, it } from 'vitest';
import type { LeadRecord } from '../../../lib/crm/adapter';
import {
  deriveLeadContext,
  forgetLeadContextCache,
  leadContext,
  leadContextServed,
  leadIndexSettled,
} from '../../../lib/background/lead-context';
import { mergeTeamSettings } from '../../../lib/settings/team-settings';
import { compactAnalytics } from '../../../lib/db/analytics';
import { deleteDatabase, LeadLensDb } from '../../../lib/db/db';
import { leadContextSchema } from '../../../lib/messaging/protocol';
import { cacheRows } from '../../support/cache-rows';
import type { Deal, Touch } from '../../../lib/model';

const MIN = 60_000;
const DAY = 86_400_000;
const asOf = Date.parse('2026-06-10T12:00:00Z');
const lead: LeadRecord = {
  id: '1',
  email: 'Dana@Example.com',
  emails: ['dana@example.com', 'd@example.org'],
  name: 'Dana',
  ownerId: '7',
  createdAt: asOf - 60 * MIN,
  lifecycleStage: 'lead',
  stageDates: {},
  source: 'paid_search',
  effectiveSource: 'paid_search',
  updatedAt: asOf,
  archived: false,
};
const touch = (id: string, change: Partial<Touch>): Touch => ({
  id,
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

describe('deriveLeadContext (METRICS.md timers, SLA, temperature)', () => {
  it('no response yet: the open timer runs from creation, even with an automated send and an inbound message', () => {
    const view = deriveLeadContext(
      lead,
      [touch('a', { automated: true }), touch('b', { direction: 'in' })],
      [],
      settings,
      asOf,
    );
    expect(view.timer).toEqual({ kind: 'open', since: lead.createdAt });
    expect(view.slaMinutes).toBe(15);
    expect(view.temperature).toBe('hot');
  });

  it('an inbound message later than the last response starts the inbound timer', () => {
    const view = deriveLeadContext(
      lead,
      [touch('r', { at: asOf - 40 * MIN }), touch('i', { direction: 'in', kind: 'call', at: asOf - 10 * MIN })],
      [],
      settings,
      asOf,
    );
    expect(view.timer).toEqual({ kind: 'inbound', since: asOf - 10 * MIN });
    expect(view.firstResponseAt).toBe(asOf - 40 * MIN);
  });

  it('a meeting is a response whatever its direction; a note is not', () => {
    expect(
      deriveLeadContext(lead, [touch('m', { kind: 'meeting', direction: 'none' })], [], settings, asOf).timer,
    ).toBeUndefined();
    expect(
      deriveLeadContext(lead, [touch('n', { kind: 'note', direction: 'none' })], [], settings, asOf).timer?.kind,
    ).toBe('open');
  });

  it('temperature: score 70 is hot; an old lead without touches for 30 days is cold; otherwise warm', () => {
    const old = { ...lead, createdAt: asOf - 90 * DAY };
    expect(deriveLeadContext({ ...old, score: 70 }, [], [], settings, asOf).temperature).toBe('hot');
    expect(deriveLeadContext(old, [touch('t', { at: asOf - 31 * DAY })], [], settings, asOf).temperature).toBe('cold');
    expect(deriveLeadContext(old, [touch('t', { at: asOf - 29 * DAY })], [], settings, asOf).temperature).toBe('warm');
  });

  it('last inbound and last outbound touches, automated sends included on the way out; stage dates as dated', () => {
    const view = deriveLeadContext(
      { ...lead, stageDates: { lead: asOf - 2 * DAY, marketingqualifiedlead: asOf - DAY, customer: asOf + DAY } },
      [
        touch('r', { at: asOf - 40 * MIN }),
        touch('i', { direction: 'in', at: asOf - 20 * MIN }),
        touch('seq', { automated: true, at: asOf - 10 * MIN }),
        touch('n', { kind: 'note', direction: 'none', at: asOf - 5 * MIN }),
        touch('later', { direction: 'in', at: asOf + MIN }),
      ],
      [],
      settings,
      asOf,
    );
    expect(view).toMatchObject({ lastInboundAt: asOf - 20 * MIN, lastOutboundAt: asOf - 10 * MIN });
    // The sequence e-mail is a touch, not an answer: the inbound timer still runs.
    expect(view.timer).toEqual({ kind: 'inbound', since: asOf - 20 * MIN });
    // A stage date after the cache's instant is not yet true.
    expect(view.stageDates).toEqual({ lead: asOf - 2 * DAY, marketingqualifiedlead: asOf - DAY });
    const bare = deriveLeadContext(lead, [], [], settings, asOf);
    expect(bare).not.toHaveProperty('lastInboundAt');
    expect(bare).not.toHaveProperty('lastOutboundAt');
    expect(bare).not.toHaveProperty('stageDates');
  });

  it('the view passes the message schema the content scripts check', () => {
    const view = deriveLeadContext(
      { ...lead, stageDates: { lead: asOf - DAY } },
      [touch('i', { direction: 'in' })],
      [],
      settings,
      asOf,
    );
    expect(leadContextSchema.safeParse(view).success).toBe(true);
  });

  it('sums open deals only', () => {
    const deals: Deal[] = [deal('d1'), deal('d2', { amount: 50, isClosed: true, isWon: true })];
    expect(deriveLeadContext(lead, [], deals, settings, asOf).openDealValue).toBe(100);
  });
});

describe('leadContext from IndexedDB', () => {
  it('finds leads by any address in any case, or by id, with owner names and stage labels', async () => {
    forgetLeadContextCache();
    const db = new LeadLensDb(`context-${Math.random()}`);
    await cacheRows(db, 'leads', [
      lead,
      { ...lead, id: '2', email: 'gone@example.com', emails: ['gone@example.com'], archived: true },
    ]);
    await cacheRows(db, 'touches', [touch('t1', { at: asOf - 50 * MIN })]);
    await cacheRows(db, 'deals', [deal('d', { amount: 70 })]);
    await db.owners.put({ id: '7', name: 'Rina Cohen', email: 'rina@example.com' });
    await db.lifecycleStages.put({ value: 'lead', label: 'Lead', order: 1 });
    const byEmail = await leadContext(
      { emails: ['D@EXAMPLE.ORG', 'gone@example.com', 'nobody@example.com'] },
      settings,
      asOf,
      db,
    );
    expect(byEmail).toEqual([
      expect.objectContaining({
        id: '1',
        ownerName: 'Rina Cohen',
        stageLabel: 'Lead',
        openDealValue: 70,
        firstResponseAt: asOf - 50 * MIN,
      }),
    ]);
    expect(byEmail[0]?.timer).toBeUndefined();
    const byId = await leadContext({ contactIds: ['1'] }, settings, asOf, db);
    expect(byId.map((view) => view.id)).toEqual(['1']);

    // Those look-ups read the row tables and built the in-memory index behind them: from then on it answers, with
    // the same views.
    expect(await leadIndexSettled()).toBe(true);
    const before = leadContextServed();
    expect(
      await leadContext({ emails: ['D@EXAMPLE.ORG', 'gone@example.com', 'nobody@example.com'] }, settings, asOf, db),
    ).toEqual(byEmail);
    expect(await leadContext({ contactIds: ['1'] }, settings, asOf, db)).toEqual(byId);
    expect(leadContextServed().index - before.index).toBe(2);

    // A sync job wrote a bigger deal and a new inbound message: the next look-up applies what was appended since
    // the build to the index and answers from it with both.
    await cacheRows(db, 'deals', [deal('e', { amount: 30 })]);
    await cacheRows(db, 'touches', [touch('t2', { direction: 'in', at: asOf - 10 * MIN })]);
    const caughtUp = leadContextServed();
    expect((await leadContext({ contactIds: ['1'] }, settings, asOf, db))[0]).toMatchObject({
      openDealValue: 100,
      timer: { kind: 'inbound', since: asOf - 10 * MIN },
    });
    expect(leadContextServed()).toEqual({ index: caughtUp.index + 1, rows: caughtUp.rows });

    // A rewrite of the store (here a compaction) starts a new epoch: the row tables answer while a new index is
    // built (their open deals from the copy kept for a minute, read before deal e: 70).
    await compactAnalytics(db, 'touches', true);
    const rewritten = (await leadContext({ contactIds: ['1'] }, settings, asOf, db))[0];
    expect(leadContextServed().rows).toBe(caughtUp.rows + 1);
    expect(rewritten).toMatchObject({ openDealValue: 70, timer: { kind: 'inbound', since: asOf - 10 * MIN } });
    expect(await leadIndexSettled()).toBe(true);
    const rebuilt = leadContextServed().index;
    expect((await leadContext({ contactIds: ['1'] }, settings, asOf, db))[0]).toEqual({
      ...rewritten,
      openDealValue: 100,
    });
    expect(leadContextServed().index).toBe(rebuilt + 1);
    await deleteDatabase(db);
  });
});

describe('team settings', () => {
  it('managed values win over local ones and are named', () => {
    const merged = mergeTeamSettings(
      { slaMinutes: 10, hourlyCost: 50 },
      { settings: { slaMinutes: 3 } },
      'Asia/Jerusalem',
    );
    expect(merged.settings).toMatchObject({ slaMinutes: 3, hourlyCost: 50, timezone: 'Asia/Jerusalem' });
    expect(merged.managedKeys).toEqual(['slaMinutes']);
  });

  it('falls back to the defaults with the reason when the input is invalid', () => {
    const merged = mergeTeamSettings({ slaMinutes: -1 }, {});
    expect(merged.settings.slaMinutes).toBe(5);
    expect(merged.problem).toMatch(/slaMinutes/);
  });
});
