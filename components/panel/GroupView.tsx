import type { MessageKey, Translate } from '../../lib/i18n';
import { crmLabel } from '../../lib/i18n/crm-labels';
import { noCampaign, noOwner } from '../../lib/metrics/sources';
import { groupRows } from '../../lib/panel/csv-rows';
import { tableFormula } from '../../lib/panel/formulas';
import type { GroupRowModel } from '../../lib/panel/view-model';
import { BarSeries } from './BarSeries';
import { DrilldownButton } from './drilldown/Drilldown';
import { EmptyState } from './EmptyState';
import { FairRepTable } from './FairRepTable';
import { TableRegion } from './TableRegion';
import { ViewSection } from './ViewSection';
import type { ViewProps } from './view-props';

/** A row's name: a source is a CRM value (`organic_search`), shown by its label; campaigns and reps are names. */
function groupLabel(row: GroupRowModel, kind: 'source' | 'campaign' | 'rep', t: Translate): string {
  if (row.key === noOwner) return t('card.noOwner');
  if (row.key === noCampaign) return '—';
  return kind === 'source' ? crmLabel('source', row.key, t) : row.label;
}

export function GroupView({ view, f, t, rtl, kind }: ViewProps & { kind: 'source' | 'campaign' | 'rep' }) {
  const keyed = kind === 'source' ? view.bySource : kind === 'campaign' ? view.byCampaign : view.byRep;
  // Reps by name (the engine orders by owner id), never by a rate: a rep's lead mix would decide that order.
  const rows =
    kind === 'rep'
      ? [...keyed].sort((a, b) => groupLabel(a, kind, t).localeCompare(groupLabel(b, kind, t), f.locale))
      : keyed;
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
            data={chartRows.map((row) => ({ key: groupLabel(row, kind, t), value: row.revenue }))}
            text={{ rtl, value: (v) => f.money(v) }}
            name={t('panel.csv.revenue')}
            label={`${title}: ${t('panel.csv.revenue')}`}
            layout="vertical"
          />
          <TableRegion label={t('panel.table.region', { title })}>
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
                  {kind !== 'rep' && <th scope="col">{t('panel.csv.revenuePerLead')}</th>}
                  {kind === 'source' && <th scope="col">{t('panel.csv.returnOnSpend')}</th>}
                  {kind === 'source' && <th scope="col">{t('panel.csv.revenueAtStake')}</th>}
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => (
                  <tr key={row.key} data-key={row.key}>
                    <th scope="row">
                      <DrilldownButton
                        open={{
                          target: { kind: 'group', dimension: kind, key: row.key },
                          span: view.window,
                          title: t('panel.drilldown.groupTitle', { view: title, name: groupLabel(row, kind, t) }),
                        }}
                        label={groupLabel(row, kind, t)}
                        accessibleLabel={t('panel.drilldown.openRow', { name: groupLabel(row, kind, t) })}
                        testId="drilldown-group"
                      />
                    </th>
                    <td>{f.count(row.leads)}</td>
                    {kind === 'rep' && <td>{f.minutes(row.medianResponseMinutes)}</td>}
                    {kind === 'rep' && <td>{f.rate(row.shareWithinSla)}</td>}
                    <td>{f.rate(row.leadToCustomerRate)}</td>
                    <td>{f.money(row.revenue)}</td>
                    {kind !== 'rep' && <td>{f.money(row.cac)}</td>}
                    {kind !== 'rep' && <td data-col="revenuePerLead">{f.money(row.revenuePerLead)}</td>}
                    {kind === 'source' && <td data-col="returnOnSpend">{f.rate(row.returnOnSpend)}</td>}
                    {kind === 'source' && <td>{f.money(row.revenueAtStake)}</td>}
                  </tr>
                ))}
              </tbody>
            </table>
          </TableRegion>
          {kind === 'rep' && <FairRepTable rows={view.fairRep} f={f} t={t} />}
        </>
      )}
    </ViewSection>
  );
}
