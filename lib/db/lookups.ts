import type { LeadLensDb, LookupRow } from './db';

// The raw reads and writes of on-demand look-ups (lib/background/on-demand-lookup.ts decides what to ask and for how
// long to keep it). An expired row is never answered, and is removed at the next purge.

export function lookupKeyOfEmail(email: string): string {
  return `email:${email.trim().toLowerCase()}`;
}

export function lookupKeyOfId(id: string): string {
  return `id:${id}`;
}

/** The unexpired rows of these keys. */
export async function readLookups(
  db: LeadLensDb,
  keys: readonly string[],
  now: number,
): Promise<Map<string, LookupRow>> {
  const rows = await db.lookups.bulkGet([...keys]);
  const out = new Map<string, LookupRow>();
  for (const row of rows) if (row && row.expiresAt > now) out.set(row.key, row);
  return out;
}

export async function writeLookups(db: LeadLensDb, rows: readonly LookupRow[]): Promise<void> {
  if (rows.length > 0) await db.lookups.bulkPut([...rows]);
}

/** Removes what has expired; returns how many rows went. */
export function purgeLookups(db: LeadLensDb, now: number): Promise<number> {
  return db.lookups.where('expiresAt').belowOrEqual(now).delete();
}
