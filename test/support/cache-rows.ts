import { appendChunk } from '../../lib/db/analytics';
import type { LeadLensDb } from '../../lib/db/db';
import type { Deal, Touch } from '../../lib/model';
import type { LeadRecord } from '../../lib/crm/adapter';

interface Rows {
  leads: LeadRecord;
  touches: Touch;
  deals: Deal;
}

/** Caches rows as the sync does: the rows and their analytics chunk in one transaction (look-ups read both). */
export async function cacheRows<T extends keyof Rows>(db: LeadLensDb, table: T, rows: Rows[T][]): Promise<void> {
  await db.transaction('rw', [db.table(table), db.analytics, db.meta], async () => {
    await db.table(table).bulkPut(rows);
    await appendChunk(db, table, rows as never[]);
  });
}
