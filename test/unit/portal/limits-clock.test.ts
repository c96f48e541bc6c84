import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HubSpotAdapter } from '../../../lib/crm/hubspot/client';
import { ClockSkew } from '../../../lib/crm/clock-skew';
import { RateLimiter } from '../../../lib/crm/limiter';
import { PORTAL_TIME_ZONE } from '../../fake-hubspot/generate';
import { DailyCounter, dayIn } from '../../fake-hubspot/limits';
import { type RunningPortal, startPortal } from '../../fake-hubspot/server';

// The local portal's daily allowance and clock, as HubSpot's: the day ends at midnight in the account's zone, and
// every response says the portal's time in a `Date` header.

describe('the local portal daily allowance', () => {
  it('resets at midnight in the portal zone, not UTC', () => {
    expect(PORTAL_TIME_ZONE).toBe('America/New_York');
    const counter = new DailyCounter(2, PORTAL_TIME_ZONE);
    // 23:30 UTC on 9 March is 18:30 in New York: UTC midnight at 00:00 UTC is not a new day there.
    const evening = Date.parse('2024-03-09T23:30:00Z');
    expect(counter.take('t', evening).allowed).toBe(true);
    expect(counter.take('t', evening).allowed).toBe(true);
    expect(counter.take('t', Date.parse('2024-03-10T00:30:00Z')).allowed).toBe(false);
    expect(counter.remaining('t', Date.parse('2024-03-10T04:59:59Z'))).toBe(0);
    // 05:00 UTC is midnight in New York (EST): the allowance is back.
    expect(counter.remaining('t', Date.parse('2024-03-10T05:00:00Z'))).toBe(2);
    expect(counter.take('t', Date.parse('2024-03-10T05:00:00Z')).allowed).toBe(true);
  });

  it('days follow daylight saving time', () => {
    // 04:00 UTC on 1 July is midnight in New York (EDT, UTC-4).
    expect(dayIn('America/New_York', Date.parse('2024-07-01T03:59:59Z'))).toBe('2024-06-30');
    expect(dayIn('America/New_York', Date.parse('2024-07-01T04:00:00Z'))).toBe('2024-07-01');
  });
});

describe('the local portal clock and zone, through the adapter', () => {
  let portal: RunningPortal;
  beforeAll(async () => {
    portal = await startPortal({ contacts: 50, seed: 3, daily: 3 });
  });
  afterAll(async () => {
    await portal?.close();
  });

  it('sends a Date header from its wall clock, which admin.setClockSkew moves', async () => {
    const skew = new ClockSkew();
    const limiter = new RateLimiter();
    const crm = new HubSpotAdapter({ token: portal.token, baseUrl: portal.httpUrl, limiter, clock: skew });
    portal.admin.setClockSkew(-7 * 60_000);
    await crm.account();
    expect(Math.abs(skew.skewMs() + 7 * 60_000)).toBeLessThanOrEqual(1000);
    portal.admin.setClockSkew(0);
  });

  it('the account details give the limiter its zone, so a spent allowance waits for midnight in New York', async () => {
    const limiter = new RateLimiter();
    const crm = new HubSpotAdapter({ token: portal.token, baseUrl: portal.httpUrl, limiter, clock: new ClockSkew() });
    await crm.account();
    const until = limiter.dailyLimitReached().until ?? 0;
    expect(dayIn('America/New_York', until)).not.toBe(dayIn('America/New_York', Date.now()));
    expect(new Intl.DateTimeFormat('en-GB', { timeZone: 'America/New_York', timeStyle: 'medium' }).format(until)).toBe(
      '00:00:00',
    );
  });
});
