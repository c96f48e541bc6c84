import { browser } from 'wxt/browser';
import { clockSkewMs } from '../crm/clock-skew';
import type { Handlers } from '../messaging/server';
import { hubspotAppHost } from '../crm/hubspot/urls';
import { loadSettings } from '../settings/storage';
import { storedConnection } from './connection';
import { syncStatus } from './sync-service';
import { readManaged } from '../settings/team-settings';
import type { WorkerState } from './worker-state';
import { logReplyCapability } from './log-reply-service';
import { warmLeadContext } from './lead-context';

// What a page asks first: `ping` (the overlays: is LeadLens connected, to which portal, how fresh is the cache, which
// timer rules and language) and `connectionStatus` (LeadLens's pages: the connection and the organisation's policy).

/**
 * What the overlays' timers need of the team settings: which leads show timers, and the clock they count on (the
 * metrics' business minutes when business hours are set, holidays included: lib/overlay/lead-clock.ts).
 */
async function timerSettings(worker: WorkerState) {
  const { settings } = await worker.teamSettings();
  return {
    timerRules: settings.timerRules,
    clock: { timezone: settings.timezone, businessHours: settings.businessHours },
  };
}

export function statusHandlers(worker: WorkerState): Pick<Handlers, 'ping' | 'connectionStatus'> {
  return {
    ping: async () => {
      // A page's content script pings as soon as it starts (document_start), so its look-ups follow: what they need
      // is read now, beside the steps below. Not on every start of the worker: an alarm that wakes it has no look-up.
      void warmLeadContext().catch(() => undefined);
      void worker.teamSettings().catch(() => undefined);
      const connection = await storedConnection();
      const { language } = (await loadSettings()).settings;
      const version = browser.runtime.getManifest().version;
      if (!connection) return { version, startedAt: worker.startedAt, connected: false, language };
      const { asOf } = await syncStatus();
      return {
        version,
        startedAt: worker.startedAt,
        connected: true,
        portal: {
          portalId: connection.portal.portalId,
          // Checked at the source too: content scripts build record links from it.
          uiDomain: hubspotAppHost(connection.portal.uiDomain),
          currency: connection.portal.currency,
        },
        ...(asOf !== undefined ? { asOf } : {}),
        ...(await timerSettings(worker)),
        language,
        // Timers compare HubSpot's instants with "now": a local clock minutes off must not restart them.
        ...(clockSkewMs() !== 0 ? { clockSkewMs: clockSkewMs() } : {}),
        logReply: logReplyCapability(connection),
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
        ...(connection.features ? { features: connection.features } : {}),
        managed: connection.managed,
        ...(policyProblems.length > 0 ? { policyProblems } : {}),
      };
    },
  };
}
