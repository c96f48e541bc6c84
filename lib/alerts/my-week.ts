import { zoneClockFor } from '../metrics/calendar';
import type { ViewedTouch } from '../metrics/lead-view';
import { isResponseTouch, responseSlaState, slaForSource, waitState } from '../metrics/response';
import { medianOf } from '../metrics/stats';
import type { MetricSettings } from '../model/settings';
import type { Lead } from '../model/snapshot';
import { leadClockFor } from '../overlay/lead-clock';

// The rep's own numbers in the popup (issue #20): my median response and share within SLA over the leads created
// this week, as METRICS.md defines them for a cohort ("Lead response"), on the team's clock. Pure: the popup reads the
// week's leads and their touches from the cache and hands them here; the unit test checks the figures against the
// report's own (by rep and for the whole cohort).

/** The day a week starts on in a locale: 0 Sunday … 6 Saturday. */
export type WeekDay = 0 | 1 | 2 | 3 | 4 | 5 | 6;

/**
 * Regions whose weeks start on Sunday or Saturday (CLDR's `firstDay`), for runtimes without `Intl.Locale` week info
 * (Firefox): everything else starts on Monday.
 */
const SUNDAY_FIRST = new Set(
  'AG AS BD BR BS BT BW BZ CA CN CO DM DO ET GT GU HK HN ID IL IN JM JP KE KH KR LA MH MM MO MT MX MZ NI NP PA PE PH PK PR PT PY SA SG SV TH TT TW UM US VE VI WS YE ZA ZW'.split(
    ' ',
  ),
);
const SATURDAY_FIRST = new Set('AE AF BH DJ DZ EG IQ IR JO KW LY OM QA SD SY'.split(' '));

interface WeekInfoLocale {
  getWeekInfo?: () => { firstDay: number };
  weekInfo?: { firstDay: number };
  maximize(): { region?: string };
}

/** From CLDR's region table: the fallback when the runtime does not say. */
export function firstDayFromRegion(region: string | undefined): WeekDay {
  if (region && SUNDAY_FIRST.has(region)) return 0;
  if (region && SATURDAY_FIRST.has(region)) return 6;
  return 1;
}

/**
 * The first day of the week in a locale (Sunday in Hebrew): `Intl.Locale`'s week info where the runtime has it
 * (`getWeekInfo()`, or the older `weekInfo` getter; 1 Monday … 7 Sunday), else the region's from CLDR's table.
 */
export function firstDayOfWeek(locale: string): WeekDay {
  let info: WeekInfoLocale;
  try {
    info = new Intl.Locale(locale) as unknown as WeekInfoLocale;
  } catch {
    return 1;
  }
  const firstDay = info.getWeekInfo?.().firstDay ?? info.weekInfo?.firstDay;
  if (firstDay !== undefined && firstDay >= 1 && firstDay <= 7) return (firstDay % 7) as WeekDay;
  return firstDayFromRegion(info.maximize().region);
}

/** The local midnight (in `timezone`) starting the week that holds `now`, weeks starting on `firstDay`. */
export function weekStart(now: number, timezone: string, firstDay: WeekDay): number {
  const zone = zoneClockFor(timezone);
  const [year, month, day] = zone.localDate(now).split('-').map(Number) as [number, number, number];
  const today = Date.UTC(year, month - 1, day);
  const back = (new Date(today).getUTCDay() - firstDay + 7) % 7;
  return zone.localMidnight(new Date(today - back * 86_400_000).toISOString().slice(0, 10));
}

/** What the figures read of a lead (a cached row has more). */
export type WeekLead = Pick<Lead, 'id' | 'ownerId' | 'createdAt'> & { effectiveSource: string; archived?: boolean };

export interface WeekFigures {
  /** Live leads created in the week. */
  leads: number;
  /** Median response minutes of the answered ones; null when none. */
  medianResponseMinutes: number | null;
  /** met / (met + missed + unanswered leads already overdue); null when none is decided. */
  shareWithinSla: number | null;
}

/**
 * Cohort figures of the leads created in `[from, asOf]` (METRICS.md, "Lead response"): a response is a person's
 * out e-mail or call, or a meeting, between creation and asOf; minutes on the team's clock.
 */
export function weekFigures(
  leads: readonly WeekLead[],
  touchesOf: (leadId: string) => readonly ViewedTouch[],
  settings: Pick<MetricSettings, 'slaMinutes' | 'slaBySource' | 'timezone' | 'businessHours'>,
  from: number,
  asOf: number,
): WeekFigures {
  const minutesBetween = leadClockFor(settings).minutesBetween;
  const responses: number[] = [];
  let decided = 0;
  let met = 0;
  let count = 0;
  for (const lead of leads) {
    if (lead.archived || lead.createdAt < from || lead.createdAt > asOf) continue;
    count++;
    let first = Number.POSITIVE_INFINITY;
    for (const touch of touchesOf(lead.id))
      if (isResponseTouch(touch) && touch.at >= lead.createdAt && touch.at <= asOf && touch.at < first)
        first = touch.at;
    const sla = slaForSource(settings, lead.effectiveSource);
    if (first !== Number.POSITIVE_INFINITY) {
      const minutes = minutesBetween(lead.createdAt, first);
      responses.push(minutes);
      decided++;
      if (responseSlaState(minutes, sla) === 'met') met++;
    } else if (waitState(minutesBetween(lead.createdAt, asOf), sla) === 'overdue') {
      decided++;
    }
  }
  return {
    leads: count,
    medianResponseMinutes: medianOf(responses),
    shareWithinSla: decided === 0 ? null : met / decided,
  };
}

/** My figures, and the team's beside them when the cache holds other reps' leads of the week too. */
export function myWeek(
  leads: readonly WeekLead[],
  touchesOf: (leadId: string) => readonly ViewedTouch[],
  settings: Pick<MetricSettings, 'slaMinutes' | 'slaBySource' | 'timezone' | 'businessHours'>,
  myOwnerId: string,
  from: number,
  asOf: number,
): { mine: WeekFigures; team: WeekFigures | null } {
  const mine = weekFigures(
    leads.filter((lead) => lead.ownerId === myOwnerId),
    touchesOf,
    settings,
    from,
    asOf,
  );
  // A cache scoped to my leads holds no one else's: the team's figures would only repeat mine.
  const others = leads.some((lead) => lead.ownerId !== myOwnerId && !lead.archived);
  return { mine, team: others ? weekFigures(leads, touchesOf, settings, from, asOf) : null };
}
