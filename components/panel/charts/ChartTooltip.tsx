import type { TooltipContentProps } from 'recharts';
import type { ChartModel } from '../../../lib/panel/chart-model';

/**
 * The tooltip of a panel chart, read from the model rather than from recharts' payload so it writes the values as the
 * table does. Laid out in the page's direction; category names and figures are isolated (bdi), so a Hebrew label
 * beside a Latin source name or a currency sign keeps its order.
 */
export function ChartTooltip({
  active,
  activeIndex,
  model,
  rtl,
}: Pick<TooltipContentProps, 'active' | 'activeIndex'> & { model: ChartModel; rtl: boolean }) {
  if (!active || activeIndex === undefined || activeIndex === null) return null;
  const row = model.rows[Number(activeIndex)];
  if (!row) return null;
  return (
    // A status, as recharts' own tooltip is with its accessibility layer: moving by keyboard reads the value out.
    <div className="ll-chart-tooltip" dir={rtl ? 'rtl' : 'ltr'} role="status" data-testid="chart-tooltip">
      <p className="ll-chart-tooltip-label">
        <bdi>{row.label}</bdi>
      </p>
      {model.series.map((series, i) => (
        <p key={series.name}>
          {series.name}: <bdi>{row.texts[i]}</bdi>
        </p>
      ))}
    </div>
  );
}

/** Where the tooltip sits: beside the pointer towards the reading direction's end (left of it in Hebrew). */
export function tooltipDirection(rtl: boolean): { x: boolean; y: boolean } {
  return { x: rtl, y: false };
}
