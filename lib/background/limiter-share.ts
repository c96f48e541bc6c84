import { browser } from 'wxt/browser';
import type { LearnedShare, RateLimiter } from '../crm/limiter';

// The limiter's learned shares outlive the worker in session storage (kept until the browser closes, never written to
// disk, not readable by content scripts): see LearnedShare in lib/crm/limiter.ts for why.

const KEY = 'limiter.learnedShare';

/** Saves made closer together than this are skipped (look-ups save after every batch): see `saveLimiterShare`. */
const SAVE_EVERY_MS = 5_000;
let lastSavedAt = Number.NEGATIVE_INFINITY;

/**
 * Adopts the share the previous worker saved. The worker's limiter calls it once, before its first request
 * (`beforeFirstUse` in lib/background/connection.ts).
 */
export async function restoreLimiterShare(limiter: RateLimiter): Promise<void> {
  const stored = (await browser.storage.session?.get(KEY))?.[KEY];
  if (typeof stored === 'object' && stored !== null) limiter.adoptShare(stored as LearnedShare);
}

/**
 * Saves what this worker's limiter has learned, at most every 5 s unless `force` (a sync's end); a failure or a
 * skipped save costs only a more careful start in the next worker.
 */
export async function saveLimiterShare(limiter: RateLimiter, force = false): Promise<void> {
  const now = Date.now();
  if (!force && now - lastSavedAt < SAVE_EVERY_MS) return;
  lastSavedAt = now;
  await browser.storage.session?.set({ [KEY]: limiter.learnedShare() }).catch(() => undefined);
}
