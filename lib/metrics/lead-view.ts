import type { MetricSettings } from '../model/settings.ts';
import type { Deal, Lead, Touch } from '../model/snapshot.ts';
import { dayMs } from './calendar.ts';
import { isInboundTouch, isResponseTouch, slaForSource } from './response.ts';
import { type Temperature, temperatureFrom } from './team-health.ts';

// One lead as a rep sees it at an instant (METRICS.md "Timers", "SLA", "Lead temperature"): the badges' data, the
// alerts and the panel's per-lead rules all come from here. Waits are left to the caller, which gets the instant a
// timer started: the badges and the alerts count elapsed minutes, the report business minutes.

/** What the view reads of one touch (the worker's lead index keeps no more). */
export type ViewedTouch = Pick<Touch, 'kind' | 'direction' | 'at' | 'automated'>;

/** What the view reads of a lead: the cached record, whose `effectiveSource` (`sourceTag ?? source`) was set on write. */
export type ViewedLead = Pick<
  Lead,
  'id' | 'email' | 'name' | 'lifecycleStage' | 'leadStatus' | 'ownerId' | 'createdAt' | 'score' | 'stageDates'
> & { effectiveSource: string };

/** `open` since creation while no response came; `inbound` since a message that came after the latest response. */
export interface RunningTimer {
  kind: 'open' | 'inbound';
  since: number;
}

export interface LeadView {
  id: string;
  email: string;
  name: string;
  stage: string;
  leadStatus?: string;
  ownerId?: string;
  effectiveSource: string;
  temperature: Temperature;
  timer?: RunningTimer;
  firstResponseAt?: number;
  /**
   * The latest inbound and outbound e-mail or call. Outbound includes automated sends (they are touches, though no
   * answer): the overlay's "answered in mail, not logged" check must know HubSpot already has a sequence's e-mail.
   */
  lastInboundAt?: number;
  lastOutboundAt?: number;
  /** When the lead entered each lifecycle stage HubSpot dates, by stage value; dates after asOf left out. */
  stageDates?: Record<string, number>;
  slaMinutes: number;
  openDealValue: number;
}

/** `timerKindOf`'s answers: no timer, the open timer, the inbound timer. */
export const noTimer = 0;
export const openTimer = 1;
export const inboundTimer = 2;

/**
 * The timer rule as a code, NaN standing for "none": the report applies it to 100 000 leads, where an object per lead
 * was a quarter of its garbage. `runningTimer` is the same rule for one lead.
 */
export function timerKindOf(latestResponseAt: number, latestInboundAt: number): 0 | 1 | 2 {
  if (Number.isNaN(latestResponseAt)) return openTimer;
  return latestInboundAt > latestResponseAt ? inboundTimer : noTimer;
}

/** The timer rule, from the latest response and the latest inbound e-mail or call; none once the lead is answered. */
export function runningTimer(
  createdAt: number,
  latestResponseAt: number | undefined,
  latestInboundAt: number | undefined,
): RunningTimer | undefined {
  const kind = timerKindOf(latestResponseAt ?? Number.NaN, latestInboundAt ?? Number.NaN);
  if (kind === openTimer) return { kind: 'open', since: createdAt };
  if (kind === inboundTimer) return { kind: 'inbound', since: latestInboundAt as number };
  return undefined;
}

function isOutboundTouch(touch: Pick<Touch, 'direction' | 'kind'>): boolean {
  return touch.direction === 'out' && (touch.kind === 'email' || touch.kind === 'call');
}

const later = (current: number | undefined, at: number) => (current === undefined || at > current ? at : current);

/**
 * One lead's view at asOf from its touches and deals (any order; touches after asOf are not yet true). A lead created
 * after asOf (HubSpot's clock a little ahead) still gets its open timer: the badges' clock counts it as no wait.
 */
