// The shims must run before the official client's modules are evaluated.
import '../lib/crm/hubspot/shims';
import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { checkAlerts, registerAlerts } from '../lib/background/alerts-service';
import {
  adapterFor,
  type Connection,
  connect,
  connectFromManaged,
  disconnect,
  replaceToken,
  storedConnection,
} from '../lib/background/connection';
import { leadContext, setLeadIndexGate } from '../lib/background/lead-context';
import {
  drainOutbox,
  OUTBOX_ALARM,
  queueNotALeadStatus,
  retryAfterReconnect,
  unsentWrites,
} from '../lib/background/outbox-service';
import { refreshOverlays } from '../lib/background/overlay-refresh';
import { moveLegacyStorage } from '../lib/background/legacy-storage';
import type { RepMarks } from '../lib/overlay/rep-marks';
import { applyRepMark, loadRepMarks } from '../lib/background/rep-marks-store';
import { NO_TAB, TabLeadBudget } from '../lib/background/tab-lead-budget';
import {
  ensureAlarm,
  isSyncRunning,
  lastSyncError,
  resumeAfterTokenReplaced,
  stopSync,
  SYNC_ALARM,
  syncStatus,
  tick,
} from '../lib/background/sync-service';
import { loadSyncSettings, saveSyncSettings } from '../lib/background/sync-settings';
import { openTagger, registerTagger } from '../lib/background/tagger-entry';
import {
  loadTaggingSettings,
  PROPERTY_NAME,
  saveTaggingSettings,
  type TaggingSettings,
} from '../lib/background/tagging-settings';
import { HubSpotTagWriter } from '../lib/crm/hubspot/tag-writer';
import {
  type EffectiveTeamSettings,
  loadTeamSettings,
  readManaged,
  saveTeamSettings,
} from '../lib/background/team-settings';
import { database } from '../lib/db/db';
import { clockSkewMs } from '../lib/crm/clock-skew';
import type { ResponseOf } from '../lib/messaging/protocol';
import { createDispatcher, type Handlers } from '../lib/messaging/server';
import { CACHE_UPDATED_KEY } from '../lib/overlay/cache-signal';
import { OVERLAY_HOSTS } from '../lib/overlay/hosts';
import { hubspotAppHost } from '../lib/crm/hubspot/urls';
import { registerPanelOpeners } from '../lib/panel/background-entry';
import { closeStorageToContentScripts } from '../lib/settings/secret-store';
import { loadSettings, SETTINGS_KEY } from '../lib/settings/storage';
import { discard, enqueueTag, retryNow, retryWaitingNow } from '../lib/db/outbox';
import { validateTag } from '../lib/tagging/tag-input';

