import { EPOCH_KEY, SEQ_KEY } from './analytics';
import type { AnalyticsChunk, AnalyticsTable } from './columns';
import type { MetaRow } from './db';

// Raw IndexedDB reads of the analytics store's column chunks and of its stamp, for the worker's lead index: one
// transaction each, no Dexie promise per request (the index reads hundreds of chunks, and look-ups read the stamp).

/** What identifies the store's state: its sequence number and the epoch of its last rewrite (analytics.ts). */
export interface StoreStamp {
  seq: number;
  epoch: number;
}

function numberOf(row: MetaRow | undefined): number {
  return typeof row?.value === 'number' ? row.value : 0;
}

/** Fills `stamp` from the meta store as the transaction's requests complete. */
function readStampIn(meta: IDBObjectStore, stamp: StoreStamp): void {
  meta.get(SEQ_KEY).onsuccess = (event) => {
    stamp.seq = numberOf((event.target as IDBRequest<MetaRow | undefined>).result);
  };
  meta.get(EPOCH_KEY).onsuccess = (event) => {
    stamp.epoch = numberOf((event.target as IDBRequest<MetaRow | undefined>).result);
  };
}

/** The stamp and, from `after` on, the chunks of `tables`, in one transaction. */
export function readAnalyticsChunks(
  idb: IDBDatabase,
  tables: readonly AnalyticsTable[],
  after?: StoreStamp,
): Promise<{ chunks: AnalyticsChunk[]; stamp: StoreStamp }> {
  return new Promise((resolve, reject) => {
    const tx = idb.transaction(['analytics', 'meta'], 'readonly');
    const chunks: AnalyticsChunk[] = [];
    const stamp: StoreStamp = { seq: 0, epoch: 0 };
    tx.oncomplete = () => resolve({ chunks, stamp });
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error);
    readStampIn(tx.objectStore('meta'), stamp);
    const store = tx.objectStore('analytics');
    // One chunk per request: a build's reads then interleave with look-ups' instead of holding them behind megabytes.
    const next = (table: AnalyticsTable, from: number) => {
      store.getAll(IDBKeyRange.bound([table, from], [table, Number.POSITIVE_INFINITY]), 1).onsuccess = (event) => {
        const [chunk] = (event.target as IDBRequest<AnalyticsChunk[]>).result;
        if (!chunk) return;
        chunks.push(chunk);
        next(table, chunk.seq + 1);
      };
    };
    for (const table of tables) next(table, (after?.seq ?? 0) + 1);
  });
}

/** The store's stamp alone: one small read that says whether an index is as current as the cache. */
export function readStoreStamp(idb: IDBDatabase): Promise<StoreStamp> {
  return new Promise((resolve, reject) => {
    const tx = idb.transaction('meta', 'readonly');
    const stamp: StoreStamp = { seq: 0, epoch: 0 };
    tx.oncomplete = () => resolve(stamp);
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error);
    readStampIn(tx.objectStore('meta'), stamp);
  });
}
