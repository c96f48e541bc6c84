import { memo, useMemo, useRef } from 'react';
import {
  Bar,
  CartesianGrid,
  ComposedChart,
  Line,
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

/** Bars (counts, pipeline) with a line on a second axis (a rate, revenue). */
export function BarsAndLine({
  data,
  text,
  lineText,
  barName,
  lineName,
  label,
  t,
}: {
  data: Array<{ key: string; bar: number | null; line: number | null }>;
  text: ChartText;
  lineText: (value: number) => string;
  barName: string;
  lineName: string;
  label: string;
  t?: Translate;
}) {
  const model = useByValue(
    chartModel({
      rows: data.map((entry) => ({ key: entry.key, values: [entry.bar, entry.line] })),
      series: [
        { name: barName, format: text.value },
        { name: lineName, format: lineText },
      ],
      category: text.category,
    }),
  );
  return (
    <ChartFrame label={label} model={model} t={chartWords(t, text.rtl)}>
      {(hintId) => <BarsAndLineDrawing model={model} rtl={text.rtl} label={label} hintId={hintId} />}
    </ChartFrame>
  );
}

const BarsAndLineDrawing = memo(function BarsAndLineDrawing({
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
  const barAxis = useByValue(model.axes[0]);
  const lineAxis = useByValue(model.axes[1]);
  const categories = useByValue(model.rows.map((row): [string, string] => [row.key, row.label]));
  const barName = model.series[0]?.name;
  const lineName = model.series[1]?.name;
  const latest = useRef(model);
  latest.current = model;
  const grid = useMemo(() => <CartesianGrid strokeDasharray="3 3" yAxisId="bar" />, []);
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
  // The bars' axis on the start side, the line's on the end side.
  const barValueAxis = useMemo(
    () => (
      <YAxis
        yAxisId="bar"
        type="number"
        niceTicks="none"
        ticks={barAxis?.ticks}
        domain={axisDomain(barAxis)}
        interval={0}
        tick={plainTick((value) => tickLabel(barAxis)(Number(value)), false)}
        orientation={rtl ? 'right' : 'left'}
        width={VALUE_AXIS}
      />
    ),
    [barAxis, rtl],
  );
  const lineValueAxis = useMemo(
    () => (
      <YAxis
        yAxisId="line"
        type="number"
        niceTicks="none"
        ticks={lineAxis?.ticks}
        domain={axisDomain(lineAxis)}
        interval={0}
        tick={plainTick((value) => tickLabel(lineAxis)(Number(value)), false)}
        orientation={rtl ? 'left' : 'right'}
        width={VALUE_AXIS}
      />
    ),
    [lineAxis, rtl],
  );
  const series = useMemo(
    () => (
      <>
        <Bar yAxisId="bar" dataKey={seriesKey(0)} name={barName} isAnimationActive={false} fill="var(--ll-accent)" />
        <Line
          yAxisId="line"
          type="linear"
          dataKey={seriesKey(1)}
          name={lineName}
          isAnimationActive={false}
          stroke="var(--ll-warn)"
          strokeWidth={2}
          dot={{ r: 3, fill: 'var(--ll-warn)' }}
          connectNulls
        />
      </>
    ),
    [barName, lineName],
  );
  return (
    <ResponsiveContainer width="100%" height={HEIGHT}>
      <ComposedChart data={data} margin={MARGIN} aria-label={label} aria-describedby={hintId}>
        {grid}
        {categoryAxis}
        {barValueAxis}
        {lineValueAxis}
        {tooltip}
        {series}
      </ComposedChart>
    </ResponsiveContainer>
  );
});
