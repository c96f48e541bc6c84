import type { Cell } from '../csv/csv';
import { recordUrl } from '../crm/hubspot/urls';
import type { Translate } from '../i18n';
import type { Span } from '../metrics/calendar';
import { type DrilldownTarget, drilldownRows } from '../metrics/drilldown';
import {
  type LeadFacts,
  leadFactsAt,
  type WonDealFacts,
  wonDealFactsAt,
  wonDealPrimaryLeads,
} from '../metrics/lead-facts';
import type { PreparedReport } from '../metrics/prepare';
import { leadColumns } from '../metrics/snapshot-index';
import type { Snapshot } from '../model/snapshot';
import type { CsvTable } from './csv-rows';
import type { PortalModel } from './view-model';

// The panel's drill-down: the records behind a figure, as plain rows the worker posts to the page. The worker picks
// the rows from the prepared index it already holds for the filters (no report is computed again) and adds what the
// facts do not carry and a reader needs to recognise a record: the lead's name, e-mail and creation date.

export type { DrilldownTarget };

/** What the page asks for: a figure and the window it is over (a KPI's A or B, or the views' period). */
export interface DrilldownRequest {
  target: DrilldownTarget;
  span: Span;
}

export type DrilldownLeadRow = LeadFacts & { name: string; email: string; createdAt: number };
export type DrilldownDealRow = WonDealFacts & { primaryLeadName: string };

export type DrilldownList =
  | { kind: 'leads'; span: Span; rows: DrilldownLeadRow[] }
  | { kind: 'deals'; span: Span; rows: DrilldownDealRow[] }
  | { kind: 'none'; span: Span };

/** The leads of a snapshot by id, through the index the metrics engine keeps for it (no map built per request). */
function leadFinder(snapshot: Snapshot) {
  const { rank, positionOfRank } = leadColumns(snapshot.leads);
  return (id: string) => {
    const found = rank.get(id);
    return found === undefined ? undefined : snapshot.leads[positionOfRank[found] as number];
  };
}

/** The rows behind `request.target` in the prepared index of `snapshot` (the filtered snapshot it was prepared from). */
export function drilldownList(prepared: PreparedReport, snapshot: Snapshot, request: DrilldownRequest): DrilldownList {
  const { span } = request;
  const selected = drilldownRows(prepared, request.target, span);
  const find = leadFinder(snapshot);
  if (selected.kind === 'none') return { kind: 'none', span };
  if (selected.kind === 'leads') {
    const rows: DrilldownLeadRow[] = [];
    for (const row of selected.rows) {
      const facts = leadFactsAt(prepared, row);
      const lead = find(facts.id);
      rows.push({
        ...facts,
        name: lead?.name ?? '',
        email: lead?.email ?? '',
        createdAt: prepared.leads.createdAt[row] as number,
      });
    }
    return { kind: 'leads', span, rows };
  }
  const primaryLeads = wonDealPrimaryLeads(prepared, snapshot);
  const rows: DrilldownDealRow[] = [];
  for (const row of selected.rows) {
    const facts = wonDealFactsAt(prepared, primaryLeads, row);
    const lead = facts.primaryLead === null ? undefined : find(facts.primaryLead);
    rows.push({ ...facts, primaryLeadName: lead ? lead.name || lead.email : '' });
  }
  return { kind: 'deals', span, rows };
}

/** A record's page in the portal's HubSpot, or null without a portal id (an imported file may lack one). */
export function hubspotLink(portal: PortalModel, object: 'contact' | 'deal', id: string): string | null {
  if (portal.portalId === undefined || portal.portalId === '') return null;
  return recordUrl(portal.uiDomain, portal.portalId, object, id);
}

const iso = (at: number | null) => (at === null ? null : new Date(at).toISOString());
/** A yes/no fact as 1 or 0: a number a spreadsheet can sum, the same in every language. */
const flag = (value: boolean) => (value ? 1 : 0);

/**
 * The list as CSV: every fact raw (instants as ISO, minutes and days unrounded), the owner as its id and name, and
 * the record's HubSpot link, so the file can be checked against the CRM.
 */
export function drilldownCsv(
  list: DrilldownList,
  portal: PortalModel,
  ownerName: (id: string | null) => string,
  t: Translate,
): CsvTable {
  if (list.kind === 'leads') {
    return {
      header: [
        t('panel.drilldown.csv.id'),
        t('panel.drilldown.name'),
        t('panel.drilldown.email'),
        t('panel.drilldown.created'),
        t('panel.drilldown.csv.ownerId'),
        t('panel.csv.rep'),
        t('panel.csv.source'),
        t('panel.drilldown.csv.sla'),
        t('panel.drilldown.csv.firstResponseAt'),
        t('panel.drilldown.response'),
        t('panel.csv.bucket'),
        t('panel.drilldown.slaOutcome'),
        t('panel.drilldown.step'),
        t('panel.drilldown.csv.firstPurchaseAt'),
        t('panel.drilldown.csv.timer'),
        t('panel.drilldown.csv.timerState'),
        t('panel.drilldown.csv.timerWaitingMinutes'),
        t('panel.drilldown.csv.temperature'),
        t('panel.drilldown.csv.openLead'),
        t('panel.drilldown.csv.fresh'),
        t('panel.drilldown.csv.complete'),
        t('panel.drilldown.csv.link'),
      ],
      rows: list.rows.map((row): Cell[] => [
        row.id,
        row.name,
        row.email,
        iso(row.createdAt),
        row.owner,
        ownerName(row.owner),
        row.groupSource,
        row.sla,
        iso(row.firstResponseAt),
        row.responseMinutes,
        row.bucket,
        row.slaOutcome,
        row.funnelStep,
        iso(row.firstPurchaseAt),
        row.timer,
        row.timerState,
        row.timerWaitingMinutes,
        row.temperature,
        flag(row.openLead),
        flag(row.fresh),
        flag(row.complete),
        hubspotLink(portal, 'contact', row.id),
      ]),
    };
  }
  if (list.kind === 'deals') {
    return {
      header: [
        t('panel.drilldown.deal'),
        t('panel.drilldown.amount'),
        t('panel.drilldown.closeDate'),
        t('panel.drilldown.cycle'),
        t('panel.drilldown.csv.primaryLeadId'),
        t('panel.drilldown.primaryLead'),
        t('panel.drilldown.csv.ownerId'),
        t('panel.csv.rep'),
        t('panel.csv.source'),
        t('panel.drilldown.csv.link'),
      ],
      rows: list.rows.map((row): Cell[] => [
        row.id,
        row.amount,
        iso(row.closeDate),
        row.cycleDays,
        row.primaryLead,
        row.primaryLeadName,
        row.owner,
        ownerName(row.owner),
        row.groupSource,
        hubspotLink(portal, 'deal', row.id),
      ]),
    };
  }
  return { header: [], rows: [] };
}
