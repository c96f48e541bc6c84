import { browser } from 'wxt/browser';
import {
  earlyWarningLeads,
  notificationsDue,
  type OverdueLead,
  overdueLeads,
  prunedNotified,
  toolbarBadgeText,
} from '../alerts/overdue';
import { clockSkewMs } from '../crm/clock-skew';
import { database, type LeadLensDb } from '../db/db';
import { localeOf, resolveLanguage, type Translate, translator } from '../i18n';
import type { MetricSettings } from '../model';
import type { LeadContext } from '../messaging/protocol';
import { truncate } from '../overlay/badge-model';
import { formatWaiting } from '../overlay/format';
import { indexUrl, recordUrl } from '../crm/hubspot/urls';
import { isBusinessTime, leadClockFor } from '../overlay/lead-clock';
import { CONNECTION_CHANGED_KEY, loadSettings } from '../settings/storage';
import { storedConnection } from './connection';
import { leadContext } from './lead-context';
import { loadRepMarks } from './rep-marks-store';
import { loadTeamSettings } from '../settings/team-settings';

// Alerts for *my* leads (the `myOwnerId` team setting): the toolbar button counts those whose wait reached their SLA,
// and each waiting episode gets one browser notification, only in business hours when they are set. The timers are
// the badges' own (`leadContext` + `visibleTimer`, the rep's snoozes and "not a lead" marks) on the badges' clock
// (lib/overlay/lead-clock.ts: the metrics' business minutes when business hours are set, and HubSpot's "now"), so a
// notification never disagrees with the badge the rep then sees. Optionally, an early warning comes once per
// episode at a share of the SLA (`earlyWarning`). Checked every minute and after every sync.

export const ALERTS_ALARM = 'leadlens-alerts';
/** Episodes already notified (see `episodeOf`), pruned to the ones still overdue. */
export const NOTIFIED_KEY = 'alerts.notified';
export const LEAD_NOTIFICATION_PREFIX = 'leadlens-lead:';
/** Episodes already warned of early (see `episodeOf`), pruned to the ones still waiting. */
export const WARNED_KEY = 'alerts.warned';
export const WARNING_NOTIFICATION_PREFIX = 'leadlens-warn:';
/**
 * What the last check found, for the popup's overdue count and for tests (a system notification cannot be clicked
 * or read by Playwright): lead ids only, no names.
 */
export const ALERTS_STATE_KEY = 'alerts.state';
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
  /** Leads that got an early warning in this check. */
  warned: string[];
}

/** `ALERTS_STATE_KEY`'s value. */
export interface AlertsState {
  /** My overdue leads now (the toolbar count), longest wait first. */
  overdue: string[];
  /** My leads past the early-warning share and not yet overdue (empty while the warning is off). */
  warning: string[];
  /** Every episode warned of and still waiting (`episodeOf`). */
  warned: string[];
  earlyWarning: MetricSettings['earlyWarning'];
  /** Whether the team's clock counts business minutes. */
  businessTime: boolean;
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

export { isBusinessTime };

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
  t: Translate,
  language: 'en' | 'he',
  kind: 'overdue' | 'warning' = 'overdue',
) {
  const sla = new Intl.NumberFormat(localeOf(language), { maximumFractionDigits: 1 }).format(view?.slaMinutes ?? 0);
  const inbound = view?.timer?.kind === 'inbound';
  const keys =
    kind === 'warning'
      ? ({
          title: 'alerts.warning.title',
          message: inbound ? 'alerts.warning.inbound' : 'alerts.warning.open',
        } as const)
      : ({
          title: 'alerts.notification.title',
          message: inbound ? 'alerts.notification.inbound' : 'alerts.notification.open',
        } as const);
  return {
    type: 'basic' as const,
    iconUrl: browser.runtime.getURL('/icon/128.png'),
    // CRM text: a notification shows it as text only; cut to fit and stripped of direction overrides.
    title: t(keys.title, { name: truncate(lead.name, 60) }),
    // The wait as the SLA counts it (business time when set), like the badge.
    message: t(keys.message, { time: formatWaiting(lead.minutes * 60_000, language), sla }),
  };
}

