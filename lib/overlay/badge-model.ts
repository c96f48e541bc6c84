import type * as z from 'zod/mini';
import type { Translate } from '../i18n';
import type { leadContextSchema } from '../messaging/protocol';
import { type WaitState, waitState } from '../metrics/response';
import { formatWaiting } from './format';

// What a badge shows for a lead at an instant: pure, so the colour thresholds and the "which leads show timers"
// rule are tested without a page. METRICS.md: `ok` below sla/2, `due` from sla/2, `overdue` from sla.

export type LeadContext = z.infer<typeof leadContextSchema>;

export interface TimerRules {
  /** Open timers show for leads created within this many days (an old import must not read "overdue 400 days"). */
  openWithinDays: number;
  /** Inbound timers show while the message has waited at most this many days. */
  inboundWithinDays: number;
}

export const defaultTimerRules: TimerRules = { openWithinDays: 30, inboundWithinDays: 14 };

/** Lifecycle stages from which a lead is no longer chased for a first answer. */
const PAST_LEAD_STAGES = new Set(['customer', 'evangelist']);

const DAY_MS = 86_400_000;

export interface BadgeTimer {
  kind: 'open' | 'inbound';
  since: number;
  slaMinutes: number;
}

/** The timer a badge runs, or null when the lead has none or the rules hide it (snoozed leads included). */
export function visibleTimer(
  lead: Pick<LeadContext, 'timer' | 'stage' | 'slaMinutes'>,
  now: number,
  rules: TimerRules = defaultTimerRules,
  snoozedUntil?: number,
): BadgeTimer | null {
  const timer = lead.timer;
  if (!timer) return null;
  if (snoozedUntil !== undefined && snoozedUntil > now) return null;
  if (timer.kind === 'open') {
    if (PAST_LEAD_STAGES.has(lead.stage)) return null;
    if (timer.since < now - rules.openWithinDays * DAY_MS) return null;
  } else if (timer.since < now - rules.inboundWithinDays * DAY_MS) return null;
  return { kind: timer.kind, since: timer.since, slaMinutes: lead.slaMinutes };
}

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

export type MinutesBetween = (from: number, to: number) => number;

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
