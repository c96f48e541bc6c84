// The portal's own behaviour over raw HTTP: headers, faults, offline modes, the admin path, eventual consistency.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningPortal, startPortal } from '../../fake-hubspot/server.ts';

const AS_OF = '2026-11-22T12:00:00.000Z';
let portal: RunningPortal;

function api(path: string, init: RequestInit = {}): Promise<Response> {
  return fetch(`${portal.httpUrl}${path}`, {
    ...init,
    headers: { Authorization: `Bearer ${portal.token}`, 'Content-Type': 'application/json', ...init.headers },
  });
}

function search(type: string, body: unknown): Promise<Response> {
  return api(`/crm/v3/objects/${type}/search`, { method: 'POST', body: JSON.stringify(body) });
}

beforeAll(async () => {
  portal = await startPortal({ contacts: 200, seed: 11, asOf: AS_OF, rate: '100000/10s', searchRate: '1000/1s' });
});

afterAll(async () => {
  await portal.close();
});

describe('headers', () => {
  it('answers JSON with the charset on every API response, errors included', async () => {
    const responses = [
      await api('/crm/v3/objects/contacts'),
      await api('/crm/v3/objects/contacts/1'),
      await fetch(`${portal.httpUrl}/crm/v3/objects/contacts`),
      await api('/crm/v3/no/such/route'),
      await search('contacts', { filterGroups: [{ filters: [{ propertyName: 'nope', operator: 'EQ', value: 'x' }] }] }),
      await api('/crm/v3/objects/contacts', { method: 'POST', body: '{not json' }),
    ];
    expect(responses.map((r) => r.status)).toEqual([200, 404, 401, 404, 400, 400]);
    for (const response of responses) {
      expect(response.headers.get('content-type')).toBe('application/json;charset=utf-8');
      const body = (await response.json()) as Record<string, unknown>;
      if (response.status >= 400) {
        expect(body.status).toBe('error');
        expect(typeof body.correlationId).toBe('string');
        expect(typeof body.category).toBe('string');
      }
    }
  });

  it('sends the rolling-window headers on lists, and none on search', async () => {
    const list = await api('/crm/v3/objects/deals?limit=1');
    expect(list.headers.get('x-hubspot-ratelimit-max')).toBe('100000');
    expect(list.headers.get('x-hubspot-ratelimit-interval-milliseconds')).toBe('10000');
    expect(Number(list.headers.get('x-hubspot-ratelimit-remaining'))).toBeLessThan(100000);
    expect(list.headers.get('x-hubspot-ratelimit-daily')).toBe('250000');
    expect(list.headers.get('x-hubspot-ratelimit-daily-remaining')).toMatch(/^\d+$/);
    const found = await search('deals', { limit: 1 });
    expect(found.status).toBe(200);
    expect(found.headers.get('x-hubspot-ratelimit-max')).toBeNull();
  });
});

describe('faults', () => {
  it('injects every kind, counts each, and the same request again gets the true answer', async () => {
    const kinds = ['rate_limit', 'server_error', 'truncated', 'malformed', 'wrong_types'] as const;
    for (const kind of kinds) {
      portal.admin.setFaults({ probability: 1, kinds: [kind] });
      const path = `/crm/v3/objects/contacts?limit=3&properties=email,hubspotscore&fault=${kind}`;
      let faulty: string | null = null;
      let status = 0;
      try {
        const response = await api(path);
        status = response.status;
        faulty = await response.text();
      } catch {
        faulty = null; // a cut connection surfaces as a fetch error
      }
      if (kind === 'rate_limit') expect(status).toBe(429);
      if (kind === 'server_error') expect([500, 502, 503]).toContain(status);
      if (kind === 'truncated' && faulty !== null) expect(() => JSON.parse(faulty ?? '')).toThrow();
      if (kind === 'malformed') expect(() => JSON.parse(faulty ?? '')).toThrow();
      if (kind === 'wrong_types') {
        const body = JSON.parse(faulty ?? '{}') as {
          results: { properties: Record<string, unknown>; createdAt: unknown }[];
        };
        expect(typeof body.results[0]?.createdAt).toBe('number');
      }
      const again = await api(path);
      expect(again.status, kind).toBe(200);
      const body = (await again.json()) as { results: { properties: Record<string, unknown> }[] };
      expect(typeof body.results[0]?.properties.email).toBe('string');
    }
    portal.admin.setFaults(0);
    const counts = portal.admin.counters().faults;
    for (const kind of kinds) expect(counts[kind], kind).toBe(1);
  });

  it('a hang holds the connection past the client timeout; the retry is answered', async () => {
    portal.admin.setFaults({ probability: 1, kinds: ['hang'], hangMs: 2_000 });
    const timedOut = await api('/crm/v3/objects/companies?limit=1', { signal: AbortSignal.timeout(300) }).then(
      () => false,
      () => true,
    );
    expect(timedOut).toBe(true);
    const again = await api('/crm/v3/objects/companies?limit=1');
    expect(again.status).toBe(200);
    portal.admin.setFaults(0);
    expect(portal.admin.counters().faults.hang).toBe(1);
  });

  it('never faults the admin path', async () => {
    portal.admin.setFaults(1);
    for (let i = 0; i < 5; i++) {
      const response = await fetch(`${portal.httpUrl}/__admin/health`);
      expect(response.status).toBe(200);
    }
    portal.admin.setFaults(0);
  });
});

