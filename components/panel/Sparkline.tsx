/**
 * A tiny trend line. Plain SVG rather than a chart component: seven of them render with the first paint, and each
 * is a single path. Right-to-left pages mirror it (panel.css), so time runs in the reading direction.
 */
export function Sparkline({ values, label }: { values: ReadonlyArray<number | null>; label: string }) {
  const points = values
    .map((value, index) => ({ index, value }))
    .filter((p): p is { index: number; value: number } => p.value !== null && Number.isFinite(p.value));
  const width = 100;
  const height = 24;
  if (points.length < 2)
    return <svg className="ll-sparkline" viewBox={`0 0 ${width} ${height}`} role="img" aria-label={label} />;
  const min = Math.min(...points.map((p) => p.value));
  const max = Math.max(...points.map((p) => p.value));
  const span = max - min || 1;
  const last = Math.max(1, values.length - 1);
  const path = points
    .map((p, i) => {
      const x = (p.index / last) * width;
      const y = height - 2 - ((p.value - min) / span) * (height - 4);
      return `${i === 0 ? 'M' : 'L'}${x.toFixed(1)},${y.toFixed(1)}`;
    })
    .join(' ');
  return (
    <svg
      className="ll-sparkline"
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      aria-label={label}
      preserveAspectRatio="none"
    >
      <path d={path} fill="none" stroke="currentColor" strokeWidth="1.5" vectorEffect="non-scaling-stroke" />
    </svg>
  );
}
