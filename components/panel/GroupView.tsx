import type { MessageKey, Translate } from '../../lib/i18n';
import { noCampaign, noOwner } from '../../lib/metrics/sources';
import { groupRows } from '../../lib/panel/csv-rows';
import { tableFormula } from '../../lib/panel/formulas';
import type { GroupRowModel } from '../../lib/panel/view-model';
import { BarSeries } from './BarSeries';
import { EmptyState } from './EmptyState';
import { ViewSection } from './ViewSection';
import type { ViewProps } from './view-props';

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
