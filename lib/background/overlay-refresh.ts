import { browser } from 'wxt/browser';
import { OVERLAY_REFRESH } from '../messaging/protocol';
import { matchPatterns, PAGE_HOSTS } from '../sites';

// Content scripts no longer hear storage changes (storage.local is closed to them), so the background tells the tabs
// it overlays that something they show has changed. The message carries nothing: each tab asks again through the
// checked routes. Calls within a short burst (a sync's end, then its alerts) become one message per tab.

const BURST_MS = 150;
let pending: ReturnType<typeof setTimeout> | undefined;

async function sendRefresh(): Promise<void> {
  // Host permissions for these sites let `tabs.query` filter by URL without the "tabs" permission.
  const tabs = await browser.tabs.query({ url: matchPatterns(PAGE_HOSTS) }).catch(() => []);
  await Promise.all(
    tabs.map((tab) =>
      tab.id === undefined
        ? undefined
        : // A tab whose content script has not started (or was discarded) has no listener: nothing to tell.
          browser.tabs.sendMessage(tab.id, { type: OVERLAY_REFRESH }).catch(() => undefined),
    ),
  );
}

export function refreshOverlays(): void {
  if (pending !== undefined) return;
  pending = setTimeout(() => {
    pending = undefined;
    void sendRefresh();
  }, BURST_MS);
}
