import type { LeadContext } from '../messaging/protocol';
import type { MinutesBetween } from '../metrics/calendar';
import { type TimerRules, visibleTimer } from '../metrics/lead-view';
import { waitState } from '../metrics/response';
import { episodeOf } from './overdue';

// The team queue (issue #20): every lead of the reps a manager follows that is overdue now, with who owns it and how
// long it has waited. The same waiting episodes as the rep's own alerts (lib/alerts/overdue.ts: the badges' visible
// timer, the rules of which leads show one, this browser's marks), counted on the team's clock — the metrics' business
// minutes when business hours are set, which the caller passes in — so a lead that arrived at night is not overdue
// before the morning. Pure: the background feeds it the cache's views; tests feed it tables.

/** What the queue reads of a lead: the badges' own view of it. */
export type QueuedLeadView = Pick<
  LeadContext,
  'id' | 'name' | 'email' | 'ownerId' | 'ownerName' | 'timer' | 'stage' | 'slaMinutes'
>;

export interface TeamQueueEntry {
  leadId: string;
  name: string;
  ownerId: string;
  ownerName?: string;
  kind: 'open' | 'inbound';
  /** When the wait began. */
  since: number;
  /** Minutes waited, on the team's clock. */
  waitedMinutes: number;
  slaMinutes: number;
  /** Whole multiples of the SLA waited (1 from the moment it is overdue). */
  multiple: number;
  /** One timer run of one lead (`episodeOf`): what a notification is told once for, per multiple. */
  episode: string;
}

export interface TeamQueueInputs {
  leads: readonly QueuedLeadView[];
  /** The reps followed; leads of anyone else are left out. */
  ownerIds: ReadonlySet<string>;
  now: number;
  minutesBetween: MinutesBetween;
  rules: TimerRules;
  snoozedUntil: ReadonlyMap<string, number>;
  notALead: ReadonlySet<string>;
}

/** The overdue leads of the followed reps, the longest wait (as a share of its SLA) first. */
export function teamQueue({
  leads,
  ownerIds,
  now,
  minutesBetween,
  rules,
  snoozedUntil,
  notALead,
}: TeamQueueInputs): TeamQueueEntry[] {
  const entries: TeamQueueEntry[] = [];
  for (const lead of leads) {
    const ownerId = lead.ownerId;
    if (ownerId === undefined || !ownerIds.has(ownerId) || notALead.has(lead.id)) continue;
    const timer = visibleTimer(lead, now, rules, snoozedUntil.get(lead.id));
    if (!timer) continue;
    const waitedMinutes = minutesBetween(timer.since, now);
    if (waitState(waitedMinutes, timer.slaMinutes) !== 'overdue') continue;
    entries.push({
      leadId: lead.id,
      name: lead.name || lead.email,
      ownerId,
      ...(lead.ownerName ? { ownerName: lead.ownerName } : {}),
      kind: timer.kind,
      since: timer.since,
      waitedMinutes,
      slaMinutes: timer.slaMinutes,
      multiple: Math.max(1, Math.floor(waitedMinutes / timer.slaMinutes)),
      episode: episodeOf(lead.id, timer),
    });
  }
  // By share of the SLA: a 5-minute lead an hour late comes before a 4-hour one five hours in.
  return entries.sort(
    (a, b) => b.waitedMinutes / b.slaMinutes - a.waitedMinutes / a.slaMinutes || a.leadId.localeCompare(b.leadId),
  );
}

/**
 * The entries to notify now: each episode once per multiple of its SLA it passes (1×, 2×, 3×…), and only in business
 * hours, like the rep's own alerts. `told` is the highest multiple already notified per episode.
 */
export function multiplesDue(
  entries: readonly TeamQueueEntry[],
  told: ReadonlyMap<string, number>,
  inBusinessHours: boolean,
): TeamQueueEntry[] {
  if (!inBusinessHours) return [];
  return entries.filter((entry) => entry.multiple > (told.get(entry.episode) ?? 0));
}

/** What to remember after a check: the multiples told, for episodes still in the queue only (bounded). */
export function toldAfter(
  told: ReadonlyMap<string, number>,
  entries: readonly TeamQueueEntry[],
  notified: readonly TeamQueueEntry[],
): Map<string, number> {
  const live = new Set(entries.map((entry) => entry.episode));
  const next = new Map([...told].filter(([episode]) => live.has(episode)));
  for (const entry of notified) next.set(entry.episode, entry.multiple);
  return next;
}
