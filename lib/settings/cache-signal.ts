import { browser } from 'wxt/browser';

/**
 * Written to `storage.local` by the background whenever a sync changed the cache. Content scripts listen for it
 * (storage events reach them), so an idle page does no polling and a fresh sync reaches open badges at once.
 */
export const CACHE_UPDATED_KEY = 'cache.updatedAt';

/** Calls `listener` after each sync that changed the cache; returns the function that stops listening. */
export function onCacheUpdated(listener: () => void): () => void {
  const onChanged = (changes: Record<string, unknown>, area: string) => {
    if (area === 'local' && CACHE_UPDATED_KEY in changes) listener();
  };
  browser.storage.onChanged.addListener(onChanged);
  return () => browser.storage.onChanged.removeListener(onChanged);
}
