import { describe, expect, it } from 'vitest';
import { axisDomain, chartData, chartModel, seriesKey, shortened, tickLabel } from '../../../lib/panel/chart-model';
import { formatters } from '../../../lib/panel/format';

const f = formatters('en-US', 'USD', 'UTC');

describe('chartModel', () => {
  const model = chartModel({
    rows: [
      { key: '2026-01', values: [120, 0.25] },
      { key: '2026-02', values: [null, Number.NaN] },
      { key: '2026-03', values: [40, 0.5] },
    ],
    series: [
      { name: 'Leads', format: f.count },
      { name: 'Won rate', format: f.rate },
    ],
    category: f.month,
  });

  it('writes every value as the table and tooltip show it, "—" where there is none', () => {
    expect(model.series).toEqual([{ name: 'Leads' }, { name: 'Won rate' }]);
    expect(model.rows.map((row) => row.label)).toEqual([f.month('2026-01'), f.month('2026-02'), f.month('2026-03')]);
    expect(model.rows.map((row) => row.texts)).toEqual([
      ['120', f.rate(0.25)],
      ['—', '—'],
      ['40', f.rate(0.5)],
    ]);
    // NaN is no value, like null: no bar, the line bridges it.
    expect(model.rows[1]?.values).toEqual([null, null]);
  });

  it('gives each series its own round axis from 0, with its ticks written by its own format', () => {
    expect(model.axes[0]?.ticks).toEqual([0, 50, 100, 150]);
    expect(axisDomain(model.axes[0])).toEqual([0, 150]);
    expect(model.axes[1]?.ticks).toEqual([0, 0.2, 0.4, 0.6]);
    expect(tickLabel(model.axes[1])(0.4)).toBe(f.rate(0.4));
    expect(tickLabel(model.axes[0])(150)).toBe('150');
  });

  it('covers negative values (a loss) and keeps the domain 0–1 when there are none at all', () => {
    const loss = chartModel({ rows: [{ key: 'a', values: [-30] }], series: [{ name: 'ROI', format: String }] });
    expect(axisDomain(loss.axes[0])[0]).toBeLessThanOrEqual(-30);
    expect(axisDomain(loss.axes[0])[1]).toBe(0);
    const empty = chartModel({ rows: [{ key: 'a', values: [null] }], series: [{ name: 'ROI', format: String }] });
    expect(axisDomain(empty.axes[0])).toEqual([0, 1]);
  });

  it('is fed to recharts as one field per series, keyed by the category', () => {
    expect(chartData(model)).toEqual([
      { key: '2026-01', [seriesKey(0)]: 120, [seriesKey(1)]: 0.25 },
      { key: '2026-02', [seriesKey(0)]: null, [seriesKey(1)]: null },
      { key: '2026-03', [seriesKey(0)]: 40, [seriesKey(1)]: 0.5 },
    ]);
  });

  it('is equal by value for equal inputs, so a re-render with new arrays keeps the drawing', () => {
    const again = chartModel({
      rows: [
        { key: '2026-01', values: [120, 0.25] },
        { key: '2026-02', values: [null, null] },
        { key: '2026-03', values: [40, 0.5] },
      ],
      series: [
        { name: 'Leads', format: f.count },
        { name: 'Won rate', format: f.rate },
      ],
      category: f.month,
    });
    expect(JSON.stringify(again)).toBe(JSON.stringify(model));
  });
});

describe('shortened', () => {
  it('cuts a long category name with an ellipsis and leaves a short one', () => {
    expect(shortened('a very long campaign name indeed', 14)).toBe('a very long c…');
    expect(shortened('a very long campaign name indeed', 14)).toHaveLength(14);
    expect(shortened('short', 14)).toBe('short');
  });
});
