import { describe, expect, it } from 'vitest';
import { HubSpotTransport } from '../../../lib/crm/hubspot/transport';
import { ABSURD_SKEW_MS, ClockSkew } from '../../../lib/crm/clock-skew';
import { RateLimiter } from '../../../lib/crm/limiter';

// The skew between HubSpot's clock and ours, from the `Date` header: timers compare CRM instants with "now", so a
// local clock minutes off must be corrected, not believed.

describe('ClockSkew', () => {
  it('is 0 before any response', () => {
    expect(new ClockSkew(() => 0).skewMs()).toBe(0);
  });

  it('takes the server instant half a second after its whole-second Date, against the middle of the round trip', () => {
    const skew = new ClockSkew(() => 0);
    // Our clock is 3 minutes behind: the server says 12:03:00 while ours reads 12:00:00.2 mid-trip.
    const ours = Date.parse('2024-05-01T12:00:00.000Z');
    skew.observe(Date.parse('2024-05-01T12:03:00Z'), ours, ours + 400);
    expect(skew.skewMs()).toBe(180_000);
  });

  it('ignores absurd values and outliers: the median of recent samples', () => {
    const skew = new ClockSkew(() => 0);
    for (let i = 0; i < 5; i += 1) skew.observe(10_000 + i * 1000 - 500, i * 1000, i * 1000);
    skew.observe(ABSURD_SKEW_MS * 2, 0, 0);
    skew.observe(Number.NaN, 0, 0);
    expect(skew.skewMs()).toBe(10_000);
    // One odd header (a proxy's cached response, say) does not move it.
    skew.observe(3_600_000, 0, 0);
    expect(skew.skewMs()).toBe(10_000);
  });

  it('reports nothing below a second, which the header cannot resolve', () => {
    const skew = new ClockSkew(() => 0);
    skew.observe(1000, 1200, 1400);
    expect(skew.skewMs()).toBe(0);
  });

  it('prefers quick round trips to slow ones', () => {
    const skew = new ClockSkew(() => 0);
    skew.observe(60_000 - 500, 0, 20_000);
    expect(skew.skewMs()).toBe(50_000);
    skew.observe(60_000 - 500, 0, 0);
    expect(skew.skewMs()).toBe(60_000);
  });

  it('the transport feeds it from every response Date header', async () => {
    const skew = new ClockSkew();
    const serverDate = new Date(Date.now() + 5 * 60_000).toUTCString();
    const transport = new HubSpotTransport({
      token: 't',
      limiter: new RateLimiter(),
      clock: skew,
      fetch: async () => new Response('{}', { status: 200, headers: { Date: serverDate } }),
    });
    await transport.send({ method: 'GET', url: 'https://api.hubapi.com/crm/owners/2026-09', headers: {} });
    expect(Math.abs(skew.skewMs() - 5 * 60_000)).toBeLessThanOrEqual(1000);
    expect(Math.abs(skew.serverNow() - (Date.now() + 5 * 60_000))).toBeLessThanOrEqual(1500);
  });
});
