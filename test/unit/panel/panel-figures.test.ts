import { describe, expect, it } from 'vitest';
import { LeadLensDb } from '../../../lib/db/db';
import { translator } from '../../../lib/i18n';
import { buildReport } from '../../../lib/metrics/report';
import { kpiAtCheckpoint, windowKpiIds } from '../../../lib/metrics/kpis';
import { metricSettings } from '../../../lib/model/settings';
import type { Snapshot } from '../../../lib/model/snapshot';
import { parseSnapshotFileText, toSnapshotFileJson } from '../../../lib/model/snapshot-file';
import { PanelComputer } from '../../../lib/panel/compute';
import { contactRecordUrl, csvText, funnelRows, kpiRows, missingRows, roiRows } from '../../../lib/panel/csv-rows';
import { defaultFilters } from '../../../lib/panel/filters';
import { formatters } from '../../../lib/panel/format';
import { funnelFormula, kpiFormula, roiFormula } from '../../../lib/panel/formulas';
import { dashboardIds, moveKpi, swapKpi, tooLittleData } from '../../../lib/panel/kpi-cards';
import { exportSnapshotText, importSnapshotText } from '../../../lib/panel/snapshot-transfer';
import { readCacheState } from '../../../lib/panel/cache-state';
import { lead, touch, won } from '../metrics/fixtures';

// A small portal: adoption on 2026-01-01; leads before answer slowly, after fast; revenue grows after adoption.
const asOf = Date.parse('2026-07-15T12:00:00Z');
const settings = metricSettings({
  timezone: 'UTC',
  adoptionDate: '2026-01-01',
  licensePerMonth: 100,
  implementationCost: 300,
  hourlyCost: 50,
  manualHoursSavedPerMonth: 2,
  grossMarginPct: 50,
  attributionPct: 80,
});

function portal(): Snapshot {
  const leads = [];
  const touches = [];
  const deals = [];
  for (let i = 0; i < 40; i++) {
    const before = i < 20;
    const month = before ? 7 + (i % 5) : 1 + (i % 6);
    const year = before ? 2025 : 2026;
    const created = `${year}-${String(month).padStart(2, '0')}-10T10:00:00Z`;
    leads.push(lead(`l${i}`, created, { email: i % 7 === 0 ? '' : `l${i}@example.com`, name: `Lead <b>${i}</b>` }));
    const minutes = before ? 90 + i : 2 + (i % 3);
    touches.push(touch(`t${i}`, [`l${i}`], new Date(Date.parse(created) + minutes * 60_000).toISOString()));
    if (i % 3 === 0) {
      const close = `${year}-${String(Math.min(month + 1, 12)).padStart(2, '0')}-20T10:00:00Z`;
      deals.push(won(`d${i}`, [`l${i}`], created, close, before ? 1000 : 1500));
    }
  }
  return {
    owners: [{ id: 'o1', name: 'Ann', email: 'a@x' }],
    stages: [],
    lifecycleStages: undefined,
    leads,
    deals,
    touches,
    feedback: [],
  };
}

const t = translator('en');
const f = formatters('en-US', 'USD', 'UTC');

async function seededComputer() {
  const db = new LeadLensDb(`panel-test-${Math.random()}`);
  const text = JSON.stringify(
    toSnapshotFileJson({
      exportedAt: asOf,
      asOf,
      portal: { portalId: '42', uiDomain: 'app-eu1.hubspot.com' },
      settings,
      snapshot: portal(),
    }),
  );
  const imported = await importSnapshotText(db, text);
  expect(imported.ok).toBe(true);
  return { db, computer: new PanelComputer(db) };
}

