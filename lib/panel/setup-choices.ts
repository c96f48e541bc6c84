import type { LeadLensDb } from '../db/db';
import { type CacheState, readCacheState } from './cache-state';

// What the team setup offers to pick from when no computed view is at hand (the options page, the panel before its
// first view): the reps and the effective sources straight from the cache, and the portal's zone and currency.

export interface SetupChoices {
  owners: Array<{ id: string; name: string }>;
  sources: string[];
  portal: CacheState['portal'];
}

/** Reads only IndexedDB, so it can run inside a live query and follow the sync as it writes. */
export async function readSetupChoices(db: LeadLensDb): Promise<SetupChoices> {
  const [owners, sources, state] = await Promise.all([
    db.owners.toArray(),
    // The index's distinct keys: every effective source (tag, else the CRM's) without reading the leads themselves.
    db.leads.orderBy('effectiveSource').uniqueKeys(),
    readCacheState(db),
  ]);
  return {
    owners: owners
      .map((owner) => ({ id: owner.id, name: owner.name || owner.email || owner.id }))
      .sort((a, b) => a.name.localeCompare(b.name)),
    sources: sources.filter((key): key is string => typeof key === 'string' && key !== '').sort(),
    portal: state.portal,
  };
}
