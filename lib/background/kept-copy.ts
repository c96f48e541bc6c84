import type { LeadLensDb } from '../db/db';

/**
 * A value read from the cache and kept in the worker, refreshed after a minute or when a sync job ends. A refresh
 * happens behind the answer: look-ups keep using the previous copy until the new one is read, so no overlay ever
 * waits for a scan (on a 20 000-deal portal a wait for the open deals was what set the p95).
 */
const KEPT_TTL_MS = 60_000;

export class KeptCopy<T> {
  private entry:
    | { db: LeadLensDb; at: number; value: Promise<T>; stale: boolean; refreshing?: Promise<T>; read?: { value: T } }
    | undefined;

  constructor(private readonly read: (db: LeadLensDb) => Promise<T>) {}

  get(db: LeadLensDb): Promise<T> {
    const current = this.entry?.db === db ? this.entry : undefined;
    if (current && !current.stale && Date.now() - current.at < KEPT_TTL_MS) return current.value;
    if (current) {
      if (!current.refreshing) {
        const next = this.read(db);
        current.refreshing = next;
        next.then(
          (value) => {
            if (this.entry === current) this.entry = { db, at: Date.now(), value: next, stale: false, read: { value } };
          },
          () => {
            if (this.entry === current) delete current.refreshing;
          },
        );
      }
      return current.value;
    }
    const value = this.read(db);
    const entry: NonNullable<typeof this.entry> = { db, at: Date.now(), value, stale: false };
    this.entry = entry;
    value.then(
      (read) => {
        entry.read = { value: read };
      },
      () => {
        if (this.entry === entry) this.entry = undefined;
      },
    );
    return value;
  }

  /**
   * The kept value if one has been read (fresh or stale, refreshed behind as `get` does), else undefined and a read
   * is started: for a caller that has a cheaper answer than waiting for the first read (a stopped worker's first
   * look-up).
   */
  ifRead(db: LeadLensDb): T | undefined {
    const current = this.entry?.db === db ? this.entry : undefined;
    if (current?.read) {
      void this.get(db);
      return current.read.value;
    }
    if (!current) void this.get(db).catch(() => undefined);
    return undefined;
  }

  markStale(): void {
    if (this.entry) this.entry.stale = true;
  }

  forget(): void {
    this.entry = undefined;
  }
}