describe('live changes through the admin path', () => {
  it('creates a lead, logs e-mails, moves a stage and archives, all visible in the API', async () => {
    const lead = (await (
      await fetch(`${portal.httpUrl}/__admin/leads`, {
        method: 'POST',
        body: JSON.stringify({ email: 'demo.lead@example.com' }),
      })
    ).json()) as { id: string; createdAt: string };
    expect(Date.parse(lead.createdAt)).toBeGreaterThanOrEqual(Date.parse(AS_OF));
    const got = (await (
      await api(`/crm/v3/objects/contacts/${lead.id}?properties=email,hs_analytics_source`)
    ).json()) as {
      properties: Record<string, string>;
    };
    expect(got.properties.email).toBe('demo.lead@example.com');
    const reply = await fetch(`${portal.httpUrl}/__admin/emails`, {
      method: 'POST',
      body: JSON.stringify({ contactId: lead.id, direction: 'in', subject: 'Hello?' }),
    });
    expect(reply.status).toBe(201);
    const emails = (await (await api(`/crm/v3/objects/contacts/${lead.id}?associations=emails`)).json()) as {
      associations?: { emails?: { results: { id: string }[] } };
    };
    const emailId = emails.associations?.emails?.results[0]?.id;
    const email = (await (
      await api(`/crm/v3/objects/emails/${emailId}?properties=hs_email_direction,hs_timestamp`)
    ).json()) as {
      properties: Record<string, string>;
    };
    expect(email.properties.hs_email_direction).toBe('INCOMING_EMAIL');

    const deal = portal.admin.records('deals').find((d) => !d.archived && d.props.hs_is_closed === 'false');
    if (!deal) throw new Error('no open deal');
    const moved = await fetch(`${portal.httpUrl}/__admin/deals/${deal.id}/stage`, {
      method: 'POST',
      body: JSON.stringify({ stageId: 'closedwon' }),
    });
    expect(moved.status).toBe(200);
    const dealNow = (await (
      await api(`/crm/v3/objects/deals/${deal.id}?properties=dealstage,hs_is_closed_won`)
    ).json()) as {
      properties: Record<string, string>;
    };
    expect(dealNow.properties).toMatchObject({ dealstage: 'closedwon', hs_is_closed_won: 'true' });

    await fetch(`${portal.httpUrl}/__admin/archive`, {
      method: 'POST',
      body: JSON.stringify({ type: 'contacts', id: lead.id }),
    });
    expect((await api(`/crm/v3/objects/contacts/${lead.id}`)).status).toBe(404);
    expect((await api(`/crm/v3/objects/contacts/${lead.id}?archived=true`)).status).toBe(200);
  });

  it('reports counters by route and the log of writes', async () => {
    await api('/crm/v3/objects/contacts/batch/read', {
      method: 'POST',
      body: JSON.stringify({ inputs: [{ id: '1' }] }),
    });
    const counters = (await (await fetch(`${portal.httpUrl}/__admin/counters`)).json()) as {
      byRoute: Record<string, number>;
    };
    expect(counters.byRoute['GET /crm/v3/objects/{type}']).toBeGreaterThan(0);
    expect(counters.byRoute['POST /crm/v3/objects/{type}/batch/read']).toBeGreaterThan(0);
    const writes = (await (await fetch(`${portal.httpUrl}/__admin/writes`)).json()) as {
      results: { method: string; body: unknown }[];
    };
    expect(writes.results.some((w) => w.method === 'POST' && JSON.stringify(w.body).includes('"inputs"'))).toBe(true);
  });

  it('delays search visibility of fresh changes when the consistency switch is on', async () => {
    portal.admin.setSearchDelay(400);
    const lead = portal.admin.createLead({ email: 'eventually@example.com' });
    const query = {
      filterGroups: [{ filters: [{ propertyName: 'email', operator: 'EQ', value: 'eventually@example.com' }] }],
    };
    const early = (await (await search('contacts', query)).json()) as { total: number };
    expect(early.total).toBe(0);
    expect((await api(`/crm/v3/objects/contacts/${lead.id}`)).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 450));
    const later = (await (await search('contacts', query)).json()) as { total: number };
    expect(later.total).toBe(1);
    portal.admin.setSearchDelay(0);
  });
});

describe('offline', () => {
  it('holds connections and destroys them, then answers again after resume', async () => {
    await portal.admin.setOffline('hold', { holdMs: 200 });
    const failed = await api('/crm/v3/objects/contacts?limit=1').then(
      () => false,
      () => true,
    );
    expect(failed).toBe(true);
    expect((await fetch(`${portal.httpUrl}/__admin/health`)).status).toBe(200);
    await portal.admin.setOffline(false);
    expect((await api('/crm/v3/objects/contacts?limit=1')).status).toBe(200);
  });

  it('refuses connections, and listens again on the same port after resume', async () => {
    await portal.admin.setOffline('refuse');
    // A pooled keep-alive socket is cut first (a socket error); every new connection is then refused.
    const codes: string[] = [];
    for (let i = 0; i < 3; i++) {
      const code = await api('/crm/v3/objects/contacts?limit=1').then(
        () => 'answered',
        (e: unknown) => (e as { cause?: { code?: string } }).cause?.code ?? 'unknown',
      );
      codes.push(code);
    }
    expect(codes).not.toContain('answered');
    expect(codes[codes.length - 1]).toBe('ECONNREFUSED');
    await portal.admin.setOffline(false);
    expect((await api('/crm/v3/objects/contacts?limit=1')).status).toBe(200);
  });
});
