import {
  Bar,
  BarChart,
  CartesianGrid,
  Cell,
  ComposedChart,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';

// Thin wrappers over recharts with the panel's conventions: no animation (a filter change must redraw at once),
// fixed heights, and right-to-left mirroring: in Hebrew time runs right to left and the value axis sits on the right.

export interface ChartText {
  rtl: boolean;
  /** Tick and tooltip formatting of values. */
  value(value: number): string;
  category?(key: string): string;
}

const HEIGHT = 200;

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
  layout?: 'horizontal' | 'vertical';
}) {
  const category = (key: string) => text.category?.(key) ?? key;
  return (
    <figure className="ll-chart" aria-label={label}>
      <ResponsiveContainer width="100%" height={HEIGHT}>
        <BarChart data={data} layout={layout} margin={{ top: 8, right: 8, bottom: 8, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" />
          {layout === 'horizontal' ? (
            <>
              <XAxis dataKey="key" reversed={text.rtl} tickFormatter={category} interval="preserveStartEnd" />
              <YAxis orientation={text.rtl ? 'right' : 'left'} tickFormatter={text.value} width={64} />
            </>
          ) : (
            <>
              <XAxis type="number" reversed={text.rtl} tickFormatter={text.value} />
              <YAxis
                type="category"
                dataKey="key"
                orientation={text.rtl ? 'right' : 'left'}
                tickFormatter={category}
                width={96}
              />
            </>
          )}
          <Tooltip formatter={(value) => text.value(Number(value))} labelFormatter={(key) => category(String(key))} />
          <Bar dataKey="value" name={name} isAnimationActive={false} fill="var(--ll-accent)">
            {data.map((entry) => (
              <Cell key={entry.key} fill={entry.key === highlight ? 'var(--ll-bad)' : 'var(--ll-accent)'} />
            ))}
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </figure>
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
  return (
    <figure className="ll-chart" aria-label={label}>
      <ResponsiveContainer width="100%" height={HEIGHT}>
        <LineChart data={data} margin={{ top: 8, right: 8, bottom: 8, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="key" reversed={text.rtl} tickFormatter={category} interval="preserveStartEnd" />
          <YAxis orientation={text.rtl ? 'right' : 'left'} tickFormatter={text.value} width={64} />
          <Tooltip formatter={(value) => text.value(Number(value))} labelFormatter={(key) => category(String(key))} />
          <Line
            type="monotone"
            dataKey="value"
            name={name}
            isAnimationActive={false}
            stroke="var(--ll-accent)"
            dot={false}
            connectNulls
          />
        </LineChart>
      </ResponsiveContainer>
    </figure>
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
  return (
    <figure className="ll-chart" aria-label={label}>
      <ResponsiveContainer width="100%" height={HEIGHT}>
        <ComposedChart data={data} margin={{ top: 8, right: 8, bottom: 8, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="key" reversed={text.rtl} tickFormatter={category} interval="preserveStartEnd" />
          <YAxis yAxisId="bar" orientation={text.rtl ? 'right' : 'left'} tickFormatter={text.value} width={64} />
          <YAxis yAxisId="line" orientation={text.rtl ? 'left' : 'right'} tickFormatter={lineText} width={64} />
          <Tooltip
            formatter={(value, name) => (name === lineName ? lineText(Number(value)) : text.value(Number(value)))}
            labelFormatter={(key) => category(String(key))}
          />
          <Bar yAxisId="bar" dataKey="bar" name={barName} isAnimationActive={false} fill="var(--ll-accent)" />
          <Line
            yAxisId="line"
            dataKey="line"
            name={lineName}
            isAnimationActive={false}
            stroke="var(--ll-warn)"
            strokeWidth={2}
            connectNulls
          />
        </ComposedChart>
      </ResponsiveContainer>
    </figure>
  );
}
