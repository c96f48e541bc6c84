import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syncedTypes } from '../../../lib/crm/adapter';
import { HubSpotAdapter } from '../../../lib/crm/hubspot/client';
import { RateLimiter } from '../../../lib/crm/limiter';
import { type RunningPortal, startPortal } from '../../fake-hubspot/server';

// A property that is not text (the portal's `wrong_types` fault turns one into a number or an object) makes its
// record invalid, so the page is read again; it never throws out of the mapping and stops the sync.

let portal: RunningPortal;

beforeAll(async () => {
  portal = await startPortal({ contacts: 40, seed: 5, rate: '400/1s', searchRate: '100/1s' });
});
afterAll(async () => {
  await portal?.close();
});

describe('records with a property that is not text', () => {
  it('are invalid, named by property, in every synced type; the next read is clean', async () => {
    const crm = new HubSpotAdapter({
      token: portal.token,
      baseUrl: portal.httpUrl,
      limiter: new RateLimiter({ max: 400, intervalMs: 1000, searchPerSecond: 100, searchStartPerSecond: 100 }),
      timeoutMs: 2000,
    });
    crm.setStages(await crm.stages());
    for (const type of syncedTypes) {
      portal.admin.setFaults({ probability: 1, kinds: ['wrong_types'] });
      const garbled = await crm.listPage(type, undefined);
      portal.admin.setFaults(0);
      if (garbled.ids.length === 0) continue;
      expect(garbled.invalid.filter((invalid) => !invalid.kept)).toEqual([
        expect.objectContaining({ type, reason: expect.stringMatching(/: expected text, got (number|object)$/) }),
      ]);
      const clean = await crm.listPage(type, undefined);
      expect(clean.records.length).toBe(garbled.records.length + 1);
    }
  });
});
