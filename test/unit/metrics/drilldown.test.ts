import { describe, expect, it } from 'vitest';
import { benchAsOf, syntheticSettings, syntheticSnapshot } from '../../../bench/metrics';
import { breakdowns } from '../../../lib/metrics/breakdowns';
import { type DrilldownTarget, drilldownKindOf, drilldownRows } from '../../../lib/metrics/drilldown';
import { funnelSteps } from '../../../lib/metrics/funnel';
import { type KpiId, windowKpiIds, windowKpis } from '../../../lib/metrics/kpis';
import { leadFactsAt, wonDealFacts, wonDealPrimaryLeads } from '../../../lib/metrics/lead-facts';
import { prepareReport } from '../../../lib/metrics/prepare';
import { responseBuckets } from '../../../lib/metrics/response';
import { effectiveSource } from '../../../lib/metrics/sources';
import { windowFigures } from '../../../lib/metrics/window-figures';
import { sampleSize } from '../../../lib/panel/kpi-cards';
import { at, lead, settings, snapshot, won } from './fixtures';

// Drill-down: a figure opened gives as many rows as the figure's n (METRICS.md's denominators and samples), and the
// rows are the records the definitions name.

const big = syntheticSnapshot(4000, 7);
const bigSettings = syntheticSettings();
const prepared = prepareReport(big, bigSettings, benchAsOf);
const span = { from: benchAsOf - 365 * 86_400_000, to: benchAsOf };
const figures = windowFigures(prepared, span);
const rowsOf = (target: DrilldownTarget) => {
  const result = drilldownRows(prepared, target, span);
  return result.kind === 'none' ? null : result.rows;
};

describe('drill-down rows count what the figure counts', () => {
  it('a lead KPI with a sample or denominator: rows = the card n', () => {
    const checked: KpiId[] = [];
    for (const kpi of windowKpiIds) {
      if (drilldownKindOf(kpi) !== 'leads') continue;
      // A count (leads, new customers) is its own n.
      const n = sampleSize(kpi, figures) ?? (windowKpis[kpi].unit === 'count' ? windowKpis[kpi].value(figures) : null);
      expect(n, kpi).not.toBeNull();
      expect(rowsOf({ kind: 'kpi', kpi })?.length, kpi).toBe(n);
      checked.push(kpi);
    }
    // Every lead KPI the cards show with an n is covered, so a new one cannot slip through unchecked.
    expect(checked).toEqual(
      expect.arrayContaining([
        'leads',
        'leadToCustomerRate',
        'shareWithinSla',
        'medianResponseMinutes',
        'contactedToQualified',
        'opportunityToWon',
        'newCustomers',
        'cac',
        'clv',
        'repeatRate',
        'handoffMedianHours',
      ]),
    );
    // The synthetic data leaves leads waiting inside their SLA: the share's denominator is smaller than the cohort.
    expect(figures.cohort.sla.decided).toBeLessThan(figures.cohort.leads);
    expect(figures.cohort.funnel.counts.opportunity).toBeGreaterThan(0);
  });

  it('a money KPI: rows = deals won(W), and their amounts sum to Revenue(W)', () => {
    for (const kpi of ['revenue', 'revenueChange', 'dealsWon', 'averageDealSize', 'medianSalesCycleDays'] as const) {
      expect(drilldownKindOf(kpi)).toBe('deals');
      expect(rowsOf({ kind: 'kpi', kpi })?.length, kpi).toBe(figures.money.dealsWon);
    }
    const deals = wonDealFacts(prepared, big, span);
    expect(deals.length).toBe(figures.money.dealsWon);
    expect(figures.money.dealsWon).toBeGreaterThan(10);
    expect(deals.reduce((sum, deal) => sum + deal.amount, 0)).toBeCloseTo(figures.money.revenue, 6);
    const cycles = deals.map((deal) => deal.cycleDays).sort((a, b) => a - b);
    const middle = cycles.length / 2;
    const median =
      cycles.length % 2 === 1
        ? (cycles[Math.floor(middle)] as number)
        : ((cycles[middle - 1] as number) + (cycles[middle] as number)) / 2;
    expect(median).toBeCloseTo(figures.money.salesCycleDays.median as number, 9);
  });

  it('figures that count no lead or deal open nothing', () => {
    for (const kpi of ['roi', 'hoursSaved', 'systemCost', 'nps', 'csat'] as const) {
      expect(drilldownKindOf(kpi)).toBe('none');
      expect(rowsOf({ kind: 'kpi', kpi })).toBeNull();
    }
  });

  it('a response bucket: rows = its n, all in that bucket', () => {
    for (const outcome of figures.cohort.byBucket) {
      const rows = rowsOf({ kind: 'bucket', bucket: outcome.bucket });
      expect(rows?.length, outcome.bucket).toBe(outcome.n);
      for (const row of rows ?? []) expect(leadFactsAt(prepared, row).bucket).toBe(outcome.bucket);
    }
    expect(responseBuckets.length).toBe(figures.cohort.byBucket.length);
  });

  it('a funnel step: rows = the leads that reached it', () => {
    for (const step of funnelSteps) {
      expect(rowsOf({ kind: 'funnelStep', step })?.length, step).toBe(figures.cohort.funnel.counts[step]);
    }
  });

  it('a source, campaign or rep: rows = its cohort leads', () => {
    const parts = breakdowns(prepared, span);
    const groups = [
      ['source', parts.bySource],
      ['campaign', parts.byCampaign],
      ['rep', parts.byRep],
    ] as const;
    for (const [dimension, rows] of groups) {
      expect(rows.length).toBeGreaterThan(1);
      for (const row of rows) {
        const found = rowsOf({ kind: 'group', dimension, key: row.key });
        expect(found?.length, `${dimension} ${row.key}`).toBe(row.cohort.leads);
      }
    }
    expect(rowsOf({ kind: 'group', dimension: 'source', key: 'no-such-source' })?.length).toBe(0);
  });
});

