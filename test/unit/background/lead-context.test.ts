import { describe, expect, it } from 'vitest';
import type { LeadRecord } from '../../../lib/crm/adapter';
import {
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
    // What the look-up gives is what the content scripts check on receipt.
    expect(byEmail.every((view) => leadContextSchema().safeParse(view).success)).toBe(true);
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
