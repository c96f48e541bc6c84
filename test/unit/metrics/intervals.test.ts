import { describe, expect, it } from 'vitest';
import {
  medianDifferenceInterval,
  medianStandardError,
  rateDifferenceInterval,
  revenueChangeInterval,
  roiInterval,
  wilsonInterval,
  Z95,
} from '../../../lib/metrics/intervals.ts';
import { compareKpi } from '../../../lib/metrics/kpis.ts';
import { prepareReport } from '../../../lib/metrics/prepare.ts';
import { windowFigures } from '../../../lib/metrics/window-figures.ts';
import { at, lead, minute, settings, snapshot, touch, won } from './fixtures.ts';

// z = 1.959963984540054, z² = 3.841458820694124.

describe('Wilson interval of one rate', () => {
  it('follows (p + z²/2n ± z·sqrt(p(1−p)/n + z²/4n²)) / (1 + z²/n)', () => {
    // p = 0.5, n = 10: centre 0.5 + 3.841459/20 = 0.692073; half z·sqrt(0.025 + 3.841459/400) = z·0.186020 = 0.364594;
    // scale 1 + 0.384146 = 1.384146 → (0.327479 / 1.384146, 1.056667 / 1.384146) = (0.236593, 0.763407).
    const interval = wilsonInterval(0.5, 10);
    expect(interval?.low).toBeCloseTo(0.236593090512564, 12);
    expect(interval?.high).toBeCloseTo(0.763406909487436, 12);
    // p = 0, n = 10: centre 0.192073 and half z·sqrt(0.0096036) = 0.192073 → low exactly 0, high 0.384146 / 1.384146.
    expect(wilsonInterval(0, 10)?.low).toBeCloseTo(0, 12);
    expect(wilsonInterval(0, 10)?.high).toBeCloseTo(0.2775327998628892, 12);
    expect(wilsonInterval(0.5, 0)).toBeNull();
  });
});

describe("Newcombe's hybrid score interval of a rate difference", () => {
  it('combines the two Wilson intervals', () => {
    // A 8/10 = 0.8: Wilson (0.490162, 0.943318); B 4/10 = 0.4: Wilson (0.168180, 0.687326); d = 0.4.
    // low  = 0.4 − sqrt((0.8 − 0.490162)² + (0.687326 − 0.4)²) = 0.4 − sqrt(0.095999 + 0.082556) = −0.022558
    // high = 0.4 + sqrt((0.943318 − 0.8)² + (0.4 − 0.168180)²) = 0.4 + sqrt(0.020540 + 0.053741) = 0.672544
    const interval = rateDifferenceInterval(0.8, 10, 0.4, 10);
    expect(interval?.low).toBeCloseTo(-0.022558465355208668, 12);
    expect(interval?.high).toBeCloseTo(0.6725442445674756, 12);
    expect(interval?.notSignificant).toBe(true);
  });

  it('is not the plain normal interval', () => {
    // 0.5 of 100 vs 0.4 of 100: the old d ± 1.96·0.07 gave (−0.0372, 0.2372); Newcombe gives (−0.037302, 0.232123).
    const interval = rateDifferenceInterval(0.5, 100, 0.4, 100);
    expect(interval?.low).toBeCloseTo(-0.037302103215463456, 12);
    expect(interval?.high).toBeCloseTo(0.23212305420266285, 12);
  });

  it('is significant when it excludes 0, counts an end at 0 as containing it, and is null without data', () => {
    expect(rateDifferenceInterval(0.9, 1000, 0.1, 1000)?.notSignificant).toBe(false);
    // 10 of 10 vs 10 of 10: both Wilson intervals end at 1, so the high end is d + sqrt(0 + (1 − l_B)²) > 0 and the low end
    // d − sqrt((1 − l_A)² + 0) < 0: not significant.
    expect(rateDifferenceInterval(1, 10, 1, 10)?.notSignificant).toBe(true);
    expect(rateDifferenceInterval(0.5, 0, 0.4, 10)).toBeNull();
    expect(rateDifferenceInterval(0.5, 10, 0.4, 0)).toBeNull();
    expect(rateDifferenceInterval(null, 10, 0.4, 10)).toBeNull();
  });
});

