import { describe, expect, it } from 'vitest';
import { breakdownByRep, breakdownBySource } from '../../../lib/metrics/breakdowns.ts';
import { prepareReport } from '../../../lib/metrics/prepare.ts';
import { buildReport } from '../../../lib/metrics/report.ts';
import { windowFigures } from '../../../lib/metrics/window-figures.ts';
import { at, deal, lead, settings, snapshot, touch, won } from './fixtures.ts';

const asOf = at('2024-06-01T00:00:00Z');
const h1 = { from: at('2024-01-01T00:00:00Z'), to: at('2024-07-01T00:00:00Z') };

describe('archived leads and data after asOf', () => {
  const snap = snapshot({
    leads: [
      lead('X', '2024-01-01T00:00:00Z', { archived: true, lifecycleStage: 'customer' }),
      lead('Y', '2024-01-05T00:00:00Z', { ownerId: 'o2', source: 'offline' }),
      lead('Z', '2024-07-01T00:00:00Z'),
    ],
    deals: [
      // X is archived: Y becomes this deal's primary lead.
      won('both', ['X', 'Y'], '2024-01-20T00:00:00Z', '2024-02-01T00:00:00Z', 100),
      // Only X: a deal with no lead.
      won('onlyX', ['X'], '2024-01-20T00:00:00Z', '2024-02-02T00:00:00Z', 50),
      // Z does not exist yet at asOf, and neither does a deal created after asOf.
      deal('future', ['Z'], '2024-07-02T00:00:00Z'),
    ],
    touches: [
      touch('tx', ['X'], '2024-01-01T00:05:00Z'),
      touch('txy', ['X', 'Y'], '2024-01-05T01:00:00Z'),
      touch('late', ['Y'], '2024-06-02T00:00:00Z', { automated: true }),
    ],
  });
  const prepared = prepareReport(snap, settings(), asOf);

  it('remove them with every reference to them', () => {
    expect(prepared.counts).toEqual({ liveLeads: 1, archivedLeads: 1, deals: 2, touches: 2 });
    const figures = windowFigures(prepared, h1);
    // Only Y is in the cohort; answered 60 minutes after creation; won through the deal it now leads.
    expect(figures.cohort.leads).toBe(1);
    expect(figures.cohort.response.medianMinutes).toBe(60);
    expect(figures.cohort.funnel.counts.won).toBe(1);
    // Cycles: Y's first purchase 27 days after Y was created; `onlyX` from its own creation, 13 days.
    expect(figures.money.salesCycleDays.median).toBe(20);
    expect(figures.customers.newCustomers).toBe(1);
    // The automated touch after asOf is ignored.
    expect(figures.hoursSaved.automatedTouches).toBe(0);
  });

  it('send a deal without a live lead to `unknown` and to its own owner', () => {
    const bySource = breakdownBySource(prepared, h1).map((row) => [row.key, row.money.revenue]);
    expect(bySource).toEqual([
      ['offline', 100],
      ['unknown', 50],
    ]);
    const byRep = breakdownByRep(prepared, h1).map((row) => [row.key, row.money.revenue]);
    expect(byRep).toEqual([
      ['(no owner)', 50],
      ['o2', 100],
    ]);
  });
});

