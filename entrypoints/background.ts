// The shims must run before the official client's modules are evaluated.
import '../lib/crm/hubspot/shims';
import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { registerAlerts } from '../lib/background/alerts-service';
import { connectionHandlers } from '../lib/background/connection-service';
import { setLeadIndexGate } from '../lib/background/lead-context';
import { leadContextHandlers } from '../lib/background/lead-context-service';
import { logReplyHandlers } from '../lib/background/log-reply-service';
import { drainOutbox, OUTBOX_ALARM } from '../lib/background/outbox-service';
import { keepPopupOnActionClick, registerPanelOpeners } from '../lib/background/panel-openers';
import { settingsHandlers } from '../lib/background/settings-service';
import { startUp } from '../lib/background/start-up';
import { statusHandlers } from '../lib/background/status-service';
import { isSyncRunning, SYNC_ALARM, syncHandlers } from '../lib/background/sync-service';
import { registerTagger } from '../lib/background/tagger-entry';
import { taggingHandlers } from '../lib/background/tagging-service';
import { registerTeamQueueAlerts } from '../lib/background/team-queue-alerts';
import { teamQueueHandlers } from '../lib/background/team-queue-service';
import { createWorkerState } from '../lib/background/worker-state';
import { createDispatcher, joinHandlers } from '../lib/messaging/server';
import { PAGE_HOSTS } from '../lib/sites';

// The background registers and starts; each service is a module of lib/background/ with its slice of the handler map.
// Listeners are registered synchronously at start-up: Chrome only delivers the event that woke a stopped worker to
// listeners that exist by the end of the first turn.

export default defineBackground(() => {
  const worker = createWorkerState();
  registerPanelOpeners();
  registerTagger();
  registerAlerts();
  registerTeamQueueAlerts();
  setLeadIndexGate(() => !isSyncRunning());
  browser.storage.onChanged.addListener((changes, area) => worker.storageChanged(changes, area));
  browser.tabs.onRemoved.addListener((tabId) => worker.leadBudget.forget(tabId));

  const handlers = joinHandlers(
    statusHandlers(worker),
    connectionHandlers(worker),
    syncHandlers(worker),
    settingsHandlers(),
    leadContextHandlers(worker),
    taggingHandlers(worker),
    logReplyHandlers(worker),
    teamQueueHandlers(),
  );
  const dispatch = createDispatcher(handlers, {
    extensionId: browser.runtime.id,
    extensionOrigin: browser.runtime.getURL('/'),
    contentHosts: PAGE_HOSTS,
  });
  browser.runtime.onMessage.addListener((message, sender) => dispatch(message, sender));
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === SYNC_ALARM) void worker.syncAndSignal();
    if (alarm.name === OUTBOX_ALARM) void drainOutbox();
  });

  void startUp(worker);
  keepPopupOnActionClick();
});
