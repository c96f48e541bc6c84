import { describe, expect, it } from 'vitest';
import { translator } from '../../../lib/i18n';
import { prepareReport } from '../../../lib/metrics/prepare';
import { roiAtCheckpoint } from '../../../lib/metrics/roi';
import { type MetricSettingsInput, metricSettings } from '../../../lib/model/settings';
import type { Snapshot } from '../../../lib/model/snapshot';
import { kpiRows, roiRows } from '../../../lib/panel/csv-rows';
import { filterChoices } from '../../../lib/panel/filters';
import { formatters } from '../../../lib/panel/format';
import { dataQualityFormula, paybackFormula, tableFormula } from '../../../lib/panel/formulas';
import { buildPanelView } from '../../../lib/panel/view-model';
import { lead, touch, won } from '../metrics/fixtures';

const t = translator('en');
const f = formatters('en-US', 'USD', 'UTC');
const asOf = Date.parse('2026-07-15T12:00:00Z');

function portal(): Snapshot {
  const leads = [];
  const touches = [];
  const deals = [];
  for (let i = 0; i < 36; i++) {
    const before = i < 18;
    const month = before ? 7 + (i % 6) : 1 + (i % 6);
    const year = before ? 2025 : 2026;
    const created = `${year}-${String(month).padStart(2, '0')}-05T10:00:00Z`;
    leads.push(
      lead(`l${i}`, created, {
        source: i % 4 === 0 ? 'unknown' : i % 2 === 0 ? 'paid_search' : 'referrals',
        campaign: i % 3 === 0 ? 'spring' : undefined,
        ownerId: i % 5 === 0 ? undefined : i % 2 === 0 ? 'o1' : 'o2',
        email: i % 6 === 0 ? '' : `l${i}@example.com`,
      }),
    );
    touches.push(touch(`t${i}`, [`l${i}`], created.replace('10:00', before ? '12:00' : '10:02')));
    if (i % 3 === 0) {
      deals.push(
        won(`d${i}`, [`l${i}`], created, `${year}-${String(month).padStart(2, '0')}-25T10:00:00Z`, 1000 + i * 100),
      );
    }
  }
  return {
    owners: [
      { id: 'o1', name: 'Ann', email: 'ann@example.com' },
      { id: 'o2', name: 'Bob', email: 'bob@example.com' },
    ],
    stages: [],
    lifecycleStages: undefined,
    leads,
    deals,
    touches,
    feedback: [],
  };
}

function viewFor(input: MetricSettingsInput, snapshot = portal()) {
  const settings = metricSettings({ timezone: 'UTC', ...input });
  const prepared = prepareReport(snapshot, settings, asOf);
  return {
    prepared,
    view: buildPanelView({ prepared, snapshot, choices: filterChoices(snapshot), period: '12m', portal: {} }),
  };
}

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

describe('the tables’ "How is this computed?"', () => {
  const { view } = viewFor({
    adoptionDate: '2026-01-01',
    licensePerMonth: 100,
    marketingSpend: { paid_search: { '2026-02': 600 }, referrals: { '2026-03': 300 } },
  });

  it.each(['source', 'campaign', 'rep', 'trends'] as const)('%s: the total row is the sums of the rows', (kind) => {
    const rows =
      kind === 'source'
        ? view.bySource
        : kind === 'campaign'
          ? view.byCampaign
          : kind === 'rep'
            ? view.byRep
            : view.trends;
    const leads = sum(rows.map((row) => row.leads));
    const revenue = sum(rows.map((row) => row.revenue));
    // Every lead and won deal of the period is in exactly one row, so the sums are the period's own totals.
    expect(leads).toBe(view.totals.leads);
    expect(leads).toBe(view.funnel.counts.new);
    expect(revenue).toBe(view.totals.revenue);
    expect(revenue).toBeGreaterThan(0);
    const lines = tableFormula(kind, view, f, t);
    expect(lines[0]).toBe(t(`panel.formula.table.${kind}`));
    expect(lines[1]).toBe(`Total row: ${leads} leads and revenue ${f.money(revenue)}, the sums of the rows.`);
    expect(lines[2]).toBe(
      `Lead-to-customer rate over all rows = ${view.totals.won} / ${leads} = ${f.rate(view.totals.won / leads)}`,
    );
  });

  it('gives CAC over all rows for sources, response and SLA for reps, the cycle for the trends', () => {
    const spend = sum(view.bySource.map((row) => row.spend));
    const customers = sum(view.bySource.map((row) => row.newCustomers));
    expect(spend).toBe(900);
    expect(tableFormula('source', view, f, t)).toContain(
      `CAC over all rows = marketing spend / new customers = ${f.money(spend)} / ${customers} = ${f.money(spend / customers)}`,
    );
    const rep = tableFormula('rep', view, f, t);
    expect(rep).toContain(
      `Share within SLA over all rows = ${view.totals.slaMet} / ${view.totals.slaDecided} = ${f.rate(view.totals.shareWithinSla)}`,
    );
    expect(rep.some((line) => line.startsWith('Median response over all rows: '))).toBe(true);
    expect(tableFormula('trends', view, f, t)).toContain(
      `Median sales cycle over all rows: ${f.days(view.totals.medianCycleDays)} (n = ${view.totals.cycleDeals} won deals)`,
    );
  });
});

