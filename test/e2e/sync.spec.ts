import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { expect, type Page, test } from '@playwright/test';
import { startPortal } from '../fake-hubspot/server';
import { launchWithExtension } from '../support/browser';
import { expectedIds } from '../support/portal-expectation';

// The production build in Chromium, connected by typing the token as a user would, syncing the local portal (behind
// the real api.hubapi.com host name) with 10 % injected faults while the service worker is stopped again and again.

const TABLES = ['leads', 'deals', 'touches', 'feedback'] as const;

/** Primary keys of the cache's row tables, read with plain IndexedDB from an extension page. */
async function cachedIds(page: Page): Promise<Record<string, string[]>> {
  return page.evaluate(async (tables) => {
    // Opening a database that does not exist would create it; a deleted cache reads as empty instead.
    const exists = (await indexedDB.databases()).some((info) => info.name === 'leadlens');
    if (!exists) return Object.fromEntries(tables.map((table) => [table, [] as string[]]));
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('leadlens');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const out: Record<string, string[]> = {};
    for (const table of tables) {
      out[table] = await new Promise<string[]>((resolve, reject) => {
        const request = db.transaction(table).objectStore(table).getAllKeys();
        request.onsuccess = () => resolve(request.result.map(String));
        request.onerror = () => reject(request.error);
      });
    }
    db.close();
    return out;
  }, TABLES);
}

test('a full sync survives 20+ service-worker stops under faults and equals the portal', async () => {
  test.setTimeout(240_000);
  const portal = await startPortal({ contacts: 1500, seed: 5, rate: '4/1s', searchRate: '20/1s' });
  const extension = await launchWithExtension({ tlsPort: portal.tlsPort });
  try {
    const options = await extension.context.newPage();
    await options.goto(extension.extensionUrl('options.html'));

    // Connect as a user would: type the token, press Connect.
    await options.getByTestId('token-input').fill(portal.token);
    portal.admin.setFaults({ probability: 0.1, hangMs: 1500 });
    await options.getByTestId('connect').click();
    await expect(options.getByTestId('connect-panel')).toHaveAttribute('data-connected', 'true', { timeout: 60_000 });
    await expect(options.getByTestId('connect-portal')).toContainText(String(portal.portalId));

    const cdp = await extension.context.newCDPSession(options);
    await cdp.send('ServiceWorker.enable');
    let stops = 0;
    // Each worker instance answers ping with its own start time: distinct values prove the stops were real.
    const instances = new Set<number>();
    const ping = () =>
      options.evaluate(() => {
        const { chrome } = globalThis as unknown as {
          chrome: { runtime: { sendMessage(message: unknown): Promise<unknown> } };
        };
        return chrome.runtime.sendMessage({ type: 'ping', payload: {} }) as Promise<{ data?: { startedAt: number } }>;
      });
    const panel = options.getByTestId('sync-panel');
    const started = Date.now();
    while ((await panel.getAttribute('data-full-done')) !== 'true') {
      expect(Date.now() - started).toBeLessThan(200_000);
      if (stops < 30) {
        await options.waitForTimeout(250 + Math.floor(Math.random() * 500));
        if ((await panel.getAttribute('data-full-done')) === 'true') break;
        await cdp.send('ServiceWorker.stopAllWorkers');
        stops += 1;
        const reply = await ping();
        if (reply.data) instances.add(reply.data.startedAt);
      } else {
        await options.waitForTimeout(500);
      }
    }
    expect(stops).toBeGreaterThanOrEqual(20);
    expect(instances.size).toBeGreaterThanOrEqual(20);
    portal.admin.setFaults(0);

    // The cache equals the portal: every live record, nothing else, nothing twice.
    const cached = await cachedIds(options);
    const expected = expectedIds(portal, Date.now());
    for (const table of TABLES) {
      const ids = cached[table] ?? [];
      expect(new Set(ids).size, `${table} duplicated`).toBe(ids.length);
      expect([...ids].sort(), `${table} differs`).toEqual([...(expected[table] ?? [])].sort());
    }

    // The generator's permanently malformed records are listed by id in the status.
    await options.getByTestId('sync-problems').locator('summary').click();
    const listed = await options
      .getByTestId('sync-problem')
      .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-id')));
    for (const malformed of portal.truth.malformed) expect(listed).toContain(malformed.id);
    await expect(options.getByTestId('sync-last-success')).toBeVisible();
    await expect(options.getByTestId('sync-as-of')).toBeVisible();
  } finally {
    await extension.context.close();
    await portal.close();
  }
});

