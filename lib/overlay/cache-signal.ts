/**
 * Written to `storage.local` by the background whenever a sync changed the cache. Content scripts listen for it
 * (storage events reach them), so an idle page does no polling and a fresh sync reaches open badges at once.
 */
export const CACHE_UPDATED_KEY = 'cache.updatedAt';
