import type { MessageKey } from '../../lib/i18n';
import { speedRows } from '../../lib/panel/csv-rows';
import { revenueAtStakeFormula } from '../../lib/panel/formulas';
import { BarsAndLine } from './BarsAndLine';
import { DrilldownButton } from './drilldown/Drilldown';
import { ViewSection } from './ViewSection';
import type { ViewProps } from './view-props';

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
            <tr key={b.bucket} data-n={b.n}>
              <th scope="row">
                <DrilldownButton
                  open={{
                    target: { kind: 'bucket', bucket: b.bucket },
                    span: view.window,
                    title: bucketLabel(b.bucket),
                  }}
                  label={bucketLabel(b.bucket)}
                  accessibleLabel={t('panel.drilldown.openRow', { name: bucketLabel(b.bucket) })}
                  testId={`drilldown-bucket-${b.bucket}`}
                />
              </th>
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
