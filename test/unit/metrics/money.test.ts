import { describe, expect, it } from 'vitest';
import { customerAcquisitionCost, customerFigures } from '../../../lib/metrics/clv-cac.ts';
import { moneyFigures, revenueIn } from '../../../lib/metrics/money.ts';
import { prepareReport } from '../../../lib/metrics/prepare.ts';
import { hoursSaved, systemCost } from '../../../lib/metrics/savings-cost.ts';
import { at, deal, lead, settings, snapshot, touch, won } from './fixtures.ts';

const asOf = at('2025-03-01T00:00:00Z');
const year2024 = { from: at('2024-01-01T00:00:00Z'), to: at('2025-01-01T00:00:00Z') };

const snap = snapshot({
  leads: [
    lead('A', '2024-01-01T00:00:00Z', { source: 'paid_search' }),
    lead('B', '2024-02-01T00:00:00Z', { source: 'organic_search', sourceTag: 'partner-webinar', ownerId: 'o2' }),
  ],
  deals: [
    // A's first purchase (Jan 31): cycle from the lead's creation, 30 days.
    won('dA1', ['A'], '2024-01-10T00:00:00Z', '2024-01-31T00:00:00Z', 1000),
    // A's later purchases: cycle from the deal's creation, 10 and 14 days.
    won('dA2', ['A'], '2024-03-01T00:00:00Z', '2024-03-11T00:00:00Z', 500),
    won('dA3', ['A'], '2024-12-01T00:00:00Z', '2024-12-15T00:00:00Z', 700),
    // A deal with no lead: cycle from its own creation, 20 days.
    won('dNL', [], '2024-05-01T00:00:00Z', '2024-05-21T00:00:00Z', 300),
    // B's first purchase (Feb 29): 28 days after B was created.
    won('dB1', ['B'], '2024-02-10T00:00:00Z', '2024-02-29T00:00:00Z', 2000),
    // Exactly at B's horizon end (Feb 29 + 12 months = Feb 28 2025, clamped): not inside it.
    won('dB2', ['B'], '2025-02-01T00:00:00Z', '2025-02-28T00:00:00Z', 50),
    // Closed after asOf: neither won nor in the pipeline.
    won('dLate', ['B'], '2025-02-01T00:00:00Z', '2025-03-05T00:00:00Z', 10_000),
    // Open: no revenue.
    deal('dOpen', ['A'], '2024-06-01T00:00:00Z', { amount: 9999 }),
  ],
  touches: [
    touch('a0', [], '2024-06-30T23:59:00Z', { automated: true }),
    touch('a1', ['A'], '2024-07-01T00:00:00Z', { automated: true }),
    touch('a2', ['B'], '2024-08-15T00:00:00Z', { automated: true }),
    touch('a3', ['B'], '2025-02-01T00:00:00Z', { automated: true }),
  ],
});

describe('revenue, deals won, average deal size, sales cycle', () => {
  const prepared = prepareReport(snap, settings(), asOf);

  it('sums won deals closed in W', () => {
    // 1000 + 500 + 700 + 300 + 2000 = 4500 over 5 deals.
    const money = moneyFigures(prepared, year2024);
    expect(money.revenue).toBe(4500);
    expect(money.dealsWon).toBe(5);
    expect(money.averageDealSize).toBe(900);
    expect(revenueIn(prepared, year2024)).toBe(4500);
  });

  it('measures the sales cycle from the lead for a first purchase, from the deal otherwise', () => {
    // Cycles 30, 10, 14, 20, 28 days: median 20, mean 102 / 5 = 20.4.
    const { salesCycleDays } = moneyFigures(prepared, year2024);
    expect(salesCycleDays).toEqual({ median: 20, mean: 20.4, deals: 5 });
  });

  it('is null where nothing was won', () => {
    const empty = moneyFigures(prepared, { from: at('2023-01-01T00:00:00Z'), to: at('2023-06-01T00:00:00Z') });
    expect(empty).toEqual({
      revenue: 0,
      revenueSumOfSquares: 0,
      dealsWon: 0,
      averageDealSize: null,
      salesCycleDays: { median: null, mean: null, deals: 0 },
    });
  });
});

describe('CLV and repeat rate', () => {
  it('averages what customers bought within H months of their first purchase', () => {
    // A: first purchase Jan 31 2024, horizon to Jan 31 2025 ≤ asOf: 1000 + 500 + 700 = 2200, 3 deals.
    // B: Feb 29 2024 → Feb 28 2025 ≤ asOf: 2000 (dB2 closes exactly at the end, outside). CLV 2100; repeat 1/2.
    const prepared = prepareReport(snap, settings(), asOf);
    expect(customerFigures(prepared, year2024)).toEqual({
      newCustomers: 2,
      clv: { horizonMonths: 12, customers: 2, clv: 2100, repeatCustomers: 1, repeatRate: 0.5 },
    });
  });

  it('leaves out customers whose horizon has not ended by asOf', () => {
    // At 2025-02-01 A's horizon (Jan 31 2025) has ended but B's (Feb 28 2025) has not.
    const prepared = prepareReport(snap, settings(), at('2025-02-01T00:00:00Z'));
    const { clv, newCustomers } = customerFigures(prepared, year2024);
    expect(newCustomers).toBe(2);
    expect(clv).toMatchObject({ customers: 1, clv: 2200, repeatRate: 1 });
  });
});

