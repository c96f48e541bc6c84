import { memo, useMemo } from 'react';
import { Line, LineChart, ResponsiveContainer, YAxis } from 'recharts';

/**
 * The KPI card's trend, month by month. No axes, tooltip or keyboard stop: the card beside it states the figures, and
 * nine more tab stops of unnamed points would only lengthen the way through the panel.
 */
export default memo(function SparklineChart({ values }: { values: ReadonlyArray<number | null> }) {
  const data = useMemo(
    () => values.map((value, month) => ({ month, value: value !== null && Number.isFinite(value) ? value : null })),
    [values],
  );
  // The range given, not left to recharts' nice-tick search (decimal arithmetic) for an axis nobody sees.
  const range = useMemo(() => {
    const present = data.flatMap((point) => (point.value === null ? [] : [point.value]));
    if (present.length < 2) return null;
    const low = Math.min(...present);
    const high = Math.max(...present);
    // A flat trend is drawn across the middle.
    return low === high ? [low - 1, high + 1] : [low, high];
  }, [data]);
  if (range === null) return null;
  return (
    <ResponsiveContainer width="100%" height="100%">
      <LineChart data={data} margin={{ top: 2, right: 1, bottom: 2, left: 1 }} accessibilityLayer={false} aria-hidden>
        <YAxis hide type="number" domain={range} ticks={range} niceTicks="none" />
        <Line
          type="linear"
          dataKey="value"
          isAnimationActive={false}
          stroke="currentColor"
          strokeWidth={1.5}
          dot={false}
          activeDot={false}
          connectNulls
        />
      </LineChart>
    </ResponsiveContainer>
  );
});
