import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClockSkew } from '../../../lib/crm/clock-skew';
import { HubSpotAdapter, type HubSpotOptions } from '../../../lib/crm/hubspot/client';
import { RateLimiter } from '../../../lib/crm/limiter';
import { CACHE_DATA_VERSION, DATA_VERSION_KEY, deleteDatabase, LeadLensDb } from '../../../lib/db/db';
import type { CacheScope } from '../../../lib/sync/cache-scope';
import { META, runSync } from '../../../lib/sync/runner';
import { type RunningPortal, startPortal } from '../../fake-hubspot/server';
import { busiestOwners, reassign, reassignContact } from '../../support/portal-owners';

// "My leads" (issue #23) against the local portal: a rep's cache holds the contacts they own with their deals and
// engagements (whoever owns those), follows re-assignments in both directions on the next incremental sync, and loses deleted leads.

let portal: RunningPortal;
const searched: string[] = [];
const searchedUrls: string[] = [];

function adapter(options: Pick<HubSpotOptions, 'clock' | 'fetch'> = {}) {
  return new HubSpotAdapter({
    ...options,
    token: portal.token,
    baseUrl: portal.httpUrl,
    limiter: new RateLimiter({ max: 400, intervalMs: 1000, searchPerSecond: 100, searchStartPerSecond: 100 }),
    timeoutMs: 4000,
    onResponse: (request) => {
      if (!request.url.includes('/search')) return;
      searched.push(request.body ?? '');
      searchedUrls.push(request.url);
    },
  });
}

/** A live contact of this colleague that also passes `also` (given its id). */
function colleagueContact(colleague: string, also: (id: string) => boolean) {
  return portal.admin
    .records('contacts')
    .find((contact) => !contact.archived && contact.props.hubspot_owner_id === colleague && also(String(contact.id)));
}

/** A rep's cache, filled by a full sync: the busiest owner is me. */
async function repCache(): Promise<{ me: string; scope: CacheScope; db: LeadLensDb }> {
  const { me } = busiestOwners(portal);
  const scope: CacheScope = { kind: 'mine', ownerId: me };
  const db = new LeadLensDb(`cache-scope-${Math.random()}`);
  await runSync('full', { db, crm: adapter(), cacheScope: scope, engagementMonths: 36 });
  return { me, scope, db };
}

beforeAll(async () => {
  portal = await startPortal({ contacts: 300, seed: 23, rate: '400/1s', searchRate: '100/1s' });
});
afterAll(async () => {
  await portal?.close();
});

