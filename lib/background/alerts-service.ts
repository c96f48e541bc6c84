import { browser } from 'wxt/browser';
import { notificationsDue, type OverdueLead, overdueLeads, prunedNotified, toolbarBadgeText } from '../alerts/overdue';
import { database, type LeadLensDb } from '../db/db';
import { localeOf, resolveLanguage, type Translate, translator } from '../i18n';
import { businessClockFor } from '../metrics/calendar';
import type { MetricSettings } from '../model';
import type { LeadContext } from '../messaging/protocol';
import { truncate } from '../overlay/badge-model';
import { formatWaiting } from '../overlay/format';
import { indexUrl, recordUrl } from '../crm/hubspot/urls';
import { elapsedMinutes } from '../overlay/badge-model';
import { CONNECTION_CHANGED_KEY, loadSettings } from '../settings/storage';
import { storedConnection } from './connection';
import { leadContext } from './lead-context';
import { loadRepMarks } from './rep-marks-store';
import { loadTeamSettings } from '../settings/team-settings';

// Alerts for *my* leads (the `myOwnerId` team setting): the toolbar button counts those whose wait reached their SLA,
// and each waiting episode gets one browser notification, only in business hours when they are set. The timers are
// the badges' own (`leadContext` + `visibleTimer`, the rep's snoozes and "not a lead" marks), so a notification never
// disagrees with the red badge the rep then sees. Checked every minute and after every sync.

export const ALERTS_ALARM = 'leadlens-alerts';
/** Episodes already notified (see `episodeOf`), pruned to the ones still overdue. */
export const NOTIFIED_KEY = 'alerts.notified';
export const LEAD_NOTIFICATION_PREFIX = 'leadlens-lead:';
export const SUMMARY_NOTIFICATION_ID = 'leadlens-overdue';
/**
 * A rep who names themselves for the first time may have twenty overdue leads: past this many new ones in one check,
 * the longest waits get their own notification and the rest one summary (each episode is still told once).
 */
export const SEPARATE_NOTIFICATIONS = 3;
const BADGE_COLOUR = '#b42318';
/** Keys whose change alters the count at once: who I am, SLA and rules, snoozes, the connection. */
// A rep's mark calls `checkAlerts` from its message handler: no storage key a content script could write triggers it.
const WATCHED_KEYS = ['teamSettings', CONNECTION_CHANGED_KEY];

export interface AlertsOutcome {
  badgeText: string;
  /** Leads that got a notification of their own in this check. */
  notified: string[];
  /** How many more overdue episodes the summary notification told of. */
  summarized: number;
}

interface ToolbarButton {
  setBadgeText(details: { text: string }): Promise<void>;
  setBadgeBackgroundColor(details: { color: string }): Promise<void>;
  setTitle(details: { title: string }): Promise<void>;
}

/** Chrome's MV3 `action`; Firefox's MV2 build has `browserAction` instead. */
function toolbarButton(): ToolbarButton | undefined {
  const apis = browser as unknown as { action?: ToolbarButton; browserAction?: ToolbarButton };
  return apis.action ?? apis.browserAction;
}

/** Whether `at` lies inside business hours; always true when none are set. */
export function isBusinessTime(settings: Pick<MetricSettings, 'timezone' | 'businessHours'>, at: number): boolean {
  const clock = businessClockFor(settings.timezone, settings.businessHours);
  return clock === null || clock.msBetween(at, at + 1) > 0;
}

/** My leads as the badges see them: every live lead of the owner, through the overlays' own `leadContext`. */
async function myLeads(db: LeadLensDb, ownerId: string, settings: MetricSettings, now: number) {
  if (!db.isOpen()) await db.open();
  const contactIds = await db.leads.where('ownerId').equals(ownerId).primaryKeys();
  return contactIds.length === 0 ? [] : leadContext({ contactIds }, settings, now, db);
}

async function userLanguage() {
  const { settings } = await loadSettings();
  return resolveLanguage(settings.language, browser.i18n.getUILanguage());
}

function leadNotification(
  lead: OverdueLead,
  view: LeadContext | undefined,
  now: number,
  t: Translate,
  language: 'en' | 'he',
) {
  const since = view?.timer?.since ?? now - lead.minutes * 60_000;
  const sla = new Intl.NumberFormat(localeOf(language), { maximumFractionDigits: 1 }).format(view?.slaMinutes ?? 0);
  return {
    type: 'basic' as const,
    iconUrl: browser.runtime.getURL('/icon/128.png'),
    // CRM text: a notification shows it as text only; cut to fit and stripped of direction overrides.
    title: t('alerts.notification.title', { name: truncate(lead.name, 60) }),
    message: t(view?.timer?.kind === 'inbound' ? 'alerts.notification.inbound' : 'alerts.notification.open', {
      time: formatWaiting(now - since, language),
      sla,
    }),
  };
}

/** `episodeOf` is `${leadId}:${kind}:${since}`; lead ids hold no colon. */
function leadOfEpisode(episode: string): string {
  return episode.slice(0, episode.indexOf(':'));
}

