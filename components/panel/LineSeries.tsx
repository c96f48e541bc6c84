import { linearScale, slots } from '../../lib/panel/chart-scale';
import {
  CATEGORY_AXIS,
  CategoryAxis,
  type ChartText,
  Frame,
  HEIGHT,
  LinePoints,
  PAD,
  plotSpan,
  ValueAxis,
  valueScale,
} from './chart-parts';

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