test('a wrong token gets a clear message and is not kept', async () => {
  const portal = await startPortal({ contacts: 50, seed: 2 });
  const extension = await launchWithExtension({ tlsPort: portal.tlsPort });
  try {
    const options = await extension.context.newPage();
    await options.goto(extension.extensionUrl('options.html'));
    await options.getByTestId('token-input').fill('pat-na1-not-a-real-token');
    await options.getByTestId('connect').click();
    await expect(options.getByTestId('connect-error')).toHaveAttribute('data-reason', 'invalidToken');
    await expect(options.getByTestId('connect-panel')).toHaveAttribute('data-connected', 'false');
  } finally {
    await extension.context.close();
    await portal.close();
  }
});

test('"Disconnect and forget all data" clears the token and the cache', async () => {
  const portal = await startPortal({ contacts: 60, seed: 3 });
  const extension = await launchWithExtension({ tlsPort: portal.tlsPort });
  try {
    const options = await extension.context.newPage();
    await options.goto(extension.extensionUrl('options.html'));
    await options.getByTestId('token-input').fill(portal.token);
    await options.getByTestId('connect').click();
    await expect(options.getByTestId('sync-panel')).toHaveAttribute('data-full-done', 'true', { timeout: 60_000 });
    expect((await cachedIds(options)).leads?.length).toBeGreaterThan(0);
    // The popup shows the same status.
    const popup = await extension.context.newPage();
    await popup.goto(extension.extensionUrl('popup.html'));
    await expect(popup.getByTestId('sync-last-success')).toBeVisible();
    await popup.close();

    options.once('dialog', (dialog) => void dialog.accept());
    await options.getByTestId('disconnect').click();
    await expect(options.getByTestId('connect-panel')).toHaveAttribute('data-connected', 'false');
    await expect(options.getByTestId('sync-panel')).toHaveAttribute('data-full-done', 'false');
    const stored = await options.evaluate(async () => {
      const { chrome } = globalThis as unknown as {
        chrome: { storage: { local: { get(key: null): Promise<object> } } };
      };
      return Object.keys(await chrome.storage.local.get(null));
    });
    expect(stored).not.toContain('hubspot.connection');
    expect((await cachedIds(options)).leads).toEqual([]);
  } finally {
    await extension.context.close();
    await portal.close();
  }
});

test('the sync benchmark runs small and prints its result line', async () => {
  test.setTimeout(180_000);
  const { stdout } = await promisify(execFile)('npx', ['tsx', 'bench/sync.ts', '--contacts', '300'], {
    maxBuffer: 16 * 1024 * 1024,
  });
  const last = stdout.trim().split('\n').at(-1) ?? '';
  expect(last).toMatch(
    /^sync ratio=\d+\.\d{3} incremental_requests=\d+ incremental_requests_10k=\d+ steady_requests_per_day=\d+ context_p95_ms=\d+\.\d lost=\d+ duplicated=\d+$/,
  );
  // Whatever the machine's speed, a small run must not lose or duplicate anything, and the incremental cost must
  // not depend on the portal's size.
  const value = (name: string) => Number(new RegExp(`${name}=([\\d.]+)`).exec(last)?.[1]);
  expect(value('lost')).toBe(0);
  expect(value('duplicated')).toBe(0);
  expect(value('incremental_requests')).toBe(value('incremental_requests_10k'));
});
