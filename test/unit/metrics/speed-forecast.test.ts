import { describe, expect, it } from 'vitest';
import { forecast } from '../../../lib/metrics/forecast.ts';
import { prepareReport } from '../../../lib/metrics/prepare.ts';
import { windowFigures } from '../../../lib/metrics/window-figures.ts';
import { at, deal, lead, settings, snapshot, touch, won } from './fixtures.ts';

describe('speed-to-lead curve', () => {
  const created = '2024-01-02T00:00:00Z';
  const answeredAfter = (id: string, minutes: number) =>
    touch(`t-${id}`, [id], new Date(at(created) + minutes * 60_000).toISOString());
  const leads = ['F1', 'F2', 'M1', 'S1', 'S2', 'S3', 'N1', 'N2', 'N3', 'N4'].map((id) =>
    lead(id, created, id === 'F2' ? { lifecycleStage: 'salesqualifiedlead' } : {}),
  );
  const snap = snapshot({
    leads,
    touches: [
      answeredAfter('F1', 1),
      answeredAfter('F2', 2),
      answeredAfter('M1', 10),
      answeredAfter('S1', 45),
      answeredAfter('S2', 2 * 1440),
      answeredAfter('S3', 3 * 1440),
    ],
    deals: [
      won('w1', ['F1'], '2024-01-10T00:00:00Z', '2024-01-20T00:00:00Z', 1000),
      won('w2', ['S2'], '2024-01-10T00:00:00Z', '2024-01-25T00:00:00Z', 3000),
    ],
  });
  const january = { from: at('2024-01-01T00:00:00Z'), to: at('2024-02-01T00:00:00Z') };
  const figures = windowFigures(prepareReport(snap, settings(), at('2024-06-01T00:00:00Z')), january);

  it('gives n, qualified rate and won rate per bucket', () => {
    expect(figures.speedToLead.buckets.map((b) => [b.bucket, b.n, b.qualifiedRate, b.wonRate])).toEqual([
      ['<5m', 2, 1, 0.5],
      ['5–30m', 1, 0, 0],
      ['30–60m', 1, 0, 0],
      ['1–24h', 0, null, null],
      ['>24h', 2, 0.5, 0.5],
      ['never', 4, 0, 0],
    ]);
  });

  it('puts revenue at stake over the slow buckets at the window’s average deal size', () => {
    // Average deal size (1000 + 3000) / 2 = 2000; wonRate(<5m) = 0.5.
    // 30–60m: 1 × 0.5 × 2000 = 1000; 1–24h empty: 0; >24h: 2 × (0.5 − 0.5) = 0; never: 4 × 0.5 × 2000 = 4000.
    // 5–30m is not a slow bucket. Total 5000.
    expect(figures.speedToLead.revenueAtStake).toBe(5000);
  });

  it('is null without fast leads or without won deals', () => {
    const slowOnly = snapshot({ ...snap, leads: leads.filter((l) => !l.id.startsWith('F')) });
    const withoutFast = windowFigures(prepareReport(slowOnly, settings(), at('2024-06-01T00:00:00Z')), january);
    expect(withoutFast.speedToLead.revenueAtStake).toBeNull();
    const noWins = snapshot({ ...snap, deals: [] });
    expect(
      windowFigures(prepareReport(noWins, settings(), at('2024-06-01T00:00:00Z')), january).speedToLead.revenueAtStake,
    ).toBeNull();
  });
});

describe('forecast', () => {
  const asOf = at('2024-07-15T12:00:00Z');
  const monthly = [
    ['2024-02-10', 100],
    ['2024-04-10', 300],
    ['2024-05-10', 200],
    ['2024-06-10', 600],
    ['2023-12-10', 5000],
    ['2024-07-10', 999],
  ] as const;
  const snap = snapshot({
    deals: [
      ...monthly.map(([date, amount], i) => won(`w${i}`, [], `${date}T00:00:00Z`, `${date}T12:00:00Z`, amount)),
      deal('O1', [], '2024-06-01T00:00:00Z', { amount: 1000, closeDate: at('2024-08-10T00:00:00Z') }),
      deal('O2', [], '2024-06-01T00:00:00Z', { amount: 2000, closeDate: at('2024-08-20T00:00:00Z') }),
      deal('O3', [], '2024-06-01T00:00:00Z', {
        amount: 400,
        stageId: 'mystery',
        closeDate: at('2024-09-01T00:00:00Z'),
      }),
      deal('O4', [], '2024-06-01T00:00:00Z', { amount: 600 }),
    ],
  });
  const result = forecast(prepareReport(snap, settings(), asOf));

  it('weights open deals by their stage probability, by close month', () => {
    // O1, O2 at 50 %: 500 + 1000 in 2024-08; O3's stage is unknown: 0; O4 undated: 300. Total 1800.
    expect(result.weightedPipeline).toBe(1800);
    expect(result.unknownStageDeals).toBe(1);
    expect(result.byMonth).toEqual({
      '2024-08': { deals: 2, amount: 3000, weighted: 1500 },
      '2024-09': { deals: 1, amount: 400, weighted: 0 },
      undated: { deals: 1, amount: 600, weighted: 300 },
    });
  });

  it('fits a least-squares line to the 6 full months before asOf’s month and projects 3 months', () => {
    // Jan…Jun: 0, 100, 0, 300, 200, 600 (December and July are outside). x̄ = 2.5, ȳ = 200,
    // Σ(x − x̄)(y − ȳ) = 500 + 150 + 100 + 50 + 0 + 1000 = 1800, Σ(x − x̄)² = 17.5 → slope 102.857…,
    // intercept 200 − 2.5 × slope = −57.142…; projections at x = 6, 7, 8.
    expect(result.trend.history.map((p) => p.revenue)).toEqual([0, 100, 0, 300, 200, 600]);
    expect(result.trend.history[0]?.month).toBe('2024-01');
    const slope = 1800 / 17.5;
    expect(result.trend.slope).toBeCloseTo(slope, 9);
    expect(result.trend.intercept).toBeCloseTo(200 - 2.5 * slope, 9);
    expect(result.trend.projection.map((p) => p.month)).toEqual(['2024-07', '2024-08', '2024-09']);
    expect(result.trend.projection[0]?.revenue).toBeCloseTo(560, 9);
    expect(result.trend.projection[2]?.revenue).toBeCloseTo(200 + 5.5 * slope, 9);
  });
});