describe('spend and CAC', () => {
  const withSpend = settings({
    salesCostPerMonth: 100,
    marketingSpend: {
      paid_search: { '2023-12': 100, '2024-01': 310 },
      'partner-webinar': { '2024-02': 290 },
      offline: { '2025-01': 1000 },
    },
  });
  const prepared = prepareReport(snap, withSpend, asOf);

  it('divides spend and sales cost by the customers first buying in W', () => {
    // Spend(2024) = 310 + 290 = 600; sales cost 100 × 12 months; 2 new customers → (600 + 1200) / 2 = 900.
    const cac = customerAcquisitionCost(prepared, year2024);
    expect(cac.spend).toBe(600);
    expect(cac.salesCost).toBe(1200);
    expect(cac.cac).toBe(900);
    // By effective source, no sales cost: paid_search 310 / 1 (A); partner-webinar (B's tag) 290 / 1.
    expect(cac.bySource).toEqual({
      paid_search: { spend: 310, newCustomers: 1, cac: 310 },
      'partner-webinar': { spend: 290, newCustomers: 1, cac: 290 },
    });
  });

  it('counts the share of each month inside W', () => {
    // [Jan 16, Mar 1): January's 310 × 16/31 = 160, February's 290 whole; months(W) = 16/31 + 1.
    const window = { from: at('2024-01-16T00:00:00Z'), to: at('2024-03-01T00:00:00Z') };
    const cac = customerAcquisitionCost(prepared, window);
    expect(cac.spend).toBeCloseTo(450, 9);
    expect(cac.cac).toBeCloseTo((450 + 100 * (16 / 31 + 1)) / 2, 9);
  });

  it('is null with no new customer', () => {
    const cac = customerAcquisitionCost(prepared, { from: at('2025-01-01T00:00:00Z'), to: at('2025-02-01T00:00:00Z') });
    expect(cac.spend).toBe(1000);
    expect(cac.cac).toBeNull();
    expect(cac.bySource.offline).toEqual({ spend: 1000, newCustomers: 0, cac: null });
  });
});

describe('hours saved and system cost', () => {
  const costs = {
    minutesSavedPerAutomatedTouch: 6,
    manualHoursSavedPerMonth: 10,
    hourlyCost: 50,
    licensePerMonth: 100,
    maintenancePerMonth: 20,
    implementationCost: 1000,
    trainingCost: 500,
  };

  it('count only from adoption on, with the one-off costs when adoption falls in W', () => {
    const prepared = prepareReport(snap, settings({ ...costs, adoptionDate: '2024-07-01' }), asOf);
    // W' = [Jul 1, Jan 1): 6 months; automated touches at Jul 1 and Aug 15 (Jun 30 23:59 is before).
    // Hours = 2 × 6 / 60 + 10 × 6 = 60.2; value 60.2 × 50 = 3010. Cost = 6 × 120 + 1000 + 500 = 2220.
    const saved = hoursSaved(prepared, year2024);
    expect(saved.automatedTouches).toBe(2);
    expect(saved.hours).toBeCloseTo(60.2, 10);
    expect(saved.value).toBeCloseTo(3010, 8);
    expect(systemCost(prepared, year2024)).toEqual({ months: 6, running: 720, oneOff: 1500, total: 2220 });
    // August alone: 1 month of running cost, no one-off.
    expect(systemCost(prepared, { from: at('2024-08-01T00:00:00Z'), to: at('2024-09-01T00:00:00Z') }).total).toBe(120);
    // Before adoption: nothing.
    expect(systemCost(prepared, { from: at('2024-01-01T00:00:00Z'), to: at('2024-07-01T00:00:00Z') }).total).toBe(0);
  });

  it('clip nothing without an adoption date, and charge no one-off cost', () => {
    const prepared = prepareReport(snap, settings(costs), asOf);
    // All 3 automated touches of 2024 and 12 months: 0.3 + 120 hours; cost 12 × 120.
    expect(hoursSaved(prepared, year2024).hours).toBeCloseTo(120.3, 10);
    expect(systemCost(prepared, year2024).total).toBe(1440);
  });

  it('cost nothing with the default settings', () => {
    const prepared = prepareReport(snap, settings({ adoptionDate: '2024-07-01' }), asOf);
    expect(systemCost(prepared, year2024).total).toBe(0);
    expect(hoursSaved(prepared, year2024).value).toBe(0);
  });
});