describe('default KPI set', () => {
  const revenue = [
    won('b', [], '2024-01-15T00:00:00Z', '2024-02-01T00:00:00Z', 10_000),
    won('a', [], '2024-04-15T00:00:00Z', '2024-05-01T00:00:00Z', 16_000),
  ];
  const leads = [
    lead('L1', '2024-02-01T00:00:00Z', { lifecycleStage: 'customer' }),
    lead('L2', '2024-02-02T00:00:00Z'),
    lead('L3', '2024-02-03T00:00:00Z'),
    lead('L4', '2024-02-04T00:00:00Z'),
    lead('L5', '2024-05-01T00:00:00Z', { lifecycleStage: 'customer' }),
    lead('L6', '2024-05-02T00:00:00Z'),
  ];
  const snap = snapshot({ leads, deals: revenue });
  // The margin and attribution are stated: ROI has no default for them.
  const costs = { adoptionDate: '2024-04-01', licensePerMonth: 1000, attributionPct: 100, grossMarginPct: 100 };

  it('shows the latest complete checkpoint with B, A, d and intervals for rates', () => {
    const report = buildReport(snap, settings(costs), at('2024-09-15T00:00:00Z'));
    expect(report.kpis.checkpointMonths).toBe(3);
    expect(report.kpis.inProgress).toBe(false);
    expect(report.kpis.kpis.map((kpi) => kpi.id)).toEqual([
      'roi',
      'revenueChange',
      'leadToCustomerRate',
      'medianResponseMinutes',
      'shareWithinSla',
      'medianSalesCycleDays',
      'cac',
    ]);
    const [roi, change, leadToCustomer] = report.kpis.kpis;
    // (16 000 − 10 000 − 3000) / 3000 = 1.
    expect(roi?.after).toBe(1);
    // Revenue change 6000 ± z·sqrt(16 000² + 10 000²) = (−30 980.53, 42 980.53); the ROI at those ends:
    // (−30 980.53 − 3000) / 3000 = −11.3268 and (42 980.53 − 3000) / 3000 = 13.3268: break-even not yet shown.
    expect(roi?.interval?.low).toBeCloseTo(-11.326842166440901, 9);
    expect(roi?.interval?.high).toBeCloseTo(13.326842166440901, 9);
    expect(roi?.reading).toBe('breakEvenNotYetShown');
    expect(change).toMatchObject({ before: 10_000, after: 16_000, difference: 6000, notSignificant: true });
    expect(change?.interval?.low).toBeCloseTo(-30_980.526499322703, 6);
    // B: 1 of 4 → Wilson (0.045587, 0.699358); A: 1 of 2 → Wilson (0.094531, 0.905469); d = 0.25.
    // Newcombe: 0.25 − sqrt((0.5 − 0.094531)² + (0.699358 − 0.25)²) = −0.355250;
    //           0.25 + sqrt((0.905469 − 0.5)² + (0.25 − 0.045587)²) = 0.704081.
    expect(leadToCustomer?.before).toBe(0.25);
    expect(leadToCustomer?.after).toBe(0.5);
    expect(leadToCustomer?.interval?.low).toBeCloseTo(-0.3552501109137244, 12);
    expect(leadToCustomer?.interval?.high).toBeCloseTo(0.7040809521072406, 12);
    expect(leadToCustomer?.notSignificant).toBe(true);
    // No response anywhere: the median is null on both sides, so is the difference.
    expect(report.kpis.kpis[3]).toMatchObject({ before: null, after: null, difference: null, interval: null });
  });

  it('falls back to the smallest in-progress checkpoint, marked', () => {
    const report = buildReport(snap, settings(costs), at('2024-05-15T00:00:00Z'));
    expect(report.kpis.checkpointMonths).toBe(3);
    expect(report.kpis.inProgress).toBe(true);
    expect(report.checkpoints.map((c) => c.roi.status)).toEqual(['in-progress', 'in-progress', 'in-progress']);
  });

  it('has nothing to show before adoption or without an adoption date', () => {
    expect(buildReport(snap, settings(costs), at('2024-03-15T00:00:00Z')).kpis.checkpointMonths).toBeNull();
    const noAdoption = buildReport(snap, settings(), at('2024-09-15T00:00:00Z'));
    expect(noAdoption.checkpoints).toEqual([]);
    expect(noAdoption.paybackMonth).toBeNull();
    expect(noAdoption.kpis.kpis).toEqual([]);
  });
});

describe('the whole report', () => {
  it('covers the 24 months before asOf by default, with breakdowns for every window', () => {
    const snap = snapshot({ leads: [lead('A', '2022-07-01T00:00:00Z'), lead('B', '2022-05-31T00:00:00Z')] });
    const report = buildReport(snap, settings({ adoptionDate: '2024-01-01' }), at('2024-06-01T00:00:00Z'));
    expect(report.window.window).toEqual({ from: at('2022-06-01T00:00:00Z'), to: at('2024-06-01T00:00:00Z') });
    // A is inside, B a day before the window.
    expect(report.window.cohort.leads).toBe(1);
    expect(report.window.breakdowns.byMonth).toHaveLength(24);
    expect(report.checkpoints.map((c) => c.roi.months)).toEqual([3, 6, 12]);
    expect(report.checkpoints[0]?.after.breakdowns.byMonth.map((m) => m.month)).toEqual([
      '2024-01',
      '2024-02',
      '2024-03',
    ]);
  });
});

describe('repeated reports', () => {
  it('do not leak state from one build to the next (working arrays are reused)', () => {
    const small = snapshot({
      leads: [lead('a', '2024-01-02T00:00:00Z'), lead('b', '2024-01-03T00:00:00Z')],
      touches: [touch('t', ['a'], '2024-01-02T00:10:00Z')],
      deals: [won('w', ['b'], '2024-01-05T00:00:00Z', '2024-02-01T00:00:00Z', 10)],
    });
    const larger = snapshot({
      leads: Array.from({ length: 50 }, (_, i) =>
        lead(`x${i}`, '2024-01-01T00:00:00Z', { lifecycleStage: 'customer' }),
      ),
      touches: Array.from({ length: 120 }, (_, i) => touch(`y${i}`, [`x${i % 50}`], '2024-01-01T00:01:00Z')),
      // Every row is the primary lead of a won deal: left over, that would make `small`'s leads customers.
      deals: Array.from({ length: 50 }, (_, i) =>
        won(`z${i}`, [`x${i}`], '2024-01-02T00:00:00Z', '2024-01-03T00:00:00Z', 5),
      ),
    });
    const asOf = at('2024-06-01T00:00:00Z');
    const first = buildReport(small, settings(), asOf);
    buildReport(larger, settings(), asOf);
    expect(buildReport(small, settings(), asOf)).toEqual(first);
  });
});
