import { describe, expect, it } from 'vitest';
import type { MetricSettingsInput } from '../../../lib/model/settings.ts';
import { prepareReport } from '../../../lib/metrics/prepare.ts';
import { checkpointWindows, paybackMonth, roiAtCheckpoint } from '../../../lib/metrics/roi.ts';
import { at, lead, settings, snapshot, won } from './fixtures.ts';

const asOf = at('2024-09-15T00:00:00Z');
const revenueSnapshot = snapshot({
  deals: [
    won('b12', [], '2023-04-15T00:00:00Z', '2023-05-01T00:00:00Z', 1000),
    won('b6', [], '2023-10-15T00:00:00Z', '2023-11-01T00:00:00Z', 2000),
    won('b3', [], '2024-01-15T00:00:00Z', '2024-02-01T00:00:00Z', 10_000),
    won('a3', [], '2024-04-15T00:00:00Z', '2024-05-01T00:00:00Z', 16_000),
    won('a6', [], '2024-07-15T00:00:00Z', '2024-08-01T00:00:00Z', 4000),
  ],
});
const base: MetricSettingsInput = {
  adoptionDate: '2024-04-01',
  attributionPct: 50,
  grossMarginPct: 40,
  licensePerMonth: 500,
  maintenancePerMonth: 100,
  implementationCost: 1000,
  trainingCost: 200,
  hourlyCost: 50,
  manualHoursSavedPerMonth: 4,
};

describe('checkpoint windows', () => {
  const prepared = prepareReport(revenueSnapshot, settings(base), asOf);

  it('are A = [adoption, +c months) and B the calendar shift back; in progress when A ends after asOf', () => {
    expect(checkpointWindows(prepared, 3)).toEqual({
      months: 3,
      status: 'complete',
      after: { from: at('2024-04-01T00:00:00Z'), to: at('2024-07-01T00:00:00Z') },
      baseline: { from: at('2024-01-01T00:00:00Z'), to: at('2024-04-01T00:00:00Z') },
    });
    // 6 months would end Oct 1, after asOf: A is cut at asOf and B at asOf − 6 months.
    expect(checkpointWindows(prepared, 6)).toEqual({
      months: 6,
      status: 'in-progress',
      after: { from: at('2024-04-01T00:00:00Z'), to: asOf },
      baseline: { from: at('2023-10-01T00:00:00Z'), to: at('2024-03-15T00:00:00Z') },
    });
  });

  it('have not started before adoption', () => {
    const early = prepareReport(revenueSnapshot, settings(base), at('2024-03-01T00:00:00Z'));
    const roi = roiAtCheckpoint(early, 3);
    expect(roi?.status).toBe('not-started');
    expect(roi?.systemCost.total).toBe(0);
    expect(roi?.roi).toBeNull();
  });

  it('do not exist without an adoption date', () => {
    const prepared = prepareReport(revenueSnapshot, settings({ ...base, adoptionDate: undefined }), asOf);
    expect(checkpointWindows(prepared, 3)).toBeNull();
    expect(roiAtCheckpoint(prepared, 3)).toBeNull();
    expect(paybackMonth(prepared)).toBeNull();
  });
});

describe('ROI at a checkpoint', () => {
  const prepared = prepareReport(revenueSnapshot, settings(base), asOf);

  it('is (gain − cost) / cost for a complete checkpoint', () => {
    // Rev(A) 16 000, Rev(B) 10 000 → incremental revenue 6000 × 50 % = 3000, profit × 40 % = 1200.
    // Hours saved 4 × 3 = 12 → 600. Gain 1800. Cost 3 × 600 + 1000 + 200 = 3000. ROI (1800 − 3000) / 3000 = −0.4.
    const roi = roiAtCheckpoint(prepared, 3);
    expect(roi).toMatchObject({
      revenueAfter: 16_000,
      revenueBefore: 10_000,
      revenueChange: 6000,
      attribution: 'attributionPct',
      incrementalRevenue: 3000,
      incrementalProfit: 1200,
      gain: 1800,
    });
    expect(roi?.systemCost.total).toBe(3000);
    expect(roi?.roi).toBeCloseTo(-0.4, 12);
  });

  it('uses the cut windows of an in-progress checkpoint', () => {
    // A = [Apr 1, Sep 15): months m = 5 + 14/30. Rev(A) 20 000; B = [Oct 1, Mar 15): 12 000.
    // Profit 8000 × 0.5 × 0.4 = 1600; hours value 4m × 50 = 200m; cost 600m + 1200.
    const m = 5 + 14 / 30;
    const roi = roiAtCheckpoint(prepared, 6);
    expect(roi?.status).toBe('in-progress');
    expect(roi?.revenueAfter).toBe(20_000);
    expect(roi?.revenueBefore).toBe(12_000);
    expect(roi?.hoursSaved.value).toBeCloseTo(200 * m, 9);
    expect(roi?.roi).toBeCloseTo((1600 + 200 * m - (600 * m + 1200)) / (600 * m + 1200), 12);
  });

  it('is null when the system costs nothing', () => {
    const free = prepareReport(
      revenueSnapshot,
      settings({ adoptionDate: '2024-04-01', attributionPct: 100, grossMarginPct: 100 }),
      asOf,
    );
    const roi = roiAtCheckpoint(free, 3);
    expect(roi?.systemCost.total).toBe(0);
    expect(roi?.gain).toBe(6000);
    expect(roi?.roi).toBeNull();
    expect(paybackMonth(free)).toBeNull();
  });
});

