import { describe, expect, it } from 'vitest';
import {
  breakdownByCampaign,
  breakdownByMonth,
  breakdownByRep,
  breakdownBySource,
} from '../../../lib/metrics/breakdowns.ts';
import { prepareReport } from '../../../lib/metrics/prepare.ts';
import { at, lead, settings, snapshot, won } from './fixtures.ts';

const asOf = at('2024-04-01T00:00:00Z');
const window = { from: at('2024-01-15T00:00:00Z'), to: at('2024-03-10T00:00:00Z') };
const snap = snapshot({
  leads: [
    lead('P1', '2024-01-20T00:00:00Z', { source: 'paid_search', ownerId: 'o1', campaign: 'spring' }),
    lead('P2', '2024-02-10T00:00:00Z', { source: 'paid_search', sourceTag: 'webinar', ownerId: 'o2' }),
    lead('P3', '2024-03-05T00:00:00Z', { source: 'offline', ownerId: undefined, campaign: 'spring' }),
    lead('P4', '2024-01-10T00:00:00Z', { source: 'offline', ownerId: 'o1' }),
  ],
  deals: [
    won('D1', ['P1'], '2024-01-25T00:00:00Z', '2024-02-01T00:00:00Z', 100),
    { ...won('D2', ['P2'], '2024-02-12T00:00:00Z', '2024-02-20T00:00:00Z', 200), ownerId: 'o3' },
    won('D3', [], '2024-02-25T00:00:00Z', '2024-03-01T00:00:00Z', 50),
    won('D4', ['P4'], '2024-01-12T00:00:00Z', '2024-01-16T00:00:00Z', 400),
  ],
});
const prepared = prepareReport(snap, settings({ marketingSpend: { paid_search: { '2024-02': 290 } } }), asOf);

const summary = (rows: ReturnType<typeof breakdownBySource>) =>
  rows.map((row) => ({
    key: row.key,
    leads: row.cohort.leads,
    revenue: row.money.revenue,
    dealsWon: row.money.dealsWon,
    customers: row.customers.newCustomers,
    spend: row.spend,
    cac: row.cac,
  }));

describe('breakdowns', () => {
  it('by source: leads by effective source, deals by their primary lead’s (no lead → unknown)', () => {
    expect(summary(breakdownBySource(prepared, window))).toEqual([
      // P4 was created before W, but its deal closed in W and it first bought in W.
      { key: 'offline', leads: 1, revenue: 400, dealsWon: 1, customers: 1, spend: 0, cac: 0 },
      { key: 'paid_search', leads: 1, revenue: 100, dealsWon: 1, customers: 1, spend: 290, cac: 290 },
      { key: 'unknown', leads: 0, revenue: 50, dealsWon: 1, customers: 0, spend: 0, cac: null },
      { key: 'webinar', leads: 1, revenue: 200, dealsWon: 1, customers: 1, spend: 0, cac: 0 },
    ]);
  });

  it('by rep: leads by their owner, money by the deal’s owner else its lead’s', () => {
    // o1's new customers are P1 (paid_search: 290 per new customer) and P4 (offline: no spend): 290 / 2.
    expect(summary(breakdownByRep(prepared, window))).toEqual([
      { key: '(no owner)', leads: 1, revenue: 50, dealsWon: 1, customers: 0, spend: 0, cac: null },
      { key: 'o1', leads: 1, revenue: 500, dealsWon: 2, customers: 2, spend: 290, cac: 145 },
      { key: 'o2', leads: 1, revenue: 0, dealsWon: 0, customers: 1, spend: 0, cac: 0 },
      { key: 'o3', leads: 0, revenue: 200, dealsWon: 1, customers: 0, spend: 0, cac: null },
    ]);
  });

  it('by campaign: leads by campaign, deals by their primary lead’s', () => {
    expect(summary(breakdownByCampaign(prepared, window))).toEqual([
      { key: '(no campaign)', leads: 1, revenue: 650, dealsWon: 3, customers: 2, spend: 0, cac: 0 },
      { key: 'spring', leads: 2, revenue: 100, dealsWon: 1, customers: 1, spend: 290, cac: 290 },
    ]);
  });

  it('by month: the first and last months clipped to W', () => {
    const months = breakdownByMonth(prepared, window);
    expect(months.map((m) => [m.month, m.figures.cohort.leads, m.figures.money.revenue])).toEqual([
      ['2024-01', 1, 400],
      ['2024-02', 1, 300],
      ['2024-03', 1, 50],
    ]);
    expect(months[0]?.figures.window).toEqual({ from: window.from, to: at('2024-02-01T00:00:00Z') });
    expect(months[2]?.figures.window).toEqual({ from: at('2024-03-01T00:00:00Z'), to: window.to });
    // Spend follows the month share: all of February's 290 falls in the February row.
    expect(months[1]?.figures.cac.spend).toBe(290);
  });
});
