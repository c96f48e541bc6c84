import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { type Connection, connect, replaceToken, storedConnection } from '../../../lib/background/connection';
import { database, deleteDatabase } from '../../../lib/db/db';
import { enqueueTag, outboxRows } from '../../../lib/db/outbox';
import { deleteAllSecrets, writeSecret } from '../../../lib/settings/secret-store';

// Issue 14, "Faults that cost data": a replaced token for the same portal keeps the cache, the outbox and the marks;
// a token of another portal is refused as a replacement, and connecting it starts from empty, so portal A's ids and
// marks never reach portal B.

/** HubSpot as `connect` sees it: each token belongs to one portal, every scope probe is granted. */
const portalOfToken: Record<string, number> = { 'pat-old-42': 42, 'pat-new-42': 42, 'pat-of-7': 7 };

function fakeHubSpot(url: string | URL | Request, init?: RequestInit): Response {
  const token = new Headers(init?.headers).get('authorization')?.replace(/^Bearer /, '') ?? '';
  const portalId = portalOfToken[token];
  if (portalId === undefined) return new Response('{"message":"bad token"}', { status: 401 });
  const { pathname } = new URL(String(url));
  if (pathname === '/account-info/2026-09/details')
    return Response.json({ portalId, timeZone: 'UTC', companyCurrency: 'USD', uiDomain: 'app.hubspot.com' });
  // The write probes cannot change anything: an update of contact 0 is a 404, a property without fields a 400.
  if (init?.method === 'PATCH') return new Response('{}', { status: 404 });
  if (init?.method === 'POST') return new Response('{}', { status: 400 });
  return Response.json({ results: [{ id: '1', properties: {} }] });
}

const connected: Connection = {
  token: 'pat-old-42',
  baseUrl: 'https://api.hubapi.com',
  portal: { portalId: 42, timeZone: 'UTC', currency: 'USD' },
  features: [],
  connectedAt: 0,
  managed: false,
};

beforeEach(async () => {
  fakeBrowser.reset();
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string | URL | Request, init?: RequestInit) => fakeHubSpot(url, init)),
  );
  await writeSecret('hubspot.connection', connected);
  await database().meta.put({ key: 'probe', value: 1 });
  await enqueueTag(database(), { email: 'dana@example.com', source: 'webinar', taggedAt: 1 }, 1);
  await fakeBrowser.storage.local.set({
    settings: { version: 1, language: 'he' },
    'marks.42': { snoozes: {}, notALead: ['101'] },
  });
});

afterEach(async () => {
  vi.unstubAllGlobals();
  await deleteAllSecrets();
  await deleteDatabase();
});

const cacheProbe = async () => (await database().meta.get('probe'))?.value;

describe('replacing the token', () => {
  it('for the same portal keeps the cache, the outbox and the marks, and uses the new token', async () => {
    expect(await replaceToken('pat-new-42')).toMatchObject({ ok: true, portal: { portalId: 42 } });
    expect((await storedConnection())?.token).toBe('pat-new-42');
    expect(await cacheProbe()).toBe(1);
    expect((await outboxRows(database())).map((row) => row.tag.source)).toEqual(['webinar']);
    expect(await fakeBrowser.storage.local.get('marks.42')).toEqual({ 'marks.42': { snoozes: {}, notALead: ['101'] } });
  });

  it("is refused with another portal's token, and nothing changes", async () => {
    expect(await replaceToken('pat-of-7')).toMatchObject({ ok: false, reason: 'otherPortal' });
    expect(await storedConnection()).toEqual(connected);
    expect(await cacheProbe()).toBe(1);
    expect(await outboxRows(database())).toHaveLength(1);
  });
});

describe("connecting another portal's token", () => {
  it("starts from empty: portal 42's cache, outbox and marks are gone, the language stays", async () => {
    expect(await connect('pat-of-7')).toMatchObject({ ok: true, portal: { portalId: 7 } });
    expect((await storedConnection())?.portal.portalId).toBe(7);
    expect(await cacheProbe()).toBeUndefined();
    expect(await outboxRows(database())).toEqual([]);
    const stored = await fakeBrowser.storage.local.get(null);
    expect(stored['marks.42']).toBeUndefined();
    expect(stored.settings).toEqual({ version: 1, language: 'he' });
  });

  it('of the same portal keeps what was cached', async () => {
    expect(await connect('pat-new-42')).toMatchObject({ ok: true });
    expect(await cacheProbe()).toBe(1);
    expect(await outboxRows(database())).toHaveLength(1);
  });
});
