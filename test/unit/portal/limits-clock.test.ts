import { describe, expect, it } from 'vitest';
import { PORTAL_TIME_ZONE } from '../../fake-hubspot/generate';
import { DailyCounter, dayIn } from '../../fake-hubspot/limits';

// The local portal's daily allowance and clock, as HubSpot's: the day ends at midnight in the account's zone, and
// every response says the portal's time in a `Date` header (test/integration/portal/limits-clock.test.ts).

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