async function runCheck(now: number, db: LeadLensDb): Promise<AlertsOutcome> {
  const connection = await storedConnection();
  const { settings } = await loadTeamSettings(connection?.portal.timeZone);
  const ownerId = connection ? settings.myOwnerId : undefined;
  const leads = ownerId ? await myLeads(db, ownerId, settings, now) : [];
  const marks = connection
    ? await loadRepMarks(connection.portal.portalId)
    : { snoozedUntil: new Map<string, number>(), notALead: new Set<string>() };
  const overdue = overdueLeads({ leads, now, minutesBetween: elapsedMinutes, rules: settings.timerRules, ...marks });

  const language = await userLanguage();
  const t = translator(language);
  const badgeText = toolbarBadgeText(overdue.length);
  const button = toolbarButton();
  if (button) {
    await button.setBadgeText({ text: badgeText });
    await button.setTitle({
      title: overdue.length > 0 ? t('alerts.toolbarTitle', { count: overdue.length }) : t('app.name'),
    });
    if (badgeText) await button.setBadgeBackgroundColor({ color: BADGE_COLOUR });
  }

  const stored = await browser.storage.local.get(NOTIFIED_KEY);
  const before = Array.isArray(stored[NOTIFIED_KEY])
    ? (stored[NOTIFIED_KEY] as unknown[]).filter((episode): episode is string => typeof episode === 'string')
    : [];
  const notified = new Set(before);
  const due = notificationsDue(overdue, notified, isBusinessTime(settings, now));
  const outcome: AlertsOutcome = { badgeText, notified: [], summarized: 0 };
  const views = new Map(leads.map((lead) => [lead.id, lead]));
  for (const lead of due.slice(0, SEPARATE_NOTIFICATIONS)) {
    try {
      // One notification per lead: a new episode of the same lead replaces the old one.
      await browser.notifications.create(
        `${LEAD_NOTIFICATION_PREFIX}${lead.leadId}`,
        leadNotification(lead, views.get(lead.leadId), now, t, language),
      );
      notified.add(lead.episode);
      outcome.notified.push(lead.leadId);
    } catch {
      // Not shown (notifications blocked by the system): tried again at the next check.
    }
  }
  const rest = due.slice(SEPARATE_NOTIFICATIONS);
  if (rest.length > 0) {
    try {
      await browser.notifications.create(SUMMARY_NOTIFICATION_ID, {
        type: 'basic',
        iconUrl: browser.runtime.getURL('/icon/128.png'),
        title: t('alerts.summary.title', { count: rest.length }),
        message: t('alerts.summary.message'),
      });
      for (const lead of rest) notified.add(lead.episode);
      outcome.summarized = rest.length;
    } catch {
      // As above.
    }
  }

  const remembered = prunedNotified(notified, overdue);
  // A notification whose lead was answered, snoozed or is no longer mine has nothing left to say.
  const stillOverdue = new Set(overdue.map((lead) => lead.leadId));
  const over = new Set(before.map(leadOfEpisode).filter((leadId) => !stillOverdue.has(leadId)));
  for (const leadId of over) await browser.notifications.clear(`${LEAD_NOTIFICATION_PREFIX}${leadId}`);
  if (overdue.length === 0) await browser.notifications.clear(SUMMARY_NOTIFICATION_ID);
  // Written only when it changed: every storage.local write wakes every open page's listeners.
  if (remembered.size !== before.length || before.some((episode) => !remembered.has(episode)))
    await browser.storage.local.set({ [NOTIFIED_KEY]: [...remembered] });
  return outcome;
}

// One check at a time; calls during a check make one more check after it, which sees everything they asked about.
let running: Promise<unknown> = Promise.resolve();
let queued: Promise<AlertsOutcome | null> | undefined;

/** Recounts my overdue leads and notifies new episodes; never rejects (null when the check failed). */
export function checkAlerts(now?: () => number, db?: LeadLensDb): Promise<AlertsOutcome | null> {
  if (queued) return queued;
  const next = running.then(() => {
    queued = undefined;
    return runCheck(now?.() ?? Date.now(), db ?? database()).catch((error: unknown) => {
      console.warn('LeadLens alerts: check failed', error);
      return null;
    });
  });
  queued = next;
  running = next;
  return next;
}

/** Where a notification click leads: the lead's record, or for the summary the contacts index, in HubSpot. */
export async function openNotified(notificationId: string): Promise<void> {
  const isLead = notificationId.startsWith(LEAD_NOTIFICATION_PREFIX);
  if (!isLead && notificationId !== SUMMARY_NOTIFICATION_ID) return;
  await browser.notifications.clear(notificationId);
  const connection = await storedConnection();
  if (!connection) return;
  const { uiDomain, portalId } = connection.portal;
  const url = isLead
    ? recordUrl(uiDomain, portalId, 'contact', notificationId.slice(LEAD_NOTIFICATION_PREFIX.length))
    : indexUrl(uiDomain, portalId, 'contact');
  const tab = await browser.tabs.create({ url, active: true });
  // The click may come while the browser window is behind others.
  if (tab.windowId !== undefined) await browser.windows.update(tab.windowId, { focused: true }).catch(() => undefined);
}

/** Call once, synchronously, in the worker's first turn: Chrome delivers a waking event only to listeners by then. */
export function registerAlerts(): void {
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === ALERTS_ALARM) void checkAlerts();
  });
  browser.notifications.onClicked.addListener((notificationId) => {
    void openNotified(notificationId).catch(() => undefined);
  });
  browser.storage.onChanged.addListener((changes, area) => {
    if (area === 'managed' || (area === 'local' && WATCHED_KEYS.some((key) => key in changes))) void checkAlerts();
  });
  void browser.alarms
    .get(ALERTS_ALARM)
    .then((alarm) => {
      if (!alarm) return browser.alarms.create(ALERTS_ALARM, { periodInMinutes: 1 });
    })
    .catch(() => undefined);
  // No check here: every start of a connected worker runs a sync tick, and a check follows each (background.ts).
}
