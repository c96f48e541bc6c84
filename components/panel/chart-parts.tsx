import { type ReactNode, type RefObject, useLayoutEffect, useRef, useState } from 'react';
import { labelsThatFit, niceTicks } from '../../lib/panel/chart-scale';

// The panel's charts, drawn as plain SVG: bars (BarSeries), a line (LineSeries), and bars with a line on a second
// axis (BarsAndLine), one file each; this file holds what they share: the frame following the panel's width, the
// axes, the bars and the line. Every chart sits beside a table holding the same figures, so the chart is the picture
// and the table the record. Each bar or point carries its value as an SVG title (the browser's own tooltip).
// Right-to-left mirrors them: in Hebrew time runs right to left and the value axis sits on the right.
//
// These replaced recharts 3.10: on this machine its eight charts took ≈ 700 ms to redraw after a filter change
// (20 000 leads, whole portal), most of the panel's filter time; these take a few milliseconds.

export interface ChartText {
  rtl: boolean;
  /** Tick and tooltip formatting of values. */
  value(value: number): string;
  category?(key: string): string;
}

export const HEIGHT = 200;
export const PAD = 8;
const VALUE_AXIS = 64;
export const CATEGORY_AXIS = 20;
export const CATEGORY_COLUMN = 96;
const LABEL_PX = 56;
export const FONT = 11;

/** The figure's width in pixels, followed as the panel is resized. */
function useWidth(): [RefObject<HTMLElement | null>, number] {
  const ref = useRef<HTMLElement | null>(null);
  const [width, setWidth] = useState(320);
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return;
    const measure = () => {
      const next = Math.round(element.clientWidth);
      if (next > 0) setWidth(next);
    };
    measure();
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  return [ref, width];
}

export function Frame({ label, children }: { label: string; children: (width: number) => ReactNode }) {
  const [ref, width] = useWidth();
  return (
    <figure className="ll-chart" aria-label={label} ref={ref}>
      {/* Laid out left to right in both directions (mirroring is done by the geometry), so text anchors mean the
          same on a right-to-left page; the table beside the chart is what assistive technology reads. */}
      <svg width={width} height={HEIGHT} viewBox={`0 0 ${width} ${HEIGHT}`} direction="ltr" aria-hidden="true">
        {children(width)}
      </svg>
    </figure>
  );
}

function finite(values: ReadonlyArray<number | null>): number[] {
  return values.filter((value): value is number => value !== null && Number.isFinite(value));
}

/** Horizontal grid lines and value labels on one side. */
export function ValueAxis({
  ticks,
  y,
  x,
  from,
  to,
  anchor,
  format,
  grid = true,
}: {
  ticks: number[];
  y: (value: number) => number;
  x: number;
  from: number;
  to: number;
  anchor: 'start' | 'end';
  format: (value: number) => string;
  grid?: boolean;
}) {
  return (
    <g className="ll-chart-axis" fontSize={FONT} fill="currentColor">
      {ticks.map((tick) => (
        <g key={tick}>
          {grid && <line x1={from} x2={to} y1={y(tick)} y2={y(tick)} stroke="var(--ll-border)" strokeDasharray="3 3" />}
          <text x={x} y={y(tick)} dy="0.32em" textAnchor={anchor}>
            {format(tick)}
          </text>
        </g>
      ))}
    </g>
  );
}

/** A category name cut to what the side column holds; the whole name is the label's title. */
export function shortened(label: string): string {
  const room = Math.floor((CATEGORY_COLUMN - 4) / (FONT * 0.6));
  return label.length <= room ? label : `${label.slice(0, room - 1)}…`;
}

/** A label centred on `x`, moved inside the chart when it would spill over an edge (its width estimated). */
export function centred(
  x: number,
  label: string,
  width: number,
): { x: number; textAnchor: 'start' | 'middle' | 'end' } {
  const half = (label.length * FONT * 0.6) / 2;
  if (x - half < 0) return { x: 1, textAnchor: 'start' };
  if (x + half > width) return { x: width - 1, textAnchor: 'end' };
  return { x, textAnchor: 'middle' };
}

/** Category labels under the plot, thinned so they do not overlap. */
export function CategoryAxis({
  keys,
  centers,
  y,
  size,
  width,
  name,
}: {
  keys: readonly string[];
  centers: readonly number[];
  y: number;
  size: number;
  width: number;
  name: (key: string) => string;
}) {
  const shown = labelsThatFit(keys.length, size, LABEL_PX);
  return (
    <g className="ll-chart-axis" fontSize={FONT} fill="currentColor">
      {keys.map((key, i) => {
        if (!shown.has(i)) return null;
        const label = name(key);
        return (
          <text key={key} y={y} dy="0.8em" {...centred(centers[i] ?? 0, label, width)}>
            {label}
          </text>
        );
      })}
    </g>
  );
}

/** Left and right ends of the plot: the value axis takes the start side (the right in right-to-left). */
export function plotSpan(width: number, rtl: boolean, axes: 1 | 2): { left: number; right: number } {
  if (axes === 2) return { left: PAD + VALUE_AXIS, right: width - PAD - VALUE_AXIS };
  return rtl ? { left: PAD, right: width - PAD - VALUE_AXIS } : { left: PAD + VALUE_AXIS, right: width - PAD };
}

function linePath(points: ReadonlyArray<{ x: number; y: number | null }>): string {
  // Gaps (no value) are bridged: the line joins the points on either side.
  return points
    .filter((point): point is { x: number; y: number } => point.y !== null)
    .map((point, i) => `${i === 0 ? 'M' : 'L'}${point.x.toFixed(1)},${point.y.toFixed(1)}`)
    .join(' ');
}

/** Round ticks covering the values (and 0), and the domain they span. */
export function valueScale(values: ReadonlyArray<number | null>): { ticks: number[]; domain: [number, number] } {
  const present = finite(values);
  const ticks = niceTicks(Math.min(0, ...present), Math.max(0, ...present));
  return { ticks, domain: [ticks[0] ?? 0, ticks[ticks.length - 1] ?? 1] };
}

/** Vertical bars from 0, one per slot, each with its value as title; a missing value draws nothing. */
export function Columns({
  bars,
  columns,
  y,
}: {
  bars: ReadonlyArray<{ key: string; value: number | null; fill: string; title: string }>;
  columns: ReadonlyArray<{ center: number; width: number }>;
  y: (value: number) => number;
}) {
  return (
    <>
      {bars.map((bar, i) => {
        if (bar.value === null) return null;
        const column = columns[i] ?? { center: 0, width: 0 };
        const thickness = Math.max(1, column.width * 0.7);
        const from = y(0);
        const to = y(bar.value);
        return (
          <rect
            key={bar.key}
            x={column.center - thickness / 2}
            y={Math.min(from, to)}
            width={thickness}
            height={Math.abs(to - from)}
            fill={bar.fill}
          >
            <title>{bar.title}</title>
          </rect>
        );
      })}
    </>
  );
}

/** A line through the points that have a value, a dot on each with its title. */
export function LinePoints({
  points,
  color,
  title,
}: {
  points: ReadonlyArray<{ key: string; x: number; y: number | null; value: number | null }>;
  color: string;
  title: (key: string, value: number) => string;
}) {
  return (
    <>
      <path d={linePath(points)} fill="none" stroke={color} strokeWidth={2} />
      {points.map((point) =>
        point.y === null || point.value === null ? null : (
          <circle key={point.key} cx={point.x} cy={point.y} r={3} fill={color}>
            <title>{title(point.key, point.value)}</title>
          </circle>
        ),
      )}
    </>
  );
}
