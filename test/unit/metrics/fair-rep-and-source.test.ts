import { describe, expect, it } from 'vitest';
import { breakdownBySource, fairRepComparison } from '../../../lib/metrics/breakdowns.ts';
import { Z95 } from '../../../lib/metrics/intervals.ts';
import { prepareReport } from '../../../lib/metrics/prepare.ts';
import { at, deal, lead, settings, snapshot, touch, won } from './fixtures.ts';

// Window [Jan 1, Apr 1) 2024. Cohort: paid_search A1 (won), A2, C1 (no owner); referrals A3, B1 (won), B2 (customer
// by lifecycle). Whole-cohort lead-to-customer rate: paid_search 1/3, referrals 2/3.
const asOf = at('2024-06-01T00:00:00Z');
const span = { from: at('2024-01-01T00:00:00Z'), to: at('2024-04-01T00:00:00Z') };
const snap = snapshot({
  leads: [
    lead('A1', '2024-01-10T00:00:00Z', { source: 'paid_search', ownerId: 'o1' }),
    lead('A2', '2024-01-11T00:00:00Z', { source: 'paid_search', ownerId: 'o1' }),
    lead('A3', '2024-01-12T00:00:00Z', { source: 'referrals', ownerId: 'o1' }),
    lead('B1', '2024-01-13T00:00:00Z', { source: 'referrals', ownerId: 'o2' }),
    lead('B2', '2024-01-14T00:00:00Z', { source: 'referrals', ownerId: 'o2', lifecycleStage: 'customer' }),
    lead('C1', '2024-01-15T00:00:00Z', { source: 'paid_search', ownerId: undefined }),
  ],
  deals: [
    won('W1', ['A1'], '2024-01-20T00:00:00Z', '2024-02-01T00:00:00Z', 500),
    won('W2', ['B1'], '2024-01-20T00:00:00Z', '2024-03-01T00:00:00Z', 300),
    // Lost deals: L1 goes to its lead's owner o1; L2 names its own owner o3, who has no leads.
    deal('L1', ['A2'], '2024-01-20T00:00:00Z', { isClosed: true, closeDate: at('2024-02-15T00:00:00Z') }),
    deal('L2', ['B2'], '2024-01-20T00:00:00Z', {
      isClosed: true,
      closeDate: at('2024-03-10T00:00:00Z'),
      ownerId: 'o3',
    }),
    // Lost after the window: not counted.
    deal('L3', ['A1'], '2024-01-20T00:00:00Z', { isClosed: true, closeDate: at('2024-04-10T00:00:00Z') }),
  ],
  // A1 is answered in 2 minutes (the <5m bucket); everyone else never.
  touches: [touch('t1', ['A1'], '2024-01-10T00:02:00Z')],
});
const prepared = prepareReport(snap, settings({ marketingSpend: { paid_search: { '2024-02': 1000 } } }), asOf);

describe('fair rep comparison', () => {
  const rows = fairRepComparison(prepared, span);
  const row = (key: string) => rows.find((r) => r.key === key);

  it('sets each rate against the rate of the rep’s own source mix', () => {
    // o1: 3 leads (2 paid, 1 referral), 1 won → 1/3. Expected (2 × 1/3 + 1 × 2/3) / 3 = 4/9; vs expected −1/9.
    expect(row('o1')?.leadToCustomerRate).toBeCloseTo(1 / 3, 12);
    expect(row('o1')?.expectedRate).toBeCloseTo(4 / 9, 12);
    expect(row('o1')?.vsExpected).toBeCloseTo(-1 / 9, 12);
    // o2: 2 referrals, both won → 1. Expected 2/3; vs expected +1/3.
    expect(row('o2')?.expectedRate).toBeCloseTo(2 / 3, 12);
    expect(row('o2')?.vsExpected).toBeCloseTo(1 / 3, 12);
  });

  it('gives each rate its Wilson interval', () => {
    // o2: p = 1, n = 2: centre 1 + z²/4, half z·sqrt(z²/16) = z²/4, scale 1 + z²/2 → (1 / (1 + z²/2), 1).
    // = (1 / 2.920729, 1) = (0.342380, 1).
    const z2 = Z95 * Z95;
    expect(row('o2')?.interval?.low).toBeCloseTo(1 / (1 + z2 / 2), 12);
    expect(row('o2')?.interval?.high).toBeCloseTo(1, 12);
  });

  it('includes (no owner), and reps with deals but no leads', () => {
    // (no owner): C1, paid, not won → 0; expected 1/3; Wilson(0, 1) = (0, z²/(1 + z²)) = (0, 0.793453).
    expect(row('(no owner)')).toMatchObject({ leads: 1, won: 0, leadToCustomerRate: 0 });
    expect(row('(no owner)')?.expectedRate).toBeCloseTo(1 / 3, 12);
    expect(row('(no owner)')?.interval?.high).toBeCloseTo((Z95 * Z95) / (1 + Z95 * Z95), 12);
    expect(row('o3')).toMatchObject({ leads: 0, leadToCustomerRate: null, interval: null, expectedRate: null });
  });

  it('has win rate = won / closed deals with a close in W, deals going to reps as money figures do', () => {
    // o1: W1 won, L1 lost → 1/2 (L3 closes after the window). o2: W2 → 1/1. o3: L2 lost → 0/1. (no owner): none.
    expect(row('o1')).toMatchObject({ dealsWon: 1, dealsClosed: 2, winRate: 0.5 });
    expect(row('o2')).toMatchObject({ dealsWon: 1, dealsClosed: 1, winRate: 1 });
    expect(row('o3')).toMatchObject({ dealsWon: 0, dealsClosed: 1, winRate: 0 });
    expect(row('(no owner)')?.winRate).toBeNull();
  });
});

describe('by source: revenue per lead, return on spend, revenue at stake', () => {
  const rows = breakdownBySource(prepared, span);
  const row = (key: string) => rows.find((r) => r.key === key);

  it('divides the group’s revenue by its cohort leads and by its spend', () => {
    // paid_search: W1 500 over 3 leads = 166.67; spend 1000 (all of February) → return 0.5.
    expect(row('paid_search')?.revenuePerLead).toBeCloseTo(500 / 3, 9);
    expect(row('paid_search')?.returnOnSpend).toBe(0.5);
    // referrals: W2 300 over 3 leads = 100; no spend → null.
    expect(row('referrals')?.revenuePerLead).toBe(100);
    expect(row('referrals')?.returnOnSpend).toBeNull();
  });

  it('takes the revenue at stake over the group’s own buckets and average deal size', () => {
    // paid_search: <5m has A1 (won) → won rate 1; never has A2, C1 (none won) → 2 × (1 − 0) × 500 = 1000.
    expect(row('paid_search')?.revenueAtStake).toBe(1000);
    // referrals: nobody in <5m → its won rate is null → null.
    expect(row('referrals')?.revenueAtStake).toBeNull();
  });
});
