import type { LeadContext } from '../messaging/protocol';
import type { MinutesBetween } from '../metrics/calendar';
import { type BadgeTimer, type TimerRules, visibleTimer } from '../metrics/lead-view';
import { earlyWarningReached, type TimerReading, timerReading } from '../overlay/lead-clock';

// Which of my leads are overdue, and which of them deserve a notification now. Pure: the background feeds it the
// cache's view of my leads and what it already notified; tests feed it tables.
// A "waiting episode" is one timer run: the open timer of a new lead, or the inbound timer of one unanswered
// message. One notification per lead and episode, so a rep is told once, not every minute. Waits are read on the
// badges' own clock (`timerReading` with the team's `leadClockFor` minutes: business minutes when set), so an alert
// never disagrees with the badge or the panel.

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

/** My leads whose visible timer's reading passes `keep`, longest wait first. */
function waitingLeads(
  { leads, now, minutesBetween, rules, snoozedUntil, notALead }: AlertInputs,
  keep: (reading: TimerReading) => boolean,
): OverdueLead[] {
  const found: OverdueLead[] = [];
  for (const lead of leads) {
    if (notALead.has(lead.id)) continue;
    const timer = visibleTimer(lead, now, rules, snoozedUntil.get(lead.id));
    if (!timer) continue;
    const reading = timerReading(timer, now, minutesBetween);
    if (!keep(reading)) continue;
    found.push({
      leadId: lead.id,
      name: lead.name || lead.email,
      episode: episodeOf(lead.id, timer),
      minutes: reading.minutes,
    });
  }
  return found.sort((a, b) => b.minutes - a.minutes);
}

export function overdueLeads(inputs: AlertInputs): OverdueLead[] {
  return waitingLeads(inputs, (reading) => reading.state === 'overdue');
}

/** Leads whose wait reached the early-warning share of the SLA (a percentage) and is not yet overdue. */
export function earlyWarningLeads(inputs: AlertInputs, sharePct: number): OverdueLead[] {
  return waitingLeads(inputs, (reading) => earlyWarningReached(reading, sharePct));
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

/**
 * Episodes still worth remembering: the notified set must not grow without bound. An early warning's episode is
 * kept while it is overdue too (pass both lists), so an episode is never warned of twice.
 */
export function prunedNotified(
  notified: ReadonlySet<string>,
  ...lists: ReadonlyArray<readonly OverdueLead[]>
): Set<string> {
  const live = new Set(lists.flatMap((list) => list.map((lead) => lead.episode)));
  return new Set([...notified].filter((episode) => live.has(episode)));
}

/** The toolbar badge's text: the count of my overdue leads, empty at zero, capped so it fits. */
export function toolbarBadgeText(count: number): string {
  if (count <= 0) return '';
  return count > 99 ? '99+' : String(count);
}