describe('payback month', () => {
  it('is the first ended m-month window with ROI ≥ 0', () => {
    // Licence 1000 a month, everything else 0, attribution and margin stated as 100 %:
    // m = 1: A [Apr 1, May 1) has 0 (the May 1 deal is outside), B [Mar 1, Apr 1) 0 → ROI −1.
    // m = 2: A [Apr 1, Jun 1) 16 000, B [Feb 1, Apr 1) 10 000 → (6000 − 2000) / 2000 = 2 ≥ 0.
    const prepared = prepareReport(
      revenueSnapshot,
      settings({ adoptionDate: '2024-04-01', licensePerMonth: 1000, attributionPct: 100, grossMarginPct: 100 }),
      asOf,
    );
    expect(roiAtCheckpoint(prepared, 1)?.roi).toBe(-1);
    expect(paybackMonth(prepared)).toBe(2);
  });

  it('is null while no ended window pays back', () => {
    // With the base settings every ended window (m = 1…5) has ROI < 0; m = 6 ends after asOf.
    const prepared = prepareReport(revenueSnapshot, settings(base), asOf);
    for (let m = 1; m <= 5; m++) expect(roiAtCheckpoint(prepared, m)?.roi).toBeLessThan(0);
    expect(paybackMonth(prepared)).toBeNull();
  });
});

describe('control segment (difference in differences)', () => {
  const leads = [
    lead('C', '2023-12-01T00:00:00Z', { ownerId: 'oc' }),
    lead('T', '2023-12-01T00:00:00Z', { ownerId: 'o1' }),
  ];
  const deals = [
    won('cB', ['C'], '2024-02-01T00:00:00Z', '2024-02-10T00:00:00Z', 100),
    won('cA', ['C'], '2024-05-01T00:00:00Z', '2024-05-10T00:00:00Z', 150),
    won('tB', ['T'], '2024-02-01T00:00:00Z', '2024-02-15T00:00:00Z', 1000),
    won('tA', ['T'], '2024-05-01T00:00:00Z', '2024-05-15T00:00:00Z', 2000),
    // No lead: in the rest.
    won('nA', [], '2024-05-01T00:00:00Z', '2024-05-20T00:00:00Z', 500),
    // Owned by a control rep, but its lead is not: the lead's owner decides → the rest.
    { ...won('xA', ['T'], '2024-05-01T00:00:00Z', '2024-05-25T00:00:00Z', 300), ownerId: 'oc' },
  ];
  const control = {
    adoptionDate: '2024-04-01',
    licensePerMonth: 100,
    grossMarginPct: 100,
    controlSegment: { owners: ['oc'], sources: [] },
  };

  it('replaces attribution with Rev_t(A) − Rev_t(B) × Rev_c(A) / Rev_c(B)', () => {
    // Control grew 100 → 150 (× 1.5). Treated: B 1000, A 2000 + 500 + 300 = 2800. 2800 − 1000 × 1.5 = 1300.
    // Margin 100 %; cost 3 × 100 = 300 → ROI (1300 − 300) / 300.
    const roi = roiAtCheckpoint(
      prepareReport(snapshot({ leads, deals }), settings({ ...control, attributionPct: 10 }), asOf),
      3,
    );
    expect(roi?.attribution).toBe('controlSegment');
    expect(roi?.control).toEqual({ treatedAfter: 2800, treatedBefore: 1000, controlAfter: 150, controlBefore: 100 });
    expect(roi?.incrementalRevenue).toBe(1300);
    expect(roi?.roi).toBeCloseTo(1000 / 300, 12);
  });

  it('is null when the control made nothing in the baseline', () => {
    const withoutBaseline = deals.filter((d) => d.id !== 'cB');
    const roi = roiAtCheckpoint(prepareReport(snapshot({ leads, deals: withoutBaseline }), settings(control), asOf), 3);
    expect(roi?.incrementalRevenue).toBeNull();
    expect(roi?.roi).toBeNull();
  });

  it('also puts sources in the control', () => {
    const bySource = { ...control, controlSegment: { owners: [], sources: ['organic_search'] } };
    // Both leads are organic_search (the fixture default): all lead deals are control; only nA is treated.
    const roi = roiAtCheckpoint(prepareReport(snapshot({ leads, deals }), settings(bySource), asOf), 3);
    expect(roi?.control).toEqual({ treatedAfter: 500, treatedBefore: 0, controlAfter: 2450, controlBefore: 1100 });
  });
});

