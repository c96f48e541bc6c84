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
  if (data.filter((point) => point.value !== null).length < 2) return null;
  return (
    <ResponsiveContainer width="100%" height="100%">
      <LineChart data={data} margin={{ top: 2, right: 1, bottom: 2, left: 1 }} accessibilityLayer={false}>
        <YAxis hide domain={['dataMin', 'dataMax']} />
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
