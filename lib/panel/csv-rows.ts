import type { Cell } from '../csv/csv';
import { toCsv } from '../csv/csv';
import type { MessageKey, Translate } from '../i18n';
import type { KpiId } from '../metrics/kpis';
import { funnelRateNames, funnelSteps } from '../metrics/funnel';
import { recordUrl } from '../crm/hubspot/urls';
import type { KpiCardModel } from './kpi-cards';
import { labelKey } from './formulas';
import type { GroupRowModel, MissingFieldsRow, PanelView, RoiCheckpointModel } from './view-model';

// Every table and chart of the panel as CSV: headers in the reader's language, values raw (numbers as numbers, rates
// as fractions, instants as ISO) so a spreadsheet can compute with them. `toCsv` guards formula-like CRM text.

export interface CsvTable {
  header: string[];
  rows: Cell[][];
}

export type ExportName =
  | 'kpis'
  | 'roi'
  | 'funnel'
  | 'speedToLead'
  | 'trends'
  | 'bySource'
  | 'byCampaign'
  | 'byRep'
  | 'dealFunnel'
  | 'fairRep'
  | 'forecast'
  | 'dataQuality';

const iso = (at: number) => new Date(at).toISOString();

/**
 * The KPI cards shown, in their order. Each row names the checkpoint and its windows, so the file says on its own
 * what "before" and "after" were.
 */
export function kpiRows(
  cards: readonly KpiCardModel[],
  ids: readonly KpiId[],
  t: Translate,
  checkpoint?: Pick<RoiCheckpointModel, 'months' | 'status' | 'after' | 'baseline'>,
): CsvTable {
  const byId = new Map(cards.map((card) => [card.id, card]));
  const windows: Cell[] = checkpoint
    ? [
        checkpoint.months,
        checkpoint.status,
        iso(checkpoint.after.from),
        iso(checkpoint.after.to),
        iso(checkpoint.baseline.from),
        iso(checkpoint.baseline.to),
      ]
    : [null, null, null, null, null, null];
  return {
    header: [
      t('panel.csv.kpi'),
      t('panel.csv.before'),
      t('panel.csv.after'),
      t('panel.csv.difference'),
      t('panel.csv.intervalLow'),
      t('panel.csv.intervalHigh'),
      t('panel.csv.notSignificant'),
      t('panel.csv.afterN'),
      t('panel.csv.beforeN'),
      t('panel.csv.checkpointMonths'),
      t('panel.csv.status'),
      t('panel.csv.afterFrom'),
      t('panel.csv.afterTo'),
      t('panel.csv.baselineFrom'),
      t('panel.csv.baselineTo'),
    ],
    rows: ids.flatMap((id) => {
      const card = byId.get(id);
      if (!card) return [];
      return [
        [
          t(labelKey(id)),
          card.before,
          card.after,
          card.difference,
          card.interval?.low ?? null,
          card.interval?.high ?? null,
          card.notSignificant === null ? null : card.notSignificant ? 1 : 0,
          card.afterN,
          card.beforeN,
          ...windows,
        ],
      ];
    }),
  };
}

/** The ROI checkpoints (always the whole portal's), each row with the payback month, which is the same for all. */
export function roiRows(view: Pick<PanelView, 'roi'>, t: Translate): CsvTable {
  return {
    header: [
      t('panel.csv.checkpointMonths'),
      t('panel.csv.status'),
      t('panel.csv.afterFrom'),
      t('panel.csv.afterTo'),
      t('panel.csv.baselineFrom'),
      t('panel.csv.baselineTo'),
      t('panel.csv.revenueBefore'),
      t('panel.csv.revenueAfter'),
      t('panel.csv.incrementalRevenue'),
      t('panel.csv.incrementalProfit'),
      t('panel.csv.hoursSaved'),
      t('panel.csv.hoursSavedValue'),
      t('panel.csv.gain'),
      t('panel.csv.systemCost'),
      t('panel.csv.roi'),
      t('panel.csv.paybackMonth'),
      // The assumptions the ROI rests on, and what it waits for (codes, as in the report's JSON).
      t('panel.csv.attributionPct'),
      t('panel.csv.controlSegment'),
      t('panel.csv.grossMarginPct'),
      t('panel.csv.roiReasons'),
      t('panel.csv.intervalLow'),
      t('panel.csv.intervalHigh'),
      t('panel.csv.roiReading'),
    ],
    rows: view.roi.checkpoints.map((c) => [
      c.months,
      c.status,
      iso(c.after.from),
      iso(c.after.to),
      iso(c.baseline.from),
      iso(c.baseline.to),
      c.revenueBefore,
      c.revenueAfter,
      c.incrementalRevenue,
      c.incrementalProfit,
      c.hoursSaved,
      c.hoursSavedValue,
      c.gain,
      c.systemCost,
      c.roi,
      view.roi.paybackMonth,
      c.assumptions.attributionPct,
      c.assumptions.controlSegment
        ? [...c.assumptions.controlSegment.owners, ...c.assumptions.controlSegment.sources].join(' ')
        : null,
      c.assumptions.grossMarginPct,
      c.reasons.join(' '),
      c.roiInterval?.low ?? null,
      c.roiInterval?.high ?? null,
      c.roiInterval?.reading ?? null,
    ]),
  };
}