describe('McKean–Schrader interval of a median difference', () => {
  it('takes SE = (x₍ₙ₋c₊₁₎ − x₍c₎)/(2z) with c = round((n + 1)/2 − z·sqrt(n/4))', () => {
    // n = 10: c = round(5.5 − z·sqrt(2.5)) = round(5.5 − 3.098975) = round(2.401) = 2.
    // Values 1…10 (given unsorted): x₍₂₎ = 2, x₍₉₎ = 9 → SE = 7 / (2z) = 1.785747.
    expect(medianStandardError([7, 3, 10, 1, 9, 2, 8, 4, 6, 5])).toBeCloseTo(1.785747099236289, 12);
    // n = 11: c = round(6 − z·sqrt(2.75)) = round(2.7498) = 3. Values 0, 10, …, 100: x₍₃₎ = 20, x₍₉₎ = 80 → 60/(2z).
    const eleven = [100, 0, 50, 10, 90, 20, 80, 30, 70, 40, 60];
    expect(medianStandardError(eleven)).toBeCloseTo(60 / (2 * Z95), 12);
    // Fewer than 10 values: no SE.
    expect(medianStandardError([1, 2, 3, 4, 5, 6, 7, 8, 9])).toBeNull();
  });

  it('is d ± z·sqrt(SE_A² + SE_B²), null when a side has fewer than 10', () => {
    // A = 1…10 (median 5.5, SE 1.785747); B = 2, 4, …, 20 (median 11; x₍₂₎ = 4, x₍₉₎ = 18 → SE 14/(2z) = 3.571494).
    // d = −5.5; half = z·sqrt(3.188893 + 12.755571) = z·3.993058 = 7.826238 → (−13.326238, 2.326238), contains 0.
    const seA = medianStandardError([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    const seB = medianStandardError([2, 4, 6, 8, 10, 12, 14, 16, 18, 20]);
    const interval = medianDifferenceInterval(-5.5, seA, seB);
    expect(interval?.low).toBeCloseTo(-13.326237921249264, 9);
    expect(interval?.high).toBeCloseTo(2.3262379212492643, 9);
    expect(interval?.notSignificant).toBe(true);
    expect(medianDifferenceInterval(-5.5, seA, null)).toBeNull();
  });
});

describe('revenue-change interval', () => {
  it('is d ± z·sqrt(Σ_A amount² + Σ_B amount²)', () => {
    // A: 16 000 (Σ² 256 000 000); B: 10 000 (Σ² 100 000 000); d = 6000.
    // half = z·sqrt(356 000 000) = z·18 867.962 = 36 980.526 → (−30 980.526, 42 980.526).
    const interval = revenueChangeInterval(
      6000,
      { deals: 1, sumOfSquares: 256_000_000 },
      { deals: 1, sumOfSquares: 100_000_000 },
    );
    expect(interval?.low).toBeCloseTo(-30_980.526499322703, 6);
    expect(interval?.high).toBeCloseTo(42_980.5264993227, 6);
    expect(interval?.notSignificant).toBe(true);
  });

  it('exists when one window has deals, and is null when neither has', () => {
    // A: one 100 deal, B none: d = 100, half = z·100 = 195.996 → (−95.996, 295.996).
    const one = revenueChangeInterval(100, { deals: 1, sumOfSquares: 10_000 }, { deals: 0, sumOfSquares: 0 });
    expect(one?.low).toBeCloseTo(100 - 100 * Z95, 9);
    expect(revenueChangeInterval(0, { deals: 0, sumOfSquares: 0 }, { deals: 0, sumOfSquares: 0 })).toBeNull();
  });
});

describe('ROI interval readings', () => {
  it('reads loss shown, break-even shown or not yet shown (an end at 0 counts as containing it)', () => {
    expect(roiInterval(-2, -0.5)).toEqual({ low: -2, high: -0.5, notSignificant: false, reading: 'lossShown' });
    expect(roiInterval(0.1, 3).reading).toBe('breakEvenShown');
    expect(roiInterval(-2.865, 2.065)).toMatchObject({ notSignificant: true, reading: 'breakEvenNotYetShown' });
    expect(roiInterval(0, 1).reading).toBe('breakEvenNotYetShown');
    expect(roiInterval(-1, 0).reading).toBe('breakEvenNotYetShown');
  });
});

describe('median intervals in a comparison', () => {
  it('compare median response minutes with McKean–Schrader, null below 10 a side', () => {
    // B: 10 leads in January answered after 1…10 minutes; A: 10 leads in March answered after 2, 4, …, 20.
    // d = 11 − 5.5 = 5.5; SE_B = 7/(2z), SE_A = 14/(2z) → 5.5 ± 7.826238 = (−2.326238, 13.326238).
    const leads = [];
    const touches = [];
    for (let k = 1; k <= 10; k++) {
      const b = `2024-01-${String(k + 1).padStart(2, '0')}T10:00:00Z`;
      const a = `2024-03-${String(k + 1).padStart(2, '0')}T10:00:00Z`;
      leads.push(lead(`B${k}`, b), lead(`A${k}`, a));
      touches.push(touch(`tB${k}`, [`B${k}`], new Date(at(b) + k * minute).toISOString()));
      touches.push(touch(`tA${k}`, [`A${k}`], new Date(at(a) + 2 * k * minute).toISOString()));
    }
    const prepared = prepareReport(snapshot({ leads, touches }), settings(), at('2024-06-01T00:00:00Z'));
    const before = windowFigures(prepared, { from: at('2024-01-01T00:00:00Z'), to: at('2024-02-01T00:00:00Z') });
    const after = windowFigures(prepared, { from: at('2024-03-01T00:00:00Z'), to: at('2024-04-01T00:00:00Z') });
    const comparison = compareKpi('medianResponseMinutes', before, after);
    expect(comparison.difference).toBe(5.5);
    expect(comparison.interval?.low).toBeCloseTo(-2.3262379212492643, 9);
    expect(comparison.interval?.high).toBeCloseTo(13.326237921249264, 9);
    expect(comparison.notSignificant).toBe(true);
    // No won deals: no cycle values, no interval. A mean has none either.
    expect(compareKpi('medianSalesCycleDays', before, after).interval).toBeNull();
    expect(compareKpi('meanResponseMinutes', before, after).interval).toBeNull();
  });
});

describe('the revenue comparison', () => {
  it('carries the revenue-change interval, since its d is A − B', () => {
    // B [Jan 1, Apr 1): 10 000; A [Apr 1, Jul 1): 16 000 → 6000 ± z·sqrt(16 000² + 10 000²) = (−30 980.53, 42 980.53).
    const prepared = prepareReport(
      snapshot({
        deals: [
          won('b', [], '2024-01-15T00:00:00Z', '2024-02-01T00:00:00Z', 10_000),
          won('a', [], '2024-04-15T00:00:00Z', '2024-05-01T00:00:00Z', 16_000),
        ],
      }),
      settings(),
      at('2024-09-15T00:00:00Z'),
    );
    const before = windowFigures(prepared, { from: at('2024-01-01T00:00:00Z'), to: at('2024-04-01T00:00:00Z') });
    const after = windowFigures(prepared, { from: at('2024-04-01T00:00:00Z'), to: at('2024-07-01T00:00:00Z') });
    const comparison = compareKpi('revenue', before, after);
    expect(comparison.difference).toBe(6000);
    expect(comparison.interval?.low).toBeCloseTo(-30_980.526499322703, 6);
    expect(comparison.interval?.high).toBeCloseTo(42_980.5264993227, 6);
    // Deals won and the average deal size have none.
    expect(compareKpi('dealsWon', before, after).interval).toBeNull();
    expect(compareKpi('averageDealSize', before, after).interval).toBeNull();
  });
});
