// Reads of typed arrays are cast (`as number`): every index is bounded by the window's rows, which
// `noUncheckedIndexedAccess` cannot see.
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
import { noOwner } from './sources.ts';
import type { Temperature } from './team-health.ts';

// METRICS.md, "Per-lead facts": the figures behind a window's cohort, one row per lead, for auditing and drill-down.
// Every value is read from the report's index, so a row says exactly what the cohort's figures counted. Rows are
// objects made on request (the report's `--per-lead`), never while a report is computed.

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

/** The facts of each live lead created in W (the window's cohort), in `createdAt` order. */
export function perLeadFacts(prepared: PreparedReport, span: Span): LeadFacts[] {
  const { leads, keys, settings } = prepared;
  const [first, end] = rangeIn(leads.createdAt, span);
  const facts: LeadFacts[] = [];
  for (let row = first; row < end; row++) {
    const owner = keys.owners.name(leads.owner[row] as number);
    const source = keys.sources.name(leads.source[row] as number);
    const outcome = slaOutcomes[leads.slaOutcome[row] as number] as SlaOutcome;
    const timer = timerKinds[leads.timer[row] as number] ?? null;
    const quality = leads.quality[row] as number;
    facts.push({
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
    });
  }
  return facts;
}
