import { memo, useMemo, useRef } from 'react';
import {
  CartesianGrid,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  type TooltipContentProps,
  XAxis,
  YAxis,
} from 'recharts';
import type { Translate } from '../../lib/i18n';
import { axisDomain, type ChartModel, chartData, chartModel, seriesKey, tickLabel } from '../../lib/panel/chart-model';
import {
  CATEGORY_AXIS,
  type ChartText,
  chartWords,
  HEIGHT,
  MARGIN,
  plainTick,
  useByValue,
  VALUE_AXIS,
} from './chart-parts';
import { ChartFrame } from './charts/ChartFrame';
import { ChartTooltip, tooltipDirection } from './charts/ChartTooltip';

export function LineSeries({
  data,
  text,
  name,
  label,
  t,
}: {
  data: Array<{ key: string; value: number | null }>;
  text: ChartText;
  name: string;
  label: string;
  t?: Translate;
}) {
  const model = useByValue(
    chartModel({
      rows: data.map((entry) => ({ key: entry.key, values: [entry.value] })),
      series: [{ name, format: text.value }],
      category: text.category,
    }),
  );
  return (
    <ChartFrame label={label} model={model} t={chartWords(t, text.rtl)}>
      {(hintId) => <LineDrawing model={model} rtl={text.rtl} label={label} hintId={hintId} />}
    </ChartFrame>
  );
}

const LineDrawing = memo(function LineDrawing({
  model,
  rtl,
  label,
  hintId,
}: {
  model: ChartModel;
  rtl: boolean;
  label: string;
  hintId: string;
}) {
  const data = useByValue(chartData(model));
  const axis = useByValue(model.axes[0]);
  const categories = useByValue(model.rows.map((row): [string, string] => [row.key, row.label]));
  const name = model.series[0]?.name;
  const latest = useRef(model);
  latest.current = model;
  const grid = useMemo(() => <CartesianGrid strokeDasharray="3 3" />, []);
  const tooltip = useMemo(
    () => (
      <Tooltip
        content={(props: TooltipContentProps) => <ChartTooltip {...props} model={latest.current} rtl={rtl} />}
        reverseDirection={tooltipDirection(rtl)}
        isAnimationActive={false}
      />
    ),
    [rtl],
  );
  const categoryAxis = useMemo(() => {
    const labels = new Map(categories);
    const tick = plainTick((key) => labels.get(String(key)) ?? String(key), true);
    return <XAxis dataKey="key" reversed={rtl} interval={0} height={CATEGORY_AXIS} tick={tick} />;
  }, [categories, rtl]);
  const valueAxis = useMemo(
    () => (
      <YAxis
        type="number"
        niceTicks="none"
        ticks={axis?.ticks}
        domain={axisDomain(axis)}
        interval={0}
        tick={plainTick((value) => tickLabel(axis)(Number(value)), false)}
        orientation={rtl ? 'right' : 'left'}
        width={VALUE_AXIS}
      />
    ),
    [axis, rtl],
  );
  // Gaps (a month without a value) are bridged: the line joins the months on either side.
  const line = useMemo(
    () => (
      <Line
        type="linear"
        dataKey={seriesKey(0)}
        name={name}
        isAnimationActive={false}
        stroke="var(--ll-accent)"
        strokeWidth={2}
        dot={{ r: 3, fill: 'var(--ll-accent)' }}
        connectNulls
      />
    ),
    [name],
  );
  return (
    <ResponsiveContainer width="100%" height={HEIGHT}>
      <LineChart data={data} margin={MARGIN} aria-label={label} aria-describedby={hintId}>
        {grid}
        {categoryAxis}
        {valueAxis}
        {tooltip}
        {line}
      </LineChart>
    </ResponsiveContainer>
  );
});
