import type { Page } from '@playwright/test';

/**
 * Every row of one store of the extension's cache, read with plain IndexedDB from an extension page (the cache is
 * the extension origin's; the test inspects it as a user's DevTools would). The row type is the caller's claim.
 */
export async function readCache<T>(extensionPage: Page, store: string): Promise<T[]> {
  return extensionPage.evaluate(async (name) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('leadlens');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    try {
      return await new Promise<unknown[]>((resolve, reject) => {
        const request = db.transaction(name).objectStore(name).getAll();
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
    } finally {
      db.close();
    }
  }, store) as Promise<T[]>;
}
