import { memo, type ReactNode, useId, useState } from 'react';
import type { Translate } from '../../../lib/i18n';
import type { ChartModel } from '../../../lib/panel/chart-model';

/**
 * A chart and its table alternative: the same rows and texts as the chart's tooltip, one toggle away. The chart is a
 * keyboard stop of its own (recharts' accessibility layer: arrow keys move the tooltip), named by the figure's label,
 * with the keys described.
 */
export function ChartFrame({
  label,
  model,
  t,
  children,
}: {
  label: string;
  model: ChartModel;
  t: Translate;
  /** The chart, given the id of its keyboard hint (for aria-describedby). */
  children(hintId: string): ReactNode;
}) {
  const [asTable, setAsTable] = useState(false);
  const hintId = useId();
  return (
    <figure className="ll-chart" aria-label={label} data-testid="chart" data-shown={asTable ? 'table' : 'chart'}>
      <div className="ll-chart-tools ll-no-print">
        <button type="button" className="ll-link-button" aria-pressed={asTable} onClick={() => setAsTable(!asTable)}>
          {asTable ? t('panel.chart.showChart') : t('panel.chart.showTable')}
        </button>
      </div>
      {asTable ? (
        <ChartTable label={label} model={model} t={t} />
      ) : (
        <>
          <p id={hintId} className="ll-visually-hidden">
            {t('panel.chart.keys')}
          </p>
          {children(hintId)}
        </>
      )}
    </figure>
  );
}

/** The chart's figures as a table: a row per category, a column per series, written as the tooltip writes them. */
export const ChartTable = memo(function ChartTable({
  label,
  model,
  t,
}: {
  label: string;
  model: ChartModel;
  t: Translate;
}) {
  return (
    <div className="ll-table-wrap">
      <table className="ll-table" data-testid="chart-table">
        <caption className="ll-visually-hidden">{label}</caption>
        <thead>
          <tr>
            <th scope="col">{t('panel.chart.category')}</th>
            {model.series.map((series) => (
              <th key={series.name} scope="col">
                {series.name}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {model.rows.map((row) => (
            <tr key={row.key} data-key={row.key}>
              <th scope="row">{row.label}</th>
              {row.texts.map((text, i) => (
                <td key={model.series[i]?.name ?? i}>{text}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
});
