import { memo, useMemo } from 'react';
import { CartesianGrid, Line, LineChart, ResponsiveContainer } from 'recharts';
import type { Translate } from '../../lib/i18n';
import { type ChartModel, chartData, chartModel, seriesKey } from '../../lib/panel/chart-model';
import { type ChartText, chartWords, HEIGHT, MARGIN, useByValue } from './chart-parts';
import { ChartFrame } from './charts/ChartFrame';
import { useCategoryNames, useCategoryXAxis, useChartTooltip, useValueAxis } from './charts/chart-axes';

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
  const name = model.series[0]?.name;
  const grid = useMemo(() => <CartesianGrid strokeDasharray="3 3" />, []);
  const tooltip = useChartTooltip(model, rtl);
  const categoryAxis = useCategoryXAxis(useCategoryNames(model), rtl);
  const valueAxis = useValueAxis(model.axes[0], rtl);
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
