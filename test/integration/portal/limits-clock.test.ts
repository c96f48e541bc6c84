import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HubSpotAdapter } from '../../../lib/crm/hubspot/client';
import { ClockSkew } from '../../../lib/crm/clock-skew';
import { RateLimiter } from '../../../lib/crm/limiter';
import { dayIn } from '../../fake-hubspot/limits';
import { type RunningPortal, startPortal } from '../../fake-hubspot/server';

// The local portal's clock, as HubSpot's: every response says the portal's time in a `Date` header, and the account
// details give the zone in which the daily allowance ends.

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
