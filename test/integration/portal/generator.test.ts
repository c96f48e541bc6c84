// The generator's ground truth agrees with what the API of the local portal serves.
import { Client } from '@hubspot/api-client';
import { describe, expect, it } from 'vitest';
import { startPortal } from '../../fake-hubspot/server.ts';
import { median } from '../../fake-hubspot/truth.ts';

const AS_OF = '2026-11-22T12:00:00.000Z';

describe('generator', () => {
  it("the truth's median response times match what a client computes from the API", async () => {
    const portal = await startPortal({ contacts: 250, seed: 4, asOf: AS_OF, rate: '100000/10s' });
    try {
      const client = new Client({ accessToken: portal.token, basePath: portal.httpUrl });
      const contacts = await client.crm.contacts.getAll(100);
      const touches: { contactIds: string[]; at: number; response: boolean }[] = [];
      const automated = new Set(portal.truth.automatedSources);
      for (const [type, api] of [
        ['emails', client.crm.objects.emails.basicApi],
        ['calls', client.crm.objects.calls.basicApi],
        ['meetings', client.crm.objects.meetings.basicApi],
      ] as const) {
        let after: string | undefined;
        do {
          const page = await api.getPage(
            100,
            after,
            ['hs_timestamp', 'hs_email_direction', 'hs_call_direction', 'hs_engagement_source'],
            undefined,
            ['contacts'],
          );
          for (const touch of page.results) {
            const p = touch.properties;
            const out = type === 'meetings' || p.hs_email_direction === 'EMAIL' || p.hs_call_direction === 'OUTBOUND';
            touches.push({
              contactIds: touch.associations?.contacts?.results.map((r) => r.id) ?? [],
              at: Date.parse(p.hs_timestamp ?? ''),
              response: out && !automated.has(p.hs_engagement_source ?? ''),
            });
          }
          after = page.paging?.next?.after;
        } while (after);
      }
      const adoption = Date.parse(portal.truth.adoptionAt);
      const asOf = Date.parse(AS_OF);
      const before: number[] = [];
      const after: number[] = [];
      for (const contact of contacts) {
        const created = contact.createdAt.getTime();
        const first = touches
          .filter((t) => t.response && t.contactIds.includes(contact.id) && t.at >= created && t.at <= asOf)
          .reduce((min, t) => Math.min(min, t.at), Infinity);
        if (!Number.isFinite(first)) continue;
        (created < adoption ? before : after).push((first - created) / 60_000);
      }
      expect(median(before)).toBeCloseTo(portal.truth.response.before.medianMinutes ?? -1, 6);
      expect(median(after)).toBeCloseTo(portal.truth.response.after.medianMinutes ?? -1, 6);
    } finally {
      await portal.close();
    }
  });
});
