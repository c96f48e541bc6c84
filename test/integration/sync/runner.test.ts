import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HubSpotAdapter } from '../../../lib/crm/hubspot/client';
import { readSnapshot } from '../../../lib/db/analytics';
import { deleteDatabase, LeadLensDb } from '../../../lib/db/db';
import { RateLimiter } from '../../../lib/crm/limiter';
import { currentJob, runSync } from '../../../lib/sync/runner';
import { type RunningPortal, startPortal } from '../../fake-hubspot/server';
import { compareWithPortal, sampleLinks } from '../../support/portal-expectation';

// The runner against the real local portal over HTTP, with the official client's generated modules in Node.

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
  portal = await startPortal({ contacts: 300, seed: 11, rate: '400/1s', searchRate: '100/1s' });
});
afterAll(async () => {
  await portal?.close();
});

describe('sync runner against the local portal', () => {
  it('a full sync caches the portal exactly and lists the malformed records', async () => {
    const db = new LeadLensDb(`runner-${Math.random()}`);
    const outcome = await runSync('full', { db, crm: adapter() });
    const difference = await compareWithPortal(db, portal, Date.now());
    expect(difference).toEqual({ missing: [], unexpected: [], wrongValues: [], duplicated: 0 });
    const listed = new Set((await db.skipped.toArray()).map((entry) => entry.id));
    for (const malformed of portal.truth.malformed) expect(listed.has(malformed.id)).toBe(true);
    expect(outcome.skipped).toBe(listed.size);
    // Lead links come inline with the list pages.
    const deals = (await db.deals.limit(15).toArray()).map((deal) => deal.id);
    const links = await sampleLinks(portal, 'deals', deals);
    for (const id of deals) expect((await db.deals.get(id))?.leadIds.sort()).toEqual(links.get(id));
    // The analytics store reads as the row tables.
    const snapshot = await readSnapshot(db);
    expect(snapshot.leads.length).toBe(await db.leads.count());
    expect(snapshot.touches.length).toBe(await db.touches.count());
    expect(snapshot.lifecycleStages?.length).toBeGreaterThan(0);
    expect(snapshot.stages.length).toBeGreaterThan(0);
    // A lead is found by the second address HubSpot keeps in hs_additional_emails, as by its first.
    const archived = new Set(portal.truth.mess.archivedContactIds);
    const seconds = portal.truth.mess.additionalEmails.filter(([id]) => !archived.has(id));
    expect(seconds.length).toBeGreaterThan(3);
    for (const [id, second] of seconds) {
      expect((await db.leads.where('emails').equals(second.toLowerCase()).first())?.id).toBe(id);
    }
    await deleteDatabase(db);
  });

  it('an incremental sync after one new lead costs one search per type, and finds the lead and its e-mail', async () => {
    const db = new LeadLensDb(`runner-${Math.random()}`);
    await runSync('full', { db, crm: adapter() });
    const types = (await db.meta.get('sync.types'))?.value as string[];
    log.length = 0;
    const lead = portal.admin.createLead({ email: 'incremental.lead@example.com' });
    await runSync('incremental', { db, crm: adapter() });
    expect(log.length).toBe(types.length);
    expect(log.every((line) => line.endsWith('/search'))).toBe(true);
    expect(await db.leads.where('emails').equals('incremental.lead@example.com').count()).toBe(1);

    // A logged e-mail is found by search and its lead link read for it alone.
    const email = portal.admin.logEmail({ contactId: lead.id, direction: 'in' });
    log.length = 0;
    await runSync('incremental', { db, crm: adapter() });
    expect(log.filter((line) => line.includes('/associations/')).length).toBe(1);
    expect(await db.touches.get(String(email.id))).toMatchObject({ direction: 'in', leadIds: [String(lead.id)] });

    // Reconcile removes what was archived.
    portal.admin.archive('contacts', lead.id);
    await runSync('reconcile', { db, crm: adapter() });
    expect(await db.leads.get(String(lead.id))).toBeUndefined();
    await deleteDatabase(db);
  });

  it('finishes a full sync only by resuming, stopped after every 2-5 responses under 10 % faults, losing and duplicating nothing', async () => {
    portal.admin.setFaults({ probability: 0.1, hangMs: 500 });
    const db = new LeadLensDb(`runner-${Math.random()}`);
    let interruptions = 0;
    let done = false;
    let seed = 12345;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    while (!done) {
      const controller = new AbortController();
      let responses = 0;
      // Every attempt is stopped after 1-6 responses: the job can only finish by resuming where the last one
      // stopped, never by starting over.
      const stopAfter = 2 + Math.floor(random() * 4);
      expect(interruptions).toBeLessThan(500);
      const crm = adapter({
        signal: controller.signal,
        onResponse: () => {
          responses += 1;
          if (responses >= stopAfter) controller.abort(new Error('worker stopped'));
        },
      });
      try {
        await runSync((await currentJob(db)) ? 'resume' : 'full', { db, crm, signal: controller.signal });
        done = true;
      } catch (error) {
        if (!controller.signal.aborted) throw error;
        interruptions += 1;
      }
    }
    portal.admin.setFaults(0);
    expect(interruptions).toBeGreaterThanOrEqual(10);
    const difference = await compareWithPortal(db, portal, Date.now());
    expect(difference).toEqual({ missing: [], unexpected: [], wrongValues: [], duplicated: 0 });
    const listed = new Set((await db.skipped.toArray()).map((entry) => entry.id));
    for (const malformed of portal.truth.malformed) expect(listed.has(malformed.id)).toBe(true);
    // Injected faults are transient: nothing but the generator's malformed records is listed.
    expect([...listed].sort()).toEqual([...new Set(portal.truth.malformed.map((entry) => entry.id))].sort());
    const snapshot = await readSnapshot(db);
    expect(snapshot.leads.length).toBe(await db.leads.count());
    expect(snapshot.touches.length).toBe(await db.touches.count());
    await deleteDatabase(db);
  }, 120_000);

  it('an interrupted incremental sync resumes and still links every changed engagement to its lead', async () => {
    const db = new LeadLensDb(`runner-${Math.random()}`);
    await runSync('full', { db, crm: adapter() });
    const created: { lead: string; email: string }[] = [];
    for (let i = 0; i < 40; i += 1) {
      const lead = portal.admin.createLead({ email: `resume.${i}@example.com` });
      const email = portal.admin.logEmail({ contactId: lead.id, direction: i % 2 ? 'in' : 'out' });
      created.push({ lead: String(lead.id), email: String(email.id) });
    }
    let interruptions = 0;
    for (;;) {
      const controller = new AbortController();
      let responses = 0;
      const crm = adapter({
        signal: controller.signal,
        onResponse: () => {
          responses += 1;
          if (interruptions < 8 && responses >= 1 + (interruptions % 3)) controller.abort(new Error('worker stopped'));
        },
      });
      try {
        await runSync((await currentJob(db)) ? 'resume' : 'incremental', { db, crm, signal: controller.signal });
        break;
      } catch (error) {
        if (!controller.signal.aborted) throw error;
        interruptions += 1;
      }
    }
    // Nine requests in all (a search per type, one association read), so the job ends after a few stops.
    expect(interruptions).toBeGreaterThanOrEqual(4);
    for (const { lead, email } of created) {
      expect(await db.leads.get(lead)).toBeDefined();
      expect((await db.touches.get(email))?.leadIds).toEqual([lead]);
    }
    expect(await db.pendingAssociations.count()).toBe(0);
    expect(await compareWithPortal(db, portal, Date.now())).toEqual({
      missing: [],
      unexpected: [],
      wrongValues: [],
      duplicated: 0,
    });
    await deleteDatabase(db);
  }, 60_000);
});
