import { describe, expect, it } from 'vitest';
import { HubSpotTransport, limitReport } from '../../../lib/crm/hubspot/transport';
import { ClockSkew } from '../../../lib/crm/clock-skew';
import { clampReport, DailyLimitReached, RateLimiter, retryAfterMs } from '../../../lib/crm/limiter';

// Rate-limit headers come from the network: absurd, negative, empty or missing values must neither stall the sync
// (a day without requests) nor flood the portal (a window of a million requests).

function virtualTime(start = 0) {
  let now = start;
  return {
    now: () => now,
    sleep: async (ms: number) => {
      now += ms;
      await Promise.resolve();
    },
    advance: (ms: number) => {
      now += ms;
    },
  };
}

const headers = (values: Record<string, string>) =>
  Object.fromEntries(Object.entries(values).map(([name, value]) => [name.toLowerCase(), value]));

describe('limit headers are clamped', () => {
  it('reads only plain digits: empty, negative, fractional or words are not limits', () => {
    expect(
      limitReport(
        headers({
          'X-HubSpot-RateLimit-Max': '',
          'X-HubSpot-RateLimit-Remaining': '-5',
          'X-HubSpot-RateLimit-Interval-Milliseconds': 'ten seconds',
          'X-HubSpot-RateLimit-Daily': '1e3',
          'X-HubSpot-RateLimit-Daily-Remaining': '',
        }),
      ),
    ).toEqual({});
  });

  it('brings absurd values into range', () => {
    expect(
      limitReport(
        headers({
          'X-HubSpot-RateLimit-Max': '1000000000',
          'X-HubSpot-RateLimit-Remaining': '999999999',
          'X-HubSpot-RateLimit-Interval-Milliseconds': '86400000',
          'X-HubSpot-RateLimit-Daily': '999999999999',
          'X-HubSpot-RateLimit-Daily-Remaining': '999999999999',
        }),
      ),
    ).toEqual({ max: 1000, remaining: 1000, intervalMs: 60_000, daily: 10_000_000, dailyRemaining: 10_000_000 });
    expect(clampReport({ max: 0, intervalMs: 5, remaining: Number.NaN, dailyRemaining: -1 })).toEqual({
      intervalMs: 100,
    });
  });

  it('a negative or non-numeric report handed to the limiter neither stops it for the day nor opens the window', () => {
    const time = virtualTime();
    const limiter = new RateLimiter({ ...time, max: 10, intervalMs: 1000 });
    limiter.observe({ dailyRemaining: -1, max: Number.POSITIVE_INFINITY, intervalMs: -1, remaining: -3 });
    expect(limiter.delayFor('standard')).toBe(0);
    expect(limiter.max).toBe(10);
    expect(limiter.intervalMs).toBe(1000);
    limiter.observe({ max: 1e9 });
    expect(limiter.max).toBe(1000);
  });

  it('an empty Daily-Remaining on a response does not stop the next request (it used to read as 0)', async () => {
    const time = virtualTime();
    const limiter = new RateLimiter({ ...time, max: 10, intervalMs: 1000 });
    const transport = new HubSpotTransport({
      token: 't',
      limiter,
      clock: new ClockSkew(time.now),
      fetch: async () =>
        new Response('{}', {
          status: 200,
          headers: { 'X-HubSpot-RateLimit-Daily-Remaining': '', 'X-HubSpot-RateLimit-Remaining': '' },
        }),
    });
    await transport.send({ method: 'GET', url: 'https://api.hubapi.com/crm/objects/2026-09/contacts', headers: {} });
    await expect(
      transport.send({ method: 'GET', url: 'https://api.hubapi.com/crm/objects/2026-09/contacts', headers: {} }),
    ).resolves.toMatchObject({ status: 200 });
  });
});

