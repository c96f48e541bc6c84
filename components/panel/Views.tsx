import { useState } from 'react';
import type { MessageKey, Translate } from '../../lib/i18n';
import { funnelRateNames, funnelSteps } from '../../lib/metrics/funnel';
import { noCampaign, noOwner } from '../../lib/metrics/sources';
import {
  contactRecordUrl,
  forecastRows,
  funnelRows,
  groupRows,
  missingRows,
  speedRows,
  trendRows,
} from '../../lib/panel/csv-rows';
import type { Formatters } from '../../lib/panel/format';
import {
  dataQualityFormula,
  forecastFormula,
  funnelFormula,
  revenueAtStakeFormula,
  tableFormula,
} from '../../lib/panel/formulas';
import type { GroupRowModel, MissingFieldsRow, PanelView, TrendMonthModel } from '../../lib/panel/view-model';
import { BarSeries, BarsAndLine, type ChartText, LineSeries } from './charts';
import { EmptyState } from './EmptyState';
import { ViewSection } from './ViewSection';

export interface ViewProps {
  view: PanelView;
  f: Formatters;
  t: Translate;
  rtl: boolean;
}

export function FunnelView({ view, f, t, rtl }: ViewProps) {
  const { funnel } = view;
  // The drop-off rate n(k+1)/n(k) is lost on the way into step k+1: that step's bar is the one highlighted.
  const dropIndex = funnel.dropOffStep === null ? -1 : funnelRateNames.indexOf(funnel.dropOffStep) + 1;
  const highlight = dropIndex > 0 ? (funnelSteps[dropIndex] ?? null) : null;
  const text: ChartText = {
    rtl,
    value: (v) => f.count(v),
    category: (key) => t(`panel.funnel.step.${key}` as MessageKey),
  };
  return (
    <ViewSection
      id="funnel"
      title={t('panel.view.funnel')}
      t={t}
      csv={() => funnelRows(view, t)}
      formula={funnelFormula(funnel, f, t)}
    >
      {funnel.counts.new === 0 ? (
        <EmptyState kind="noLeads" message={t('panel.empty.noLeads')} />
      ) : (
        <>
          <BarSeries
            data={funnelSteps.map((step) => ({ key: step, value: funnel.counts[step] }))}
            text={text}
            name={t('panel.chart.leads')}
            highlight={highlight}
            label={t('panel.view.funnel')}
          />
          {funnel.dropOffStep && (
            <p data-testid="drop-off" data-step={funnel.dropOffStep}>
              <strong>
                {t('panel.funnel.dropOff', {
                  step: t(`panel.funnel.rate.${funnel.dropOffStep}` as MessageKey),
                  rate: f.rate(funnel.rates[funnel.dropOffStep]),
                })}
              </strong>
            </p>
          )}
          <table className="ll-table">
            <thead>
              <tr>
                <th scope="col">{t('panel.csv.step')}</th>
                <th scope="col">{t('panel.csv.leads')}</th>
                <th scope="col">{t('panel.csv.stepRate')}</th>
              </tr>
            </thead>
            <tbody>
              {funnelSteps.map((step, index) => {
                const rate = index === 0 ? undefined : funnelRateNames[index - 1];
                return (
                  <tr key={step} data-drop-off={rate !== undefined && rate === funnel.dropOffStep}>
                    <th scope="row">{t(`panel.funnel.step.${step}` as MessageKey)}</th>
                    <td>{f.count(funnel.counts[step])}</td>
                    <td>{rate ? f.rate(funnel.rates[rate]) : ''}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </>
      )}
    </ViewSection>
  );
}

export function SpeedView({ view, f, t, rtl }: ViewProps) {
  const { speedToLead } = view;
  const bucketLabel = (key: string) => t(`panel.bucket.${key}` as MessageKey);
  return (
    <ViewSection
      id="speedToLead"
      title={t('panel.view.speed')}
      t={t}
      csv={() => speedRows(view, t)}
      formula={revenueAtStakeFormula(view, f, t)}
    >
      <BarsAndLine
        data={speedToLead.buckets.map((b) => ({ key: b.bucket, bar: b.n, line: b.wonRate }))}
        text={{ rtl, value: (v) => f.count(v), category: bucketLabel }}
        lineText={(v) => f.rate(v)}
        barName={t('panel.chart.leads')}
        lineName={t('panel.csv.wonRate')}
        label={t('panel.view.speed')}
      />
      <p data-testid="revenue-at-stake" data-value={speedToLead.revenueAtStake ?? ''}>
        <strong>{t('panel.speed.revenueAtStake', { amount: f.money(speedToLead.revenueAtStake) })}</strong>{' '}
        <span className="ll-muted">{t('panel.speed.label')}</span>
      </p>
      <table className="ll-table">
        <thead>
          <tr>
            <th scope="col">{t('panel.csv.bucket')}</th>
            <th scope="col">{t('panel.csv.leads')}</th>
            <th scope="col">{t('panel.csv.qualifiedRate')}</th>
            <th scope="col">{t('panel.csv.wonRate')}</th>
          </tr>
        </thead>
        <tbody>
          {speedToLead.buckets.map((b) => (
            <tr key={b.bucket}>
              <th scope="row">{bucketLabel(b.bucket)}</th>
              <td>{f.count(b.n)}</td>
              <td>{f.rate(b.qualifiedRate)}</td>
              <td>{f.rate(b.wonRate)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ViewSection>
  );
}

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

function groupLabel(row: GroupRowModel, t: Translate): string {
  if (row.key === noOwner) return t('card.noOwner');
  if (row.key === noCampaign) return '—';
  return row.label;
}

export function GroupView({ view, f, t, rtl, kind }: ViewProps & { kind: 'source' | 'campaign' | 'rep' }) {
  const rows = kind === 'source' ? view.bySource : kind === 'campaign' ? view.byCampaign : view.byRep;
  const id = kind === 'source' ? 'bySource' : kind === 'campaign' ? 'byCampaign' : 'byRep';
  const title = t(`panel.view.${id}` as MessageKey);
  const chartRows = [...rows].sort((a, b) => b.revenue - a.revenue).slice(0, 12);
  return (
    <ViewSection
      id={id}
      title={title}
      t={t}
      csv={() => groupRows(rows, kind, t)}
      formula={tableFormula(kind, view, f, t)}
    >
      {rows.length === 0 ? (
        <EmptyState kind="noLeads" message={t('panel.empty.noLeads')} />
      ) : (
        <>
          <BarSeries
            data={chartRows.map((row) => ({ key: groupLabel(row, t), value: row.revenue }))}
            text={{ rtl, value: (v) => f.money(v) }}
            name={t('panel.csv.revenue')}
            label={`${title}: ${t('panel.csv.revenue')}`}
            layout="vertical"
          />
          <div className="ll-table-wrap">
            <table className="ll-table" data-testid={`table-${id}`}>
              <thead>
                <tr>
                  <th scope="col">
                    {t(
                      kind === 'rep' ? 'panel.csv.rep' : kind === 'source' ? 'panel.csv.source' : 'panel.csv.campaign',
                    )}
                  </th>
                  <th scope="col">{t('panel.csv.leads')}</th>
                  {kind === 'rep' && <th scope="col">{t('panel.csv.medianResponseMinutes')}</th>}
                  {kind === 'rep' && <th scope="col">{t('panel.csv.shareWithinSla')}</th>}
                  <th scope="col">{t('panel.csv.leadToCustomerRate')}</th>
                  <th scope="col">{t('panel.csv.revenue')}</th>
                  {kind !== 'rep' && <th scope="col">{t('panel.csv.cac')}</th>}
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => (
                  <tr key={row.key} data-key={row.key}>
                    <th scope="row">{groupLabel(row, t)}</th>
                    <td>{f.count(row.leads)}</td>
                    {kind === 'rep' && <td>{f.minutes(row.medianResponseMinutes)}</td>}
                    {kind === 'rep' && <td>{f.rate(row.shareWithinSla)}</td>}
                    <td>{f.rate(row.leadToCustomerRate)}</td>
                    <td>{f.money(row.revenue)}</td>
                    {kind !== 'rep' && <td>{f.money(row.cac)}</td>}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </ViewSection>
  );
}

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
  return (
    <ViewSection
      id="forecast"
      title={t('panel.view.forecast')}
      t={t}
      csv={() => forecastRows(view, t)}
      formula={forecastFormula(view, f, t)}
    >
      <p data-testid="weighted-pipeline" data-value={forecast.weightedPipeline}>
        {t('panel.forecast.total', { amount: f.money(forecast.weightedPipeline), count: f.count(forecast.openDeals) })}
        {undated ? ` (${f.money(undated.weighted)} ${t('panel.forecast.undated')})` : ''}
      </p>
      {forecast.unknownStageDeals > 0 && (
        <p className="ll-muted">{t('panel.forecast.unknownStages', { count: f.count(forecast.unknownStageDeals) })}</p>
      )}
      <BarsAndLine
        data={data}
        text={{ rtl, value: (v) => f.money(v), category: (key) => f.month(key) }}
        lineText={(v) => f.money(v)}
        barName={t('panel.forecast.weighted')}
        lineName={`${t('panel.forecast.actual')} / ${t('panel.forecast.trend')}`}
        label={t('panel.view.forecast')}
      />
    </ViewSection>
  );
}

export function DataQualityView({
  view,
  f,
  t,
  allMissing,
}: ViewProps & { allMissing: () => Promise<MissingFieldsRow[]> }) {
  const q = view.dataQuality;
  const url = (id: string) => contactRecordUrl(view.portal, id);
  return (
    <ViewSection
      id="dataQuality"
      title={t('panel.view.dataQuality')}
      t={t}
      csv={async () => missingRows(await allMissing(), url, t)}
      formula={dataQualityFormula(view, f, t)}
    >
      <dl className="ll-figures">
        <div>
          <dt>{t('panel.quality.completeness')}</dt>
          <dd data-testid="completeness">{f.rate(q.dataCompleteness)}</dd>
        </div>
        <div>
          <dt>{t('panel.quality.freshness')}</dt>
          <dd>{f.rate(q.dataFreshness)}</dd>
        </div>
      </dl>
      {q.missingCount === 0 ? (
        <p>{t('panel.quality.none')}</p>
      ) : (
        <details data-testid="missing-leads">
          <summary>{t('panel.quality.missingHeading', { count: f.count(q.missingCount) })}</summary>
          {q.missingCount > q.missing.length && (
            <p className="ll-muted">
              {t('panel.quality.more', { shown: f.count(q.missing.length), count: f.count(q.missingCount) })}
            </p>
          )}
          <ul className="ll-missing">
            {q.missing.map((row) => {
              const href = url(row.id);
              const name = row.name || row.email || t('panel.quality.unnamed');
              return (
                <li key={row.id} data-testid="missing-lead" data-id={row.id}>
                  {href ? (
                    <a href={href} target="_blank" rel="noreferrer" aria-label={t('panel.quality.open', { name })}>
                      {name}
                    </a>
                  ) : (
                    name
                  )}{' '}
                  <span className="ll-muted">
                    {row.missing.map((field) => t(`panel.quality.field.${field}` as MessageKey)).join(', ')}
                  </span>
                </li>
              );
            })}
          </ul>
        </details>
      )}
    </ViewSection>
  );
}
