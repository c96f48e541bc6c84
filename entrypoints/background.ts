// The shims must run before the official client's modules are evaluated.
import '../lib/crm/hubspot/shims';
import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { checkAlerts, registerAlerts } from '../lib/background/alerts-service';
import { adapterFor, connect, connectFromManaged, disconnect, storedConnection } from '../lib/background/connection';
import { leadContext, setLeadIndexGate } from '../lib/background/lead-context';
import { drainOutbox, OUTBOX_ALARM, onNotALeadMarked, retryAfterReconnect } from '../lib/background/outbox-service';
import {
  ensureAlarm,
  isSyncRunning,
  lastSyncError,
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
import { type EffectiveTeamSettings, loadTeamSettings, saveTeamSettings } from '../lib/background/team-settings';
import { database } from '../lib/db/db';
import type { ResponseOf } from '../lib/messaging/protocol';
import { createDispatcher, type Handlers } from '../lib/messaging/server';
import { CACHE_UPDATED_KEY } from '../lib/overlay/cache-signal';
import { NOT_A_LEAD_KEY } from '../lib/overlay/rep-marks';
import { OVERLAY_HOSTS } from '../lib/overlay/hosts';
import { registerPanelOpeners } from '../lib/panel/background-entry';
import { discard, enqueueTag, retryNow, retryWaitingNow } from '../lib/tagging/outbox-store';
import { validateTag } from '../lib/tagging/tag-input';

export default defineBackground(() => {
  const startedAt = Date.now();
  registerPanelOpeners();
  registerTagger();
  registerAlerts();

  // Open pages' badges re-read the cache when a sync has run: a storage event reaches every content script at once,
  // so idle pages never poll.
  const signalCache = () => browser.storage.local.set({ [CACHE_UPDATED_KEY]: Date.now() });
  // A sync that reached HubSpot is also the sign that tags waiting for the network can go now.
  const syncAndSignal = (force?: Parameters<typeof tick>[0]) =>
    tick(force)
      .finally(() => signalCache())
      .then(async () => {
        if ((await lastSyncError())?.kind !== 'network') await retryWaitingNow(database());
        await drainOutbox();
        await checkAlerts();
      });

  setLeadIndexGate(() => !isSyncRunning());
  // Team settings are read on every leadContext call; kept here and dropped when any of them changes.
  let teamSettings: Promise<EffectiveTeamSettings> | undefined;
  const currentTeamSettings = async () => {
    teamSettings ??= storedConnection().then((connection) => loadTeamSettings(connection?.portal.timeZone));
    return teamSettings;
  };
  browser.storage.onChanged.addListener(() => {
    teamSettings = undefined;
  });

  const teamSettingsReply = (effective: EffectiveTeamSettings) => ({
    settings: effective.settings as Record<string, unknown>,
    managedKeys: effective.managedKeys,
    ...(effective.problem ? { problem: effective.problem } : {}),
  });

  const handlers: Handlers = {
    ping: async () => {
      const connection = await storedConnection();
      if (!connection) return { version: browser.runtime.getManifest().version, startedAt, connected: false };
      const { asOf } = await syncStatus();
      return {
        version: browser.runtime.getManifest().version,
        startedAt,
        connected: true,
        portal: {
          portalId: connection.portal.portalId,
          uiDomain: connection.portal.uiDomain ?? 'app.hubspot.com',
          currency: connection.portal.currency,
        },
        ...(asOf !== undefined ? { asOf } : {}),
        timerRules: (await currentTeamSettings()).settings.timerRules,
      };
    },
    connectionStatus: async () => {
      const connection = await storedConnection();
      if (!connection) return { connected: false };
      return {
        connected: true,
        portalId: connection.portal.portalId,
        timeZone: connection.portal.timeZone,
        currency: connection.portal.currency,
        scopes: connection.scopes,
        managed: connection.managed,
      };
    },
    connect: async ({ token, baseUrl }) => {
      const result = await connect(token, baseUrl);
      if (!result.ok) return result;
      ensureAlarm();
      await retryAfterReconnect();
      // The first full sync starts at once; its progress is read with syncStatus.
      void syncAndSignal('syncNow');
      return result;
    },
    disconnect: async () => {
      await stopSync();
      await disconnect();
      teamSettings = undefined;
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
    leadContext: async (request) => ({ leads: await leadContext(request, (await currentTeamSettings()).settings) }),
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
  browser.storage.onChanged.addListener((changes, area) => {
    const marked = changes[NOT_A_LEAD_KEY];
    if (area !== 'local' || !marked) return;
    void onNotALeadMarked(marked.oldValue, marked.newValue).then((queued) => {
      if (queued > 0) void signalCache();
    });
  });
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === SYNC_ALARM) void syncAndSignal();
    if (alarm.name === OUTBOX_ALARM) void drainOutbox();
  });

  // Every start of the worker (install, browser start, or woken by a message after Chrome stopped it) resumes an
  // interrupted sync from its checkpoints and makes sure the alarm exists.
  void (async () => {
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