describe('Retry-After is bounded to [1 s, 60 s]', () => {
  it('reads seconds and dates, bounds both, and drops what is neither', () => {
    expect(retryAfterMs('5', 0)).toBe(5000);
    expect(retryAfterMs('86400', 0)).toBe(60_000);
    expect(retryAfterMs('0', 0)).toBe(1000);
    expect(retryAfterMs('-30', 0)).toBeUndefined();
    expect(retryAfterMs('soon', 0)).toBeUndefined();
    expect(retryAfterMs(undefined, 0)).toBeUndefined();
    const serverNow = Date.parse('2024-05-01T12:00:00Z');
    expect(retryAfterMs('Wed, 01 May 2024 12:00:20 GMT', serverNow)).toBe(20_000);
    expect(retryAfterMs('Thu, 02 May 2024 12:00:00 GMT', serverNow)).toBe(60_000);
    expect(retryAfterMs('Wed, 01 May 2024 11:00:00 GMT', serverNow)).toBe(1000);
  });

  it('a 429 with Retry-After of a day holds requests for a minute, not a day', async () => {
    const time = virtualTime();
    const limiter = new RateLimiter({ ...time, max: 10, intervalMs: 10_000 });
    let calls = 0;
    const transport = new HubSpotTransport({
      token: 't',
      limiter,
      clock: new ClockSkew(time.now),
      fetch: async () => {
        calls += 1;
        return calls === 1
          ? new Response('{"policyName":"TEN_SECONDLY_ROLLING"}', { status: 429, headers: { 'Retry-After': '86400' } })
          : new Response('{}', { status: 200 });
      },
    });
    await transport.send({ method: 'GET', url: 'https://api.hubapi.com/crm/objects/2026-09/contacts', headers: {} });
    expect(calls).toBe(2);
    expect(time.now()).toBeGreaterThanOrEqual(60_000);
    expect(time.now()).toBeLessThan(61_000);
  });

  it('the limiter bounds a Retry-After handed to it directly too', () => {
    const time = virtualTime();
    const limiter = new RateLimiter({ ...time, max: 10, intervalMs: 10_000 });
    limiter.rateLimited('standard', 7 * 86_400_000);
    expect(limiter.delayFor('standard')).toBe(60_000);
  });
});

describe('the daily limit resets at midnight in the account time zone', () => {
  // 03:00 UTC on 10 March 2024 is 22:00 on the 9th in New York (EST, UTC-5): the allowance is back at 05:00 UTC.
  const start = Date.parse('2024-03-10T03:00:00Z');
  const newYorkMidnight = Date.parse('2024-03-10T05:00:00Z');

  it('waits until the next local midnight of the zone, not UTC, then lets requests go again', () => {
    const time = virtualTime(start);
    const limiter = new RateLimiter({ ...time, timeZone: 'America/New_York' });
    limiter.observe({ daily: 1000, dailyRemaining: 0 });
    let thrown: unknown;
    try {
      limiter.delayFor('standard');
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(DailyLimitReached);
    expect((thrown as DailyLimitReached).until).toBe(newYorkMidnight);
    time.advance(newYorkMidnight - start - 1);
    expect(() => limiter.delayFor('standard')).toThrow(DailyLimitReached);
    time.advance(1);
    expect(limiter.delayFor('standard')).toBe(0);
  });

  it('a DAILY 429 through the transport says when, in the zone the account details gave', async () => {
    const time = virtualTime(start);
    const limiter = new RateLimiter({ ...time });
    limiter.setTimeZone('Asia/Jerusalem');
    const transport = new HubSpotTransport({
      token: 't',
      limiter,
      clock: new ClockSkew(time.now),
      fetch: async () => new Response('{"policyName":"DAILY"}', { status: 429 }),
    });
    const failure = await transport
      .send({ method: 'GET', url: 'https://api.hubapi.com/crm/objects/2026-09/contacts', headers: {} })
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(DailyLimitReached);
    // 05:00 in Jerusalem (UTC+2) on the 10th: the next midnight is 22:00 UTC that day.
    expect((failure as DailyLimitReached).until).toBe(Date.parse('2024-03-10T22:00:00Z'));
  });

  it('an unknown zone falls back to UTC rather than blocking forever', () => {
    const time = virtualTime(start);
    const limiter = new RateLimiter({ ...time, timeZone: 'Mars/Olympus_Mons' });
    expect(limiter.dailyLimitReached().until).toBe(Date.parse('2024-03-11T00:00:00Z'));
  });
});
