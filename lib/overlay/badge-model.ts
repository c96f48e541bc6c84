import type { OverlayTranslate } from '../i18n/overlay';
import type { LeadContext } from '../messaging/protocol';
import { crmLabel } from '../i18n/crm-labels';
import type { MinutesBetween } from '../metrics/calendar';
import { type BadgeTimer, defaultTimerRules, type TimerRules, visibleTimer } from '../metrics/lead-view';
import type { WaitState } from '../metrics/response';
import { formatInstant, formatWaiting } from './format';
import { timerReading } from './lead-clock';

export { elapsedMinutes } from './lead-clock';

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

export interface TimerFace {
  text: string;
  state: WaitState;
  minutes: number;
}

/**
 * The timer's text and SLA state, both on the team's clock (`timerReading`): with business hours set the text is the
 * business time waited, so a badge never reads "11h" in green under a 2-hour SLA; the card says which clock it is
 * and shows the time in all beside it.
 */
export function timerFace(
  timer: BadgeTimer,
  now: number,
  minutesBetween: MinutesBetween,
  language: 'en' | 'he',
): TimerFace {
  const { minutes, state } = timerReading(timer, now, minutesBetween);
  return { text: formatWaiting(minutes * 60_000, language), state, minutes };
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
export function stageText(lead: Pick<LeadContext, 'stage' | 'stageLabel'>, t: OverlayTranslate): string {
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

/** A lead status in words: HubSpot's own values in the user's language, a portal's own by the portal's label. */
export function leadStatusText(lead: Pick<LeadContext, 'leadStatus' | 'leadStatusLabel'>, t: OverlayTranslate): string {
  if (!lead.leadStatus) return lead.leadStatusLabel ?? '';
  const portal = lead.leadStatusLabel ? new Map([[lead.leadStatus, lead.leadStatusLabel]]) : undefined;
  return crmLabel('leadStatus', lead.leadStatus, t, portal ? { leadStatus: portal } : undefined);
}

/** A lead's effective source in words: HubSpot's sources by their names, a marketer's tag as it is. */
export function sourceText(lead: Pick<LeadContext, 'effectiveSource'>, t: OverlayTranslate): string {
  return crmLabel('source', lead.effectiveSource, t);
}

/**
 * The badge's accessible name: everything its colours and abbreviations say, in words. It names the SLA state, not
 * the ticking time, so a screen reader is not told a new name every second; the time is in the description.
 */
export function badgeLabel(
  lead: LeadContext,
  face: TimerFace | null,
  timer: BadgeTimer | null,
  t: OverlayTranslate,
  answeredInMail = false,
): string {
  const parts = [t('badge.leadName', { name: truncate(lead.name || lead.email, 60) }), stageText(lead, t)];
  const status = leadStatusText(lead, t);
  if (status) parts.push(truncate(status, 40));
  parts.push(t(`temperature.${lead.temperature}`));
  if (face && timer) {
    parts.push(
      t(timer.kind === 'open' ? 'badge.waitingOpenState' : 'badge.waitingInboundState'),
      t(`sla.${face.state}`),
    );
  }
  if (answeredInMail) parts.push(t('overlay.answeredNotLogged'));
  // A colleague's lead, looked up on demand in a rep's scope (issue #23): not from my cache, and kept only a while.
  if (lead.lookedUpUntil !== undefined) parts.push(t('badge.lookedUp'));
  return parts.join(', ');
}

/**
 * The badge's accessible description: the wait in whole minutes (so it changes at most once a minute), which clock
 * counts it, and how fresh the cache is ("as of").
 */
export function badgeDescription(
  face: TimerFace | null,
  options: { businessTime: boolean; asOf?: number; language: 'en' | 'he' },
  t: OverlayTranslate,
): string {
  const parts: string[] = [];
  if (face) {
    const time = formatWaiting(Math.floor(face.minutes) * 60_000, options.language);
    parts.push(t(options.businessTime ? 'badge.waitedBusiness' : 'badge.waited', { time }));
  }
  if (options.asOf !== undefined) parts.push(t('badge.asOf', { time: formatInstant(options.asOf, options.language) }));
  return parts.join('. ');
}