/** A stored list of episodes (strings), or none. */
async function storedEpisodes(key: string): Promise<string[]> {
  const stored = await browser.storage.local.get(key);
  const value = stored[key];
  return Array.isArray(value) ? value.filter((episode): episode is string => typeof episode === 'string') : [];
}

const sameList = (a: readonly string[], b: ReadonlySet<string>) =>
  a.length === b.size && a.every((item) => b.has(item));

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
  const inputs = {
    leads,
    now,
    minutesBetween: leadClockFor(settings).minutesBetween,
    rules: settings.timerRules,
    ...marks,
  };
  const overdue = overdueLeads(inputs);
  const warning = settings.earlyWarning.enabled ? earlyWarningLeads(inputs, settings.earlyWarning.sharePct) : [];

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

  const before = await storedEpisodes(NOTIFIED_KEY);
  const notified = new Set(before);
  const businessNow = isBusinessTime(settings, now);
  const due = notificationsDue(overdue, notified, businessNow);
  const outcome: AlertsOutcome = { badgeText, notified: [], summarized: 0, warned: [] };
  const views = new Map(leads.map((lead) => [lead.id, lead]));
  for (const lead of due.slice(0, SEPARATE_NOTIFICATIONS)) {
    try {
      // One notification per lead: a new episode of the same lead replaces the old one.
      await browser.notifications.create(
        `${LEAD_NOTIFICATION_PREFIX}${lead.leadId}`,
        leadNotification(lead, views.get(lead.leadId), t, language),
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

  // Early warnings: one per episode, in business hours like the rest; each lead's own, never summarised (they come
  // one at a time as leads arrive, not in a batch).
  const warnedBefore = await storedEpisodes(WARNED_KEY);
  const warned = new Set(warnedBefore);
  for (const lead of notificationsDue(warning, warned, businessNow)) {
    try {
      await browser.notifications.create(
        `${WARNING_NOTIFICATION_PREFIX}${lead.leadId}`,
        leadNotification(lead, views.get(lead.leadId), t, language, 'warning'),
      );
      warned.add(lead.episode);
      outcome.warned.push(lead.leadId);
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
  // A warning is over once its lead is answered, or overdue (the overdue notification takes its place).
  const stillWarning = new Set(warning.map((lead) => lead.leadId));
  for (const leadId of new Set(warnedBefore.map(leadOfEpisode)))
    if (!stillWarning.has(leadId)) await browser.notifications.clear(`${WARNING_NOTIFICATION_PREFIX}${leadId}`);
  const warnedKept = prunedNotified(warned, warning, overdue);
  // Written only when it changed: every storage.local write wakes every open page's listeners.
  if (!sameList(before, remembered)) await browser.storage.local.set({ [NOTIFIED_KEY]: [...remembered] });
  if (!sameList(warnedBefore, warnedKept)) await browser.storage.local.set({ [WARNED_KEY]: [...warnedKept] });
  const state: AlertsState = {
    overdue: overdue.map((lead) => lead.leadId),
    warning: warning.map((lead) => lead.leadId),
    warned: [...warnedKept],
    earlyWarning: settings.earlyWarning,
    businessTime: settings.businessHours !== null,
  };
  const storedState = (await browser.storage.local.get(ALERTS_STATE_KEY))[ALERTS_STATE_KEY];
  if (JSON.stringify(storedState) !== JSON.stringify(state))
    await browser.storage.local.set({ [ALERTS_STATE_KEY]: state });
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
    // HubSpot's "now", as the badges read it: a local clock minutes off must not move a lead across its SLA.
    return runCheck(now?.() ?? Date.now() + clockSkewMs(), db ?? database()).catch((error: unknown) => {
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
  const prefix = [LEAD_NOTIFICATION_PREFIX, WARNING_NOTIFICATION_PREFIX].find((p) => notificationId.startsWith(p));
  const isLead = prefix !== undefined;
  if (!isLead && notificationId !== SUMMARY_NOTIFICATION_ID) return;
  await browser.notifications.clear(notificationId);
  const connection = await storedConnection();
  if (!connection) return;
  const { uiDomain, portalId } = connection.portal;
  const url = isLead
    ? recordUrl(uiDomain, portalId, 'contact', notificationId.slice(prefix.length))
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