describe('the panel’s figures', () => {
  it('equal the report’s for the same snapshot, settings and asOf (through the analytics store)', async () => {
    const { db, computer } = await seededComputer();
    const { view } = await computer.compute(settings, defaultFilters);
    const report = buildReport(portal(), settings, asOf);
    expect(view).not.toBeNull();
    if (!view) return;
    expect(view.roi.checkpoints.map((c) => [c.months, c.status, c.roi])).toEqual(
      report.checkpoints.map((c) => [c.roi.months, c.roi.status, c.roi.roi]),
    );
    expect(view.roi.paybackMonth).toBe(report.paybackMonth);
    expect(view.checkpoint).toEqual({ months: report.kpis.checkpointMonths, inProgress: report.kpis.inProgress });
    const shown = report.checkpoints.find((c) => c.roi.months === report.kpis.checkpointMonths);
    if (!shown) throw new Error('no dashboard checkpoint');
    for (const id of ['roi', 'revenueChange', ...windowKpiIds] as const) {
      const card = view.kpis.find((k) => k.id === id);
      const expected = kpiAtCheckpoint(id, shown);
      // A card whose inputs are all unset (here CAC: no spend, no sales cost) shows "—", not the report's sum of 0.
      const unset = (card?.needs.length ?? 0) > 0;
      expect([card?.before, card?.after, card?.difference], id).toEqual(
        unset ? [null, null, null] : [expected.before, expected.after, expected.difference],
      );
    }
    expect(view.kpis.filter((k) => k.needs.length > 0).map((k) => k.id)).toEqual(['cac']);
    // The generator's uplift shows: median response after adoption is below before.
    const median = view.kpis.find((k) => k.id === 'medianResponseMinutes');
    expect(median?.after).toBeLessThan(median?.before ?? 0);
    expect(view.funnel.counts.new).toBe(report.window.cohort.funnel.counts.new);
    db.close();
  });

  it('exports a snapshot file that reads back to the same report', async () => {
    const { db } = await seededComputer();
    const state = await readCacheState(db);
    expect(state).toMatchObject({ origin: 'import', asOf });
    const parsed = parseSnapshotFileText(await exportSnapshotText(db, settings, state, 'EUR'));
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.value.portal).toEqual({ portalId: '42', uiDomain: 'app-eu1.hubspot.com', currency: 'EUR' });
    const again = buildReport(parsed.value.snapshot, parsed.value.settings, parsed.value.asOf);
    expect(again.checkpoints.map((c) => c.roi.roi)).toEqual(
      buildReport(portal(), settings, asOf).checkpoints.map((c) => c.roi.roi),
    );
    db.close();
  });

  it('refuses a file of another format with the model’s message', async () => {
    const db = new LeadLensDb(`panel-test-${Math.random()}`);
    const result = await importSnapshotText(db, JSON.stringify({ format: 'other' }));
    expect(result).toEqual({ ok: false, error: expect.stringContaining('not a LeadLens snapshot file') });
    db.close();
  });

  it('writes the formulas with this portal’s numbers', async () => {
    const { computer, db } = await seededComputer();
    const { view } = await computer.compute(settings, defaultFilters);
    if (!view) throw new Error('no view');
    const checkpoint = view.roi.checkpoints.find((c) => c.months === 6);
    if (!checkpoint) throw new Error('no 6-month checkpoint');
    const lines = roiFormula(checkpoint, settings, f, t);
    expect(lines).toContain(
      `Incremental revenue = (Revenue(A) − Revenue(B)) × attribution = (${f.money(checkpoint.revenueAfter)} − ${f.money(checkpoint.revenueBefore)}) × 80% = ${f.money(checkpoint.incrementalRevenue)}`,
    );
    expect(lines).toContain(
      `ROI = (Gain − System cost) / System cost = (${f.money(checkpoint.gain)} − ${f.money(checkpoint.systemCost)}) / ${f.money(checkpoint.systemCost)} = ${f.rate(checkpoint.roi)}`,
    );
    const rate = view.kpis.find((k) => k.id === 'leadToCustomerRate');
    if (!rate || rate.afterN === null || rate.beforeN === null || rate.after === null || rate.before === null) {
      throw new Error('no rate card');
    }
    const rateLines = kpiFormula(rate, checkpoint, settings, f, t);
    expect(rateLines[1]).toBe(
      `After: ${Math.round(rate.after * rate.afterN)} / ${rate.afterN} = ${f.rate(rate.after)}; before: ${Math.round(rate.before * rate.beforeN)} / ${rate.beforeN} = ${f.rate(rate.before)}`,
    );
    expect(rateLines.some((line) => line.startsWith('95 % interval'))).toBe(rate.interval !== null);
    expect(funnelFormula(view.funnel, f, t)[1]).toBe(
      `New → contacted: ${view.funnel.counts.contacted} / ${view.funnel.counts.new} = ${f.rate(view.funnel.rates.newToContacted)}`,
    );
    db.close();
  });

  it('gives CSV rows with raw numbers, guarded text and record links', async () => {
    const { computer, db } = await seededComputer();
    const { view } = await computer.compute(settings, defaultFilters);
    if (!view) throw new Error('no view');
    const kpis = kpiRows(view.kpis, ['roi', 'leadToCustomerRate'], t);
    expect(kpis.rows[0]?.[2]).toBe(view.kpis.find((k) => k.id === 'roi')?.after);
    expect(roiRows(view, t).rows.map((row) => row[14])).toEqual(view.roi.checkpoints.map((c) => c.roi));
    expect(funnelRows(view, t).rows.map((row) => row[1])).toEqual([
      view.funnel.counts.new,
      view.funnel.counts.contacted,
      view.funnel.counts.qualified,
      view.funnel.counts.opportunity,
      view.funnel.counts.won,
    ]);
    const url = (id: string) => contactRecordUrl(view.portal, id);
    expect(url('l7')).toBe('https://app-eu1.hubspot.com/contacts/42/record/0-1/l7');
    const missing = csvText(
      missingRows([{ id: 'l7', name: '=HYPERLINK("x")', email: '', missing: ['email'] }], url, t),
    );
    expect(missing.split('\r\n')[1]).toBe(
      `l7,"'=HYPERLINK(""x"")",,e-mail,https://app-eu1.hubspot.com/contacts/42/record/0-1/l7`,
    );
    // Every lead lacking an e-mail is listed (i % 7 === 0 of 40).
    expect(view.dataQuality.missingCount).toBe(6);
    db.close();
  });
});

