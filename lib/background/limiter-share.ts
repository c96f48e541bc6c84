import { browser } from 'wxt/browser';
import type { LearnedShare } from '../crm/limiter';
import { limiter } from './connection';

// The limiter's learned shares outlive the worker in session storage (kept until the browser closes, never written to
// disk, not readable by content scripts): see LearnedShare in lib/crm/limiter.ts for why.

const KEY = 'limiter.learnedShare';

let restored: Promise<void> | undefined;

/** Adopts the share the previous worker saved, once per worker, before its first request to HubSpot. */
export function restoreLimiterShare(): Promise<void> {
  restored ??= (async () => {
    const stored = (await browser.storage.session?.get(KEY))?.[KEY];
    if (typeof stored === 'object' && stored !== null) limiter.adoptShare(stored as LearnedShare);
  })().catch(() => undefined);
  return restored;
}

/** Saves what this worker's limiter has learned; a failure costs only a careful start in the next worker. */
export async function saveLimiterShare(): Promise<void> {
  await browser.storage.session?.set({ [KEY]: limiter.learnedShare() }).catch(() => undefined);
}
