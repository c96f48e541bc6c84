import type { Translate } from '../i18n';
import { FAIR_REP_MIN_LEADS } from '../metrics/breakdowns';
import { noOwner } from '../metrics/sources';
import type { CsvTable } from './csv-rows';
import type { FairRepModel } from './view-model';

/** The fair rep comparison as CSV: rates as fractions, the interval's ends apart, and whether n is under the caution. */
export function fairRepRows(rows: readonly FairRepModel[], t: Translate): CsvTable {
  return {
    header: [
      t('panel.csv.rep'),
      t('panel.fairRep.n'),
      t('panel.csv.leadToCustomerRate'),
      t('panel.csv.intervalLow'),
      t('panel.csv.intervalHigh'),
      t('panel.fairRep.expected'),
      t('panel.fairRep.vsExpected'),
      t('panel.fairRep.winRate'),
      t('panel.fairRep.dealsWon'),
      t('panel.fairRep.dealsClosed'),
      t('panel.csv.medianCycleDays'),
      t('panel.csv.medianResponseMinutes'),
      t('panel.fairRep.smallSample', { min: FAIR_REP_MIN_LEADS }),
    ],
    rows: rows.map((row) => [
      row.key === noOwner ? t('card.noOwner') : row.label,
      row.leads,
      row.leadToCustomerRate,
      row.interval?.low ?? null,
      row.interval?.high ?? null,
      row.expectedRate,
      row.vsExpected,
      row.winRate,
      row.dealsWon,
      row.dealsClosed,
      row.medianCycleDays,
      row.medianResponseMinutes,
      row.smallSample ? 1 : 0,
    ]),
  };
}
