import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OnDemandLookups } from '../../../lib/background/on-demand-lookup';
import { HubSpotAdapter } from '../../../lib/crm/hubspot/client';
import { RateLimiter } from '../../../lib/crm/limiter';
import { deleteDatabase, LeadLensDb } from '../../../lib/db/db';
import { purgeLookups, readLookups, writeLookups } from '../../../lib/db/lookups';
import { type RunningPortal, startPortal } from '../../fake-hubspot/server';

// On-demand look-ups against the local portal: HubSpot's batch reads by address (`idProperty` email) and by id, kept
// in IndexedDB until their lifetime ends.

let portal: RunningPortal;
const asked: string[] = [];

beforeAll(async () => {
  portal = await startPortal({ contacts: 60, seed: 31, rate: '400/1s', searchRate: '100/1s' });
});
afterAll(async () => {
  await portal?.close();
});

describe('on-demand look-ups through HubSpot batch reads', () => {
  it('finds colleagues’ leads by address and id in one read of each, never a search, keeps them, and forgets them when they expire', async () => {
    const crm = new HubSpotAdapter({
      token: portal.token,
      baseUrl: portal.httpUrl,
      limiter: new RateLimiter({ max: 400, intervalMs: 1000, searchPerSecond: 100, searchStartPerSecond: 100 }),
      timeoutMs: 4000,
      onResponse: (request) => {
        asked.push(`${request.method} ${new URL(request.url).pathname} ${request.body ?? ''}`);
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
    expect(asked).toHaveLength(2);
    expect(asked.every((line) => line.startsWith('POST') && line.includes('/contacts/batch/read'))).toBe(true);
    expect(asked.filter((line) => line.includes('"idProperty":"email"'))).toHaveLength(1);
    expect(await db.lookups.count()).toBe(3);
    // Kept: the same request within the hour sends nothing.
    expect((await lookups.find(request, 1)).length).toBe(2);
    expect(asked).toHaveLength(2);
    // An hour later the look-ups are gone from the browser.
    now += 60 * 60_000;
    expect(await lookups.purge()).toBe(3);
    expect(await db.lookups.count()).toBe(0);
    await deleteDatabase(db);
  });
});