describe('won-deal facts', () => {
  const asOf = at('2024-03-01T00:00:00Z');
  const snap = snapshot({
    leads: [
      lead('A', '2024-01-01T00:00:00Z', { sourceTag: 'partner-webinar' }),
      // Archived: never a primary lead; B is then deal W2's first live lead.
      lead('X', '2024-01-01T00:00:00Z', { archived: true }),
      lead('B', '2024-01-11T00:00:00Z', { ownerId: 'o2' }),
    ],
    deals: [
      won('W1', ['A'], '2024-01-05T00:00:00Z', '2024-02-01T00:00:00Z', 1000),
      // The same customer's later deal: its cycle runs from the deal's creation.
      won('W3', ['A'], '2024-02-10T00:00:00Z', '2024-02-20T00:00:00Z', 300),
      { ...won('W2', ['X', 'B'], '2024-01-20T00:00:00Z', '2024-02-10T00:00:00Z', 500), ownerId: 'o3' },
      won('W4', [], '2024-01-20T00:00:00Z', '2024-02-11T00:00:00Z', 50),
      // Closed after asOf: not won yet.
      won('W5', ['A'], '2024-01-20T00:00:00Z', '2024-03-05T00:00:00Z', 70),
    ],
  });
  const index = prepareReport(snap, settings(), asOf);
  const facts = wonDealFacts(index, snap, { from: at('2024-01-01T00:00:00Z'), to: asOf });

  it('lists the won deals closed in W in close order, with cycle, primary lead and owner', () => {
    expect(facts).toEqual([
      // First purchase of A: cycle from A's creation, 31 days.
      {
        id: 'W1',
        amount: 1000,
        closeDate: at('2024-02-01T00:00:00Z'),
        cycleDays: 31,
        primaryLead: 'A',
        owner: 'o1',
        groupSource: 'partner-webinar',
      },
      // B's first purchase, 30 days after B's creation; the deal's own owner counts.
      {
        id: 'W2',
        amount: 500,
        closeDate: at('2024-02-10T00:00:00Z'),
        cycleDays: 30,
        primaryLead: 'B',
        owner: 'o3',
        groupSource: 'organic_search',
      },
      // No lead: from the deal's creation (22 days), no owner, source unknown.
      {
        id: 'W4',
        amount: 50,
        closeDate: at('2024-02-11T00:00:00Z'),
        cycleDays: 22,
        primaryLead: null,
        owner: null,
        groupSource: 'unknown',
      },
      // A later deal of customer A: 10 days from the deal's creation.
      {
        id: 'W3',
        amount: 300,
        closeDate: at('2024-02-20T00:00:00Z'),
        cycleDays: 10,
        primaryLead: 'A',
        owner: 'o1',
        groupSource: 'partner-webinar',
      },
    ]);
  });

  it('agrees with the money figures of the window', () => {
    const money = windowFigures(index, { from: at('2024-01-01T00:00:00Z'), to: asOf }).money;
    expect(facts.length).toBe(money.dealsWon);
    expect(facts.reduce((sum, deal) => sum + deal.amount, 0)).toBe(money.revenue);
  });

  it('finds each primary lead the way the index chose it', () => {
    expect(wonDealPrimaryLeads(index, snap)).toEqual(['A', 'B', null, 'A']);
    // The primary lead's own source is the deal's source everywhere the breakdowns use it.
    const byId = new Map(snap.leads.map((row) => [row.id, row]));
    for (const deal of facts) {
      const primary = deal.primaryLead === null ? undefined : byId.get(deal.primaryLead);
      expect(deal.groupSource).toBe(primary ? effectiveSource(primary) : 'unknown');
    }
  });
});
