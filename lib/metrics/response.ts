import type { Lead, Touch } from '../model/snapshot.ts';
import type { MetricSettings } from '../model/settings.ts';
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
 * lead's lifetime (`createdAt ≤ at ≤ asOf`) is checked by the caller, who knows the lead. A lead's own timer is
 * `runningTimer` (lead-view.ts).
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
