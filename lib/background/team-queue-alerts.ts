import { browser } from 'wxt/browser';
import { multiplesDue, type TeamQueueEntry, toldAfter } from '../alerts/team-queue';
import { recordUrl } from '../crm/hubspot/urls';
import { database, type LeadLensDb } from '../db/db';
import { resolveLanguage, translator } from '../i18n';
import { truncate } from '../overlay/badge-model';
import { isBusinessTime } from '../overlay/lead-clock';
import { formatWaiting } from '../overlay/format';
import { loadSettings } from '../settings/storage';
import { loadTeamSettings } from '../settings/team-settings';
import { storedConnection } from './connection';
import { hubspotNow, readTeamQueue } from './team-queue-service';

// The manager's optional notification (issue #20): a lead of a followed rep that passes each multiple of its SLA
// (1×, 2×, 3×…) is told once per multiple, in business hours only, like the rep's own alerts (alerts-service.ts,
// which this leaves alone). Off unless the manager turns it on beside the queue.

export const TEAM_QUEUE_ALARM = 'leadlens-team-queue';
/** Per waiting episode, the highest multiple told; pruned to the episodes still in the queue. */
export const TEAM_TOLD_KEY = 'alerts.teamQueueTold';
export const TEAM_NOTIFICATION_PREFIX = 'leadlens-team:';
/** Past this many at once, the longest waits only: a manager back from a day off gets a few, not fifty. */
const MOST_AT_ONCE = 3;

async function readTold(): Promise<Map<string, number>> {
  const stored = (await browser.storage.local.get(TEAM_TOLD_KEY))[TEAM_TOLD_KEY];
  if (typeof stored !== 'object' || stored === null) return new Map();
  return new Map(
    Object.entries(stored as Record<string, unknown>).filter(
      (entry): entry is [string, number] => typeof entry[1] === 'number',
    ),
  );
}

export interface TeamAlertsOutcome {
  /** Leads told in this check, with the multiple each was told for. */
  told: { leadId: string; multiple: number }[];
}

/** One check; never rejects (null when it failed). `inBusinessHours` decides whether anything may be told now. */
export async function checkTeamQueueAlerts(
  now = hubspotNow(),
  db: LeadLensDb = database(),
  inBusinessHours: (at: number) => Promise<boolean> = businessNow,
): Promise<TeamAlertsOutcome | null> {
  try {
    const read = await readTeamQueue(now, db);
    if (!read.notify || read.entries.length === 0) {
      if ((await readTold()).size > 0) await browser.storage.local.remove(TEAM_TOLD_KEY);
      return { told: [] };
    }
    const told = await readTold();
    const due = multiplesDue(read.entries, told, await inBusinessHours(now));
    const { settings } = await loadSettings();
    const language = resolveLanguage(settings.language, browser.i18n.getUILanguage());
    const t = translator(language);
    const shown: TeamQueueEntry[] = [];
    for (const entry of due.slice(0, MOST_AT_ONCE)) {
      try {
        await browser.notifications.create(`${TEAM_NOTIFICATION_PREFIX}${entry.leadId}`, {
          type: 'basic',
          iconUrl: browser.runtime.getURL('/icon/128.png'),
          // CRM text: shown as text only, cut to fit.
          title: t('teamQueue.notification.title', { name: truncate(entry.name, 60), multiple: entry.multiple }),
          message: t('teamQueue.notification.message', {
            owner: truncate(entry.ownerName ?? entry.ownerId, 40),
            time: formatWaiting(entry.waitedMinutes * 60_000, language),
            sla: entry.slaMinutes,
          }),
        });
        shown.push(entry);
      } catch {
        // Notifications blocked: tried again at the next check.
      }
    }
    // The rest are counted as told: a backlog is the queue's to show, not fifty notifications'.
    const next = toldAfter(told, read.entries, [...shown, ...due.slice(MOST_AT_ONCE)]);
    await browser.storage.local.set({ [TEAM_TOLD_KEY]: Object.fromEntries(next) });
    return { told: shown.map((entry) => ({ leadId: entry.leadId, multiple: entry.multiple })) };
  } catch (error) {
    console.warn('LeadLens team queue: check failed', error);
    return null;
  }
}

/** Whether `at` lies in the team's business hours; always, when none are set. */
async function businessNow(at: number): Promise<boolean> {
  const connection = await storedConnection();
  const { settings } = await loadTeamSettings(connection?.portal.timeZone);
  return isBusinessTime(settings, at);
}

/** Call once, synchronously, in the worker's first turn (like `registerAlerts`). */
export function registerTeamQueueAlerts(): void {
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === TEAM_QUEUE_ALARM) void checkTeamQueueAlerts();
  });
  browser.notifications.onClicked.addListener((notificationId) => {
    if (!notificationId.startsWith(TEAM_NOTIFICATION_PREFIX)) return;
    void (async () => {
      await browser.notifications.clear(notificationId);
      const connection = await storedConnection();
      if (!connection) return;
      const { uiDomain, portalId } = connection.portal;
      const leadId = notificationId.slice(TEAM_NOTIFICATION_PREFIX.length);
      await browser.tabs.create({ url: recordUrl(uiDomain, portalId, 'contact', leadId), active: true });
    })().catch(() => undefined);
  });
  void browser.alarms
    .get(TEAM_QUEUE_ALARM)
    .then((alarm) => {
      if (!alarm) return browser.alarms.create(TEAM_QUEUE_ALARM, { periodInMinutes: 1 });
    })
    .catch(() => undefined);
}