describe('the payback formula', () => {
  it('shows the cumulative gain and cost at the payback month and the month before', () => {
    const { view, prepared } = viewFor({
      adoptionDate: '2026-01-01',
      licensePerMonth: 100,
      implementationCost: 12_000,
      // Both assumptions stated: without attribution ROI waits (METRICS.md, "Stated assumptions").
      grossMarginPct: 100,
      attributionPct: 100,
    });
    const month = view.roi.paybackMonth;
    if (month === null) throw new Error('expected a payback month');
    expect(month).toBeGreaterThan(1);
    const paid = roiAtCheckpoint(prepared, month);
    const before = roiAtCheckpoint(prepared, month - 1);
    if (!paid || !before || paid.gain === null || before.gain === null) throw new Error('no ROI');
    expect(paid.gain).toBeGreaterThanOrEqual(paid.systemCost.total);
    expect(before.gain).toBeLessThan(before.systemCost.total);
    expect(paybackFormula(view, f, t)).toEqual([
      t('panel.formula.payback'),
      `Up to month ${month - 1}: cumulative gain ${f.money(before.gain)}, cumulative cost ${f.money(before.systemCost.total)}; ROI = ${f.rate(before.roi)}.`,
      `Up to month ${month}: cumulative gain ${f.money(paid.gain)}, cumulative cost ${f.money(paid.systemCost.total)}; ROI = (${f.money(paid.gain)} − ${f.money(paid.systemCost.total)}) / ${f.money(paid.systemCost.total)} = ${f.rate(paid.roi)}.`,
      `Paid back in month ${month} after adoption`,
    ]);
  });

  it('shows the latest ended month while not paid back, and says when no month has ended', () => {
    const { view, prepared } = viewFor({ adoptionDate: '2026-01-01', licensePerMonth: 1_000_000 });
    expect(view.roi.paybackMonth).toBeNull();
    // 2026-01-01 → 2026-07-15: six whole months have ended.
    const latest = roiAtCheckpoint(prepared, 6);
    expect(paybackFormula(view, f, t)[1]).toBe(
      `Up to month 6, the latest that has ended: cumulative gain ${f.money(latest?.gain ?? null)}, cumulative cost ${f.money(latest?.systemCost.total ?? null)}; ROI = ${f.rate(latest?.roi ?? null)}.`,
    );
    const fresh = viewFor({ adoptionDate: '2026-07-01', licensePerMonth: 100 }).view;
    expect(paybackFormula(fresh, f, t)).toEqual([
      t('panel.formula.payback'),
      'No whole month since adoption has ended yet.',
      'Not paid back yet',
    ]);
  });
});

describe('the data-quality formula', () => {
  it('counts the leads missing a field as live − complete, and by field', () => {
    const { view } = viewFor({ adoptionDate: '2026-01-01' });
    const q = view.dataQuality;
    expect(q.missingCount).toBe(q.liveLeads - q.completeLeads);
    // By hand: 36 leads; e-mail missing for i % 6 = 0 (6), owner for i % 5 = 0 (8), source unknown for i % 4 = 0 (9).
    expect(q.missingByField).toEqual({ email: 6, owner: 8, source: 9, stage: 0 });
    expect(dataQualityFormula(view, f, t)[0]).toBe(
      `Leads missing a field = live leads − complete leads = 36 − ${36 - q.missingCount} = ${q.missingCount}: without e-mail 6, without owner 8, unknown source 9, without lifecycle stage 0 (a lead can lack several).`,
    );
  });
});

describe('KPI and ROI CSV', () => {
  it('name the checkpoint and its windows on every KPI row, and the payback month on every ROI row', () => {
    const { view } = viewFor({ adoptionDate: '2026-01-01', licensePerMonth: 100 });
    const checkpoint = view.roi.checkpoints.find((c) => c.months === view.checkpoint?.months);
    if (!checkpoint) throw new Error('no checkpoint');
    const table = kpiRows(view.kpis, ['roi', 'leads'], t, checkpoint);
    expect(table.header.slice(-6)).toEqual([
      'Checkpoint (months)',
      'Status',
      'After from',
      'After to',
      'Baseline from',
      'Baseline to',
    ]);
    expect(table.rows[1]?.slice(-6)).toEqual([
      6,
      'complete',
      '2026-01-01T00:00:00.000Z',
      '2026-07-01T00:00:00.000Z',
      '2025-07-01T00:00:00.000Z',
      '2026-01-01T00:00:00.000Z',
    ]);
    expect(table.rows[1]?.[2]).toBe(view.kpis.find((k) => k.id === 'leads')?.after);
    const roi = roiRows(view, t);
    expect(roi.header[15]).toBe('Payback month');
    expect(roi.rows.map((row) => row[15])).toEqual(view.roi.checkpoints.map(() => view.roi.paybackMonth));
    // Then the assumptions each ROI rests on, what it waits for, and its interval.
    expect(roi.header.slice(16)).toEqual([
      'Attribution (%)',
      'Control segment',
      'Gross margin (%)',
      'ROI waits for',
      '95 % interval low',
      '95 % interval high',
      'ROI interval reading',
    ]);
    const first = view.roi.checkpoints[0];
    expect(roi.rows[0]?.slice(16, 20)).toEqual([
      first?.assumptions.attributionPct ?? null,
      null,
      first?.assumptions.grossMarginPct ?? null,
      first?.reasons.join(' '),
    ]);
  });
});
