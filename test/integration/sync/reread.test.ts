import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LeadRecord } from '../../../lib/crm/adapter';
import { HubSpotAdapter } from '../../../lib/crm/hubspot/client';
import { RateLimiter } from '../../../lib/crm/limiter';
import { readSnapshot, replaceAnalyticsIn } from '../../../lib/db/analytics';
import { CACHE_DATA_VERSION, DATA_VERSION_KEY, deleteDatabase, LeadLensDb } from '../../../lib/db/db';
import type { Deal } from '../../../lib/model';
import { dueWork, rereadDue } from '../../../lib/sync/plan';
import { currentJob, META, runSync } from '../../../lib/sync/runner';
import { type RunningPortal, startPortal } from '../../fake-hubspot/server';

// The owner assignment and deal stage dates, from the local portal to the panel's snapshot, and the one-time re-read
// that brings them to a cache synced before they existed: contacts and deals listed again, nothing else.

let portal: RunningPortal;
const log: string[] = [];

function adapter(options: { signal?: AbortSignal; onResponse?: () => void } = {}) {
  return new HubSpotAdapter({
    token: portal.token,
    baseUrl: portal.httpUrl,
    limiter: new RateLimiter({ max: 400, intervalMs: 1000, searchPerSecond: 100, searchStartPerSecond: 100 }),
    timeoutMs: 2000,
    ...(options.signal ? { signal: options.signal } : {}),
    onResponse: (request) => {
      log.push(`${request.method} ${new URL(request.url).pathname}`);
      options.onResponse?.();
    },
  });
}

beforeAll(async () => {
  portal = await startPortal({ contacts: 450, seed: 21, rate: '400/1s', searchRate: '100/1s' });
});
afterAll(async () => {
  await portal?.close();
});

const live = (type: 'contacts' | 'deals') => portal.admin.store.list(type).filter((record) => !record.archived);

/** A cache as version 5 left it: the same rows and chunks without the two fields, marked as version-1 data. */
async function makeOld(db: LeadLensDb): Promise<void> {
  await db.transaction('rw', [db.leads, db.deals, db.analytics, db.meta], async () => {
    await db.leads.toCollection().modify((lead: LeadRecord) => {
      delete lead.ownerAssignedAt;
    });
    await db.deals.toCollection().modify((deal: Deal) => {
      delete deal.stageDates;
    });
    await replaceAnalyticsIn(db, 'leads', await db.leads.toArray());
    await replaceAnalyticsIn(db, 'deals', await db.deals.toArray());
    await db.meta.put({ key: DATA_VERSION_KEY, value: 1 });
  });
}

async function expectNewFields(db: LeadLensDb): Promise<void> {
  const snapshot = await readSnapshot(db);
  const leads = new Map(snapshot.leads.map((lead) => [lead.id, lead]));
  const deals = new Map(snapshot.deals.map((deal) => [deal.id, deal]));
  let assigned = 0;
  for (const contact of live('contacts')) {
    const lead = leads.get(String(contact.id));
    if (!lead) continue;
    // A garbled date (the portal has one) is dropped, the lead kept.
    const expected = Date.parse(contact.props.hubspot_owner_assigneddate ?? '');
    expect(lead.ownerAssignedAt).toBe(Number.isFinite(expected) ? expected : undefined);
    if (Number.isFinite(expected)) assigned++;
  }
  expect(assigned).toBeGreaterThan(100);
  let dated = 0;
  for (const record of live('deals')) {
    const deal = deals.get(String(record.id));
    if (!deal) continue;
    const expected = Object.fromEntries(
      Object.entries(record.props)
        .filter(([name, value]) => name.startsWith('hs_v2_date_entered_') && value)
        .map(([name, value]) => [name.slice('hs_v2_date_entered_'.length), Date.parse(value ?? '')] as const)
        // A garbled stage date (the portal has one) costs that stage only.
        .filter(([, at]) => Number.isFinite(at)),
    );
    expect(deal.stageDates ?? {}).toEqual(expected);
    // The deal's current stage is always among the stages it entered.
    expect(deal.stageDates?.[deal.stageId]).toBeDefined();
    dated++;
  }
  expect(dated).toBeGreaterThan(20);
}

