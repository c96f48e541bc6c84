import { describe, expect, it } from 'vitest';
import { trendOf } from '../../../components/panel/KpiCards';
import { figureRuns, formatDifference, formatters, isEquation } from '../../../lib/panel/format';
import type { KpiCardModel } from '../../../lib/panel/kpi-cards';

describe('figures in a formula line', () => {
  it('isolates each figure, leaving operators, brackets and words outside', () => {
    // Intl's Hebrew amounts: a right-to-left mark, the digits, a no-break space and the sign.
    const line =
      'ROI = (רווח − עלות המערכת) / עלות המערכת = (\u200f1,000\u00a0₪ − \u200f500\u00a0₪) / \u200f500\u00a0₪ = −40%';
    const figures = figureRuns(line)
      .filter((run) => run.figure)
      .map((run) => run.text);
    expect(figures).toEqual(['\u200f1,000\u00a0₪', '\u200f500\u00a0₪', '\u200f500\u00a0₪', '−40%']);
    // Nothing is lost or reordered.
    expect(
      figureRuns(line)
        .map((run) => run.text)
        .join(''),
    ).toBe(line);
  });

  it('keeps a line without figures whole', () => {
    expect(figureRuns('ROI waits for the margin')).toEqual([{ text: 'ROI waits for the margin', figure: false }]);
  });

  it('tells an equation from prose', () => {
    expect(isEquation('d = A − B = 12 − 10 = +2')).toBe(true);
    expect(isEquation('Enter your gross margin to see ROI')).toBe(false);
  });
});

describe('a signed difference right to left', () => {
  it('keeps the sign inside the number’s run, where Intl puts it', () => {
    const he = formatters('he-IL', 'USD', 'UTC');
    const intl = (options: Intl.NumberFormatOptions, value: number) =>
      new Intl.NumberFormat('he-IL', { ...options, signDisplay: 'exceptZero' }).format(value).replace('-', '\u2212');
    const money = { style: 'currency', currency: 'USD', maximumFractionDigits: 0 } as const;
    expect(formatDifference('money', 281264, he)).toBe(intl(money, 281264));
    expect(formatDifference('money', -281264, he)).toBe(intl(money, -281264));
    expect(formatDifference('days', -6, he)).toBe(
      intl({ style: 'unit', unit: 'day', unitDisplay: 'short', maximumFractionDigits: 1 }, -6),
    );
    expect(he.signedRate(0.52)).toBe('\u200e+52%');
    expect(he.signedRate(-0.81)).toBe('\u200e\u221281%');
    // Left to right nothing changes: no marks.
    expect(formatters('en-US', 'USD', 'UTC').signedRate(-0.81)).toBe('\u221281%');
    expect(formatDifference('money', -1000, formatters('en-US', 'USD', 'UTC'))).toBe('\u2212$1,000');
  });
});

const card = (overrides: Partial<KpiCardModel>): KpiCardModel => ({
  id: 'shareWithinSla',
  unit: 'rate',
  before: 0.5,
  after: 0.4,
  difference: -0.1,
  interval: { low: -0.2, high: 0.05 },
  notSignificant: true,
  reading: null,
  reasons: [],
  needs: [],
  target: null,
  afterN: 100,
  beforeN: 100,
  sparkline: [],
  ...overrides,
});

describe('the colour of a change', () => {
  it('is never red for a change that is not significant', () => {
    expect(trendOf(card({}))).toBe('flat');
  });

  it('is red or green only for a significant change, by which way is better', () => {
    const significant = { interval: { low: -0.2, high: -0.01 }, notSignificant: false };
    expect(trendOf(card(significant))).toBe('worse');
    expect(trendOf(card({ ...significant, difference: 0.1 }))).toBe('better');
    // Lower is better for response times: a significant fall is good.
    expect(trendOf(card({ ...significant, id: 'medianResponseMinutes', unit: 'minutes' }))).toBe('better');
  });

  it('stays neutral for a KPI without an interval', () => {
    expect(trendOf(card({ id: 'cac', unit: 'money', interval: null, notSignificant: null, difference: 40 }))).toBe(
      'flat',
    );
  });
});