export function funnelRows(view: Pick<PanelView, 'funnel'>, t: Translate): CsvTable {
  const { counts, rates } = view.funnel;
  return {
    header: [t('panel.csv.step'), t('panel.csv.leads'), t('panel.csv.stepRate'), t('panel.csv.dropOff')],
    rows: funnelSteps.map((step, index) => {
      const rate = index === 0 ? null : funnelRateNames[index - 1];
      return [
        t(`panel.funnel.step.${step}` as MessageKey),
        counts[step],
        rate ? rates[rate] : null,
        rate !== undefined && rate !== null && rate === view.funnel.dropOffStep ? 1 : 0,
      ];
    }),
  };
}

export function speedRows(view: Pick<PanelView, 'speedToLead'>, t: Translate): CsvTable {
  return {
    header: [t('panel.csv.bucket'), t('panel.csv.leads'), t('panel.csv.qualifiedRate'), t('panel.csv.wonRate')],
    rows: view.speedToLead.buckets.map((b) => [
      t(`panel.bucket.${b.bucket}` as MessageKey),
      b.n,
      b.qualifiedRate,
      b.wonRate,
    ]),
  };
}

export function trendRows(view: Pick<PanelView, 'trends'>, t: Translate): CsvTable {
  return {
    header: [
      t('panel.csv.month'),
      t('panel.csv.leads'),
      t('panel.csv.medianResponseMinutes'),
      t('panel.csv.leadToCustomerRate'),
      t('panel.csv.revenue'),
      t('panel.csv.medianCycleDays'),
    ],
    rows: view.trends.map((m) => [
      m.month,
      m.leads,
      m.medianResponseMinutes,
      m.leadToCustomerRate,
      m.revenue,
      m.medianCycleDays,
    ]),
  };
}

export function groupRows(rows: readonly GroupRowModel[], kind: 'source' | 'campaign' | 'rep', t: Translate): CsvTable {
  if (kind === 'rep') {
    return {
      header: [
        t('panel.csv.rep'),
        t('panel.csv.leads'),
        t('panel.csv.medianResponseMinutes'),
        t('panel.csv.shareWithinSla'),
        t('panel.csv.leadToCustomerRate'),
        t('panel.csv.revenue'),
      ],
      rows: rows.map((r) => [
        r.label,
        r.leads,
        r.medianResponseMinutes,
        r.shareWithinSla,
        r.leadToCustomerRate,
        r.revenue,
      ]),
    };
  }
  return {
    header: [
      t(kind === 'source' ? 'panel.csv.source' : 'panel.csv.campaign'),
      t('panel.csv.leads'),
      t('panel.csv.leadToCustomerRate'),
      t('panel.csv.revenue'),
      t('panel.csv.newCustomers'),
      t('panel.csv.spend'),
      t('panel.csv.cac'),
    ],
    rows: rows.map((r) => [r.label, r.leads, r.leadToCustomerRate, r.revenue, r.newCustomers, r.spend, r.cac]),
  };
}

export function forecastRows(view: Pick<PanelView, 'forecast'>, t: Translate): CsvTable {
  const { forecast } = view;
  return {
    header: [
      t('panel.csv.month'),
      t('panel.csv.openDeals'),
      t('panel.csv.amount'),
      t('panel.csv.weighted'),
      t('panel.csv.actualRevenue'),
      t('panel.csv.projectedRevenue'),
    ],
    rows: [
      ...forecast.history.map((h) => [h.month, null, null, null, h.revenue, null] as Cell[]),
      ...forecast.projection.map((p) => [p.month, null, null, null, null, p.revenue] as Cell[]),
      ...forecast.byMonth.map((m) => [m.month, m.deals, m.amount, m.weighted, null, null] as Cell[]),
    ],
  };
}

export function missingRows(
  rows: readonly MissingFieldsRow[],
  recordUrl: (id: string) => string | null,
  t: Translate,
): CsvTable {
  return {
    header: [
      t('panel.csv.leadId'),
      t('panel.csv.name'),
      t('panel.csv.email'),
      t('panel.csv.missing'),
      t('panel.csv.link'),
    ],
    rows: rows.map((r) => [
      r.id,
      r.name,
      r.email,
      r.missing.map((field) => t(`panel.quality.field.${field}` as MessageKey)).join('; '),
      recordUrl(r.id),
    ]),
  };
}

export function csvText(table: CsvTable): string {
  return toCsv(table.header, table.rows);
}

/** The contact's record in HubSpot, on a checked app host (`recordUrl`); null when the portal is unknown. */
export function contactRecordUrl(portal: { portalId?: string; uiDomain?: string }, id: string): string | null {
  if (!portal.portalId) return null;
  return recordUrl(portal.uiDomain, portal.portalId, 'contact', id);
}