describe('owner assignment and deal stage dates through the sync', () => {
  it('a full sync brings both to the snapshot and records the data version', async () => {
    const db = new LeadLensDb(`reread-${Math.random()}`);
    await runSync('full', { db, crm: adapter() });
    await expectNewFields(db);
    expect((await db.meta.get(DATA_VERSION_KEY))?.value).toBe(CACHE_DATA_VERSION);
    // The garbled dates are listed, their records kept.
    const garbled = portal.truth.malformed.filter((entry) =>
      /^(hubspot_owner_assigneddate|hs_v2_date_entered_)/.test(entry.property),
    );
    expect(garbled.map((entry) => entry.objectType).sort()).toEqual(['contacts', 'deals']);
    for (const entry of garbled) {
      const skipped = await db.skipped.get(`${entry.objectType}:${entry.id}`);
      expect(skipped).toMatchObject({ kept: true });
      expect(skipped?.reason).toContain(entry.property);
    }
    await deleteDatabase(db);
  });

  it('upgrades an old cache by listing contacts and deals again, once, and no engagement', async () => {
    const db = new LeadLensDb(`reread-${Math.random()}`);
    log.length = 0;
    await runSync('full', { db, crm: adapter() });
    // What listing them cost the full sync: a page with a malformed record is read three times (runner.ts).
    const fullCount = (line: string) => log.filter((entry) => entry === line).length;
    const contactReads = fullCount('GET /crm/objects/2026-09/contacts');
    const dealReads = fullCount('GET /crm/objects/2026-09/deals');
    expect(contactReads).toBeGreaterThanOrEqual(Math.ceil(live('contacts').length / 100));
    expect(dealReads).toBeGreaterThanOrEqual(Math.ceil(live('deals').length / 100));
    await makeOld(db);
    const before = await readSnapshot(db);
    expect(before.leads.every((lead) => lead.ownerAssignedAt === undefined)).toBe(true);
    expect(before.deals.every((deal) => deal.stageDates === undefined)).toBe(true);
    const asOf = (await db.meta.get(META.asOf))?.value;
    const due = rereadDue(true, (await db.meta.get(DATA_VERSION_KEY))?.value as number, CACHE_DATA_VERSION);
    expect(
      dueWork({
        now: Date.now(),
        connected: true,
        fullDone: true,
        interrupted: false,
        workTabVisible: true,
        rereadDue: due,
      }),
    ).toBe('reread');

    log.length = 0;
    const outcome = await runSync('reread', { db, crm: adapter() });
    // The pipelines (the stage properties' names), then every page of contacts and of deals, as the full sync read
    // them; no engagement, no search, no owners or account.
    const counts = new Map<string, number>();
    for (const line of log) counts.set(line, (counts.get(line) ?? 0) + 1);
    expect(Object.fromEntries(counts)).toEqual({
      'GET /crm/pipelines/2026-09/deals': 1,
      'GET /crm/objects/2026-09/contacts': contactReads,
      'GET /crm/objects/2026-09/deals': dealReads,
    });
    expect(outcome.job).toBe('reread');
    await expectNewFields(db);
    const after = await readSnapshot(db);
    expect(after.touches).toEqual(before.touches);
    expect(after.leads.length).toBe(before.leads.length);
    expect((await db.meta.get(DATA_VERSION_KEY))?.value).toBe(CACHE_DATA_VERSION);
    // The engagements were not read again, so the data's as-of instant stays.
    expect((await db.meta.get(META.asOf))?.value).toBe(asOf);
    expect(rereadDue(true, CACHE_DATA_VERSION, CACHE_DATA_VERSION)).toBe(false);
    await deleteDatabase(db);
  });

  it('a re-read stopped after every few responses resumes to the end, the cache never emptied meanwhile', async () => {
    const db = new LeadLensDb(`reread-${Math.random()}`);
    await runSync('full', { db, crm: adapter() });
    await makeOld(db);
    const leadCount = await db.leads.count();
    const dealCount = await db.deals.count();
    let interruptions = 0;
    let done = false;
    let attempt = 0;
    while (!done) {
      expect(interruptions).toBeLessThan(100);
      const controller = new AbortController();
      let responses = 0;
      // Enough for a page with a malformed record (read three times) beside the other type's page, no more.
      const stopAfter = 4 + (attempt++ % 4);
      const crm = adapter({
        signal: controller.signal,
        onResponse: () => {
          responses += 1;
          if (responses >= stopAfter) controller.abort(new Error('worker stopped'));
        },
      });
      try {
        await runSync((await currentJob(db)) ? 'resume' : 'reread', { db, crm, signal: controller.signal });
        done = true;
      } catch (error) {
        if (!controller.signal.aborted) throw error;
        interruptions += 1;
      }
      // Readers see the whole cache at every instant: a re-read replaces records, it never clears a table.
      expect(await db.leads.count()).toBe(leadCount);
      expect(await db.deals.count()).toBe(dealCount);
      expect((await readSnapshot(db)).leads.length).toBe(leadCount);
    }
    expect(interruptions).toBeGreaterThanOrEqual(3);
    await expectNewFields(db);
    expect((await db.meta.get(DATA_VERSION_KEY))?.value).toBe(CACHE_DATA_VERSION);
    await deleteDatabase(db);
  }, 120_000);
});