describe('a rep-scoped cache', () => {
  it('holds only my leads with their deals and engagements, whoever owns those, follows re-assignments both ways and drops deleted leads', async () => {
    const { me, colleague } = busiestOwners(portal);
    const scope: CacheScope = { kind: 'mine', ownerId: me };
    const mine = () =>
      new Set(
        portal.admin
          .records('contacts')
          .filter((contact) => !contact.archived && contact.props.hubspot_owner_id === me)
          .map((contact) => String(contact.id)),
      );
    // What a manager's cache holds, to pick engagements from: a colleague's call on my lead is part of my lead's
    // history; my own call on a colleague's lead is not mine to keep.
    const whole = new LeadLensDb(`cache-scope-${Math.random()}`);
    await runSync('full', { db: whole, crm: adapter(), engagementMonths: 36 });
    const everyTouch = await whole.touches.toArray();
    await deleteDatabase(whole);
    const myLeads = mine();
    const onMine = everyTouch.find(
      (touch) => touch.leadIds.length > 0 && touch.leadIds.every((id) => myLeads.has(id)) && touch.ownerId === me,
    );
    const onTheirs = everyTouch.find(
      (touch) => touch.leadIds.length > 0 && touch.leadIds.every((id) => !myLeads.has(id)) && touch.ownerId !== me,
    );
    expect(onMine && onTheirs).toBeTruthy();
    await reassign(portal, `${onMine?.kind}s`, onMine?.id ?? '', colleague);
    await reassign(portal, `${onTheirs?.kind}s`, onTheirs?.id ?? '', me);

    const db = new LeadLensDb(`cache-scope-${Math.random()}`);
    searched.length = 0;
    searchedUrls.length = 0;
    await runSync('full', { db, crm: adapter(), cacheScope: scope, engagementMonths: 36 });

    const leads = await db.leads.toArray();
    expect(leads.length).toBeGreaterThan(5);
    expect(leads.every((lead) => lead.ownerId === me)).toBe(true);
    // Every lead of mine is cached (or listed as malformed, never silently missing).
    const skipped = new Set((await db.skipped.toArray()).map((entry) => entry.id));
    for (const id of myLeads) expect(leads.some((lead) => lead.id === id) || skipped.has(id)).toBe(true);
    const cachedLeads = new Set(leads.map((lead) => lead.id));
    const deals = await db.deals.toArray();
    const touches = await db.touches.toArray();
    expect(deals.length).toBeGreaterThan(0);
    expect(touches.length).toBeGreaterThan(0);
    // Each is linked to a lead of mine, and every engagement of my leads that the manager's cache holds is here.
    expect([...deals, ...touches].every((record) => record.leadIds.some((id) => cachedLeads.has(id)))).toBe(true);
    const expected = everyTouch.filter((touch) => touch.leadIds.some((id) => cachedLeads.has(id))).map((t) => t.id);
    expect(touches.map((touch) => touch.id).sort()).toEqual(expected.sort());
    expect(await db.touches.get(onMine?.id ?? '')).toBeDefined();
    expect(await db.touches.get(onTheirs?.id ?? '')).toBeUndefined();
    expect(await db.feedback.count()).toBe(0);
    // Owners, pipelines and options come whole.
    expect(await db.owners.count()).toBeGreaterThan(1);
    expect(await db.stages.count()).toBeGreaterThan(0);
    expect((await db.meta.get(META.cacheScope))?.value).toBe(`mine:${me}`);
    // The full sync searched for my contacts only (with the portal's clock known, it takes no census); deals and
    // engagements came through the leads' associations, on the 10-second window.
    expect(searched.length).toBeGreaterThan(0);
    for (const body of searched) expect(body).toContain(`"hubspot_owner_id"`);
    expect(searchedUrls.filter((url) => !url.includes('/contacts/search'))).toEqual([]);

    // A lead re-assigned away leaves with its history; one re-assigned to me arrives with its own.
    const away = leads.find((lead) => touches.some((touch) => touch.leadIds.join() === lead.id))?.id ?? '';
    const awayTouches = touches.filter((touch) => touch.leadIds.join() === away).map((touch) => touch.id);
    const arriving = colleagueContact(
      colleague,
      (id) => !skipped.has(id) && everyTouch.some((touch) => touch.leadIds.includes(id)),
    );
    expect(away && awayTouches.length > 0 && arriving).toBeTruthy();
    const arrivingTouches = everyTouch.filter((touch) => touch.leadIds.includes(String(arriving?.id)));
    await reassignContact(portal, away, colleague);
    await reassignContact(portal, arriving?.id ?? '', me);
    await runSync('incremental', { db, crm: adapter(), cacheScope: scope, engagementMonths: 36 });
    expect(await db.leads.get(away)).toBeUndefined();
    expect(await db.touches.bulkGet(awayTouches)).toEqual(awayTouches.map(() => undefined));
    expect((await db.leads.get(String(arriving?.id)))?.ownerId).toBe(me);
    for (const touch of arrivingTouches)
      expect((await db.touches.get(touch.id))?.leadIds).toContain(String(arriving?.id));
    expect((await db.leads.toArray()).every((lead) => lead.ownerId === me)).toBe(true);
    expect(await db.meta.get(META.historyDue)).toBeUndefined();

    const deleted = (await db.leads.toArray())[0]?.id ?? '';
    portal.admin.archive('contacts', deleted);
    await runSync('reconcile', { db, crm: adapter(), cacheScope: scope, engagementMonths: 36 });
    expect(await db.leads.get(deleted)).toBeUndefined();
    await deleteDatabase(db);
  });

  it('a worker stopped while reading my leads’ history resumes with nothing lost or doubled, re-assignments included', async () => {
    const { me, colleague } = busiestOwners(portal);
    const scope: CacheScope = { kind: 'mine', ownerId: me };
    const clean = new LeadLensDb(`cache-scope-${Math.random()}`);
    await runSync('full', { db: clean, crm: adapter(), cacheScope: scope, engagementMonths: 36 });
    const ids = async (db: LeadLensDb) => ({
      leads: ((await db.leads.toCollection().primaryKeys()) as string[]).sort(),
      deals: ((await db.deals.toCollection().primaryKeys()) as string[]).sort(),
      touches: ((await db.touches.toCollection().primaryKeys()) as string[]).sort(),
    });

    // Stopped after the third batch read of records: some types are done, others half-read.
    const stopped = new LeadLensDb(`cache-scope-${Math.random()}`);
    const stop = new AbortController();
    let reads = 0;
    const stopping = adapter({
      fetch: async (input, init) => {
        const response = await fetch(input, init);
        if (String(input instanceof Request ? input.url : input).includes('/batch/read') && ++reads === 3) stop.abort();
        return response;
      },
    });
    await expect(
      runSync('full', { db: stopped, crm: stopping, cacheScope: scope, engagementMonths: 36, signal: stop.signal }),
    ).rejects.toThrow();
    expect(reads).toBeGreaterThanOrEqual(3);
    await runSync('resume', { db: stopped, crm: adapter(), cacheScope: scope, engagementMonths: 36 });
    expect(await ids(stopped)).toEqual(await ids(clean));

    // A lead re-assigned to me, with the worker stopped once its contact is written and before its history is read.
    const arriving = colleagueContact(
      colleague,
      (id) => portal.admin.store.associatedIds('contacts', Number(id), 'calls').length > 0,
    );
    expect(arriving).toBeDefined();
    await reassignContact(portal, arriving?.id ?? '', me);
    const halt = new AbortController();
    const halting = adapter({
      fetch: async (input, init) => {
        const url = String(input instanceof Request ? input.url : input);
        if (url.includes('/contacts/') && url.includes('/batch/read')) halt.abort();
        return fetch(input, init);
      },
    });
    await expect(
      runSync('incremental', {
        db: stopped,
        crm: halting,
        cacheScope: scope,
        engagementMonths: 36,
        signal: halt.signal,
      }),
    ).rejects.toThrow();
    expect(await stopped.leads.get(String(arriving?.id))).toBeDefined();
    await runSync('resume', { db: stopped, crm: adapter(), cacheScope: scope, engagementMonths: 36 });
    await runSync('incremental', { db: clean, crm: adapter(), cacheScope: scope, engagementMonths: 36 });
    const resumed = await ids(stopped);
    expect(resumed).toEqual(await ids(clean));
    const calls = portal.admin.store.associatedIds('contacts', arriving?.id ?? 0, 'calls').map(String);
    expect(calls.some((id) => resumed.touches.includes(id))).toBe(true);
    await deleteDatabase(clean);
    await deleteDatabase(stopped);
  });

  it('a rep’s re-read for a newer data version reads my leads and their deals again, and nothing of a colleague', async () => {
    const { me, scope, db } = await repCache();
    const before = { leads: await db.leads.count(), deals: await db.deals.count() };
    // A cache written by an older version: its contacts and deals lack what this version reads.
    await db.meta.put({ key: DATA_VERSION_KEY, value: 1 });
    await db.deals.clear();
    searchedUrls.length = 0;
    await runSync('reread', { db, crm: adapter(), cacheScope: scope, engagementMonths: 36 });
    const leads = await db.leads.toArray();
    expect(leads.length).toBe(before.leads);
    expect(leads.every((lead) => lead.ownerId === me)).toBe(true);
    const cachedLeads = new Set(leads.map((lead) => lead.id));
    const deals = await db.deals.toArray();
    expect(deals.length).toBe(before.deals);
    expect(deals.every((deal) => deal.leadIds.some((id) => cachedLeads.has(id)))).toBe(true);
    expect(searchedUrls.filter((url) => !url.includes('/contacts/search'))).toEqual([]);
    expect((await db.meta.get(DATA_VERSION_KEY))?.value).toBe(CACHE_DATA_VERSION);
    await deleteDatabase(db);
  });

  it('a rep’s incremental syncs search contacts, e-mails and calls every time, the other types every 10 minutes', async () => {
    const { scope, db } = await repCache();
    const start = Date.now();
    const poll = async (at: number, everyType = false) => {
      searchedUrls.length = 0;
      await runSync('incremental', {
        db,
        crm: adapter(),
        cacheScope: scope,
        engagementMonths: 36,
        now: () => at,
        everyType,
      });
      return [...new Set(searchedUrls.map((url) => /objects\/[^/]+\/([^/]+)\/search/.exec(url)?.[1]))].sort();
    };
    const every = ['calls', 'contacts', 'deals', 'emails', 'meetings', 'notes', 'tasks'];
    expect(await poll(start)).toEqual(every);
    expect(await poll(start + 2 * 60_000)).toEqual(['calls', 'contacts', 'emails']);
    // "Sync now" searches every type.
    expect(await poll(start + 4 * 60_000, true)).toEqual(every);
    expect(await poll(start + 6 * 60_000)).toEqual(['calls', 'contacts', 'emails']);
    expect(await poll(start + 14 * 60_000)).toEqual(every);
    await deleteDatabase(db);
  });

  it('starts the next incremental after the whole portal’s newest change, and counts my records for the progress', async () => {
    const { me, colleague } = busiestOwners(portal);
    // A colleague's contact is the portal's newest change: the incremental, which is not filtered by owner, must
    // start after it, not at my own newest contact (months old for a rep who seldom edits) and read everything since.
    const theirs = portal.admin
      .records('contacts')
      .find((contact) => !contact.archived && contact.props.hubspot_owner_id === colleague);
    await reassignContact(portal, theirs?.id ?? '', colleague);
    const contacts = portal.admin.records('contacts');
    const newest = Math.max(...contacts.map((contact) => contact.updatedAt));
    const mine = contacts.filter((contact) => contact.props.hubspot_owner_id === me);
    expect(Math.max(...mine.map((contact) => contact.updatedAt))).toBeLessThan(newest);

    async function repSync(crm: HubSpotAdapter) {
      const db = new LeadLensDb(`cache-scope-${Math.random()}`);
      const totals: number[] = [];
      searched.length = 0;
      await runSync('full', {
        db,
        crm,
        cacheScope: { kind: 'mine', ownerId: me },
        engagementMonths: 36,
        onProgress: (progress) => {
          if (progress.total !== undefined) totals.push(progress.total);
        },
      });
      const cursor = (await db.meta.get(META.cursor('contacts')))?.value as number;
      // The progress's total is my records', not the portal's: never more than what the sync wrote and skipped.
      const done = (await db.leads.count()) + (await db.deals.count()) + (await db.touches.count());
      expect(totals.length).toBeGreaterThan(0);
      expect(Math.max(...totals)).toBeLessThanOrEqual(done + (await db.skipped.count()));
      await deleteDatabase(db);
      return { cursor, censuses: searched.filter((body) => body.includes('"limit":1,')).length };
    }

    // Responses dated by the portal: the cursor is the portal's "now" when the searches began; no census is taken.
    const dated = await repSync(adapter());
    expect(dated.cursor).toBeGreaterThanOrEqual(newest);
    expect(dated.cursor).toBeLessThanOrEqual(Date.now());
    expect(dated.censuses).toBe(0);

    // Without a Date header the CRM's clock is unknown: one census per type, not filtered by owner, gives the cursor.
    const undated = await repSync(
      adapter({
        clock: new ClockSkew(),
        fetch: async (input, init) => {
          const response = await fetch(input, init);
          const headers = new Headers(response.headers);
          headers.delete('date');
          return new Response(await response.arrayBuffer(), { status: response.status, headers });
        },
      }),
    );
    expect(undated.cursor).toBe(newest);
    expect(undated.censuses).toBeGreaterThan(0);
  });

  it('a whole-portal cache keeps every owner’s leads, and records its scope', async () => {
    const db = new LeadLensDb(`cache-scope-${Math.random()}`);
    await runSync('full', { db, crm: adapter(), engagementMonths: 36 });
    const ownersCached = new Set((await db.leads.toArray()).map((lead) => lead.ownerId));
    expect(ownersCached.size).toBeGreaterThan(2);
    expect((await db.meta.get(META.cacheScope))?.value).toBe('portal');
    await deleteDatabase(db);
  });
});
