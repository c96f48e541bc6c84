import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { createDispatcher, type Handlers } from '../lib/messaging/server';
import { OVERLAY_HOSTS } from '../lib/overlay/hosts';

export default defineBackground(() => {
  const startedAt = Date.now();

  const handlers: Handlers = {
    ping: async () => ({ version: browser.runtime.getManifest().version, startedAt, connected: false }),
    connectionStatus: async () => ({ connected: false }),
  };

  const dispatch = createDispatcher(handlers, {
    extensionId: browser.runtime.id,
    extensionOrigin: browser.runtime.getURL('/'),
    contentHosts: OVERLAY_HOSTS,
  });

  // Listeners are registered synchronously at start-up: Chrome only delivers the event that woke a stopped worker
  // to listeners that exist by the end of the first turn.
  browser.runtime.onMessage.addListener((message, sender) => dispatch(message, sender));

  // Chrome: the toolbar button opens the side panel; Firefox has its own sidebar toggle and no sidePanel API.
  const chromeSidePanel = (globalThis as { chrome?: { sidePanel?: ChromeSidePanel } }).chrome?.sidePanel;
  chromeSidePanel?.setPanelBehavior({ openPanelOnActionClick: false }).catch(() => undefined);
});

interface ChromeSidePanel {
  setPanelBehavior(options: { openPanelOnActionClick: boolean }): Promise<void>;
}
