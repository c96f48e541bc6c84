import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { connectFromManaged, storedConnection } from '../../../lib/background/connection';
import { statusHandlers } from '../../../lib/background/status-service';
import type { WorkerState } from '../../../lib/background/worker-state';
import { deleteAllSecrets } from '../../../lib/settings/secret-store';

// Issue 14: a managed policy is validated field by field, and "a wrong field is shown and ignored, not the whole
// policy". managed-policy.test.ts checks the validation; this checks the worker's side: the options page is told
// (connectionStatus), and a refused base URL never receives the token while the policy's valid token still connects.

const policy = {
  token: 'pat-org',
  baseUrl: 'http://collector.example',
  engagementMonths: 'all',
  settings: { slaMinutes: 10 },
};

const sent: string[] = [];

beforeEach(async () => {
  fakeBrowser.reset();
  sent.length = 0;
  await fakeBrowser.storage.managed.set(policy);
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string | URL | Request, init?: RequestInit) => {
      sent.push(String(url));
      if (String(url).endsWith('/account-info/2026-09/details'))
        return Response.json({ portalId: 42, timeZone: 'UTC', companyCurrency: 'USD' });
      if (init?.method === 'PATCH') return new Response('{}', { status: 404 });
      if (init?.method === 'POST') return new Response('{}', { status: 400 });
      return Response.json({ results: [] });
    }),
  );
});

afterEach(async () => {
  vi.unstubAllGlobals();
  await deleteAllSecrets();
});

const connectionStatus = () => statusHandlers({ startedAt: 0 } as unknown as WorkerState).connectionStatus({}, {});

describe('a managed policy with wrong fields', () => {
  it('is listed field by field for the options page, connected or not', async () => {
    const before = await connectionStatus();
    expect(before.connected).toBe(false);
    expect(before.policyProblems?.map((problem) => problem.split(':')[0])).toEqual(['baseUrl', 'engagementMonths']);
    expect(await connectFromManaged()).toMatchObject({ ok: true });
    const after = await connectionStatus();
    expect(after).toMatchObject({ connected: true, managed: true, portalId: 42 });
    expect(after.policyProblems).toEqual(before.policyProblems);
  });

  it('connects with its valid token on HubSpot’s default host: the refused base URL gets no request', async () => {
    await connectFromManaged();
    expect(sent.length).toBeGreaterThan(0);
    expect(sent.filter((url) => !url.startsWith('https://api.hubapi.com/'))).toEqual([]);
    expect((await storedConnection())?.baseUrl).toBe('https://api.hubapi.com');
  });
});