export function leadView(
  lead: ViewedLead,
  touches: readonly ViewedTouch[],
  deals: readonly Pick<Deal, 'isClosed' | 'leadIds' | 'amount'>[],
  settings: Pick<MetricSettings, 'slaMinutes' | 'slaBySource'>,
  asOf: number,
): LeadView {
  let firstResponseAt: number | undefined;
  let latestResponseAt: number | undefined;
  let lastInboundAt: number | undefined;
  let lastOutboundAt: number | undefined;
  // Temperature reads any touch, and an `in` touch of any kind.
  let lastTouchAt: number | undefined;
  let lastInAt: number | undefined;
  for (const touch of touches) {
    if (touch.at > asOf) continue;
    if (isResponseTouch(touch) && touch.at >= lead.createdAt) {
      if (firstResponseAt === undefined || touch.at < firstResponseAt) firstResponseAt = touch.at;
      latestResponseAt = later(latestResponseAt, touch.at);
    }
    if (isInboundTouch(touch)) lastInboundAt = later(lastInboundAt, touch.at);
    if (isOutboundTouch(touch)) lastOutboundAt = later(lastOutboundAt, touch.at);
    if (touch.direction === 'in') lastInAt = later(lastInAt, touch.at);
    lastTouchAt = later(lastTouchAt, touch.at);
  }
  const timer = runningTimer(lead.createdAt, latestResponseAt, lastInboundAt);
  const stageDates: Record<string, number> = {};
  for (const [stage, at] of Object.entries(lead.stageDates)) if (at !== undefined && at <= asOf) stageDates[stage] = at;
  const openDealValue = deals
    .filter((deal) => !deal.isClosed && deal.leadIds.includes(lead.id))
    .reduce((sum, deal) => sum + deal.amount, 0);
  return {
    id: lead.id,
    email: lead.email,
    name: lead.name,
    stage: lead.lifecycleStage,
    ...(lead.leadStatus ? { leadStatus: lead.leadStatus } : {}),
    ...(lead.ownerId ? { ownerId: lead.ownerId } : {}),
    effectiveSource: lead.effectiveSource,
    temperature: temperatureFrom(lead.createdAt, lead.score, lastTouchAt, lastInAt, asOf),
    ...(timer ? { timer } : {}),
    ...(firstResponseAt !== undefined ? { firstResponseAt } : {}),
    ...(lastInboundAt !== undefined ? { lastInboundAt } : {}),
    ...(lastOutboundAt !== undefined ? { lastOutboundAt } : {}),
    ...(Object.keys(stageDates).length > 0 ? { stageDates } : {}),
    slaMinutes: slaForSource(settings, lead.effectiveSource),
    openDealValue,
  };
}

/** The team's `timerRules` setting: which leads show timers, so an old import never reads "overdue 400 days". */
export type TimerRules = MetricSettings['timerRules'];

/** The setting's defaults (lib/model/settings.ts), for a page that has not heard the team's rules yet. */
export const defaultTimerRules: TimerRules = { openWithinDays: 30, inboundWithinDays: 14 };

/** Lifecycle stages from which a lead is no longer chased for a first answer. */
const PAST_LEAD_STAGES = new Set(['customer', 'evangelist']);

/** The timer a badge runs (its card and the alerts show the same), with the SLA it is held to. */
export interface BadgeTimer {
  kind: 'open' | 'inbound';
  since: number;
  slaMinutes: number;
}

/** The timer a badge runs, or null when the lead has none or the rules hide it (snoozed leads included). */
export function visibleTimer(
  lead: { timer?: RunningTimer; stage: string; slaMinutes: number },
  now: number,
  rules: TimerRules = defaultTimerRules,
  snoozedUntil?: number,
): BadgeTimer | null {
  const timer = lead.timer;
  if (!timer) return null;
  if (snoozedUntil !== undefined && snoozedUntil > now) return null;
  if (timer.kind === 'open') {
    if (PAST_LEAD_STAGES.has(lead.stage)) return null;
    if (timer.since < now - rules.openWithinDays * dayMs) return null;
  } else if (timer.since < now - rules.inboundWithinDays * dayMs) return null;
  return { kind: timer.kind, since: timer.since, slaMinutes: lead.slaMinutes };
}
