// The official @hubspot/api-client against the local portal: if the client can page, search, batch-read, patch and
// meet errors here exactly as HubSpot documents, LeadLens's sync cannot tell the portal from HubSpot.
import { Client } from '@hubspot/api-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OBJECT_TYPES } from '../../fake-hubspot/objects.ts';
import { type RunningPortal, startPortal } from '../../fake-hubspot/server.ts';

const AS_OF = '2026-11-22T12:00:00.000Z';
let portal: RunningPortal;
let client: Client;

/** The client throws ApiException-like errors carrying the HTTP status in `code` and the parsed body in `body`. */
async function failure(promise: Promise<unknown>): Promise<{ code: number; body: Record<string, unknown> }> {
  try {
    await promise;
  } catch (error) {
    const e = error as { code?: unknown; body?: unknown };
    return { code: Number(e.code), body: (e.body ?? {}) as Record<string, unknown> };
  }
  throw new Error('expected the call to fail');
}

function liveCount(type: (typeof OBJECT_TYPES)[number]): number {
  return portal.admin.records(type).filter((record) => !record.archived).length;
}

beforeAll(async () => {
  portal = await startPortal({
    contacts: 300,
    seed: 7,
    asOf: AS_OF,
    rate: '100000/10s',
    searchRate: '1000/1s',
    tokens: ['pat-na1-demo', 'pat-na1-limited:crm.objects.contacts.read,crm.objects.owners.read'],
  });
  client = new Client({ accessToken: portal.token, basePath: portal.httpUrl, numberOfApiCallRetries: 0 });
});

afterAll(async () => {
  await portal.close();
});

describe('paging every object type', () => {
  it('getAll returns every live contact, company and deal exactly once', async () => {
    const contacts = await client.crm.contacts.getAll(100, undefined, ['email', 'hs_lead_status']);
    const companies = await client.crm.companies.getAll(100);
    const deals = await client.crm.deals.getAll(100, undefined, ['amount', 'dealstage', 'pipeline']);
    expect(contacts.length).toBe(liveCount('contacts'));
    expect(new Set(contacts.map((c) => c.id)).size).toBe(contacts.length);
    expect(companies.length).toBe(liveCount('companies'));
    expect(deals.length).toBe(liveCount('deals'));
    // Every value is a string or null; dates deserialise to real Dates.
    for (const contact of contacts) {
      for (const value of Object.values(contact.properties))
        expect(value === null || typeof value === 'string').toBe(true);
      expect(contact.createdAt).toBeInstanceOf(Date);
      expect(Object.keys(contact.properties)).toEqual(
        expect.arrayContaining(['createdate', 'email', 'hs_lead_status', 'hs_object_id', 'lastmodifieddate']),
      );
    }
    expect(deals.some((deal) => deal.properties.amount === 'abc')).toBe(true);
  });

  it('getPage walks engagements and feedback submissions to the last page, which has no paging', async () => {
    const apis = {
      emails: client.crm.objects.emails.basicApi,
      calls: client.crm.objects.calls.basicApi,
      meetings: client.crm.objects.meetings.basicApi,
      notes: client.crm.objects.notes.basicApi,
      tasks: client.crm.objects.tasks.basicApi,
      feedback_submissions: client.crm.objects.feedbackSubmissions.basicApi,
    } as const;
    for (const [type, api] of Object.entries(apis) as [keyof typeof apis, (typeof apis)[keyof typeof apis]][]) {
      let after: string | undefined;
      let seen = 0;
      let pages = 0;
      do {
        const page = await api.getPage(100, after, ['hs_timestamp'], undefined, ['contacts']);
        seen += page.results.length;
        pages++;
        after = page.paging?.next?.after;
        if (!after) expect(page.paging).toBeUndefined();
      } while (after);
      expect(seen, type).toBe(liveCount(type));
      expect(pages, type).toBe(Math.max(1, Math.ceil(seen / 100)));
    }
  });

  it('defaults to 10 per page, caps at 100, and returns named properties without a value as null', async () => {
    const first = await client.crm.contacts.basicApi.getPage();
    expect(first.results).toHaveLength(10);
    expect(first.paging?.next?.after).toMatch(/^\d+$/);
    const big = await client.crm.contacts.basicApi.getPage(500);
    expect(big.results).toHaveLength(100);
    const response = await fetch(`${portal.httpUrl}/crm/v3/objects/contacts?limit=100&properties=phone,email`, {
      headers: { Authorization: `Bearer ${portal.token}` },
    });
    const body = (await response.json()) as { results: { properties: Record<string, unknown> }[] };
    expect(body.results.some((r) => r.properties.phone === null)).toBe(true);
    expect(body.results.every((r) => 'phone' in r.properties)).toBe(true);
  });

  it('accepts object type ids in paths and returns associations inline', async () => {
    const page = await client.crm.objects.basicApi.getPage('0-1', 100, undefined, ['email'], undefined, [
      'companies',
      'emails',
    ]);
    const withCompany = page.results.find((r) => r.associations?.companies);
    const companyResults = withCompany?.associations?.companies?.results ?? [];
    expect(companyResults.map((r) => r.type)).toContain('contact_to_company');
    const withEmail = page.results.find((r) => r.associations?.emails);
    expect(withEmail?.associations?.emails?.results[0]?.type).toBe('contact_to_email');
    const deal = await client.crm.objects.basicApi.getPage('0-3', 5, undefined, ['amount']);
    expect(deal.results).toHaveLength(5);
  });

  it('reads a record by id with property history, newest first', async () => {
    const customer = portal.admin.records('contacts').find((c) => !c.archived && c.props.lifecyclestage === 'customer');
    if (!customer) throw new Error('the generated portal has no customer');
    const record = await client.crm.contacts.basicApi.getById(
      String(customer.id),
      ['lifecyclestage'],
      ['lifecyclestage'],
    );
    const history = record.propertiesWithHistory?.lifecyclestage ?? [];
    expect(history[0]?.value).toBe('customer');
    expect(history.length).toBeGreaterThan(1);
    expect(history[0]?.sourceType).toBeTruthy();
    expect(history[0]?.timestamp).toBeInstanceOf(Date);
  });
});

