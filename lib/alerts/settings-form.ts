import type { MessageKey } from '../i18n';
import type { BusinessHours, MetricSettings, Weekday } from '../model/settings';
import { weekdays } from '../model/settings';

// The options page's "Alerts and timers" form as strings (what the inputs hold) and its validation into the team
// settings the alerts and the badges read: SLA, SLA per source, business hours, my owner id, the timer rules and the
// early warning.

export interface SlaRow {
  source: string;
  minutes: string;
}

export interface AlertForm {
  slaMinutes: string;
  slaBySource: SlaRow[];
  /** Business hours set at all; off means every minute counts and notifications come at any hour. */
  businessHoursOn: boolean;
  days: Weekday[];
  start: string;
  end: string;
  /** Not edited here (set by policy or import), but kept: saving the form must not drop the team's holidays. */
  holidays: string[];
  /** '' for nobody: no alerts, no toolbar count. */
  myOwnerId: string;
  openWithinDays: string;
  inboundWithinDays: string;
  /** The optional early warning: on, and at which share of the SLA (a whole percentage, as typed). */
  earlyWarningOn: boolean;
  earlyWarningPct: string;
}

export type AlertField =
  | 'slaMinutes'
  | `slaBySource.${number}.source`
  | `slaBySource.${number}.minutes`
  | 'days'
  | 'start'
  | 'end'
  | 'openWithinDays'
  | 'inboundWithinDays'
  | 'earlyWarningPct';

export type AlertErrors = Partial<Record<AlertField, MessageKey>>;

/** The settings this form owns. */
export type AlertSettingsPart = Pick<
  MetricSettings,
  'slaMinutes' | 'slaBySource' | 'businessHours' | 'timerRules' | 'earlyWarning'
> & {
  myOwnerId?: string;
};

/** A usual working week, offered when business hours are switched on for the first time. */
const DEFAULT_HOURS: BusinessHours = { days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '09:00', end: '17:00' };

export function alertFormFrom(settings: MetricSettings): AlertForm {
  const hours = settings.businessHours ?? DEFAULT_HOURS;
  return {
    slaMinutes: String(settings.slaMinutes),
    slaBySource: Object.entries(settings.slaBySource)
      .map(([source, minutes]) => ({ source, minutes: String(minutes) }))
      .sort((a, b) => a.source.localeCompare(b.source)),
    businessHoursOn: settings.businessHours !== null,
    days: weekdays.filter((day) => hours.days.includes(day)),
    start: hours.start,
    end: hours.end,
    holidays: [...(settings.businessHours?.holidays ?? [])],
    myOwnerId: settings.myOwnerId ?? '',
    openWithinDays: String(settings.timerRules.openWithinDays),
    inboundWithinDays: String(settings.timerRules.inboundWithinDays),
    earlyWarningOn: settings.earlyWarning.enabled,
    earlyWarningPct: String(settings.earlyWarning.sharePct),
  };
}

/** A number of minutes above 0 as people type it ("7,5" too); null when it is not one. */
export function parseMinutes(text: string): number | null {
  const cleaned = text.trim().replace(',', '.');
  if (!/^\d+(\.\d+)?$/.test(cleaned)) return null;
  const value = Number(cleaned);
  return value > 0 && Number.isFinite(value) ? value : null;
}

/** A whole number above 0, as typed (days, a percentage). */
function parseWholeNumber(text: string): number | null {
  const cleaned = text.trim();
  if (!/^\d+$/.test(cleaned)) return null;
  const value = Number(cleaned);
  return value > 0 && Number.isSafeInteger(value) ? value : null;
}

const WALL_CLOCK = /^(([01]\d|2[0-3]):[0-5]\d|24:00)$/;

export type AlertFormResult = { ok: true; value: AlertSettingsPart } | { ok: false; errors: AlertErrors };

export function validateAlertForm(form: AlertForm): AlertFormResult {
  const errors: AlertErrors = {};
  const slaMinutes = parseMinutes(form.slaMinutes);
  if (slaMinutes === null) errors.slaMinutes = 'alerts.error.positive';
  const slaBySource: Record<string, number> = {};
  form.slaBySource.forEach((row, index) => {
    const source = row.source.trim();
    const minutes = parseMinutes(row.minutes);
    if (source === '') errors[`slaBySource.${index}.source`] = 'setup.error.source';
    else if (source in slaBySource) errors[`slaBySource.${index}.source`] = 'alerts.error.duplicateSource';
    if (minutes === null) errors[`slaBySource.${index}.minutes`] = 'alerts.error.positive';
    if (source !== '' && minutes !== null && !(source in slaBySource)) slaBySource[source] = minutes;
  });
  let businessHours: BusinessHours | null = null;
  if (form.businessHoursOn) {
    if (form.days.length === 0) errors.days = 'alerts.error.noDays';
    if (!WALL_CLOCK.test(form.start)) errors.start = 'alerts.error.time';
    if (!WALL_CLOCK.test(form.end)) errors.end = 'alerts.error.time';
    // The settings allow end ≤ start (no business time that day), but in a form it is a slip, not a wish.
    else if (WALL_CLOCK.test(form.start) && form.end <= form.start) errors.end = 'alerts.error.hours';
    businessHours = {
      days: weekdays.filter((day) => form.days.includes(day)),
      start: form.start,
      end: form.end,
      ...(form.holidays.length > 0 ? { holidays: form.holidays } : {}),
    };
  }
  const openWithinDays = parseWholeNumber(form.openWithinDays);
  if (openWithinDays === null) errors.openWithinDays = 'alerts.error.wholeDays';
  const inboundWithinDays = parseWholeNumber(form.inboundWithinDays);
  if (inboundWithinDays === null) errors.inboundWithinDays = 'alerts.error.wholeDays';
  const sharePct = parseWholeNumber(form.earlyWarningPct);
  // Checked even when off: a share typed and then switched off is kept for the next time it is on.
  if (sharePct === null || sharePct > 99) errors.earlyWarningPct = 'alerts.error.percent';
  if (
    Object.keys(errors).length > 0 ||
    slaMinutes === null ||
    openWithinDays === null ||
    inboundWithinDays === null ||
    sharePct === null
  )
    return { ok: false, errors };
  return {
    ok: true,
    value: {
      slaMinutes,
      slaBySource,
      businessHours,
      timerRules: { openWithinDays, inboundWithinDays },
      earlyWarning: { enabled: form.earlyWarningOn, sharePct },
      ...(form.myOwnerId ? { myOwnerId: form.myOwnerId } : {}),
    },
  };
}

/**
 * The whole settings object to save: `saveTeamSettings` replaces the stored local settings, so the ROI settings
 * travel along unchanged. Values the organisation set are kept as they are (the background would drop them anyway).
 */
export function withAlertSettings(
  settings: MetricSettings,
  part: AlertSettingsPart,
  managedKeys: readonly string[],
): MetricSettings {
  const next: MetricSettings = { ...settings };
  const writable = (key: keyof AlertSettingsPart) => !managedKeys.includes(key);
  if (writable('slaMinutes')) next.slaMinutes = part.slaMinutes;
  if (writable('slaBySource')) next.slaBySource = part.slaBySource;
  if (writable('businessHours')) next.businessHours = part.businessHours;
  if (writable('timerRules')) next.timerRules = part.timerRules;
  if (writable('earlyWarning')) next.earlyWarning = part.earlyWarning;
  if (writable('myOwnerId')) {
    if (part.myOwnerId) next.myOwnerId = part.myOwnerId;
    else delete next.myOwnerId;
  }
  return next;
}
