import { businessClockFor, type MinutesBetween, minuteMs, minutesMeasure } from '../metrics/calendar';
import type { BadgeTimer } from '../metrics/lead-view';
import { type WaitState, waitState } from '../metrics/response';
import type { BusinessHours } from '../model/settings';

// The one clock of a rep's day (issue #20). The badges, their card, the alerts, the early warning, the toolbar count
// and the popup's numbers all read a lead's wait through `timerReading` with the minutes `leadClockFor` gives, which
// are the metrics' own (lib/metrics/calendar.ts: business minutes when business hours are set, holidays included).
// Before, the overlays counted wall-clock minutes: a lead that came in at night was red on its badge while the panel
// counted it as met.

/** What decides how minutes count: the team's time zone and business hours (null: every minute counts). */
export interface ClockSettings {
  timezone: string;
  businessHours: BusinessHours | null;
}

/** How a page counts a wait: the minutes, and the business hours behind them when there are any (for the card). */
export interface LeadClock {
  minutesBetween: MinutesBetween;
  business?: { timezone: string; hours: BusinessHours };
}

/** Wall-clock minutes: the clock when no business hours are set, and until the background has said. */
export function elapsedMinutes(from: number, to: number): number {
  return Math.max(0, to - from) / minuteMs;
}

export const wallClock: LeadClock = { minutesBetween: elapsedMinutes };

/**
 * The team's clock. The calendar's business clock is cached per zone and hours, so a page that asks again after
 * every status reply builds it once.
 */
export function leadClockFor(settings: ClockSettings | undefined): LeadClock {
  if (!settings?.businessHours) return wallClock;
  const business = businessClockFor(settings.timezone, settings.businessHours);
  return {
    minutesBetween: minutesMeasure(business),
    business: { timezone: settings.timezone, hours: settings.businessHours },
  };
}

/** Whether `at` lies inside business hours; always true when none are set. */
export function isBusinessTime(settings: ClockSettings, at: number): boolean {
  const clock = businessClockFor(settings.timezone, settings.businessHours);
  return clock === null || clock.msBetween(at, at + 1) > 0;
}

export interface TimerReading {
  /** Minutes waited as the SLA counts them. */
  minutes: number;
  /** METRICS.md: `ok` below half the SLA, `due` from half, `overdue` from the SLA. */
  state: WaitState;
  /** The SLA it is held to, in minutes. */
  slaMinutes: number;
}

/** A running timer at `now`, on the team's clock: the one reading every view of a wait shows. */
export function timerReading(
  timer: Pick<BadgeTimer, 'since' | 'slaMinutes'>,
  now: number,
  minutesBetween: MinutesBetween,
): TimerReading {
  const minutes = minutesBetween(timer.since, now);
  return { minutes, state: waitState(minutes, timer.slaMinutes), slaMinutes: timer.slaMinutes };
}

/** What the card says about assignment (METRICS.md, "Two clocks"), on the same clock as the timer. */
export interface AssignmentClocks {
  /** Minutes from creation to the owner's assignment; absent when the assignment says nothing of routing. */
  routingMinutes?: number;
  /** The response clock from assignment: to the first response, or still running at `now`. */
  fromAssignment?: { minutes: number; running: boolean };
}

/**
 * The routing delay and the response clock from assignment of one lead. An assignment after the first response is a
 * re-assignment and says nothing about routing (METRICS.md), and one after `now` is not yet true.
 */
export function assignmentClocks(
  lead: { createdAt?: number; ownerAssignedAt?: number; firstResponseAt?: number },
  now: number,
  minutesBetween: MinutesBetween,
): AssignmentClocks {
  const { createdAt, ownerAssignedAt: assigned, firstResponseAt } = lead;
  if (createdAt === undefined || assigned === undefined) return {};
  if (assigned < createdAt || assigned > now) return {};
  if (firstResponseAt !== undefined && assigned > firstResponseAt) return {};
  return {
    routingMinutes: minutesBetween(createdAt, assigned),
    fromAssignment:
      firstResponseAt !== undefined
        ? { minutes: minutesBetween(assigned, firstResponseAt), running: false }
        : { minutes: minutesBetween(assigned, now), running: true },
  };
}

/**
 * Whether a wait has reached the early-warning share of its SLA (a percentage, 50 = when the badge turns amber)
 * without being overdue yet: the overdue alert says the rest.
 */
export function earlyWarningReached(reading: TimerReading, sharePct: number): boolean {
  // Multiplied, not divided: at 50 % this is exactly the badge's own amber threshold (sla/2).
  return reading.state !== 'overdue' && reading.minutes >= (reading.slaMinutes * sharePct) / 100;
}
