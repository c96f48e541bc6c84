import { niceTicks } from './chart-scale';
import { DASH } from './format';

// What one panel chart shows, as plain data: the chart (recharts), its tooltip and its table alternative all read
// this one model, so the table cannot disagree with the picture. Every text is formatted here, once, with the
// caller's Intl formatters; the model is then compared by value, so the recharts subtree redraws only when a figure
// or a label changes, not each time a parent re-renders with new but equal arrays.

/** One series of figures: its name (legend, tooltip, table header) and how its values are written. */
export interface ChartSeriesSpec {
  name: string;
  format(value: number): string;
}

export interface ChartAxis {
  /** Round ticks covering the series' values and 0; the first and last are the axis' domain. */
  ticks: number[];
  tickLabels: string[];
}

export interface ChartRow {
  key: string;
  /** The category as the reader sees it (a month, a step, a source). */
  label: string;
  /** One value per series; null where there is none (no bar, the line bridges the gap). */
  values: Array<number | null>;
  /** The values as written, "—" for none. */
  texts: string[];
}

export interface ChartModel {
  series: Array<{ name: string }>;
  /** One value axis per series. */
  axes: ChartAxis[];
  rows: ChartRow[];
}

function present(value: number | null | undefined): number | null {
  return value === null || value === undefined || !Number.isFinite(value) ? null : value;
}

export function chartModel(input: {
  rows: ReadonlyArray<{ key: string; values: ReadonlyArray<number | null> }>;
  series: readonly ChartSeriesSpec[];
  category?: (key: string) => string;
}): ChartModel {
  const { series } = input;
  const rows = input.rows.map((row) => {
    const values = series.map((_, i) => present(row.values[i]));
    return {
      key: row.key,
      label: input.category ? input.category(row.key) : row.key,
      values,
      texts: values.map((value, i) => (value === null ? DASH : (series[i] as ChartSeriesSpec).format(value))),
    };
  });
  const axes = series.map((spec, i) => {
    const values = rows.map((row) => row.values[i]).filter((value): value is number => value !== null);
    const ticks = niceTicks(Math.min(0, ...values), Math.max(0, ...values));
    return { ticks, tickLabels: ticks.map((tick) => spec.format(tick)) };
  });
  return { series: series.map((spec) => ({ name: spec.name })), axes, rows };
}

/** The rows recharts reads: the category key and one field per series (`s0`, `s1`, …). */
export function chartData(model: ChartModel): Array<Record<string, string | number | null>> {
  return model.rows.map((row) => {
    const point: Record<string, string | number | null> = { key: row.key };
    row.values.forEach((value, i) => {
      point[seriesKey(i)] = value;
    });
    return point;
  });
}

export function seriesKey(index: number): string {
  return `s${index}`;
}

/** The axis' domain: its first and last tick. */
export function axisDomain(axis: ChartAxis | undefined): [number, number] {
  return [axis?.ticks[0] ?? 0, axis?.ticks[axis.ticks.length - 1] ?? 1];
}

/** Tick labels looked up, not formatted again at every draw; an unknown tick (none expected) is formatted as is. */
export function tickLabel(axis: ChartAxis | undefined): (value: number) => string {
  const labels = new Map(axis?.ticks.map((tick, i) => [tick, axis.tickLabels[i] ?? String(tick)]));
  return (value) => labels.get(value) ?? String(value);
}

/** A category name cut to `room` characters with an ellipsis; the whole name stays in the tooltip and the table. */
export function shortened(label: string, room: number): string {
  return label.length <= room ? label : `${label.slice(0, Math.max(1, room - 1))}…`;
}
