import type { Lead, Touch } from '../model/snapshot.ts';
import type { MetricSettings } from '../model/settings.ts';
import { businessClockFor, type MinutesBetween, minutesMeasure } from './calendar.ts';
import { effectiveSource } from './sources.ts';

/** Response buckets, half-open in minutes; `never` last. */
export const responseBuckets = ['<5m', '5–30m', '30–60m', '1–24h', '>24h', 'never'] as const;
export type ResponseBucket = (typeof responseBuckets)[number];
const bucketLimits = [5, 30, 60, 1440] as const;

export function responseBucketIndex(minutes: number | undefined): number {
  if (minutes === undefined) return 5;
  let i = 0;
  while (i < bucketLimits.length && minutes >= (bucketLimits[i] as number)) i++;
  return i;
}

export function responseBucket(minutes: number | undefined): ResponseBucket {
  return responseBuckets[responseBucketIndex(minutes)] as ResponseBucket;
}

/**
 * A touch that stops a lead's clock: a person (not a sequence) wrote or called out, or met. Whether it is in the
 * lead's lifetime (`createdAt ≤ at ≤ asOf`) is checked by the caller, who knows the lead.
 */
export function isResponseTouch(touch: Pick<Touch, 'automated' | 'direction' | 'kind'>): boolean {
  if (touch.automated) return false;
  if (touch.kind === 'meeting') return true;
  return touch.direction === 'out' && (touch.kind === 'email' || touch.kind === 'call');
}

/** An inbound message that restarts the clock once answered: an e-mail or call in. */
export function isInboundTouch(touch: Pick<Touch, 'direction' | 'kind'>): boolean {
  return touch.direction === 'in' && (touch.kind === 'email' || touch.kind === 'call');
}

/**
 * SLA minutes for a source: `slaBySource[source] ?? slaMinutes`. The one place the rule is written. Own keys only: a
 * source is CRM text, and a lead tagged `constructor` must get the team's SLA, not an inherited function.
 */
export function slaForSource(settings: Pick<MetricSettings, 'slaBySource' | 'slaMinutes'>, source: string): number {
  return (
    (Object.hasOwn(settings.slaBySource, source) ? settings.slaBySource[source] : undefined) ?? settings.slaMinutes
  );
}

/** SLA minutes of a lead: `slaBySource[effective source] ?? slaMinutes`. */
export function slaOf(lead: Pick<Lead, 'source' | 'sourceTag'>, settings: MetricSettings): number {
  return slaForSource(settings, effectiveSource(lead));
}

export type WaitState = 'ok' | 'due' | 'overdue';

/** ok below half the SLA, due from half to the limit, overdue once the limit is reached. */
export function waitState(waitingMinutes: number, sla: number): WaitState {
  if (waitingMinutes >= sla) return 'overdue';
  if (waitingMinutes >= sla / 2) return 'due';
  return 'ok';
}

/** A responded lead is `met` (a response exactly at the limit is in time) or `missed`. */
export function responseSlaState(responseMinutes: number, sla: number): 'met' | 'missed' {
  return responseMinutes <= sla ? 'met' : 'missed';
}

export interface LeadTimer {
  kind: 'open' | 'inbound';
  startedAt: number;
  waitingMinutes: number;
  sla: number;
  state: WaitState;
}

/** What a lead's timer needs to know of its touches; built in one pass by the report or per lead by `leadTimer`. */
export interface LeadTouchSummary {
  firstResponseAt: number | undefined;
  latestResponseAt: number | undefined;
  latestInboundAt: number | undefined;
}

export function timerFromSummary(
  createdAt: number,
  summary: LeadTouchSummary,
  sla: number,
  asOf: number,
  minutes: MinutesBetween,
): LeadTimer | null {
  let kind: LeadTimer['kind'];
  let startedAt: number;
  if (summary.latestResponseAt === undefined) {
    kind = 'open';
    startedAt = createdAt;
  } else if (summary.latestInboundAt !== undefined && summary.latestInboundAt > summary.latestResponseAt) {
    kind = 'inbound';
    startedAt = summary.latestInboundAt;
  } else {
    return null;
  }
  const waitingMinutes = minutes(startedAt, asOf);
  return { kind, startedAt, waitingMinutes, sla, state: waitState(waitingMinutes, sla) };
}

/** Summarises one lead's touches (any order); touches after asOf are ignored. */
export function summariseLeadTouches(
  lead: Pick<Lead, 'createdAt'>,
  touchesOfLead: readonly Touch[],
  asOf: number,
): LeadTouchSummary {
  let firstResponseAt: number | undefined;
  let latestResponseAt: number | undefined;
  let latestInboundAt: number | undefined;
  for (const touch of touchesOfLead) {
    if (touch.at > asOf) continue;
    if (isResponseTouch(touch) && touch.at >= lead.createdAt) {
      if (firstResponseAt === undefined || touch.at < firstResponseAt) firstResponseAt = touch.at;
      if (latestResponseAt === undefined || touch.at > latestResponseAt) latestResponseAt = touch.at;
    }
    if (isInboundTouch(touch) && (latestInboundAt === undefined || touch.at > latestInboundAt)) {
      latestInboundAt = touch.at;
    }
  }
  return { firstResponseAt, latestResponseAt, latestInboundAt };
}

/** What the overlays' per-lead functions read of a lead; archived leads (and leads not yet created) get nothing. */
export type OverlayLead = Pick<Lead, 'createdAt' | 'source' | 'sourceTag'> & { archived?: boolean };

function measureFor(settings: MetricSettings): MinutesBetween {
  return minutesMeasure(businessClockFor(settings.timezone, settings.businessHours));
}

/**
 * The one timer a lead shows at asOf, for the overlays: `open` until the first response, then `inbound` while a
 * later inbound e-mail or call waits; null otherwise. `touchesOfLead` are the lead's touches (any order).
 */
export function leadTimer(
  lead: OverlayLead,
  touchesOfLead: readonly Touch[],
  settings: MetricSettings,
  asOf: number,
): LeadTimer | null {
  if (lead.archived === true || lead.createdAt > asOf) return null;
  const summary = summariseLeadTouches(lead, touchesOfLead, asOf);
  return timerFromSummary(lead.createdAt, summary, slaOf(lead, settings), asOf, measureFor(settings));
}

export type LeadSlaState =
  | { state: 'met' | 'missed'; responseMinutes: number; sla: number }
  | { state: WaitState; waitingMinutes: number; sla: number };

/** A lead's SLA at asOf: met or missed once responded, else how its open timer stands. Null before creation. */
export function leadSlaState(
  lead: OverlayLead,
  touchesOfLead: readonly Touch[],
  settings: MetricSettings,
  asOf: number,
): LeadSlaState | null {
  if (lead.archived === true || lead.createdAt > asOf) return null;
  const sla = slaOf(lead, settings);
  const minutes = measureFor(settings);
  const { firstResponseAt } = summariseLeadTouches(lead, touchesOfLead, asOf);
  if (firstResponseAt !== undefined) {
    const responseMinutes = minutes(lead.createdAt, firstResponseAt);
    return { state: responseSlaState(responseMinutes, sla), responseMinutes, sla };
  }
  const waitingMinutes = minutes(lead.createdAt, asOf);
  return { state: waitState(waitingMinutes, sla), waitingMinutes, sla };
}
