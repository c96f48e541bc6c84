import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  closeStorageToContentScripts,
  deleteAllSecrets,
  migrateSecretFromStorage,
  readSecret,
  writeSecret,
} from '../../../lib/settings/secret-store';

// The storage layer of the trust boundary: secrets live in the extension origin's IndexedDB (which content scripts,
// running in the page's origin, cannot open in Chrome or Firefox), never in a storage area or its change events.

const connection = { token: 'pat-na1-secret', baseUrl: 'https://api.hubapi.com', portal: { portalId: 42 } };

beforeEach(() => fakeBrowser.reset());
afterEach(() => deleteAllSecrets());

describe('the secret store', () => {
  it('keeps a secret out of every storage area and fires no storage change for it', async () => {
    const changes: unknown[] = [];
    fakeBrowser.storage.onChanged.addListener((change) => changes.push(change));
    await writeSecret('hubspot.connection', connection);
    expect(await readSecret('hubspot.connection')).toEqual(connection);
    expect(JSON.stringify(await fakeBrowser.storage.local.get(null))).not.toContain('pat-na1-secret');
    expect(JSON.stringify(await fakeBrowser.storage.session.get(null))).not.toContain('pat-na1-secret');
    expect(changes).toEqual([]);
  });

  it('moves a token an older version kept in storage.local, and only then removes it there', async () => {
    await fakeBrowser.storage.local.set({ 'hubspot.connection': connection, settings: { version: 1, language: 'he' } });
    expect(await migrateSecretFromStorage('hubspot.connection', fakeBrowser.storage.local)).toBe(true);
    expect(await readSecret('hubspot.connection')).toEqual(connection);
    expect(await fakeBrowser.storage.local.get(null)).toEqual({ settings: { version: 1, language: 'he' } });
    // A second start finds nothing to move and leaves the secret as it is.
    expect(await migrateSecretFromStorage('hubspot.connection', fakeBrowser.storage.local)).toBe(false);
    expect(await readSecret('hubspot.connection')).toEqual(connection);
  });

  it('loses nothing when the worker stops between the copy and the removal', async () => {
    await fakeBrowser.storage.local.set({ 'hubspot.connection': connection });
    const area = {
      get: (key: string) => fakeBrowser.storage.local.get(key),
      remove: vi.fn(async () => {
        throw new Error('worker stopped');
      }),
    };
    await expect(migrateSecretFromStorage('hubspot.connection', area)).rejects.toThrow('worker stopped');
    // Both places hold it; the next start finishes the move.
    expect(await readSecret('hubspot.connection')).toEqual(connection);
    expect(await migrateSecretFromStorage('hubspot.connection', fakeBrowser.storage.local)).toBe(true);
    expect(await fakeBrowser.storage.local.get(null)).toEqual({});
  });

  it('does not overwrite a newer secret with the stale copy an interrupted move left behind', async () => {
    await writeSecret('hubspot.connection', { ...connection, token: 'pat-new' });
    await fakeBrowser.storage.local.set({ 'hubspot.connection': connection });
    await migrateSecretFromStorage('hubspot.connection', fakeBrowser.storage.local);
    expect(await readSecret('hubspot.connection')).toMatchObject({ token: 'pat-new' });
  });

  it('forgets every secret', async () => {
    await writeSecret('hubspot.connection', connection);
    await deleteAllSecrets();
    expect(await readSecret('hubspot.connection')).toBeUndefined();
  });
});

describe('closing storage.local to content scripts', () => {
  it("uses Chrome's access level where the browser has it", async () => {
    const setAccessLevel = vi.fn(async () => undefined);
    expect(await closeStorageToContentScripts({ setAccessLevel })).toBe('trusted-contexts');
    expect(setAccessLevel).toHaveBeenCalledWith({ accessLevel: 'TRUSTED_CONTEXTS' });
  });

  it('says so where it has not (Firefox documents setAccessLevel for storage.session only)', async () => {
    expect(await closeStorageToContentScripts({})).toBe('none');
    const refused = vi.fn(async () => {
      throw new Error('not supported');
    });
    expect(await closeStorageToContentScripts({ setAccessLevel: refused })).toBe('none');
  });
});