describe('search', () => {
  it('filters, sorts descending and pages by numeric offset with a total', async () => {
    const request = {
      filterGroups: [{ filters: [{ propertyName: 'hs_is_closed_won', operator: 'EQ' as never, value: 'true' }] }],
      sorts: ['-amount'],
      properties: ['amount', 'dealname'],
      limit: 5,
      after: '0',
    };
    const first = await client.crm.deals.searchApi.doSearch(request);
    const expected = portal.admin.records('deals').filter((d) => !d.archived && d.props.hs_is_closed_won === 'true');
    expect(first.total).toBe(expected.length);
    expect(first.paging?.next?.after).toBe('5');
    const amounts = first.results.map((r) => Number(r.properties.amount));
    expect([...amounts].sort((a, b) => b - a)).toEqual(amounts);
    const second = await client.crm.deals.searchApi.doSearch({ ...request, after: '5' });
    expect(second.results[0]?.id).not.toBe(first.results[0]?.id);
  });

  it('compares dates in milliseconds and ORs filter groups', async () => {
    const since = Date.parse(portal.truth.adoptionAt);
    const result = await client.crm.contacts.searchApi.doSearch({
      filterGroups: [
        { filters: [{ propertyName: 'createdate', operator: 'GTE' as never, value: String(since) }] },
        { filters: [{ propertyName: 'lifecyclestage', operator: 'EQ' as never, value: 'customer' }] },
      ],
      limit: 200,
      after: '0',
      sorts: [],
      properties: ['createdate', 'lifecyclestage'],
    });
    const expected = portal.admin
      .records('contacts')
      .filter((c) => !c.archived && (c.createdAt >= since || c.props.lifecyclestage === 'customer'));
    expect(result.total).toBe(expected.length);
  });

  it('finds engagements of a contact through the associations.contact pseudo-property', async () => {
    const contact = portal.admin
      .records('contacts')
      .find((c) => portal.admin.store.associatedIds('contacts', c.id, 'emails').length > 1);
    if (!contact) throw new Error('no contact with e-mails');
    const result = await client.crm.objects.emails.searchApi.doSearch({
      filterGroups: [
        { filters: [{ propertyName: 'associations.contact', operator: 'EQ' as never, value: String(contact.id) }] },
      ],
      sorts: [{ propertyName: 'hs_timestamp', direction: 'ASCENDING' } as never],
      properties: ['hs_email_direction', 'hs_timestamp'],
      limit: 100,
      after: '0',
    });
    expect(result.total).toBe(portal.admin.store.associatedIds('contacts', contact.id, 'emails').length);
    for (const email of result.results) {
      expect(['EMAIL', 'INCOMING_EMAIL', 'FORWARDED_EMAIL']).toContain(email.properties.hs_email_direction);
    }
  });

  it('rejects too many filters and paging past 10 000 with VALIDATION_ERROR', async () => {
    const filter = { propertyName: 'email', operator: 'HAS_PROPERTY' as never };
    const tooMany = await failure(
      client.crm.contacts.searchApi.doSearch({
        filterGroups: [{ filters: Array(7).fill(filter) }],
        limit: 10,
        after: '0',
        sorts: [],
        properties: [],
      }),
    );
    expect(tooMany.code).toBe(400);
    expect(tooMany.body.category).toBe('VALIDATION_ERROR');
    const groups = await failure(
      client.crm.contacts.searchApi.doSearch({
        filterGroups: Array(4).fill({ filters: Array(5).fill(filter) }),
        limit: 10,
        after: '0',
        sorts: [],
        properties: [],
      }),
    );
    expect(groups.code).toBe(400);
    const deep = await failure(
      client.crm.contacts.searchApi.doSearch({
        filterGroups: [],
        limit: 100,
        after: '10000',
        sorts: [],
        properties: [],
      }),
    );
    expect(deep.code).toBe(400);
    const wide = await failure(
      client.crm.contacts.searchApi.doSearch({ filterGroups: [], limit: 201, after: '0', sorts: [], properties: [] }),
    );
    expect(wide.code).toBe(400);
  });

  it('never returns archived records', async () => {
    const archived = portal.admin.records('contacts').filter((c) => c.archived);
    expect(archived.length).toBeGreaterThan(0);
    const all = await client.crm.contacts.searchApi.doSearch({
      filterGroups: [],
      limit: 200,
      after: '0',
      sorts: [],
      properties: [],
    });
    expect(all.total).toBe(liveCount('contacts'));
  });
});

