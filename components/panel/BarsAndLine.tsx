import { linearScale, slots } from '../../lib/panel/chart-scale';
import {
  CATEGORY_AXIS,
  CategoryAxis,
  type ChartText,
  Columns,
  Frame,
  HEIGHT,
  LinePoints,
  PAD,
  plotSpan,
  ValueAxis,
  valueScale,
} from './chart-parts';

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
