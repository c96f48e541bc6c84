import { afterEach, describe, expect, it } from 'vitest';
import { type RunningPortal, startPortal } from '../../fake-hubspot/server';

// A team on one account: each token has its own 10-second window and search limit, the day's allowance is the
// account's, and each refusal is HubSpot's 429 for its policy (headers on the window and the day, none on search).

const AS_OF = '2026-06-15T12:00:00.000Z';
let portal: RunningPortal | undefined;

afterEach(async () => {
  await portal?.close();
  portal = undefined;
});

function call(base: string, token: string, path: string, body?: unknown): Promise<Response> {
  return fetch(`${base}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

const LIST = '/crm/objects/2026-09/contacts?limit=1';
const SEARCH = '/crm/objects/2026-09/contacts/search';
const QUERY = { filterGroups: [], limit: 1, after: '0', sorts: [], properties: [] };

describe('the local portal enforces HubSpot limits per token and per account', () => {
  it('serves the Starter limits by default and a tier on request', async () => {
    portal = await startPortal({ contacts: 20, seed: 4, asOf: AS_OF });
    const starter = await call(portal.httpUrl, portal.token, LIST);
    expect(starter.headers.get('x-hubspot-ratelimit-max')).toBe('100');
    expect(starter.headers.get('x-hubspot-ratelimit-interval-milliseconds')).toBe('10000');
    expect(starter.headers.get('x-hubspot-ratelimit-daily')).toBe('250000');
    expect(starter.headers.get('x-hubspot-ratelimit-remaining')).toBe('99');
    await portal.close();
    portal = await startPortal({ contacts: 20, seed: 4, asOf: AS_OF, tier: 'professional' });
    const professional = await call(portal.httpUrl, portal.token, LIST);
    expect(professional.headers.get('x-hubspot-ratelimit-max')).toBe('190');
    expect(professional.headers.get('x-hubspot-ratelimit-daily')).toBe('650000');
  });

  it('keeps a window per token: one app spending its window leaves another app its own', async () => {
    portal = await startPortal({ contacts: 20, seed: 4, asOf: AS_OF, rate: '2/10s', tokens: ['team', 'other'] });
    for (let i = 0; i < 2; i++) expect((await call(portal.httpUrl, 'team', LIST)).status).toBe(200);
    const refused = await call(portal.httpUrl, 'team', LIST);
    expect(refused.status).toBe(429);
    expect(refused.headers.get('x-hubspot-ratelimit-remaining')).toBe('0');
    expect(await refused.json()).toMatchObject({
      status: 'error',
      errorType: 'RATE_LIMIT',
      policyName: 'TEN_SECONDLY_ROLLING',
      message: 'You have reached your ten_secondly_rolling limit.',
    });
    expect((await call(portal.httpUrl, 'other', LIST)).status).toBe(200);
    expect(portal.admin.counters().rateLimited.tenSecondly).toBe(1);
  });

  it('counts one daily allowance for the account, whichever token spends it, search included', async () => {
    portal = await startPortal({ contacts: 20, seed: 4, asOf: AS_OF, daily: 4, tokens: ['team', 'other'] });
    expect((await call(portal.httpUrl, 'team', LIST)).status).toBe(200);
    expect((await call(portal.httpUrl, 'team', SEARCH, QUERY)).status).toBe(200);
    const third = await call(portal.httpUrl, 'other', LIST);
    expect(third.headers.get('x-hubspot-ratelimit-daily-remaining')).toBe('1');
    expect((await call(portal.httpUrl, 'other', LIST)).status).toBe(200);
    const spent = await call(portal.httpUrl, 'team', LIST);
    expect(spent.status).toBe(429);
    expect(spent.headers.get('x-hubspot-ratelimit-daily-remaining')).toBe('0');
    expect(await spent.json()).toMatchObject({ policyName: 'DAILY', message: 'You have reached your daily limit.' });
    const search = await call(portal.httpUrl, 'other', SEARCH, QUERY);
    expect(search.status).toBe(429);
    expect(await search.json()).toMatchObject({ policyName: 'DAILY' });
    expect(portal.admin.counters().rateLimited.daily).toBe(2);
  });

  it('limits search per token per second and answers it without rate headers, refused or not', async () => {
    portal = await startPortal({ contacts: 20, seed: 4, asOf: AS_OF, tokens: ['team', 'other'] });
    const base = portal.httpUrl;
    // Sent at once, so all six arrive within one second even on a busy machine: five pass, the sixth is refused.
    const answers = await Promise.all(Array.from({ length: 6 }, () => call(base, 'team', SEARCH, QUERY)));
    const statuses = answers.map((answer) => answer.status);
    expect(statuses.filter((status) => status === 200)).toHaveLength(5);
    expect(statuses).toContain(429);
    const refused = answers.find((answer) => answer.status === 429);
    expect(refused?.headers.get('x-hubspot-ratelimit-remaining')).toBeNull();
    expect(refused?.headers.get('x-hubspot-ratelimit-daily')).toBeNull();
    expect(await refused?.json()).toMatchObject({ policyName: 'SECONDLY', errorType: 'RATE_LIMIT' });
    for (const answer of answers) expect(answer.headers.get('x-hubspot-ratelimit-max')).toBeNull();
    expect((await call(portal.httpUrl, 'other', SEARCH, QUERY)).status).toBe(200);
    // Search does not spend the token's window.
    expect((await call(portal.httpUrl, 'team', LIST)).headers.get('x-hubspot-ratelimit-remaining')).toBe('99');
  });
});
