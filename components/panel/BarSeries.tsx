import { linearScale, slots } from '../../lib/panel/chart-scale';
import {
  CATEGORY_AXIS,
  CATEGORY_COLUMN,
  CategoryAxis,
  type ChartText,
  Columns,
  centred,
  FONT,
  Frame,
  HEIGHT,
  PAD,
  plotSpan,
  shortened,
  ValueAxis,
  valueScale,
} from './chart-parts';

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
