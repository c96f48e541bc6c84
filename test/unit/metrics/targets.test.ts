import { describe, expect, it } from 'vitest';
import { prepareReport } from '../../../lib/metrics/prepare.ts';
import { roiAtCheckpoint } from '../../../lib/metrics/roi.ts';
import { targetStatus, targetsAtCheckpoint } from '../../../lib/metrics/targets.ts';
import { windowFigures } from '../../../lib/metrics/window-figures.ts';
import { at, settings, snapshot, won } from './fixtures.ts';

describe('target status', () => {
  it('is met at or above the target, at or below it for the lower-is-better keys, null without a value', () => {
    expect(targetStatus('leadToCustomerRate', 0.2, 0.2)).toBe('met');
    expect(targetStatus('leadToCustomerRate', 0.19, 0.2)).toBe('missed');
    expect(targetStatus('medianResponseMinutes', 5, 5)).toBe('met');
    expect(targetStatus('p90ResponseMinutes', 61, 60)).toBe('missed');
    expect(targetStatus('cac', 90, 100)).toBe('met');
    expect(targetStatus('medianSalesCycleDays', 31, 30)).toBe('missed');
    expect(targetStatus('nps', -10, -20)).toBe('met');
    expect(targetStatus('roi', null, 0)).toBeNull();
  });
});

describe('targets at a checkpoint', () => {
  // The ROI test's numbers: 3-month checkpoint, A 16 000 (deal a3, no lead, created Apr 15, closed May 1: cycle 16
  // days), B 10 000, ROI −0.4.
  const prepared = prepareReport(
    snapshot({
      deals: [
        won('b3', [], '2024-01-15T00:00:00Z', '2024-02-01T00:00:00Z', 10_000),
        won('a3', [], '2024-04-15T00:00:00Z', '2024-05-01T00:00:00Z', 16_000),
      ],
    }),
    settings({
      adoptionDate: '2024-04-01',
      attributionPct: 50,
      grossMarginPct: 40,
      licensePerMonth: 500,
      maintenancePerMonth: 100,
      implementationCost: 1000,
      trainingCost: 200,
      hourlyCost: 50,
      manualHoursSavedPerMonth: 4,
    }),
    at('2024-09-15T00:00:00Z'),
  );
  const roi = roiAtCheckpoint(prepared, 3);
  if (roi === null) throw new Error('the checkpoint exists');
  const after = windowFigures(prepared, roi.after);

  it('compares the ROI, A − B for the revenue change, and A for the rest, in the order of the keys', () => {
    const results = targetsAtCheckpoint(
      { cac: 100, revenueChange: 5000, roi: 0, medianSalesCycleDays: 16, leadToCustomerRate: 0.1 },
      roi,
      after,
    );
    expect(results).toEqual([
      // ROI −0.4 < 0 → missed.
      { kpi: 'roi', target: 0, value: expect.closeTo(-0.4, 12), status: 'missed' },
      // 16 000 − 10 000 = 6000 ≥ 5000 → met.
      { kpi: 'revenueChange', target: 5000, value: 6000, status: 'met' },
      // No leads in A: the rate is null → no status.
      { kpi: 'leadToCustomerRate', target: 0.1, value: null, status: null },
      // Cycle 16 days ≤ 16 → met (lower is better, the target itself counts).
      { kpi: 'medianSalesCycleDays', target: 16, value: 16, status: 'met' },
      // No new customers: CAC null → no status.
      { kpi: 'cac', target: 100, value: null, status: null },
    ]);
  });

  it('lists nothing without targets', () => {
    expect(targetsAtCheckpoint({}, roi, after)).toEqual([]);
    expect(targetsAtCheckpoint(undefined, roi, after)).toEqual([]);
  });
});
