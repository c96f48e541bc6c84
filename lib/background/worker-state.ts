import { browser } from 'wxt/browser';
import { retryWaitingNow } from '../db/outbox';
import { database } from '../db/db';
import type { RepMarks } from '../overlay/rep-marks';
import { CACHE_UPDATED_KEY } from '../settings/cache-signal';
import { SETTINGS_KEY } from '../settings/storage';
import { checkAlerts } from './alerts-service';
import { type Connection, storedConnection } from './connection';
import { drainOutbox } from './outbox-service';
import { refreshOverlays } from './overlay-refresh';
import { loadRepMarks } from './rep-marks-store';
import { lastSyncError, tick } from './sync-service';
import { TabLeadBudget } from './tab-lead-budget';
import { type EffectiveTeamSettings, loadTeamSettings } from '../settings/team-settings';

// What the services share while the worker lives, in one place, handed to each service's handlers: the per-tab lead
// budget, the stored values kept between messages, and the two ways of telling pages the cache changed.

export interface WorkerState {
  /** When this worker started (`ping` tells the overlays, so they notice a restarted worker). */
  readonly startedAt: number;
  /** Distinct leads each tab is told about per minute; a closed tab's count goes with it. */
  readonly leadBudget: TabLeadBudget;
  /** The team settings in effect, read once and kept until a stored value changes. */
  teamSettings(): Promise<EffectiveTeamSettings>;
  /** The connection and the rep's marks, kept likewise (read on every `leadContext`). */
  portalMarks(): Promise<{ connection?: Connection; marks?: RepMarks }>;
  /** Drops the kept team settings (the connection gone). */
  forgetTeamSettings(): void;
  /** `storage.onChanged`: drops what is kept and, when the overlays show what changed, has them ask again. */
  storageChanged(changes: Record<string, unknown>, area: string): void;
  /** Open pages re-read the cache: a storage event for extension pages, a refresh message for the overlays. */
  signalCache(): Promise<void>;
  /** A sync tick, then the signal, and (once HubSpot was reached) the waiting tags, the outbox and the alerts. */
  syncAndSignal(force?: Parameters<typeof tick>[0]): Promise<void>;
}

export function createWorkerState(startedAt = Date.now()): WorkerState {
  // Team settings and the rep's marks are read on every leadContext call; kept here and dropped when any stored value
  // changes (a connection change writes its marker there too, and so does every mark).
  let teamSettings: Promise<EffectiveTeamSettings> | undefined;
  let portalMarks: Promise<{ connection?: Connection; marks?: RepMarks }> | undefined;

  // Open pages' badges re-read the cache when a sync has run: a storage event reaches every content script at once,
  // so idle pages never poll.
  // Extension pages hear it as a storage change; the overlays, which cannot read storage, get a refresh message.
  const signalCache = async () => {
    refreshOverlays();
    await browser.storage.local.set({ [CACHE_UPDATED_KEY]: Date.now() });
  };

  return {
    startedAt,
    leadBudget: new TabLeadBudget(),
    teamSettings: async () => {
      teamSettings ??= storedConnection().then((connection) => loadTeamSettings(connection?.portal.timeZone));
      return teamSettings;
    },
    portalMarks: async () => {
      portalMarks ??= storedConnection().then(async (connection) =>
        connection ? { connection, marks: await loadRepMarks(connection.portal.portalId) } : {},
      );
      return portalMarks;
    },
    forgetTeamSettings: () => {
      teamSettings = undefined;
    },
    storageChanged: (changes, area) => {
      teamSettings = undefined;
      portalMarks = undefined;
      // The overlays show the language and the team's SLA and timer rules: they ask again.
      if (area === 'managed' || SETTINGS_KEY in changes || 'teamSettings' in changes) refreshOverlays();
    },
    signalCache,
    // A sync that reached HubSpot is also the sign that tags waiting for the network can go now.
    syncAndSignal: (force) =>
      tick(force)
        .finally(() => signalCache())
        .then(async () => {
          // Waiting tags are not worth retrying while offline or while HubSpot refuses the token.
          const kind = (await lastSyncError())?.kind;
          if (kind !== 'network' && kind !== 'reconnect') await retryWaitingNow(database());
          await drainOutbox();
          await checkAlerts();
        }),
  };
}
