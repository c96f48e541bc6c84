import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  adapterFor,
  type Connection,
  connect,
  disconnect,
  migrateConnection,
  storedConnection,
} from '../../../lib/background/connection';
import { CrmHostRefusedError } from '../../../lib/crm/errors';
import { HubSpotTransport } from '../../../lib/crm/hubspot/transport';
import { database } from '../../../lib/db/db';
import { deleteAllSecrets, readSecret, writeSecret } from '../../../lib/settings/secret-store';

const connection: Connection = {
  token: 'pat-na1-secret',
  baseUrl: 'https://api.hubapi.com',
  portal: { portalId: 42, timeZone: 'UTC', currency: 'USD' },
  features: [],
  connectedAt: 0,
  managed: false,
};

beforeEach(() => fakeBrowser.reset());
afterEach(() => deleteAllSecrets());

describe('the connection', () => {
  it('is read from the secret store after an update moved it there, with nothing lost', async () => {
    await fakeBrowser.storage.local.set({ 'hubspot.connection': connection });
    expect(await migrateConnection()).toBe(true);
    expect(await storedConnection()).toEqual(connection);
    expect(await fakeBrowser.storage.local.get('hubspot.connection')).toEqual({});
  });

  it('refuses a base URL outside HubSpot before any request, with the reason', async () => {
    for (const baseUrl of ['http://api.hubapi.com', 'https://collector.example', 'https://api.hubapi.com:444']) {
      const result = await connect('pat-na1-secret', baseUrl);
      expect(result).toMatchObject({ ok: false, reason: 'hostNotAllowed' });
    }
    expect(await storedConnection()).toBeUndefined();
  });

  it('never builds a client for a stored connection whose base URL is not HubSpot', () => {
    expect(() => adapterFor({ token: 't', baseUrl: 'http://127.0.0.1:8080' })).toThrow(CrmHostRefusedError);
    expect(adapterFor({ token: 't', baseUrl: 'https://api-eu1.hubapi.com/' }).baseUrl).toBe(
      'https://api-eu1.hubapi.com',
    );
  });

  it("checks every request's URL, not only the base, before the token goes out", async () => {
    const sent: string[] = [];
    const fetch = async (url: string | URL | Request) => {
      sent.push(String(url));
      return new Response('{}', { status: 200 });
    };
    const crm = adapterFor({ token: 't', baseUrl: 'https://api.hubapi.com' });
    const transport = new HubSpotTransport({ ...crm.transport.options, fetch: fetch as typeof globalThis.fetch });
    await expect(
      transport.send({ method: 'GET', url: 'https://collector.example/crm/objects/2026-09/contacts', headers: {} }),
    ).rejects.toThrow(CrmHostRefusedError);
    await expect(
      transport.send({ method: 'GET', url: 'http://api.hubapi.com/crm/objects/2026-09/contacts', headers: {} }),
    ).rejects.toThrow(CrmHostRefusedError);
    expect(sent).toEqual([]);
    await transport.send({ method: 'GET', url: 'https://api.hubapi.com/crm/objects/2026-09/contacts', headers: {} });
    expect(sent).toEqual(['https://api.hubapi.com/crm/objects/2026-09/contacts']);
  });

  it('"forget" removes the token, the cache and every stored key but the language', async () => {
    await writeSecret('hubspot.connection', connection);
    await fakeBrowser.storage.local.set({
      settings: { version: 1, language: 'he' },
      teamSettings: { slaMinutes: 7 },
      'marks.42': { snoozes: {}, notALead: ['1'] },
      'alerts.notified': ['1:open:0'],
      'cache.updatedAt': 1,
    });
    await database().meta.put({ key: 'probe', value: 1 });
    await disconnect();
    expect(await readSecret('hubspot.connection')).toBeUndefined();
    const stored = await fakeBrowser.storage.local.get(null);
    expect(stored.settings).toEqual({ version: 1, language: 'he' });
    // The only other key is the content-free marker that tells open pages to reload.
    expect(Object.keys(stored).sort()).toEqual(['connection.changedAt', 'settings']);
    expect(await database().meta.get('probe')).toBeUndefined();
  });
});