describe('batch read, writes, owners, pipelines, associations', () => {
  it('batch-reads with a 207 and OBJECT_NOT_FOUND for missing ids', async () => {
    const ids = portal.admin
      .records('contacts')
      .filter((c) => !c.archived)
      .slice(0, 3)
      .map((c) => String(c.id));
    const ok = await client.crm.contacts.batchApi.read({
      inputs: ids.map((id) => ({ id })),
      properties: ['email'],
      propertiesWithHistory: [],
    });
    expect(ok.results).toHaveLength(3);
    const partial = await client.crm.contacts.batchApi.read({
      inputs: [...ids, '999999999'].map((id) => ({ id })),
      properties: ['email'],
      propertiesWithHistory: [],
    });
    expect(partial.results).toHaveLength(3);
    expect('errors' in partial && partial.errors?.[0]?.category).toBe('OBJECT_NOT_FOUND');
    const tooMany = await failure(
      client.crm.contacts.batchApi.read({
        inputs: Array.from({ length: 101 }, (_, i) => ({ id: String(i) })),
        properties: [],
        propertiesWithHistory: [],
      }),
    );
    expect(tooMany.code).toBe(400);
  });

  it('patches a contact, moves lastmodifieddate, logs the write and refuses a duplicate e-mail', async () => {
    const contact = portal.admin.records('contacts').find((c) => !c.archived && c.props.email?.includes('@'));
    if (!contact) throw new Error('no contact');
    const before = contact.updatedAt;
    const patched = await client.crm.contacts.basicApi.update(String(contact.id), {
      properties: { hs_lead_status: 'CONNECTED' },
    });
    expect(patched.properties.hs_lead_status).toBe('CONNECTED');
    expect(patched.updatedAt.getTime()).toBeGreaterThan(before);
    const log = portal.admin.writeLog().find((w) => w.method === 'PATCH' && w.path.endsWith(`/${contact.id}`));
    expect(log?.body).toEqual({ properties: { hs_lead_status: 'CONNECTED' } });
    const bad = await failure(
      client.crm.contacts.basicApi.update(String(contact.id), { properties: { no_such_property: 'x' } }),
    );
    expect(bad.code).toBe(400);
    expect(bad.body.category).toBe('VALIDATION_ERROR');
    const duplicate = await failure(
      client.crm.contacts.basicApi.create({
        properties: { email: (contact.props.email ?? '').toUpperCase() },
        associations: [],
      }),
    );
    expect(duplicate.code).toBe(409);
    expect(duplicate.body.category).toBe('CONFLICT');
    const created = await client.crm.contacts.basicApi.create({
      properties: { email: 'brand.new@example.com', firstname: 'Brand' },
      associations: [],
    });
    expect(Number(created.id)).toBeGreaterThan(0);
  });

  it('reads owners (trailing-slash path), deal pipelines with string metadata, and account details', async () => {
    const owners = await client.crm.owners.ownersApi.getPage();
    expect(owners.results).toHaveLength(7);
    expect(owners.results.some((o) => o.type === 'QUEUE')).toBe(true);
    const pipelines = await client.crm.pipelines.pipelinesApi.getAll('deals');
    expect(pipelines.results).toHaveLength(2);
    const won = pipelines.results[0]?.stages.find((s) => s.id === 'closedwon');
    expect(won?.metadata).toEqual({ isClosed: 'true', probability: '1.0' });
    const account = await client.apiRequest({ method: 'GET', path: '/account-info/v3/details' });
    const details = (await account.json()) as Record<string, unknown>;
    expect(details).toMatchObject({
      portalId: portal.portalId,
      timeZone: 'America/New_York',
      companyCurrency: 'USD',
      uiDomain: 'app.hubspot.com',
    });
  });

  it('reads associations through v4, one record and in batch', async () => {
    const deal = portal.admin
      .records('deals')
      .find((d) => portal.admin.store.associatedIds('deals', d.id, 'contacts').length > 0);
    if (!deal) throw new Error('no deal with a contact');
    const one = await client.crm.associations.v4.basicApi.getPage('deals', String(deal.id), 'contacts');
    expect(one.results[0]?.toObjectId).toBe(portal.admin.store.associatedIds('deals', deal.id, 'contacts')[0]);
    expect(one.results[0]?.associationTypes[0]).toMatchObject({ category: 'HUBSPOT_DEFINED', typeId: 3 });
    const batch = await client.crm.associations.v4.batchApi.getPage('deals', 'contacts', {
      inputs: [{ id: String(deal.id) }, { id: '1' }],
    });
    expect(batch.results).toHaveLength(1);
    expect('errors' in batch && batch.errors?.[0]?.subCategory).toBe('crm.associations.NO_ASSOCIATIONS_FOUND');
  });

  it('creates a custom property once and answers 409 the second time', async () => {
    const definition = {
      name: 'leadlens_source_tag',
      label: 'LeadLens source tag',
      type: 'string',
      fieldType: 'text',
      groupName: 'contactinformation',
    };
    const created = await client.crm.properties.coreApi.create('contacts', definition as never);
    expect(created.name).toBe('leadlens_source_tag');
    const again = await failure(client.crm.properties.coreApi.create('contacts', definition as never));
    expect(again.code).toBe(409);
    const all = await client.crm.properties.coreApi.getAll('contacts');
    expect(all.results.some((p) => p.name === 'leadlens_source_tag')).toBe(true);
  });
});

