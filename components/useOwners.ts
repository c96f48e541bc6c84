import { liveQuery } from 'dexie';
import { useEffect, useState } from 'react';
import { database } from '../lib/db/db';
import type { Owner } from '../lib/model';

/** The portal's owners from the cache, by name, kept current by the sync (IndexedDB is shared with the background). */
export function useOwners(): Owner[] {
  const [owners, setOwners] = useState<Owner[]>([]);
  useEffect(() => {
    const subscription = liveQuery(() => database().owners.toArray()).subscribe({
      next: (rows) => setOwners([...rows].sort((a, b) => (a.name || a.email).localeCompare(b.name || b.email))),
      error: () => setOwners([]),
    });
    return () => subscription.unsubscribe();
  }, []);
  return owners;
}
