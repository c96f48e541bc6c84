import type { LeadContext } from '../messaging/protocol';
import type { MinutesBetween } from '../metrics/calendar';
import { type BadgeTimer, type TimerRules, visibleTimer } from '../metrics/lead-view';
import { type WaitState, waitState } from '../metrics/response';

// Which of my leads are overdue, and which of them deserve a notification now. Pure: the background feeds it the
// cache's view of my leads and what it already notified; tests feed it tables.
// A "waiting episode" is one timer run: the open timer of a new lead, or the inbound timer of one unanswered
// message. One notification per lead and episode, so a rep is told once, not every minute.

export interface OverdueLead {
  leadId: string;
  name: string;
  episode: string;
  minutes: number;
}

export interface AlertInputs {
  leads: readonly LeadContext[];
  now: number;
  minutesBetween: MinutesBetween;
  rules: TimerRules;
  snoozedUntil: ReadonlyMap<string, number>;
  notALead: ReadonlySet<string>;
}

export function episodeOf(leadId: string, timer: Pick<BadgeTimer, 'kind' | 'since'>): string {
  return `${leadId}:${timer.kind}:${timer.since}`;
}

export function overdueLeads({
  leads,
  now,
  minutesBetween,
  rules,
  snoozedUntil,
  notALead,
}: AlertInputs): OverdueLead[] {
  const overdue: OverdueLead[] = [];
  for (const lead of leads) {
    if (notALead.has(lead.id)) continue;
    const timer = visibleTimer(lead, now, rules, snoozedUntil.get(lead.id));
    if (!timer) continue;
    const minutes = minutesBetween(timer.since, now);
    const state: WaitState = waitState(minutes, timer.slaMinutes);
    if (state !== 'overdue') continue;
    overdue.push({ leadId: lead.id, name: lead.name || lead.email, episode: episodeOf(lead.id, timer), minutes });
  }
  return overdue.sort((a, b) => b.minutes - a.minutes);
}

/**
 * Notifications to show now: overdue episodes not yet notified, and none outside business hours (they wait for
 * the next business minute, when the rep can act).
 */
export function notificationsDue(
  overdue: readonly OverdueLead[],
  notified: ReadonlySet<string>,
  inBusinessHours: boolean,
): OverdueLead[] {
  if (!inBusinessHours) return [];
  return overdue.filter((lead) => !notified.has(lead.episode));
}

/** Episodes still worth remembering: the notified set must not grow without bound. */
export function prunedNotified(notified: ReadonlySet<string>, overdue: readonly OverdueLead[]): Set<string> {
  const live = new Set(overdue.map((lead) => lead.episode));
  return new Set([...notified].filter((episode) => live.has(episode)));
}

/** The toolbar badge's text: the count of my overdue leads, empty at zero, capped so it fits. */
export function toolbarBadgeText(count: number): string {
  if (count <= 0) return '';
  return count > 99 ? '99+' : String(count);
}