describe('dashboard cards', () => {
  it('keep 5–7 known ids in the manager’s order and add satisfaction cards when there is feedback', () => {
    expect(dashboardIds(['cac', 'bogus', 'cac', 'roi'], { nps: true, csat: false })).toEqual({
      main: ['cac', 'roi', 'revenueChange', 'leadToCustomerRate', 'medianResponseMinutes'],
      satisfaction: ['nps'],
    });
    expect(dashboardIds(undefined, { nps: false, csat: false }).main).toHaveLength(7);
  });

  it('swap places when the chosen card is already shown, and move within bounds', () => {
    expect(swapKpi(['roi', 'cac', 'leads'], 0, 'leads')).toEqual(['leads', 'cac', 'roi']);
    expect(swapKpi(['roi', 'cac'], 1, 'clv')).toEqual(['roi', 'clv']);
    expect(moveKpi(['roi', 'cac'], 0, -1)).toEqual(['roi', 'cac']);
    expect(moveKpi(['roi', 'cac'], 0, 1)).toEqual(['cac', 'roi']);
  });

  it('say when a rate has too little data for an interval', () => {
    const card = {
      id: 'csat' as const,
      unit: 'rate' as const,
      before: null,
      after: 0.8,
      difference: null,
      interval: null,
      notSignificant: null,
      reading: null,
      reasons: [],
      needs: [],
      target: null,
      afterN: 5,
      beforeN: 0,
      sparkline: [],
    };
    expect(tooLittleData(card)).toBe(true);
    expect(tooLittleData({ ...card, beforeN: 4, before: 0.5, interval: { low: -0.1, high: 0.7 } })).toBe(false);
  });
});
