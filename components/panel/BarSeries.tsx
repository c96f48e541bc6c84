import { memo, useMemo } from 'react';
import { Bar, BarChart, CartesianGrid, Cell, ResponsiveContainer, XAxis, YAxis } from 'recharts';
import type { Translate } from '../../lib/i18n';
import {
  axisDomain,
  type ChartModel,
  chartData,
  chartModel,
  seriesKey,
  shortened,
  tickLabel,
} from '../../lib/panel/chart-model';
import {
  CATEGORY_AXIS,
  CATEGORY_COLUMN,
  CATEGORY_ROOM,
  type ChartText,
  chartWords,
  HEIGHT,
  MARGIN,
  plainTick,
  useByValue,
  VALUE_AXIS,
} from './chart-parts';
import { ChartFrame } from './charts/ChartFrame';
import { useCategoryNames, useCategoryXAxis, useChartTooltip } from './charts/chart-axes';

export function BarSeries({
  data,
  text,
  name,
  highlight,
  label,
  layout = 'horizontal',
  t,
}: {
  data: Array<{ key: string; value: number }>;
  text: ChartText;
  name: string;
  highlight?: string | null;
  label: string;
  /** `horizontal`: categories along the bottom; `vertical`: categories down the side, bars across. */
  layout?: 'horizontal' | 'vertical';
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
      {(hintId) => (
        <BarDrawing
          model={model}
          rtl={text.rtl}
          highlight={highlight ?? null}
          layout={layout}
          label={label}
          hintId={hintId}
        />
      )}
    </ChartFrame>
  );
}

const BarDrawing = memo(function BarDrawing({
  model,
  rtl,
  highlight,
  layout,
  label,
  hintId,
}: {
  model: ChartModel;
  rtl: boolean;
  highlight: string | null;
  layout: 'horizontal' | 'vertical';
  label: string;
  hintId: string;
}) {
  const data = useByValue(chartData(model));
  const axis = useByValue(model.axes[0]);
  const categoryName = useCategoryNames(model);
  const keys = useByValue(model.rows.map((row) => row.key));
  const name = model.series[0]?.name;
  const grid = useMemo(() => <CartesianGrid strokeDasharray="3 3" />, []);
  const tooltip = useChartTooltip(model, rtl);
  const categoryXAxis = useCategoryXAxis(categoryName, rtl);
  const categoryAxis = useMemo(() => {
    return layout === 'horizontal' ? (
      categoryXAxis
    ) : (
      <YAxis
        type="category"
        dataKey="key"
        orientation={rtl ? 'right' : 'left'}
        interval={0}
        width={CATEGORY_COLUMN}
        tick={plainTick((key) => shortened(categoryName(key), CATEGORY_ROOM), false)}
      />
    );
  }, [categoryXAxis, categoryName, rtl, layout]);
  const valueAxis = useMemo(() => {
    const tick = plainTick((value) => tickLabel(axis)(Number(value)), false);
    return layout === 'horizontal' ? (
      <YAxis
        type="number"
        niceTicks="none"
        ticks={axis?.ticks}
        domain={axisDomain(axis)}
        interval={0}
        tick={tick}
        orientation={rtl ? 'right' : 'left'}
        width={VALUE_AXIS}
      />
    ) : (
      <XAxis
        type="number"
        niceTicks="none"
        ticks={axis?.ticks}
        domain={axisDomain(axis)}
        interval={0}
        tick={tick}
        reversed={rtl}
        height={CATEGORY_AXIS}
      />
    );
  }, [axis, rtl, layout]);
  const bars = useMemo(
    () => (
      <Bar dataKey={seriesKey(0)} name={name} isAnimationActive={false} fill="var(--ll-accent)">
        {highlight !== null &&
          keys.map((key) => <Cell key={key} fill={key === highlight ? 'var(--ll-bad)' : 'var(--ll-accent)'} />)}
      </Bar>
    ),
    [name, highlight, keys],
  );
  return (
    <ResponsiveContainer width="100%" height={HEIGHT}>
      <BarChart data={data} layout={layout} margin={MARGIN} aria-label={label} aria-describedby={hintId}>
        {grid}
        {categoryAxis}
        {valueAxis}
        {tooltip}
        {bars}
      </BarChart>
    </ResponsiveContainer>
  );
});
