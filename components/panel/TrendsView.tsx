import { useState } from 'react';
import type { MessageKey } from '../../lib/i18n';
import { trendRows } from '../../lib/panel/csv-rows';
import type { Formatters } from '../../lib/panel/format';
import { tableFormula } from '../../lib/panel/formulas';
import type { TrendMonthModel } from '../../lib/panel/view-model';
import { LineSeries } from './LineSeries';
import { ViewSection } from './ViewSection';
import type { ViewProps } from './view-props';

const trendMetrics = ['leads', 'medianResponseMinutes', 'leadToCustomerRate', 'revenue', 'medianCycleDays'] as const;
type TrendMetric = (typeof trendMetrics)[number];

function trendFormat(metric: TrendMetric, f: Formatters): (value: number | null) => string {
  switch (metric) {
    case 'leads':
      return f.count;
    case 'medianResponseMinutes':
      return f.minutes;
    case 'leadToCustomerRate':
      return f.rate;
    case 'revenue':
      return f.money;
    case 'medianCycleDays':
      return f.days;
  }
}

export function TrendsView({ view, f, t, rtl }: ViewProps) {
  const [metric, setMetric] = useState<TrendMetric>('leads');
  const format = trendFormat(metric, f);
  const label = (m: TrendMetric) => t(`panel.csv.${m}` as MessageKey);
  return (
    <ViewSection
      id="trends"
      title={t('panel.view.trends')}
      t={t}
      csv={() => trendRows(view, t)}
      formula={tableFormula('trends', view, f, t)}
    >
      <div className="ll-segmented ll-no-print" role="radiogroup" aria-label={t('panel.view.trends')}>
        {trendMetrics.map((m) => (
          <label key={m}>
            <input type="radio" name="trend-metric" value={m} checked={metric === m} onChange={() => setMetric(m)} />
            {label(m)}
          </label>
        ))}
      </div>
      <LineSeries
        data={view.trends.map((row: TrendMonthModel) => ({ key: row.month, value: row[metric] }))}
        text={{ rtl, value: (v) => format(v), category: (key) => f.month(key) }}
        name={label(metric)}
        label={`${t('panel.view.trends')}: ${label(metric)}`}
      />
      <details data-testid="trends-table">
        <summary>{t('panel.view.table')}</summary>
        <table className="ll-table">
          <thead>
            <tr>
              <th scope="col">{t('panel.csv.month')}</th>
              {trendMetrics.map((m) => (
                <th key={m} scope="col">
                  {label(m)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {view.trends.map((row) => (
              <tr key={row.month}>
                <th scope="row">{f.month(row.month)}</th>
                {trendMetrics.map((m) => (
                  <td key={m}>{trendFormat(m, f)(row[m])}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </ViewSection>
  );
}
