import { describe, expect, it } from 'vitest';
import { datedUrl, HUBSPOT_API_VERSION, isLegacyPath, LegacyPathError } from '../../../lib/crm/hubspot/api-version';
import { HubSpotTransport } from '../../../lib/crm/hubspot/transport';
import { RateLimiter } from '../../../lib/crm/limiter';

const base = 'https://api.hubapi.com';

describe('the date-based API', () => {
  it('is HubSpot’s newest generally available version', () => {
    expect(HUBSPOT_API_VERSION).toBe('2026-09');
  });

  it.each([
    ['/crm/v3/objects/contacts?limit=100&after=5', '/crm/objects/2026-09/contacts?limit=100&after=5'],
    ['/crm/v3/objects/contacts/search', '/crm/objects/2026-09/contacts/search'],
    [
      '/crm/v3/objects/contacts/a%40b.example?idProperty=email',
      '/crm/objects/2026-09/contacts/a%40b.example?idProperty=email',
    ],
    ['/crm/v3/owners/?limit=100', '/crm/owners/2026-09?limit=100'],
    ['/crm/v3/owners/7', '/crm/owners/2026-09/7'],
    ['/crm/v3/pipelines/deals', '/crm/pipelines/2026-09/deals'],
    ['/crm/v3/properties/contacts/groups/leadlens', '/crm/properties/2026-09/contacts/groups/leadlens'],
    ['/crm/v4/associations/emails/contacts/batch/read', '/crm/associations/2026-09/emails/contacts/batch/read'],
    ['/account-info/v3/details', '/account-info/2026-09/details'],
  ])('sends %s as %s', (legacy, dated) => {
    expect(datedUrl(`${base}${legacy}`)).toBe(`${base}${dated}`);
  });

  it('passes dated paths through and refuses a numbered path it has no twin for', () => {
    expect(datedUrl(`${base}/crm/objects/2026-09/deals`)).toBe(`${base}/crm/objects/2026-09/deals`);
    expect(() => datedUrl(`${base}/crm/v3/imports`)).toThrow(LegacyPathError);
    expect(() => datedUrl(`${base}/marketing/v3/emails`)).toThrow(LegacyPathError);
    expect(isLegacyPath('/crm/objects/2026-09/contacts')).toBe(false);
    expect(isLegacyPath('/crm/v4/associations/a/b/batch/read')).toBe(true);
  });

  it('is the only kind of path the transport sends: a numbered one is refused before any request', async () => {
    const sent: string[] = [];
    const transport = new HubSpotTransport({
      token: 't',
      limiter: new RateLimiter(),
      fetch: async (url) => {
        sent.push(String(url));
        return new Response('{}', { status: 200 });
      },
    });
    await expect(
      transport.send({ method: 'GET', url: `${base}/crm/v3/objects/contacts`, headers: {} }),
    ).rejects.toThrow(LegacyPathError);
    await transport.send({ method: 'GET', url: `${base}/crm/objects/2026-09/contacts`, headers: {} });
    expect(sent).toEqual([`${base}/crm/objects/2026-09/contacts`]);
  });
});
