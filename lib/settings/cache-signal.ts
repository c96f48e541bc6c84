import { browser } from 'wxt/browser';

/**
 * Written to `storage.local` by the background whenever a sync changed the cache. Extension pages listen for it (the
 * setup's owners and sources, the tagging target), so an idle page does no polling. Content scripts no longer hear
 * it (storage.local is closed to them in Chrome); the background sends them `leadlens:refresh` instead.
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
