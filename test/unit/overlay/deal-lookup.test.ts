// Deal rows and board cards carry the badge of the deal's primary contact: the first contact the sync cached for the
// deal, when it is a lead. Never another contact of the deal in its place.
import { describe, expect, it } from 'vitest';
import {
  forgetLeadContextCache,
  leadContext,
  leadIndexSettled,
  leadsByDeal,
} from '../../../lib/background/lead-context';
import type { LeadRecord } from '../../../lib/crm/adapter';
import { deleteDatabase, LeadLensDb } from '../../../lib/db/db';
import { createLeadLookup } from '../../../lib/overlay/lead-lookup';
import type { Deal } from '../../../lib/model';
import { cacheRows } from '../../support/cache-rows';

const asOf = Date.parse('2026-06-10T12:00:00Z');
const lead = (id: string): LeadRecord => ({
  id,
  email: `${id}@example.com`,
  emails: [`${id}@example.com`],
  name: `Lead ${id}`,
  createdAt: asOf - 3_600_000,
  lifecycleStage: 'lead',
  stageDates: {},
  source: 'organic_search',
  effectiveSource: 'organic_search',
  updatedAt: asOf,
  archived: false,
});
const deal = (id: string, leadIds: string[], isClosed = false): Deal => ({
  id,
  amount: 100,
  pipelineId: 'p',
  stageId: 's',
  createdAt: 0,
  isClosed,
  isWon: false,
  leadIds,
});
const settings = { slaMinutes: 5, slaBySource: {} };

describe('leadsByDeal', () => {
  it("answers each deal with its primary contact's lead, from the deals table and then from the index", async () => {
    forgetLeadContextCache();
    const db = new LeadLensDb(`deals-${Math.random()}`);
    await cacheRows(db, 'leads', [lead('1'), lead('2'), { ...lead('3'), archived: true }]);
    await cacheRows(db, 'deals', [
      deal('10', ['1', '2']),
      deal('11', ['2']),
      deal('12', ['3', '1']), // the primary contact is archived: not replaced by the second
      deal('13', ['99', '1']), // the primary contact is not cached: likewise
      deal('14', ['1'], true), // closed deals are listed too
    ]);
    const ids = ['10', '11', '12', '13', '14', 'nope'];
    const expected = [
      { dealId: '10', id: '1' },
      { dealId: '11', id: '2' },
      { dealId: '14', id: '1' },
    ];
    const fromRows = await leadsByDeal(ids, settings, asOf, db);
    expect(fromRows.dealLeads).toEqual(expected);
    expect(fromRows.views.map((view) => view.id).sort()).toEqual(['1', '2']);
    // The look-up above built the index behind its answer; a contact look-up waits for it.
    await leadContext({ contactIds: ['1'] }, settings, asOf, db);
    expect(await leadIndexSettled()).toBe(true);
    const fromIndex = await leadsByDeal(ids, settings, asOf, db);
    expect(fromIndex.dealLeads).toEqual(expected);
    // A sync re-associates deal 11: the index answers with the new primary contact.
    await cacheRows(db, 'deals', [deal('11', ['1', '2'])]);
    expect((await leadsByDeal(['11'], settings, asOf, db)).dealLeads).toEqual([{ dealId: '11', id: '1' }]);
    await deleteDatabase(db);
  });
});

describe('the content script asks for deals', () => {
  it('sends deal ids only when there are some, and takes the lead the background gave for each deal', async () => {
    const dana = { id: '1', email: 'dana@example.com' };
    const requests: unknown[] = [];
    const lookup = createLeadLookup<typeof dana>({
      fetch: async (request) => {
        requests.push(request);
        return { views: [dana], dealLeads: [{ dealId: '10', id: '1' }] };
      },
      keysOf: (view) => [{ email: view.email }, { contactId: view.id }],
      schedule: (flush) => flush(),
    });
    expect(await lookup.get({ dealId: '10' })).toEqual(dana);
    expect(await lookup.get({ dealId: '11' })).toBeNull();
    expect(requests).toEqual([
      { emails: [], contactIds: [], dealIds: ['10'] },
      { emails: [], contactIds: [], dealIds: ['11'] },
    ]);
  });
});
