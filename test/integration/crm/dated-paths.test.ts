// Every path LeadLens calls, in both of HubSpot's forms: the numbered one the official client's modules build and the
// date-based one that goes on the wire (lib/crm/hubspot/api-version.ts). The local portal answers both with the same
// records and shapes, except where HubSpot's specs differ (the batch association read: 207 with errors in v4, 200 with
// `errors` in the dated spec). And LeadLens itself sends only dated paths, through a full and an incremental sync.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { datedUrl, HUBSPOT_API_VERSION } from '../../../lib/crm/hubspot/api-version';
import { HubSpotAdapter } from '../../../lib/crm/hubspot/client';
import { RateLimiter } from '../../../lib/crm/limiter';
import { deleteDatabase, LeadLensDb } from '../../../lib/db/db';
import { runSync } from '../../../lib/sync/runner';
import { type RunningPortal, startPortal } from '../../fake-hubspot/server';

let portal: RunningPortal;

beforeAll(async () => {
  portal = await startPortal({ contacts: 120, seed: 23, rate: '400/1s', searchRate: '100/1s' });
});
afterAll(async () => {
  await portal?.close();
});

async function call(method: string, path: string, body?: unknown) {
  const response = await fetch(`${portal.httpUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${portal.token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  // Batch answers stamp their own start and end, and a next page's link repeats the path it was asked on (compared in
  // its dated form); everything else must match to the byte.
  const json = JSON.parse(text, (key, value) =>
    key === 'startedAt' || key === 'completedAt' ? '<time>' : key === 'link' ? datedUrl(String(value)) : value,
  );
  return { status: response.status, json };
}

function firstContact(): string {
  const contact = portal.admin.records('contacts').find((record) => !record.archived);
  return String(contact?.id);
}

describe('the paths LeadLens calls, numbered and dated', () => {
  const search = {
    filterGroups: [{ filters: [{ propertyName: 'lastmodifieddate', operator: 'GTE', value: '0' }] }],
    sorts: [{ propertyName: 'lastmodifieddate', direction: 'ASCENDING' }],
    properties: ['email'],
    limit: 10,
    after: '0',
  };
  const cases: Array<[string, string, (() => unknown) | undefined]> = [
    ['GET', '/account-info/v3/details', undefined],
    ['GET', '/crm/v3/owners/?limit=100', undefined],
    ['GET', '/crm/v3/pipelines/deals', undefined],
    ['GET', '/crm/v3/properties/contacts/hs_lead_status', undefined],
    ['GET', '/crm/v3/properties/contacts/lifecyclestage', undefined],
    ['GET', '/crm/v3/objects/contacts?limit=5&properties=email&associations=contacts', undefined],
    ['GET', '/crm/v3/objects/deals?limit=5&associations=contacts', undefined],
    ['GET', '/crm/v3/objects/emails?limit=5&associations=contacts', undefined],
    ['GET', '/crm/v3/objects/feedback_submissions?limit=5', undefined],
    ['POST', '/crm/v3/objects/contacts/search', () => search],
    ['POST', '/crm/v3/objects/deals/search', () => ({ ...search, filterGroups: [], sorts: [] })],
  ];

  it.each(cases)('%s %s answers alike on its dated path', async (method, legacy, body) => {
    const dated = new URL(datedUrl(`${portal.httpUrl}${legacy}`));
    expect(dated.pathname).toMatch(new RegExp(`/${HUBSPOT_API_VERSION}(/|$)`));
    const before = await call(method, legacy, body?.());
    const after = await call(method, `${dated.pathname}${dated.search}`, body?.());
    expect(before.status).toBe(200);
    expect(after).toEqual(before);
  });

  it('reads a contact by address and patches it on both paths', async () => {
    const id = firstContact();
    const read = await call('GET', `/crm/objects/${HUBSPOT_API_VERSION}/contacts/${id}?properties=email`);
    expect(read.status).toBe(200);
    const email = read.json.properties.email as string;
    const byEmail = await call(
      'GET',
      `/crm/objects/${HUBSPOT_API_VERSION}/contacts/${encodeURIComponent(email)}?idProperty=email&properties=email`,
    );
    expect(byEmail.json.id).toBe(id);
    const patch = { properties: { hs_lead_status: 'UNQUALIFIED' } };
    expect((await call('PATCH', `/crm/objects/${HUBSPOT_API_VERSION}/contacts/${id}`, patch)).status).toBe(200);
    expect((await call('PATCH', `/crm/v3/objects/contacts/${id}`, patch)).status).toBe(200);
  });

  it('answers a batch association read with misses as 207 in v4 and as 200 with the same errors when dated', async () => {
    const body = { inputs: [{ id: firstContact() }, { id: '999999999' }] };
    const v4 = await call('POST', '/crm/v4/associations/contacts/deals/batch/read', body);
    const dated = await call('POST', `/crm/associations/${HUBSPOT_API_VERSION}/contacts/deals/batch/read`, body);
    expect(v4.status).toBe(207);
    expect(dated.status).toBe(200);
    expect(dated.json).toEqual(v4.json);
    expect(dated.json.numErrors).toBeGreaterThanOrEqual(1);
  });

  it('does not serve a version HubSpot has not released', async () => {
    expect((await call('GET', '/crm/objects/2027-03/contacts')).status).toBe(404);
  });
});

describe('LeadLens on the wire', () => {
  it('sends no numbered path through a full and an incremental sync', async () => {
    const sent: string[] = [];
    const crm = new HubSpotAdapter({
      token: portal.token,
      baseUrl: portal.httpUrl,
      limiter: new RateLimiter({ max: 400, intervalMs: 1000, searchPerSecond: 100, searchStartPerSecond: 100 }),
      timeoutMs: 2000,
      onResponse: (request) => sent.push(`${request.method} ${new URL(request.url).pathname}`),
    });
    const db = new LeadLensDb(`dated-${Math.random()}`);
    await runSync('full', { db, crm });
    portal.admin.createLead({ email: 'dated.paths@example.com' });
    await runSync('incremental', { db, crm });
    expect(sent.length).toBeGreaterThan(10);
    expect(sent.filter((line) => /\/v\d+\//.test(line))).toEqual([]);
    expect(sent.some((line) => line.startsWith(`POST /crm/objects/${HUBSPOT_API_VERSION}/contacts/search`))).toBe(true);
    await deleteDatabase(db);
  });
});
