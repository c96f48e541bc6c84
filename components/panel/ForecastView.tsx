import { forecastRows } from '../../lib/panel/csv-rows';
import { forecastFormula } from '../../lib/panel/formulas';
import { BarsAndLine } from './BarsAndLine';
import { EmptyState } from './EmptyState';
import { ViewSection } from './ViewSection';
import type { ViewProps } from './view-props';

export function ForecastView({ view, f, t, rtl }: ViewProps) {
  const { forecast } = view;
  const months = new Map<string, { bar: number | null; line: number | null }>();
  for (const h of forecast.history) months.set(h.month, { bar: null, line: h.revenue });
  for (const p of forecast.projection) months.set(p.month, { bar: months.get(p.month)?.bar ?? null, line: p.revenue });
  for (const m of forecast.byMonth) {
    if (m.month === 'undated') continue;
    months.set(m.month, { bar: m.weighted, line: months.get(m.month)?.line ?? null });
  }
  const data = [...months.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([key, v]) => ({ key, ...v }));
  const undated = forecast.byMonth.find((m) => m.month === 'undated');
  // No open deal and no won revenue in the trend's six months: a chart of zeros would say nothing, so say what the
  // forecast needs instead.
  const nothingToForecast = forecast.openDeals === 0 && forecast.history.every((h) => h.revenue === 0);
  return (
    <ViewSection
      id="forecast"
      title={t('panel.view.forecast')}
      t={t}
      csv={() => forecastRows(view, t)}
      formula={forecastFormula(view, f, t)}
    >
      {nothingToForecast ? (
        <EmptyState kind="noForecast" message={t('panel.forecast.empty')} />
      ) : (
        <ForecastFigures view={view} f={f} t={t} rtl={rtl} data={data} undated={undated?.weighted} />
      )}
    </ViewSection>
  );
}

function ForecastFigures({
  view,
  f,
  t,
  rtl,
  data,
  undated,
}: ViewProps & { data: Array<{ key: string; bar: number | null; line: number | null }>; undated?: number }) {
  const { forecast } = view;
  return (
    <>
      <p data-testid="weighted-pipeline" data-value={forecast.weightedPipeline}>
        {t('panel.forecast.total', { amount: f.money(forecast.weightedPipeline), count: forecast.openDeals })}
        {undated ? ` (${f.money(undated)} ${t('panel.forecast.undated')})` : ''}
      </p>
      {forecast.openDeals === 0 && (
        <p className="ll-muted" data-testid="forecast-no-open-deals">
          {t('panel.forecast.noOpenDeals')}
        </p>
      )}
      {forecast.unknownStageDeals > 0 && (
        <p className="ll-muted">{t('panel.forecast.unknownStages', { count: forecast.unknownStageDeals })}</p>
      )}
      <BarsAndLine
        data={data}
        text={{ rtl, value: (v) => f.money(v), category: (key) => f.month(key) }}
        lineText={(v) => f.money(v)}
        barName={t('panel.forecast.weighted')}
        lineName={`${t('panel.forecast.actual')} / ${t('panel.forecast.trend')}`}
        label={t('panel.view.forecast')}
      />
    </>
  );
}
