import { useState } from 'react';
import type { Translate } from '../../lib/i18n';
import { FAIR_REP_MIN_LEADS } from '../../lib/metrics/breakdowns';
import { noOwner } from '../../lib/metrics/sources';
import type { Formatters } from '../../lib/panel/format';
import { fairRepRows } from '../../lib/panel/fair-rep-rows';
import type { FairRepModel } from '../../lib/panel/view-model';
import { CsvButton } from './CsvButton';
import { TableRegion } from './TableRegion';

// The fair rep comparison (METRICS.md "Breakdowns"). Never ordered by the raw rate: a rep's lead mix would decide
// that order. By name unless the user asks for the number of leads or the gap to the expected rate.

export const fairRepSorts = ['name', 'leads', 'vsExpected'] as const;
export type FairRepSort = (typeof fairRepSorts)[number];

export function repName(row: Pick<FairRepModel, 'key' | 'label'>, t: Translate): string {
  return row.key === noOwner ? t('card.noOwner') : row.label;
}

/** Rows in the chosen order; ties (and missing gaps, last) by name so the order is stable. */
export function sortFairRep(
  rows: readonly FairRepModel[],
  by: FairRepSort,
  name: (row: FairRepModel) => string,
  collator: Intl.Collator,
): FairRepModel[] {
  const byName = (a: FairRepModel, b: FairRepModel) => collator.compare(name(a), name(b)) || (a.key < b.key ? -1 : 1);
  return [...rows].sort((a, b) => {
    if (by === 'leads') return b.leads - a.leads || byName(a, b);
    if (by === 'vsExpected') {
      if (a.vsExpected === null || b.vsExpected === null) {
        if (a.vsExpected !== b.vsExpected) return a.vsExpected === null ? 1 : -1;
        return byName(a, b);
      }
      return b.vsExpected - a.vsExpected || byName(a, b);
    }
    return byName(a, b);
  });
}

export function FairRepTable({ rows, f, t }: { rows: readonly FairRepModel[]; f: Formatters; t: Translate }) {
  const [sort, setSort] = useState<FairRepSort>('name');
  if (rows.length === 0) return null;
  const name = (row: FairRepModel) => repName(row, t);
  const sorted = sortFairRep(rows, sort, name, new Intl.Collator(f.locale));
  const anySmall = rows.some((row) => row.smallSample);
  return (
    <TableRegion label={t('panel.table.region', { title: t('panel.fairRep.heading') })}>
      <div className="ll-view-head">
        <h3>{t('panel.fairRep.heading')}</h3>
        <CsvButton name="fairRep" csv={() => fairRepRows(sorted, t)} t={t} />
      </div>
      <p className="ll-muted ll-small">{t('panel.fairRep.note')}</p>
      {anySmall && (
        <p className="ll-notice ll-small" data-testid="fairRep-caution">
          {t('panel.fairRep.smallNote', { min: FAIR_REP_MIN_LEADS })}
        </p>
      )}
      <label className="ll-row ll-small">
        {t('panel.fairRep.sortBy')}
        <select
          data-testid="fairRep-sort"
          value={sort}
          onChange={(event) => setSort(event.target.value as FairRepSort)}
        >
          {fairRepSorts.map((option) => (
            <option key={option} value={option}>
              {t(`panel.fairRep.sort.${option}`)}
            </option>
          ))}
        </select>
      </label>
      <table className="ll-table" data-testid="table-fairRep" data-sort={sort}>
        <thead>
          <tr>
            <th scope="col">{t('panel.csv.rep')}</th>
            <th scope="col" aria-sort={sort === 'leads' ? 'descending' : undefined}>
              {t('panel.fairRep.n')}
            </th>
            <th scope="col">{t('panel.csv.leadToCustomerRate')}</th>
            <th scope="col">{t('panel.fairRep.interval')}</th>
            <th scope="col">{t('panel.fairRep.expected')}</th>
            <th scope="col" aria-sort={sort === 'vsExpected' ? 'descending' : undefined}>
              {t('panel.fairRep.vsExpected')}
            </th>
            <th scope="col">{t('panel.fairRep.winRate')}</th>
            <th scope="col">{t('panel.fairRep.deals')}</th>
            <th scope="col">{t('panel.csv.medianCycleDays')}</th>
            <th scope="col">{t('panel.csv.medianResponseMinutes')}</th>
          </tr>
        </thead>
        <tbody>
          {sorted.map((row) => (
            <tr
              key={row.key}
              data-key={row.key}
              data-small={row.smallSample}
              // Raw figures for tests and tools that read the page; the cells carry them formatted.
              data-n={row.leads}
              data-vs-expected={row.vsExpected ?? ''}
            >
              <th scope="row">
                {name(row)}
                {row.smallSample && (
                  <span className="ll-notice ll-small" data-testid="fairRep-small">
                    {' '}
                    {t('panel.fairRep.small', { min: FAIR_REP_MIN_LEADS })}
                  </span>
                )}
              </th>
              <td data-col="leads">{f.count(row.leads)}</td>
              <td data-col="rate">{f.rate(row.leadToCustomerRate)}</td>
              <td data-col="interval">
                {row.interval ? `${f.rate(row.interval.low)} – ${f.rate(row.interval.high)}` : '—'}
              </td>
              <td data-col="expected">{f.rate(row.expectedRate)}</td>
              <td data-col="vsExpected">{f.points(row.vsExpected)}</td>
              <td data-col="winRate">{f.rate(row.winRate)}</td>
              <td data-col="deals">
                {t('panel.fairRep.dealsValue', { won: f.count(row.dealsWon), closed: f.count(row.dealsClosed) })}
              </td>
              <td data-col="cycle">{f.days(row.medianCycleDays)}</td>
              <td data-col="response">{f.minutes(row.medianResponseMinutes)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableRegion>
  );
}
