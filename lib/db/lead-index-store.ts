import { EPOCH_KEY, SEQ_KEY } from './analytics';
import type { StoreStamp } from './analytics-chunks';
import type { MetaRow } from './db';

// The worker's lead index persisted as one record (schema version 8, table `leadIndex`), raw IndexedDB like the
// chunk reads it is built from. The record says which state of the analytics store it reflects (its stamp); a reader
// compares that with the store's stamp read in the same transaction, and uses the image only for the same epoch and
// a sequence it has not passed. The epoch only grows in a database's life (every rewrite bumps it) and "forget all
// data" deletes the database with this table, so a stamp never matches a store the image was not made from.

export const LEAD_INDEX_TABLE = 'leadIndex';
const KEY = 'lookup';

interface StoredLeadIndex {
  key: string;
  stamp: StoreStamp;
  image: unknown;
}

function numberOf(row: MetaRow | undefined): number {
  return typeof row?.value === 'number' ? row.value : 0;
}

/**
 * The persisted image with the stamp it was made at, and the store's stamp now, read together. `image` is undefined
 * when none is stored or it was made in another epoch or for a later sequence than the store's (it cannot be
 * caught up by applying chunks, which is all a reader can do).
 */
export function readStoredLeadIndex(idb: IDBDatabase): Promise<{ image?: unknown; store: StoreStamp }> {
  return new Promise((resolve, reject) => {
    const tx = idb.transaction([LEAD_INDEX_TABLE, 'meta'], 'readonly');
    const store: StoreStamp = { seq: 0, epoch: 0 };
    let stored: StoredLeadIndex | undefined;
    tx.oncomplete = () => {
      const usable = stored && stored.stamp.epoch === store.epoch && stored.stamp.seq <= store.seq;
      resolve(usable ? { image: stored?.image, store } : { store });
    };
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error);
    const meta = tx.objectStore('meta');
    meta.get(SEQ_KEY).onsuccess = (event) => {
      store.seq = numberOf((event.target as IDBRequest<MetaRow | undefined>).result);
    };
    meta.get(EPOCH_KEY).onsuccess = (event) => {
      store.epoch = numberOf((event.target as IDBRequest<MetaRow | undefined>).result);
    };
    tx.objectStore(LEAD_INDEX_TABLE).get(KEY).onsuccess = (event) => {
      const row = (event.target as IDBRequest<StoredLeadIndex | undefined>).result;
      const stamp = row?.stamp;
      if (row && typeof stamp?.seq === 'number' && typeof stamp.epoch === 'number') stored = row;
    };
  });
}

/**
 * Stores the image made at `stamp`, replacing the one before. The store may have moved on meanwhile: a reader then
 * catches it up or, after a rewrite, ignores it, so the write needs no look at `meta` (and does not hold it).
 */
export function writeStoredLeadIndex(idb: IDBDatabase, stamp: StoreStamp, image: unknown): Promise<void> {
  return new Promise((resolve, reject) => {
    const tx = idb.transaction(LEAD_INDEX_TABLE, 'readwrite');
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error);
    tx.objectStore(LEAD_INDEX_TABLE).put({ key: KEY, stamp: { seq: stamp.seq, epoch: stamp.epoch }, image });
  });
}

/** Removes the stored image (tests; a reader that found it unreadable). */
export function deleteStoredLeadIndex(idb: IDBDatabase): Promise<void> {
  return new Promise((resolve, reject) => {
    const tx = idb.transaction(LEAD_INDEX_TABLE, 'readwrite');
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error);
    tx.objectStore(LEAD_INDEX_TABLE).delete(KEY);
  });
}
