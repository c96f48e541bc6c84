import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HubSpotAdapter } from '../../../lib/crm/hubspot/client';
import { CrmScopeError } from '../../../lib/crm/errors';
import { deleteDatabase, LeadLensDb } from '../../../lib/db/db';
import { ClockSkew } from '../../../lib/crm/clock-skew';
import { RateLimiter } from '../../../lib/crm/limiter';
import { runSync } from '../../../lib/sync/runner';
import { type RunningPortal, startPortal } from '../../fake-hubspot/server';

// A 403 for a missing scope turns off only the part that needs the scope, says which feature that costs, and lets
// the rest of the sync complete. The contacts are the sync itself: refused, it stops.

let portal: RunningPortal;
const log: string[] = [];
const NO_EMAILS_NO_DEALS_NO_OWNERS = 'narrow';
const NO_CONTACTS = 'nocontacts';

function adapter(token: string) {
  return new HubSpotAdapter({
    token,
    baseUrl: portal.httpUrl,
    limiter: new RateLimiter({ max: 400, intervalMs: 1000, searchPerSecond: 100, searchStartPerSecond: 100 }),
    clock: new ClockSkew(),
    timeoutMs: 2000,
    onResponse: (request, response) => log.push(`${response.status} ${new URL(request.url).pathname}`),
  });
}

beforeAll(async () => {
  portal = await startPortal({
    contacts: 150,
    seed: 21,
    rate: '400/1s',
    searchRate: '100/1s',
    tokens: [
      'full-token',
      // Contacts (and with them calls, meetings, notes, tasks), nothing else.
      `${NO_EMAILS_NO_DEALS_NO_OWNERS}:crm.objects.contacts.read`,
      `${NO_CONTACTS}:crm.objects.deals.read,sales-email-read,crm.objects.owners.read`,
    ],
  });
});
afterAll(async () => {
  await portal?.close();
});

describe('a refused scope turns off its part only', () => {
  it('a full sync without e-mail, deal, owner and feedback scopes completes with contacts and calls, and lists what is off', async () => {
    const db = new LeadLensDb(`refused-${Math.random()}`);
    const outcome = await runSync('full', { db, crm: adapter(NO_EMAILS_NO_DEALS_NO_OWNERS) });
    expect(await db.leads.count()).toBeGreaterThan(100);
    const touches = await db.touches.toArray();
    expect(touches.some((touch) => touch.kind === 'call')).toBe(true);
    expect(touches.some((touch) => touch.kind === 'email')).toBe(false);
    expect(await db.deals.count()).toBe(0);
    const byPart = new Map(outcome.refused.map((entry) => [entry.part, entry]));
    // Deal pipelines are not refused: HubSpot's specs let any CRM read scope, contacts read included, read them.
    expect([...byPart.keys()].sort()).toEqual(['deals', 'emails', 'feedback', 'owners']);
    expect(byPart.get('emails')).toMatchObject({ feature: 'touches', scopes: ['sales-email-read'] });
    expect(byPart.get('deals')).toMatchObject({ feature: 'deals', scopes: ['crm.objects.deals.read'] });
    expect(byPart.get('owners')).toMatchObject({
      feature: 'owners',
      scopes: ['automation', 'crm.objects.owners.read'],
    });
    expect(byPart.get('feedback')).toMatchObject({ feature: 'feedback' });
    // The sync is complete: the next incremental does not ask for what was refused.
    expect((await db.meta.get('sync.fullDone'))?.value).toBe(true);
    const types = (await db.meta.get('sync.types'))?.value as string[];
    expect(types).not.toContain('emails');
    expect(types).not.toContain('deals');
    expect(types).toContain('calls');
    log.length = 0;
    await runSync('incremental', { db, crm: adapter(NO_EMAILS_NO_DEALS_NO_OWNERS) });
    expect(log.every((line) => line.startsWith('200 '))).toBe(true);
    expect((await db.meta.get('sync.refused'))?.value).toHaveLength(4);
    await deleteDatabase(db);
  });

  it('without the contacts scope the sync stops with the scope error', async () => {
    const db = new LeadLensDb(`refused-${Math.random()}`);
    await expect(runSync('full', { db, crm: adapter(NO_CONTACTS) })).rejects.toBeInstanceOf(CrmScopeError);
    await deleteDatabase(db);
  });

  it('a full sync with every scope empties the list again', async () => {
    const db = new LeadLensDb(`refused-${Math.random()}`);
    await runSync('full', { db, crm: adapter(NO_EMAILS_NO_DEALS_NO_OWNERS) });
    const outcome = await runSync('full', { db, crm: adapter('full-token') });
    expect(outcome.refused).toEqual([]);
    expect(await db.deals.count()).toBeGreaterThan(0);
    expect((await db.meta.get('sync.types'))?.value).toContain('emails');
    await deleteDatabase(db);
  });
});
