import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { storedConnection } from '../../../lib/background/connection';
import { moveLegacyStorage } from '../../../lib/background/legacy-storage';
import { loadRepMarks } from '../../../lib/background/rep-marks-store';
import { deleteAllSecrets } from '../../../lib/settings/secret-store';

const legacy = {
  token: 'pat-old',
  baseUrl: 'https://api.hubapi.com',
  portal: { portalId: 42, timeZone: 'UTC', currency: 'USD' },
  scopes: [],
  connectedAt: 1,
  managed: false,
};

beforeEach(() => fakeBrowser.reset());
afterEach(() => deleteAllSecrets());

describe('moving what older versions kept in storage.local', () => {
  it('moves the connection and the marks on the first start, with nothing lost', async () => {
    await fakeBrowser.storage.local.set({ 'hubspot.connection': legacy, 'overlay.notALead': ['7'] });
    await moveLegacyStorage();
    expect(await storedConnection()).toEqual(legacy);
    expect([...(await loadRepMarks(42)).notALead]).toEqual(['7']);
    expect(Object.keys(await fakeBrowser.storage.local.get(null))).toEqual(['marks.42']);
  });

  it('never adopts a connection or marks written there after the move (a content script can write it in Firefox)', async () => {
    await moveLegacyStorage();
    await fakeBrowser.storage.local.set({
      'hubspot.connection': { ...legacy, token: 'pat-attacker' },
      'overlay.notALead': ['1', '2', '3'],
    });
    await moveLegacyStorage();
    expect(await storedConnection()).toBeUndefined();
    expect((await loadRepMarks(42)).notALead.size).toBe(0);
    expect(await fakeBrowser.storage.local.get(null)).toEqual({});
  });

  it('drops an old connection that would send the token outside HubSpot', async () => {
    await fakeBrowser.storage.local.set({ 'hubspot.connection': { ...legacy, baseUrl: 'http://collector.example' } });
    await moveLegacyStorage();
    expect(await storedConnection()).toBeUndefined();
    expect(await fakeBrowser.storage.local.get(null)).toEqual({});
  });
});
