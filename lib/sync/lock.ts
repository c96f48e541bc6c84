// Exactly one sync at a time. In the extension the Web Locks API does it: a lock dies with the worker that held it,
// so a stopped worker never blocks the next one. Where Web Locks are missing (Node tests) an in-process flag stands
// in, which is enough there because one process runs one runner.

interface LockManagerLike {
  request<T>(name: string, options: { ifAvailable: boolean }, callback: (lock: unknown) => Promise<T>): Promise<T>;
}

const held = new Set<string>();

/** Runs `work` holding the lock, or returns `undefined` at once when another sync holds it. */
export async function withSyncLock<T>(name: string, work: () => Promise<T>): Promise<T | undefined> {
  const locks = (globalThis.navigator as { locks?: LockManagerLike } | undefined)?.locks;
  if (locks) {
    return locks.request(name, { ifAvailable: true }, async (lock) => (lock === null ? undefined : work()));
  }
  if (held.has(name)) return undefined;
  held.add(name);
  try {
    return await work();
  } finally {
    held.delete(name);
  }
}
