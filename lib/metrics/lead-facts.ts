// Reads of typed arrays are cast (`as number`): every index is bounded by the window's rows, which
// `noUncheckedIndexedAccess` cannot see.
import type { Deal, Snapshot } from '../model/snapshot.ts';
import { rangeIn, type Span } from './calendar.ts';
import { type FunnelStep, funnelSteps } from './funnel.ts';
import {
  leadComplete,
  leadFresh,
  leadOpen,
  type PreparedReport,
  type SlaOutcome,
  slaOutcomes,
  temperatures,
  timerKinds,
  waitStates,
} from './prepare.ts';
import { type ResponseBucket, responseBuckets, slaForSource, type WaitState } from './response.ts';
import { dealLeads, leadColumns, noLead } from './snapshot-index.ts';
import { noOwner } from './sources.ts';
import type { Temperature } from './team-health.ts';

// METRICS.md, "Per-lead facts": the figures behind a window's cohort, one row per lead, for auditing and drill-down.
// Every value is read from the report's index, so a row says exactly what the cohort's figures counted. Rows are
// objects made on request (the report's `--per-lead`, the panel's drill-down), never while a report is computed.
// Beside them, the won deals behind the money figures.

/** An SLA outcome as the facts name it: a lead still waiting inside its SLA is `pending`. */
export type LeadSlaOutcome = Exclude<SlaOutcome, 'waiting'> | 'pending';

export interface LeadFacts {
  /** The lead's id, so a row can be found in the CRM. */
  id: string;
  /** The owner's id, null for a lead without one. */
  owner: string | null;
  /** The effective source (`sourceTag ?? source`). */
  groupSource: string;
  sla: number;
  firstResponseAt: number | null;
  responseMinutes: number | null;
  bucket: ResponseBucket;
  slaOutcome: LeadSlaOutcome;
  /** The highest funnel step reached. */
  funnelStep: FunnelStep;
  firstPurchaseAt: number | null;
  timer: 'open' | 'inbound' | null;
  timerState: WaitState | null;
  timerWaitingMinutes: number | null;
  temperature: Temperature;
  openLead: boolean;
  /** False for a lead that is not open. */
  fresh: boolean;
  complete: boolean;
}

const orNull = (value: number) => (Number.isNaN(value) ? null : value);

/** The facts of one row of the lead table (a live lead at asOf). */
export function leadFactsAt(prepared: PreparedReport, row: number): LeadFacts {
  const { leads, keys, settings } = prepared;
  const owner = keys.owners.name(leads.owner[row] as number);
  const source = keys.sources.name(leads.source[row] as number);
  const outcome = slaOutcomes[leads.slaOutcome[row] as number] as SlaOutcome;
  const timer = timerKinds[leads.timer[row] as number] ?? null;
  const quality = leads.quality[row] as number;
  return {
    id: leads.ids[row] as string,
    owner: owner === noOwner ? null : owner,
    groupSource: source,
    sla: slaForSource(settings, source),
    firstResponseAt: orNull(leads.firstResponseAt[row] as number),
    responseMinutes: orNull(leads.responseMinutes[row] as number),
    bucket: responseBuckets[leads.bucket[row] as number] as ResponseBucket,
    slaOutcome: outcome === 'waiting' ? 'pending' : outcome,
    funnelStep: funnelSteps[(leads.level[row] as number) - 1] as FunnelStep,
    firstPurchaseAt: orNull(leads.firstPurchaseAt[row] as number),
    timer,
    timerState: timer === null ? null : (waitStates[leads.timerState[row] as number] as WaitState),
    timerWaitingMinutes: timer === null ? null : orNull(leads.timerWaitingMinutes[row] as number),
    temperature: temperatures[leads.temperature[row] as number] as Temperature,
    openLead: (quality & leadOpen) !== 0,
    fresh: (quality & leadFresh) !== 0,
    complete: (quality & leadComplete) !== 0,
  };
}

