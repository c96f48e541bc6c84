import { OVERLAY_REFRESH } from '../messaging/protocol';

// The background's one message to content scripts (`tabs.sendMessage`): "what you show may have changed, ask again".
// Content scripts hear no storage changes any more (storage.local is closed to them), so this is how a sync, a
// settings change, a rep's mark or a new connection reaches open pages. It carries no data, so accepting a forged
// one could at most cost a few look-ups; still, only our own extension's is taken.

/** True for our background's refresh signal; `ownId` is `browser.runtime.id`. */
export function isOverlayRefresh(message: unknown, sender: { id?: string }, ownId: string): boolean {
  if (sender.id !== ownId) return false;
  return typeof message === 'object' && message !== null && (message as { type?: unknown }).type === OVERLAY_REFRESH;
}

/** HubSpot's clock as the background measured it (ping's `clockSkewMs`, HubSpot minus ours), for the timers. */
export function skewedClock(clockSkewMs: () => number, now: () => number = Date.now): () => number {
  return () => now() + clockSkewMs();
}