describe('stated assumptions', () => {
  const unstated = { ...base, attributionPct: undefined, grossMarginPct: undefined };

  it('without a margin: profit, gain, ROI and payback are null, needsMargin', () => {
    // Attribution 50 %: incremental revenue (16 000 − 10 000) × 0.5 = 3000 still shows; everything after it waits.
    const prepared = prepareReport(revenueSnapshot, settings({ ...unstated, attributionPct: 50 }), asOf);
    const roi = roiAtCheckpoint(prepared, 3);
    expect(roi).toMatchObject({
      incrementalRevenue: 3000,
      incrementalProfit: null,
      gain: null,
      roi: null,
      roiInterval: null,
      reasons: ['needsMargin'],
      assumptions: { attributionPct: 50, controlSegment: null, grossMarginPct: null },
    });
    expect(paybackMonth(prepared)).toBeNull();
  });

  it('without an attribution share and no control: incremental revenue and after are null, needsAttribution', () => {
    const prepared = prepareReport(revenueSnapshot, settings({ ...unstated, grossMarginPct: 40 }), asOf);
    expect(roiAtCheckpoint(prepared, 3)).toMatchObject({
      revenueChange: 6000,
      incrementalRevenue: null,
      incrementalProfit: null,
      gain: null,
      roi: null,
      reasons: ['needsAttribution'],
    });
  });

  it('gives both reasons when both are unset', () => {
    const prepared = prepareReport(revenueSnapshot, settings(unstated), asOf);
    expect(roiAtCheckpoint(prepared, 3)?.reasons).toEqual(['needsMargin', 'needsAttribution']);
  });

  it('lets a control segment stand in for the attribution share, but not for the margin', () => {
    const leads = [lead('C', '2023-12-01T00:00:00Z', { ownerId: 'oc' })];
    const deals = [
      won('cB', ['C'], '2024-02-01T00:00:00Z', '2024-02-10T00:00:00Z', 100),
      won('cA', ['C'], '2024-05-01T00:00:00Z', '2024-05-10T00:00:00Z', 150),
    ];
    const controlSegment = { owners: ['oc'], sources: [] };
    const prepared = prepareReport(snapshot({ leads, deals }), settings({ ...unstated, controlSegment }), asOf);
    const roi = roiAtCheckpoint(prepared, 3);
    // Treated made nothing either side: 0 − 0 × 150/100 = 0 incremental revenue; the margin is still missing.
    expect(roi).toMatchObject({ incrementalRevenue: 0, incrementalProfit: null, roi: null, reasons: ['needsMargin'] });
    expect(roi?.assumptions).toEqual({ attributionPct: null, controlSegment, grossMarginPct: null });
  });
});

describe('revenue-change and ROI intervals at a checkpoint', () => {
  it('take Σ amount² of each window and the ROI at each end', () => {
    // 3 months: A has 16 000, B 10 000 → d = 6000 ± z·sqrt(16 000² + 10 000²) = 6000 ± 36 980.526.
    // ROI at an end x: (x × 0.5 × 0.4 + 600 − 3000) / 3000 →
    //   low  (−30 980.526 × 0.2 − 2400) / 3000 = −2.865368, high (42 980.526 × 0.2 − 2400) / 3000 = 2.065368.
    const roi = roiAtCheckpoint(prepareReport(revenueSnapshot, settings(base), asOf), 3);
    expect(roi?.revenueChangeInterval?.low).toBeCloseTo(-30_980.526499322703, 6);
    expect(roi?.revenueChangeInterval?.high).toBeCloseTo(42_980.5264993227, 6);
    expect(roi?.roiInterval?.low).toBeCloseTo(-2.86536843328818, 9);
    expect(roi?.roiInterval?.high).toBeCloseTo(2.0653684332881803, 9);
    expect(roi?.roiInterval?.reading).toBe('breakEvenNotYetShown');
  });

  it('has no ROI interval with a control segment', () => {
    const leads = [lead('C', '2023-12-01T00:00:00Z', { ownerId: 'oc' })];
    const deals = [
      won('cB', ['C'], '2024-02-01T00:00:00Z', '2024-02-10T00:00:00Z', 100),
      won('cA', ['C'], '2024-05-01T00:00:00Z', '2024-05-10T00:00:00Z', 150),
    ];
    const withControl = { ...base, controlSegment: { owners: ['oc'], sources: [] } };
    const roi = roiAtCheckpoint(prepareReport(snapshot({ leads, deals }), settings(withControl), asOf), 3);
    expect(roi?.roi).not.toBeNull();
    expect(roi?.revenueChangeInterval).not.toBeNull();
    expect(roi?.roiInterval).toBeNull();
  });
});
