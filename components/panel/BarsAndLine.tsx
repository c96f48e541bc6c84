import { memo, useMemo } from 'react';
import { Bar, CartesianGrid, ComposedChart, Line, ResponsiveContainer } from 'recharts';
import type { Translate } from '../../lib/i18n';
import { type ChartModel, chartData, chartModel, seriesKey } from '../../lib/panel/chart-model';
import { type ChartText, chartWords, HEIGHT, MARGIN, useByValue } from './chart-parts';
import { ChartFrame } from './charts/ChartFrame';
import { useCategoryNames, useCategoryXAxis, useChartTooltip, useValueAxis } from './charts/chart-axes';

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
  const barName = model.series[0]?.name;
  const lineName = model.series[1]?.name;
  const grid = useMemo(() => <CartesianGrid strokeDasharray="3 3" yAxisId="bar" />, []);
  const tooltip = useChartTooltip(model, rtl);
  const categoryAxis = useCategoryXAxis(useCategoryNames(model), rtl);
  // The bars' axis on the start side, the line's on the end side.
  const barValueAxis = useValueAxis(model.axes[0], rtl, { yAxisId: 'bar' });
  const lineValueAxis = useValueAxis(model.axes[1], rtl, { yAxisId: 'line', side: 'end' });
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
