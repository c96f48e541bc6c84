import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClockSkew } from '../../../lib/crm/clock-skew';
import { HubSpotAdapter, type HubSpotOptions } from '../../../lib/crm/hubspot/client';
import { RateLimiter } from '../../../lib/crm/limiter';
import { deleteDatabase, LeadLensDb } from '../../../lib/db/db';
import type { CacheScope } from '../../../lib/sync/cache-scope';
import { META, runSync } from '../../../lib/sync/runner';
import { type RunningPortal, startPortal } from '../../fake-hubspot/server';
import { busiestOwners, reassignContact } from '../../support/portal-owners';

// "My leads" (issue #23) against the local portal: a rep's cache holds the contacts they own with their own deals and
// engagements, follows re-assignments in both directions on the next incremental sync, and loses deleted leads.

let portal: RunningPortal;
const searched: string[] = [];

function adapter(options: Pick<HubSpotOptions, 'clock' | 'fetch'> = {}) {
  return new HubSpotAdapter({
    ...options,
    token: portal.token,
    baseUrl: portal.httpUrl,
    limiter: new RateLimiter({ max: 400, intervalMs: 1000, searchPerSecond: 100, searchStartPerSecond: 100 }),
    timeoutMs: 4000,
    onResponse: (request) => {
      if (request.url.includes('/search')) searched.push(request.body ?? '');
    },
  });
}

beforeAll(async () => {
  portal = await startPortal({ contacts: 300, seed: 23, rate: '400/1s', searchRate: '100/1s' });
});
afterAll(async () => {
  await portal?.close();
});

describe('a rep-scoped cache', () => {
  it('holds only my leads, deals and engagements, follows re-assignments both ways and drops deleted leads', async () => {
    const { me, colleague } = busiestOwners(portal);
    const scope: CacheScope = { kind: 'mine', ownerId: me };
    const db = new LeadLensDb(`cache-scope-${Math.random()}`);
    await runSync('full', { db, crm: adapter(), cacheScope: scope, engagementMonths: 36 });

    const mine = portal.admin
      .records('contacts')
      .filter((contact) => !contact.archived && contact.props.hubspot_owner_id === me)
      .map((contact) => String(contact.id));
    const leads = await db.leads.toArray();
    expect(leads.length).toBeGreaterThan(5);
    expect(leads.every((lead) => lead.ownerId === me)).toBe(true);
    // Every lead of mine is cached (or listed as malformed, never silently missing).
    const skipped = new Set((await db.skipped.toArray()).map((entry) => entry.id));
    for (const id of mine) expect(leads.some((lead) => lead.id === id) || skipped.has(id)).toBe(true);
    const deals = await db.deals.toArray();
    const touches = await db.touches.toArray();
    expect(touches.length).toBeGreaterThan(0);
    expect([...deals, ...touches].every((record) => record.ownerId === me)).toBe(true);
    // The lead links of search results are read after them.
    expect(touches.some((touch) => touch.leadIds.length > 0)).toBe(true);
    expect(await db.feedback.count()).toBe(0);
    // Owners, pipelines and options come whole.
    expect(await db.owners.count()).toBeGreaterThan(1);
    expect(await db.stages.count()).toBeGreaterThan(0);
    expect((await db.meta.get(META.cacheScope))?.value).toBe(`mine:${me}`);
    // Every search of the full sync asked for my records only (with the portal's clock known, it takes no census).
    expect(searched.length).toBeGreaterThan(0);
    for (const body of searched) expect(body).toContain(`"hubspot_owner_id"`);

    const away = leads[0]?.id ?? '';
    const arriving = portal.admin
      .records('contacts')
      .find(
        (contact) =>
          !contact.archived && contact.props.hubspot_owner_id === colleague && !skipped.has(String(contact.id)),
      );
    expect(arriving).toBeDefined();
    await reassignContact(portal, away, colleague);
    await reassignContact(portal, arriving?.id ?? '', me);
    await runSync('incremental', { db, crm: adapter(), cacheScope: scope, engagementMonths: 36 });
    expect(await db.leads.get(away)).toBeUndefined();
    expect((await db.leads.get(String(arriving?.id)))?.ownerId).toBe(me);
    expect((await db.leads.toArray()).every((lead) => lead.ownerId === me)).toBe(true);

    const deleted = (await db.leads.toArray())[0]?.id ?? '';
    portal.admin.archive('contacts', deleted);
    await runSync('reconcile', { db, crm: adapter(), cacheScope: scope, engagementMonths: 36 });
    expect(await db.leads.get(deleted)).toBeUndefined();
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
