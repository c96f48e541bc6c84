import { type ReactNode, type RefObject, useLayoutEffect, useRef, useState } from 'react';
import { labelsThatFit, linearScale, niceTicks, slots } from '../../lib/panel/chart-scale';

// The panel's charts, drawn as plain SVG: bars, a line, and bars with a line on a second axis. Every chart sits
// beside a table holding the same figures, so the chart is the picture and the table the record. Each bar or point
// carries its value as an SVG title (the browser's own tooltip). Right-to-left mirrors them: in Hebrew time runs right
// to left and the value axis sits on the right.
//
// These replaced recharts 3.10: on this machine its eight charts took ≈ 700 ms to redraw after a filter change
// (20 000 leads, whole portal), most of the panel's filter time; these take a few milliseconds.

export interface ChartText {
  rtl: boolean;
  /** Tick and tooltip formatting of values. */
  value(value: number): string;
  category?(key: string): string;
}

const HEIGHT = 200;
const PAD = 8;
const VALUE_AXIS = 64;
const CATEGORY_AXIS = 20;
const CATEGORY_COLUMN = 96;
const LABEL_PX = 56;
const FONT = 11;

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

function Frame({ label, children }: { label: string; children: (width: number) => ReactNode }) {
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
function ValueAxis({
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
function shortened(label: string): string {
  const room = Math.floor((CATEGORY_COLUMN - 4) / (FONT * 0.6));
  return label.length <= room ? label : `${label.slice(0, room - 1)}…`;
}

/** A label centred on `x`, moved inside the chart when it would spill over an edge (its width estimated). */
function centred(x: number, label: string, width: number): { x: number; textAnchor: 'start' | 'middle' | 'end' } {
  const half = (label.length * FONT * 0.6) / 2;
  if (x - half < 0) return { x: 1, textAnchor: 'start' };
  if (x + half > width) return { x: width - 1, textAnchor: 'end' };
  return { x, textAnchor: 'middle' };
}

/** Category labels under the plot, thinned so they do not overlap. */
function CategoryAxis({
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
function plotSpan(width: number, rtl: boolean, axes: 1 | 2): { left: number; right: number } {
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
function valueScale(values: ReadonlyArray<number | null>): { ticks: number[]; domain: [number, number] } {
  const present = finite(values);
  const ticks = niceTicks(Math.min(0, ...present), Math.max(0, ...present));
  return { ticks, domain: [ticks[0] ?? 0, ticks[ticks.length - 1] ?? 1] };
}

/** Vertical bars from 0, one per slot, each with its value as title; a missing value draws nothing. */
function Columns({
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
function LinePoints({
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

export function BarSeries({
  data,
  text,
  name,
  highlight,
  label,
  layout = 'horizontal',
}: {
  data: Array<{ key: string; value: number }>;
  text: ChartText;
  name: string;
  highlight?: string | null;
  label: string;
  /** `horizontal`: categories along the bottom; `vertical`: categories down the side, bars across. */
  layout?: 'horizontal' | 'vertical';
}) {
  const category = (key: string) => text.category?.(key) ?? key;
  const { ticks, domain } = valueScale(data.map((entry) => entry.value));
  const fill = (key: string) => (key === highlight ? 'var(--ll-bad)' : 'var(--ll-accent)');
  const title = (entry: { key: string; value: number }) =>
    `${category(entry.key)} — ${name}: ${text.value(entry.value)}`;
  return (
    <Frame label={label}>
      {(width) => {
        if (layout === 'vertical') {
          // Categories down the start side, bars growing towards the end (leftwards in right-to-left).
          const top = PAD;
          const bottom = HEIGHT - PAD - CATEGORY_AXIS;
          const left = text.rtl ? PAD : PAD + CATEGORY_COLUMN;
          const right = text.rtl ? width - PAD - CATEGORY_COLUMN : width - PAD;
          const x = linearScale(domain, text.rtl ? [right, left] : [left, right]);
          const rows = slots(data.length, top, bottom, false);
          return (
            <>
              <g className="ll-chart-axis" fontSize={FONT} fill="currentColor">
                {ticks.map((tick) => (
                  <g key={tick}>
                    <line
                      x1={x(tick)}
                      x2={x(tick)}
                      y1={top}
                      y2={bottom}
                      stroke="var(--ll-border)"
                      strokeDasharray="3 3"
                    />
                    <text y={bottom} dy="1.1em" {...centred(x(tick), text.value(tick), width)}>
                      {text.value(tick)}
                    </text>
                  </g>
                ))}
                {data.map((entry, i) => (
                  <text
                    key={entry.key}
                    x={text.rtl ? right + 4 : left - 4}
                    y={rows[i]?.center}
                    dy="0.32em"
                    textAnchor={text.rtl ? 'start' : 'end'}
                  >
                    {shortened(category(entry.key))}
                    <title>{category(entry.key)}</title>
                  </text>
                ))}
              </g>
              {data.map((entry, i) => {
                const row = rows[i] ?? { center: 0, width: 0 };
                const from = x(0);
                const to = x(entry.value);
                const thickness = Math.max(1, row.width * 0.7);
                return (
                  <rect
                    key={entry.key}
                    x={Math.min(from, to)}
                    y={row.center - thickness / 2}
                    width={Math.abs(to - from)}
                    height={thickness}
                    fill={fill(entry.key)}
                  >
                    <title>{title(entry)}</title>
                  </rect>
                );
              })}
            </>
          );
        }
        const { left, right } = plotSpan(width, text.rtl, 1);
        const top = PAD;
        const bottom = HEIGHT - PAD - CATEGORY_AXIS;
        const y = linearScale(domain, [bottom, top]);
        const columns = slots(data.length, left, right, text.rtl);
        return (
          <>
            <ValueAxis
              ticks={ticks}
              y={y}
              x={text.rtl ? right + 4 : left - 4}
              from={left}
              to={right}
              anchor={text.rtl ? 'start' : 'end'}
              format={text.value}
            />
            <CategoryAxis
              keys={data.map((entry) => entry.key)}
              centers={columns.map((column) => column.center)}
              y={bottom + 4}
              size={right - left}
              width={width}
              name={category}
            />
            <Columns
              bars={data.map((entry) => ({ ...entry, fill: fill(entry.key), title: title(entry) }))}
              columns={columns}
              y={y}
            />
          </>
        );
      }}
    </Frame>
  );
}

export function LineSeries({
  data,
  text,
  name,
  label,
}: {
  data: Array<{ key: string; value: number | null }>;
  text: ChartText;
  name: string;
  label: string;
}) {
  const category = (key: string) => text.category?.(key) ?? key;
  const { ticks, domain } = valueScale(data.map((entry) => entry.value));
  return (
    <Frame label={label}>
      {(width) => {
        const { left, right } = plotSpan(width, text.rtl, 1);
        const top = PAD;
        const bottom = HEIGHT - PAD - CATEGORY_AXIS;
        const y = linearScale(domain, [bottom, top]);
        const columns = slots(data.length, left, right, text.rtl);
        const points = data.map((entry, i) => ({
          key: entry.key,
          value: entry.value,
          x: columns[i]?.center ?? 0,
          y: entry.value === null ? null : y(entry.value),
        }));
        return (
          <>
            <ValueAxis
              ticks={ticks}
              y={y}
              x={text.rtl ? right + 4 : left - 4}
              from={left}
              to={right}
              anchor={text.rtl ? 'start' : 'end'}
              format={text.value}
            />
            <CategoryAxis
              keys={data.map((entry) => entry.key)}
              centers={points.map((point) => point.x)}
              y={bottom + 4}
              size={right - left}
              width={width}
              name={category}
            />
            <LinePoints
              points={points}
              color="var(--ll-accent)"
              title={(key, value) => `${category(key)} — ${name}: ${text.value(value)}`}
            />
          </>
        );
      }}
    </Frame>
  );
}

/** Bars (counts, pipeline) with a line on a second axis (a rate, revenue). */
export function BarsAndLine({
  data,
  text,
  lineText,
  barName,
  lineName,
  label,
}: {
  data: Array<{ key: string; bar: number | null; line: number | null }>;
  text: ChartText;
  lineText: (value: number) => string;
  barName: string;
  lineName: string;
  label: string;
}) {
  const category = (key: string) => text.category?.(key) ?? key;
  const { ticks: barTicks, domain: barDomain } = valueScale(data.map((entry) => entry.bar));
  const { ticks: lineTicks, domain: lineDomain } = valueScale(data.map((entry) => entry.line));
  return (
    <Frame label={label}>
      {(width) => {
        const { left, right } = plotSpan(width, text.rtl, 2);
        const top = PAD;
        const bottom = HEIGHT - PAD - CATEGORY_AXIS;
        const barY = linearScale(barDomain, [bottom, top]);
        const lineY = linearScale(lineDomain, [bottom, top]);
        const columns = slots(data.length, left, right, text.rtl);
        const points = data.map((entry, i) => ({
          key: entry.key,
          value: entry.line,
          x: columns[i]?.center ?? 0,
          y: entry.line === null ? null : lineY(entry.line),
        }));
        // The bars' axis on the start side, the line's on the end side.
        const barSide = text.rtl ? right + 4 : left - 4;
        const lineSide = text.rtl ? left - 4 : right + 4;
        return (
          <>
            <ValueAxis
              ticks={barTicks}
              y={barY}
              x={barSide}
              from={left}
              to={right}
              anchor={text.rtl ? 'start' : 'end'}
              format={text.value}
            />
            <ValueAxis
              ticks={lineTicks}
              y={lineY}
              x={lineSide}
              from={left}
              to={right}
              anchor={text.rtl ? 'end' : 'start'}
              format={lineText}
              grid={false}
            />
            <CategoryAxis
              keys={data.map((entry) => entry.key)}
              centers={points.map((point) => point.x)}
              y={bottom + 4}
              size={right - left}
              width={width}
              name={category}
            />
            <Columns
              bars={data.map((entry) => ({
                key: entry.key,
                value: entry.bar,
                fill: 'var(--ll-accent)',
                title: entry.bar === null ? '' : `${category(entry.key)} — ${barName}: ${text.value(entry.bar)}`,
              }))}
              columns={columns}
              y={barY}
            />
            <LinePoints
              points={points}
              color="var(--ll-warn)"
              title={(key, value) => `${category(key)} — ${lineName}: ${lineText(value)}`}
            />
          </>
        );
      }}
    </Frame>
  );
}
