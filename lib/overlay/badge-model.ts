import type { Translate } from '../i18n';
import type { LeadContext } from '../messaging/protocol';
import type { MinutesBetween } from '../metrics/calendar';
import { type BadgeTimer, defaultTimerRules, type TimerRules, visibleTimer } from '../metrics/lead-view';
import { type WaitState, waitState } from '../metrics/response';
import { formatWaiting } from './format';

// What a badge shows for a lead at an instant: pure, so the colour thresholds and the texts are tested without a
// page. Which leads show timers, and from when, is the lead view's rule (lib/metrics/lead-view.ts). METRICS.md: `ok`
// below sla/2, `due` from sla/2, `overdue` from sla.

/**
 * The timer a badge and its card show, with the rep's own marks applied (they come with the lead from the
 * background): none for a lead marked "not a lead", none while a snooze lasts.
 */
export function markedTimer(
  lead: Pick<LeadContext, 'timer' | 'stage' | 'slaMinutes' | 'snoozedUntil' | 'notALead'>,
  now: number,
  rules: TimerRules = defaultTimerRules,
): BadgeTimer | null {
  return lead.notALead ? null : visibleTimer(lead, now, rules, lead.snoozedUntil);
}

/**
 * How badges count a wait: wall-clock minutes (README, "Badges and timers"), so the badge a rep sees turns red at
 * the same minute the alerts count the lead as overdue.
 */
export function elapsedMinutes(from: number, to: number): number {
  return Math.max(0, to - from) / 60_000;
}

export interface TimerFace {
  text: string;
  state: WaitState;
  minutes: number;
}

/**
 * The timer's text and SLA state. Waiting is counted like METRICS.md's response minutes (business minutes when
 * business hours are set), but the text shows elapsed time so it ticks every second a rep can see.
 */
export function timerFace(
  timer: BadgeTimer,
  now: number,
  minutesBetween: MinutesBetween,
  language: 'en' | 'he',
): TimerFace {
  const minutes = minutesBetween(timer.since, now);
  return { text: formatWaiting(now - timer.since, language), state: waitState(minutes, timer.slaMinutes), minutes };
}

const SHORT_STAGE: Record<
  string,
  | 'stage.subscriber'
  | 'stage.lead'
  | 'stage.mql'
  | 'stage.sql'
  | 'stage.opportunity'
  | 'stage.customer'
  | 'stage.evangelist'
  | 'stage.other'
> = {
  subscriber: 'stage.subscriber',
  lead: 'stage.lead',
  marketingqualifiedlead: 'stage.mql',
  salesqualifiedlead: 'stage.sql',
  opportunity: 'stage.opportunity',
  customer: 'stage.customer',
  evangelist: 'stage.evangelist',
  other: 'stage.other',
};

/** Standard stages in the user's language and short; a custom stage keeps the portal's own label. */
export function stageText(lead: Pick<LeadContext, 'stage' | 'stageLabel'>, t: Translate): string {
  const key = SHORT_STAGE[lead.stage];
  if (key) return t(key);
  return truncate(lead.stageLabel ?? lead.stage ?? '', 24) || t('stage.none');
}

/** CRM text is untrusted and unbounded (a 5 000-character name exists): shown as text, cut to fit. */
export function truncate(text: string, max: number): string {
  // Bidirectional controls would let a name re-order the badge's text around it.
  const clean = text.replace(/[\u202a-\u202e\u2066-\u2069]/g, '');
  return clean.length > max ? `${clean.slice(0, max - 1)}…` : clean;
}

/** The lead's latest e-mail or call either way, for the record strip's "last touch". */
export function lastTouchAt(lead: Pick<LeadContext, 'lastInboundAt' | 'lastOutboundAt'>): number | undefined {
  const times = [lead.lastInboundAt, lead.lastOutboundAt].filter((at): at is number => at !== undefined);
  return times.length > 0 ? Math.max(...times) : undefined;
}

/** The badge's accessible name: everything its colours and abbreviations say, in words. */
export function badgeLabel(
  lead: LeadContext,
  face: TimerFace | null,
  timer: BadgeTimer | null,
  t: Translate,
  answeredInMail = false,
): string {
  const parts = [t('badge.leadName', { name: truncate(lead.name || lead.email, 60) }), stageText(lead, t)];
  if (lead.leadStatusLabel ?? lead.leadStatus) parts.push(truncate(lead.leadStatusLabel ?? lead.leadStatus ?? '', 40));
  parts.push(t(`temperature.${lead.temperature}`));
  if (face && timer) {
    parts.push(
      t(timer.kind === 'open' ? 'badge.waitingOpen' : 'badge.waitingInbound', { time: face.text }),
      t(`sla.${face.state}`),
    );
  }
  if (answeredInMail) parts.push(t('overlay.answeredNotLogged'));
  return parts.join(', ');
}