/** The facts of each live lead created in W (the window's cohort), in `createdAt` order. */
export function perLeadFacts(prepared: PreparedReport, span: Span): LeadFacts[] {
  const [first, end] = rangeIn(prepared.leads.createdAt, span);
  const facts: LeadFacts[] = [];
  for (let row = first; row < end; row++) facts.push(leadFactsAt(prepared, row));
  return facts;
}

/**
 * A won deal as Revenue(W), deals won and the sales cycle count it (METRICS.md, "Money and time"): won, with a close
 * date no later than asOf.
 */
export interface WonDealFacts {
  id: string;
  amount: number;
  closeDate: number;
  /** The deal's sales cycle in days, by the first-purchase rule. */
  cycleDays: number;
  /** The deal's first live lead, null for a deal with none. */
  primaryLead: string | null;
  /** The rep the money figures give it to: the deal's owner, else its primary lead's; null for neither. */
  owner: string | null;
  /** The primary lead's effective source (`unknown` without a lead). */
  groupSource: string;
}

// The primary lead of each row of the won-deal table, found once per index: the table keeps money figures only, and
// a drill-down is the one reader that needs the lead.
const primaryLeadsOf = new WeakMap<PreparedReport, Array<string | null>>();
const dealPositions = new WeakMap<readonly Deal[], Map<string, number>>();

function positionsOf(deals: readonly Deal[]): Map<string, number> {
  let positions = dealPositions.get(deals);
  if (positions === undefined) {
    positions = new Map();
    for (let i = 0; i < deals.length; i++) positions.set((deals[i] as Deal).id, i);
    dealPositions.set(deals, positions);
  }
  return positions;
}

/**
 * The primary lead's id of each won deal of `prepared` (by row), from the snapshot it was prepared from: the deal's
 * first lead that is live at asOf (not archived, created by asOf), as the index itself chose it.
 */
export function wonDealPrimaryLeads(prepared: PreparedReport, snapshot: Snapshot): Array<string | null> {
  const found = primaryLeadsOf.get(prepared);
  if (found !== undefined) return found;
  const columns = leadColumns(snapshot.leads);
  const links = dealLeads(snapshot.deals, snapshot.leads);
  const positions = positionsOf(snapshot.deals);
  const { ids } = prepared.wonDeals;
  const primary = ids.map((id) => {
    const position = positions.get(id);
    if (position === undefined) return null;
    for (let j = links.start[position] as number; j < (links.start[position + 1] as number); j++) {
      const rank = links.lead[j] as number;
      if (rank === noLead || columns.archived[rank] === 1) continue;
      if ((columns.createdAt[rank] as number) > prepared.asOf) continue;
      return columns.ids[rank] as string;
    }
    return null;
  });
  primaryLeadsOf.set(prepared, primary);
  return primary;
}

/** The facts of one row of the won-deal table; `primaryLeads` is `wonDealPrimaryLeads` of the same index. */
export function wonDealFactsAt(
  prepared: PreparedReport,
  primaryLeads: ReadonlyArray<string | null>,
  row: number,
): WonDealFacts {
  const { wonDeals, keys } = prepared;
  const owner = keys.owners.name(wonDeals.rep[row] as number);
  return {
    id: wonDeals.ids[row] as string,
    amount: wonDeals.amount[row] as number,
    closeDate: wonDeals.closeDate[row] as number,
    cycleDays: wonDeals.cycleDays[row] as number,
    primaryLead: primaryLeads[row] ?? null,
    owner: owner === noOwner ? null : owner,
    groupSource: keys.sources.name(wonDeals.source[row] as number),
  };
}

/** The won deals closed in W, in close order: the deals behind Revenue(W), deals won(W) and the sales cycle of W. */
export function wonDealFacts(prepared: PreparedReport, snapshot: Snapshot, span: Span): WonDealFacts[] {
  const [first, end] = rangeIn(prepared.wonDeals.closeDate, span);
  const primaryLeads = wonDealPrimaryLeads(prepared, snapshot);
  const facts: WonDealFacts[] = [];
  for (let row = first; row < end; row++) facts.push(wonDealFactsAt(prepared, primaryLeads, row));
  return facts;
}
