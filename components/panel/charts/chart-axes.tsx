import { type ReactElement, useMemo, useRef } from 'react';
import { Tooltip, type TooltipContentProps, XAxis, YAxis } from 'recharts';
import { axisDomain, type ChartAxis, type ChartModel, tickLabel } from '../../../lib/panel/chart-model';
import { CATEGORY_AXIS, plainTick, useByValue, VALUE_AXIS } from '../chart-parts';
import { ChartTooltip, tooltipDirection } from './ChartTooltip';

// The parts every recharts drawing of the panel shares, each memoised: recharts re-sends an axis' or tooltip's
// settings to its store on every render, which re-runs all of that chart's calculations.

/** The tooltip, reading the newest model through a ref so that the element itself stays the same between renders. */
export function useChartTooltip(model: ChartModel, rtl: boolean): ReactElement {
  const latest = useRef(model);
  latest.current = model;
  return useMemo(
    () => (
      <Tooltip
        content={(props: TooltipContentProps) => <ChartTooltip {...props} model={latest.current} rtl={rtl} />}
        reverseDirection={tooltipDirection(rtl)}
        isAnimationActive={false}
      />
    ),
    [rtl],
  );
}

/** Each row's label by its key, kept while the rows' keys and labels are equal by value. */
export function useCategoryNames(model: ChartModel): (key: unknown) => string {
  const categories = useByValue(model.rows.map((row): [string, string] => [row.key, row.label]));
  return useMemo(() => {
    const labels = new Map(categories);
    return (key: unknown) => labels.get(String(key)) ?? String(key);
  }, [categories]);
}

/** The categories along the bottom, first at the start side (the right in Hebrew). */
export function useCategoryXAxis(name: (key: unknown) => string, rtl: boolean): ReactElement {
  return useMemo(
    () => <XAxis dataKey="key" reversed={rtl} interval={0} height={CATEGORY_AXIS} tick={plainTick(name, true)} />,
    [name, rtl],
  );
}

/**
 * A value axis with the model's own ticks (recharts' "nice" ticks are switched off: it worked them out and did not
 * use them), on the start side or, for a second series, the end side.
 */
export function useValueAxis(
  model: ChartAxis | undefined,
  rtl: boolean,
  options: { yAxisId?: string; side?: 'start' | 'end' } = {},
): ReactElement {
  const axis = useByValue(model);
  const { yAxisId, side = 'start' } = options;
  return useMemo(
    () => (
      <YAxis
        {...(yAxisId === undefined ? {} : { yAxisId })}
        type="number"
        niceTicks="none"
        ticks={axis?.ticks}
        domain={axisDomain(axis)}
        interval={0}
        tick={plainTick((value) => tickLabel(axis)(Number(value)), false)}
        orientation={(side === 'start') === rtl ? 'right' : 'left'}
        width={VALUE_AXIS}
      />
    ),
    [axis, rtl, yAxisId, side],
  );
}