export default defineBackground(() => {
  const startedAt = Date.now();
  registerPanelOpeners();
  registerTagger();
  registerAlerts();

  // Open pages' badges re-read the cache when a sync has run: a storage event reaches every content script at once,
  // so idle pages never poll.
  // Extension pages hear it as a storage change; the overlays, which cannot read storage, get a refresh message.
  const signalCache = async () => {
    refreshOverlays();
    await browser.storage.local.set({ [CACHE_UPDATED_KEY]: Date.now() });
  };
  // A sync that reached HubSpot is also the sign that tags waiting for the network can go now.
  const syncAndSignal = (force?: Parameters<typeof tick>[0]) =>
    tick(force)
      .finally(() => signalCache())
      .then(async () => {
        // Waiting tags are not worth retrying while offline or while HubSpot refuses the token.
        const kind = (await lastSyncError())?.kind;
        if (kind !== 'network' && kind !== 'reconnect') await retryWaitingNow(database());
        await drainOutbox();
        await checkAlerts();
      });

  setLeadIndexGate(() => !isSyncRunning());
  // Team settings and the rep's marks are read on every leadContext call; kept here and dropped when any stored value
  // changes (a connection change writes its marker there too, and so does every mark).
  let teamSettings: Promise<EffectiveTeamSettings> | undefined;
  let portalMarks: Promise<{ connection?: Connection; marks?: RepMarks }> | undefined;
  const currentTeamSettings = async () => {
    teamSettings ??= storedConnection().then((connection) => loadTeamSettings(connection?.portal.timeZone));
    return teamSettings;
  };
  const currentMarks = async () => {
    portalMarks ??= storedConnection().then(async (connection) =>
      connection ? { connection, marks: await loadRepMarks(connection.portal.portalId) } : {},
    );
    return portalMarks;
  };
  browser.storage.onChanged.addListener((changes, area) => {
    teamSettings = undefined;
    portalMarks = undefined;
    // The overlays show the language and the team's SLA and timer rules: they ask again.
    if (area === 'managed' || SETTINGS_KEY in changes || 'teamSettings' in changes) refreshOverlays();
  });
  // Distinct leads each tab is told about per minute; a closed tab's count goes with it.
  const leadBudget = new TabLeadBudget();
  const extensionOrigin = browser.runtime.getURL('/');
  const fromLeadLensPage = (sender: { url?: string }) => sender.url?.startsWith(extensionOrigin) === true;
  browser.tabs.onRemoved.addListener((tabId) => leadBudget.forget(tabId));

  /** After a connect or a token replaced: the schedule, tags stopped for the token, and a sync at once. */
  const afterConnect = async (result: Awaited<ReturnType<typeof connect>>) => {
    if (!result.ok) return result;
    leadBudget.clear();
    ensureAlarm();
    await retryAfterReconnect();
    refreshOverlays();
    // The first full sync (or, after a token replaced, the due job) starts at once; progress is read with syncStatus.
    void syncAndSignal('syncNow');
    return result;
  };

  const teamSettingsReply = (effective: EffectiveTeamSettings) => ({
    settings: effective.settings as Record<string, unknown>,
    managedKeys: effective.managedKeys,
    ...(effective.problem ? { problem: effective.problem } : {}),
  });

  const handlers: Handlers = {
    ping: async () => {
      const connection = await storedConnection();
      const { language } = (await loadSettings()).settings;
      if (!connection) return { version: browser.runtime.getManifest().version, startedAt, connected: false, language };
      const { asOf } = await syncStatus();
      return {
        version: browser.runtime.getManifest().version,
        startedAt,
        connected: true,
        portal: {
          portalId: connection.portal.portalId,
          // Checked at the source too: content scripts build record links from it.
          uiDomain: hubspotAppHost(connection.portal.uiDomain),
          currency: connection.portal.currency,
        },
        ...(asOf !== undefined ? { asOf } : {}),
        timerRules: (await currentTeamSettings()).settings.timerRules,
        language,
        // Timers compare HubSpot's instants with "now": a local clock minutes off must not restart them.
        ...(clockSkewMs() !== 0 ? { clockSkewMs: clockSkewMs() } : {}),
      };
    },
    connectionStatus: async () => {
      const connection = await storedConnection();
      const { problems: policyProblems } = await readManaged();
      if (!connection) return { connected: false, ...(policyProblems.length > 0 ? { policyProblems } : {}) };
      return {
        connected: true,
        portalId: connection.portal.portalId,
        timeZone: connection.portal.timeZone,
        currency: connection.portal.currency,
        scopes: connection.scopes,
        managed: connection.managed,
        ...(policyProblems.length > 0 ? { policyProblems } : {}),
      };
    },
    connect: async ({ token, baseUrl }) => afterConnect(await connect(token, baseUrl)),
    replaceToken: async ({ token }) => {
      const result = await replaceToken(token);
      // A sync paused by a 401 goes on from its checkpoints; parts refused for a scope are tried again.
      if (result.ok) await resumeAfterTokenReplaced();
      return afterConnect(result);
    },
    disconnect: async ({ discardUnsent }) => {
      const unsent = await unsentWrites();
      if (unsent.length > 0 && !discardUnsent) return { done: false, unsent };
      await stopSync();
      await disconnect();
      leadBudget.clear();
      teamSettings = undefined;
      refreshOverlays();
      return { done: true };
    },
    syncStatus: () => syncStatus(),
    syncNow: async ({ full }) => {
      if (isSyncRunning()) return { started: false };
      void syncAndSignal(full ? 'fullSync' : 'syncNow');
      return { started: true };
    },
    syncSettings: () => loadSyncSettings(),
    saveSyncSettings: (patch) => saveSyncSettings(patch),
    leadContext: async (request, sender) => {
      const found = await leadContext(request, (await currentTeamSettings()).settings);
      const { marks } = await currentMarks();
      // LeadLens's own pages are not bounded; a tab is, by the leads new to it (and a sender with neither is bounded
      // as one more tab).
      const tabId = fromLeadLensPage(sender) ? undefined : (sender.tab?.id ?? NO_TAB);
      const { admitted, limited } =
        tabId === undefined
          ? { admitted: new Set(found.map((lead) => lead.id)), limited: false }
          : leadBudget.admit(
              tabId,
              found.map((lead) => lead.id),
            );
      const now = Date.now();
      const leads = found
        .filter((lead) => admitted.has(lead.id))
        .map((lead) => {
          const until = marks?.snoozedUntil.get(lead.id);
          return {
            ...lead,
            ...(until !== undefined && until > now ? { snoozedUntil: until } : {}),
            ...(marks?.notALead.has(lead.id) ? { notALead: true } : {}),
          };
        });
      return { leads, ...(limited ? { limited: true } : {}) };
    },
    markLead: async ({ contactId, mark }, sender) => {
      const connection = await storedConnection();
      const tabId = sender.tab?.id ?? NO_TAB;
      // Only a lead this tab was shown (a badge exists for it) can be marked from it: a page cannot mark, or make
      // LeadLens write to, contacts it merely guesses. A write ("Not a lead") is also bounded per tab: the card's two
      // trusted clicks hold a page back, this holds back a content-script world that skips the card.
      if (!connection || !leadBudget.wasAnswered(tabId, contactId)) return { done: false };
      if (mark === 'notALead' && !leadBudget.allowWrite(tabId)) return { done: false };
      const result = await applyRepMark(connection.portal.portalId, contactId, mark, Date.now());
      if (result.newlyNotALead && (await queueNotALeadStatus(contactId))) void signalCache();
      refreshOverlays();
      void checkAlerts();
      return {
        done: true,
        notALead: result.notALead,
        ...(result.snoozedUntil !== undefined ? { snoozedUntil: result.snoozedUntil } : {}),
      };
    },
    teamSettings: async () => teamSettingsReply(await currentTeamSettings()),
    saveTeamSettings: async ({ settings }) => {
      teamSettings = undefined;
      return teamSettingsReply(await saveTeamSettings(settings));
    },
    enqueueTag: async (draft) => {
      const name = [draft.create?.firstName, draft.create?.lastName].filter(Boolean).join(' ');
      const checked = validateTag({
        email: draft.email,
        source: draft.source,
        campaign: draft.campaign ?? '',
        url: draft.url ?? '',
        ...(name ? { name } : {}),
      });
      if (!checked.ok) return { ok: false as const, errors: checked.errors };
      const { tag } = checked;
      const create = draft.create
        ? {
            ...(draft.create.firstName?.trim() ? { firstName: draft.create.firstName.trim() } : {}),
            ...(draft.create.lastName?.trim() ? { lastName: draft.create.lastName.trim() } : {}),
          }
        : undefined;
      const row = await enqueueTag(
        database(),
        {
          email: tag.email,
          source: tag.source,
          ...(tag.campaign ? { campaign: tag.campaign } : {}),
          ...(tag.url ? { url: tag.url } : {}),
          taggedAt: Date.now(),
          ...(create ? { create } : {}),
        },
        Date.now(),
      );
      void signalCache();
      void drainOutbox();
      return { ok: true as const, id: row.id };
    },
    outboxAction: async ({ id, action }) => {
      if (action === 'discard') await discard(database(), id);
      else {
        await retryNow(database(), id);
        void drainOutbox();
      }
      return { done: true };
    },
    taggingSettings: async () => describeTagging(await loadTaggingSettings()),
    saveNotALeadStatus: async ({ status }) => {
      await saveTaggingSettings({ notALeadStatus: status.trim() === '' ? undefined : status.trim() });
      return describeTagging(await loadTaggingSettings());
    },
    saveTaggingSettings: async ({ sourceProperty }) => {
      const name = sourceProperty.trim();
      const { notALeadStatus } = await loadTaggingSettings();
      const kept = notALeadStatus ? { notALeadStatus } : {};
      if (name === '') {
        await saveTaggingSettings({ sourceProperty: undefined });
        return kept;
      }
      if (!PROPERTY_NAME.test(name)) return { ...kept, sourceProperty: name, problem: 'invalidName' as const };
      const described = await describeTagging({ ...kept, sourceProperty: name });
      if (!described.problem) await saveTaggingSettings({ sourceProperty: name });
      return described;
    },
    openTagger: async ({ tabId }) => {
      const tab = tabId !== undefined ? await browser.tabs.get(tabId).catch(() => undefined) : undefined;
      await openTagger(tab);
      return { opened: true };
    },
  };

  /** The named property as the portal defines it now (its label and options), or why it cannot be used. */
  async function describeTagging({ sourceProperty, notALeadStatus }: TaggingSettings): Promise<TaggingReply> {
    const kept = notALeadStatus ? { notALeadStatus } : {};
    if (!sourceProperty) return kept;
    const connection = await storedConnection();
    if (!connection) return { ...kept, sourceProperty, problem: 'notConnected' as const };
    try {
      const target = await new HubSpotTagWriter(adapterFor(connection)).describeProperty(sourceProperty);
      return target ? { ...kept, sourceProperty, target } : { ...kept, sourceProperty, problem: 'notFound' as const };
    } catch {
      return { ...kept, sourceProperty, problem: 'unreachable' as const };
    }
  }

  const dispatch = createDispatcher(handlers, {
    extensionId: browser.runtime.id,
    extensionOrigin: browser.runtime.getURL('/'),
    contentHosts: OVERLAY_HOSTS,
  });

  // Listeners are registered synchronously at start-up: Chrome only delivers the event that woke a stopped worker
  // to listeners that exist by the end of the first turn.
  browser.runtime.onMessage.addListener((message, sender) => dispatch(message, sender));
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === SYNC_ALARM) void syncAndSignal();
    if (alarm.name === OUTBOX_ALARM) void drainOutbox();
  });

  // Every start of the worker (install, browser start, or woken by a message after Chrome stopped it) resumes an
  // interrupted sync from its checkpoints and makes sure the alarm exists.
  void (async () => {
    // Closed before anything else: from here on no content script reads, writes or hears `storage.local` (Chrome;
    // Firefox has no such switch, see lib/settings/secret-store.ts).
    await closeStorageToContentScripts(
      (globalThis as { chrome?: { storage?: { local?: object } } }).chrome?.storage?.local ?? {},
    );
    // An update from a version that kept the token and the marks in storage.local moves them, once; nothing is lost.
    // Afterwards those keys are only removed: a content script (Firefox) may write them, and must not be believed.
    await moveLegacyStorage().catch(() => undefined);
    await connectFromManaged().catch(() => undefined);
    if (await storedConnection()) {
      ensureAlarm();
      // Tags left by a stopped worker go out first: they are small, and the user is waiting for them.
      await drainOutbox();
      await syncAndSignal();
    }
  })();

  // Chrome: the toolbar button opens the side panel; Firefox has its own sidebar toggle and no sidePanel API.
  const chromeSidePanel = (globalThis as { chrome?: { sidePanel?: ChromeSidePanel } }).chrome?.sidePanel;
  chromeSidePanel?.setPanelBehavior({ openPanelOnActionClick: false }).catch(() => undefined);
});

type TaggingReply = ResponseOf<'taggingSettings'>;

interface ChromeSidePanel {
  setPanelBehavior(options: { openPanelOnActionClick: boolean }): Promise<void>;
}