describe('errors', () => {
  it('401 INVALID_AUTHENTICATION for an unknown token', async () => {
    const stranger = new Client({ accessToken: 'pat-na1-wrong', basePath: portal.httpUrl });
    const error = await failure(stranger.crm.contacts.basicApi.getPage());
    expect(error.code).toBe(401);
    expect(error.body.category).toBe('INVALID_AUTHENTICATION');
  });

  it('403 MISSING_SCOPES naming the scope, for a token without it', async () => {
    const limited = new Client({ accessToken: 'pat-na1-limited', basePath: portal.httpUrl });
    await expect(limited.crm.contacts.basicApi.getPage(1)).resolves.toBeDefined();
    const error = await failure(limited.crm.deals.basicApi.getPage());
    expect(error.code).toBe(403);
    expect(error.body.category).toBe('MISSING_SCOPES');
    expect(JSON.stringify(error.body.errors)).toContain('crm.objects.deals.read');
  });

  it('404 OBJECT_NOT_FOUND for a missing id', async () => {
    const error = await failure(client.crm.contacts.basicApi.getById('123'));
    expect(error.code).toBe(404);
    expect(error.body.category).toBe('OBJECT_NOT_FOUND');
  });

  it('429 with TEN_SECONDLY_ROLLING past the window, then recovers when it rolls', async () => {
    const tight = await startPortal({ contacts: 50, seed: 3, asOf: AS_OF, rate: '3/300ms' });
    try {
      const tightClient = new Client({ accessToken: tight.token, basePath: tight.httpUrl });
      for (let i = 0; i < 3; i++) await tightClient.crm.contacts.basicApi.getPage(1);
      const error = await failure(tightClient.crm.contacts.basicApi.getPage(1));
      expect(error.code).toBe(429);
      expect(error.body).toMatchObject({
        status: 'error',
        errorType: 'RATE_LIMIT',
        policyName: 'TEN_SECONDLY_ROLLING',
      });
      await new Promise((resolve) => setTimeout(resolve, 350));
      await expect(tightClient.crm.contacts.basicApi.getPage(1)).resolves.toBeDefined();
      expect(tight.admin.counters().sent429).toBe(1);
      expect(tight.admin.counters().rateLimited.tenSecondly).toBe(1);
    } finally {
      await tight.close();
    }
  });

  it("injected 5xx faults are transient: the client's own retry gets the true answer", async () => {
    portal.admin.setFaults({ probability: 1, kinds: ['server_error'] });
    try {
      const retrying = new Client({ accessToken: portal.token, basePath: portal.httpUrl, numberOfApiCallRetries: 2 });
      const page = await retrying.crm.companies.basicApi.getPage(3);
      expect(page.results).toHaveLength(3);
      expect(portal.admin.counters().faults.server_error).toBeGreaterThanOrEqual(1);
    } finally {
      portal.admin.setFaults(0);
    }
  });

  it('search has its own per-second limit with the secondly message the client retries on', async () => {
    const tight = await startPortal({ contacts: 50, seed: 3, asOf: AS_OF, searchRate: '2/1s' });
    try {
      const tightClient = new Client({ accessToken: tight.token, basePath: tight.httpUrl });
      const search = () =>
        tightClient.crm.contacts.searchApi.doSearch({
          filterGroups: [],
          limit: 1,
          after: '0',
          sorts: [],
          properties: [],
        });
      await search();
      await search();
      const error = await failure(search());
      expect(error.code).toBe(429);
      expect(error.body.message).toBe('You have reached your secondly limit.');
      // Lists are not touched by the search limit.
      await expect(tightClient.crm.contacts.basicApi.getPage(1)).resolves.toBeDefined();
    } finally {
      await tight.close();
    }
  });
});
