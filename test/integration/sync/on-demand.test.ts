import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OnDemandLookups } from '../../../lib/background/on-demand-lookup';
import { HubSpotAdapter } from '../../../lib/crm/hubspot/client';
import { RateLimiter } from '../../../lib/crm/limiter';
import { deleteDatabase, LeadLensDb } from '../../../lib/db/db';
import { purgeLookups, readLookups, writeLookups } from '../../../lib/db/lookups';
import { type RunningPortal, startPortal } from '../../fake-hubspot/server';

// On-demand look-ups against the local portal: HubSpot's search by address and id (IN), kept in IndexedDB until
// their lifetime ends.

let portal: RunningPortal;
let searches = 0;

beforeAll(async () => {
  portal = await startPortal({ contacts: 60, seed: 31, rate: '400/1s', searchRate: '100/1s' });
});
afterAll(async () => {
  await portal?.close();
});

describe('on-demand look-ups through HubSpot search', () => {
  it('finds colleagues’ leads by address and id in one search, keeps them, and forgets them when they expire', async () => {
    const crm = new HubSpotAdapter({
      token: portal.token,
      baseUrl: portal.httpUrl,
      limiter: new RateLimiter({ max: 400, intervalMs: 1000, searchPerSecond: 100, searchStartPerSecond: 100 }),
      timeoutMs: 4000,
      onResponse: (request) => {
        if (request.url.includes('/search')) searches += 1;
      },
    });
    const contacts = portal.admin
      .records('contacts')
      .filter((contact) => !contact.archived && typeof contact.props.email === 'string' && contact.props.email);
    const [byAddress, byId] = contacts;
    const db = new LeadLensDb(`on-demand-${Math.random()}`);
    let now = Date.now();
    const lookups = new OnDemandLookups({
      search: (emails, ids) => crm.contactsByKeys(emails, ids),
      read: (keys, at) => readLookups(db, keys, at),
      write: (rows) => writeLookups(db, rows),
      purge: (at) => purgeLookups(db, at),
      now: () => now,
      later: (run, ms) => {
        setTimeout(run, ms);
      },
    });
    const request = {
      emails: [String(byAddress?.props.email).toUpperCase(), 'nobody.at.all@example.com'],
      ids: [String(byId?.id)],
    };
    const found = await lookups.find(request, 1);
    expect(found.map((entry) => entry.lead.id).sort()).toEqual([String(byAddress?.id), String(byId?.id)].sort());
    expect(searches).toBe(1);
    expect(await db.lookups.count()).toBe(3);
    // Kept: the same request within the hour sends nothing.
    expect((await lookups.find(request, 1)).length).toBe(2);
    expect(searches).toBe(1);
    // An hour later the look-ups are gone from the browser.
    now += 60 * 60_000;
    expect(await lookups.purge()).toBe(3);
    expect(await db.lookups.count()).toBe(0);
    await deleteDatabase(db);
  });
});
