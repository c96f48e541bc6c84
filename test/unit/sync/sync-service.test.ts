import { fakeBrowser } from 'wxt/testing/fake-browser';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { CrmAdapter, PortalInfo } from '../../../lib/crm/adapter';
import { CrmAuthError } from '../../../lib/crm/errors';
import { database, deleteDatabase } from '../../../lib/db/db';
import { StorageFullError } from '../../../lib/db/store';
import { RateLimiter } from '../../../lib/crm/limiter';

// The scheduler's answers to faults that retrying cannot fix: a refused token pauses the sync until the token is
// replaced, a full storage stops it with its own message. The connection (token storage, another engineer's module)
// is replaced by a stored object and an adapter that counts the requests it would make.

const portal: PortalInfo = { portalId: 1, timeZone: 'America/New_York', currency: 'USD' };
const state = {
  connectedAt: 1,
  calls: 0,
  failWith: undefined as (() => Error) | undefined,
};
const limiter = new RateLimiter();

vi.mock('../../../lib/background/connection', () => ({
  limiter,
  storedConnection: async () => ({
    token: 't',
    baseUrl: 'https://api.hubapi.com',
    portal,
    scopes: [],
    connectedAt: state.connectedAt,
    managed: false,
  }),
  adapterFor: (): Partial<CrmAdapter> => {
    const fail = async () => {
      state.calls += 1;
      throw state.failWith?.() ?? new Error('unexpected');
    };
    return { account: fail, owners: fail, stages: fail, lifecycle: fail, census: fail, listPage: fail, setStages() {} };
  },
}));

const { resumeAfterTokenReplaced, syncStatus, tick } = await import('../../../lib/background/sync-service');

beforeEach(async () => {
  fakeBrowser.reset();
  await deleteDatabase(database());
  state.calls = 0;
  state.connectedAt = 1;
});

describe('a refused token (401) pauses the sync', () => {
  it('records the pause with a clear message, and no tick calls HubSpot again until the token is replaced', async () => {
    state.failWith = () => new CrmAuthError();
    await tick();
    const calls = state.calls;
    expect(calls).toBeGreaterThan(0);
    const status = await syncStatus();
    expect(status.paused).toMatchObject({ reason: 'tokenRefused' });
    expect(status.paused?.message).toBe('HubSpot refused the token (401): replace the token in Options');
    expect(status.error).toMatchObject({ kind: 'reconnect' });

    // Alarms every minute, and "Sync now": nothing reaches HubSpot.
    await tick();
    await tick();
    await tick('syncNow');
    expect(state.calls).toBe(calls);

    // The token is replaced: the next tick asks again.
    await resumeAfterTokenReplaced();
    expect((await syncStatus()).paused).toBeUndefined();
    await tick();
    expect(state.calls).toBeGreaterThan(calls);
  });

  it('a new connection (connect again) is not held back by the old pause', async () => {
    state.failWith = () => new CrmAuthError();
    await tick();
    const calls = state.calls;
    state.connectedAt = 2;
    expect((await syncStatus()).paused).toBeUndefined();
    await tick();
    expect(state.calls).toBeGreaterThan(calls);
  });
});

describe('a full storage', () => {
  it('stops the sync with the quota kind and its own message; only the user starts it again', async () => {
    state.failWith = () => new StorageFullError(new DOMException('full', 'QuotaExceededError'));
    await tick();
    const status = await syncStatus();
    expect(status.error).toMatchObject({ kind: 'quota' });
    expect(status.error?.message).toMatch(/^The browser's storage for LeadLens is full/);
    const calls = state.calls;
    await tick();
    expect(state.calls).toBe(calls);
    await tick('syncNow');
    expect(state.calls).toBeGreaterThan(calls);
  });

  it('knows the DOMException by name, however Dexie wraps it', async () => {
    state.failWith = () =>
      Object.assign(new Error('wrapped'), { inner: new DOMException('full', 'QuotaExceededError') });
    await tick();
    expect((await syncStatus()).error).toMatchObject({ kind: 'quota' });
  });
});

describe('the status lists parts refused for a scope', () => {
  it('with the feature each affects, for the options page', async () => {
    const entry = { part: 'emails', scopes: ['sales-email-read'], feature: 'touches', at: 1 };
    await database().meta.put({ key: 'sync.refused', value: [entry] });
    expect((await syncStatus()).refused).toEqual([entry]);
  });
});
