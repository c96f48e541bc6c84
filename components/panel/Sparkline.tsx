import { lazy, Suspense } from 'react';
import { useByValue } from './chart-parts';

// recharts is loaded with the views' chunk, after the KPI cards have painted: the cards' figures do not wait for the
// charts' code, and the trend fills its reserved box (panel.css) once it has arrived.
const SparklineChart = lazy(() => import('./charts/SparklineChart'));

/** A tiny trend line. Right-to-left pages mirror it (panel.css), so time runs in the reading direction. */
export function Sparkline({ values, label }: { values: ReadonlyArray<number | null>; label: string }) {
  // Each new view brings new arrays; the trend redraws only when its figures change.
  const trend = useByValue(values);
  return (
    <div className="ll-sparkline" role="img" aria-label={label}>
      <Suspense fallback={null}>
        <SparklineChart values={trend} />
      </Suspense>
    </div>
  );
}
