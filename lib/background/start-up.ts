import { closeStorageToContentScripts } from '../settings/secret-store';
import { connectFromManaged, storedConnection } from './connection';
import { moveLegacyStorage } from './legacy-storage';
import { drainOutbox } from './outbox-service';
import { ensureAlarm } from './sync-service';
import type { WorkerState } from './worker-state';

/**
 * How long a start waits before it resumes the sync. A stopped worker is most often woken by a page's look-up, which
 * is answered first: at 100 000 contacts the sync a start ran at once (its page writes, the compaction after it) held
 * the worker's thread and the database, and the first look-up waited 0.5–1.4 s behind it (bench:overlay's cold runs).
 */
export const SYNC_AFTER_START_MS = 2_000;

/**
 * Every start of the worker (install, browser start, or woken by a message after Chrome stopped it) resumes an
 * interrupted sync from its checkpoints and makes sure the alarm exists. Called after the listeners are registered;
 * the order of the steps matters.
 */
export async function startUp(
  worker: Pick<WorkerState, 'syncAndSignal'>,
  wait: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
): Promise<void> {
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
    await wait(SYNC_AFTER_START_MS);
    await worker.syncAndSignal();
  }
}
