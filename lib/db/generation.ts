import type { Table } from 'dexie';
import type { LeadRecord } from '../crm/adapter';
import { taggedLead, unappliedTagsByContact } from './outbox';
import { analyticsTables, bumpEpoch, replaceAnalyticsIn } from './analytics';
import type { RowOf } from './columns';
import type { LeadLensDb } from './db';
import { stagedTableOf } from './store';

// A full re-sync over a complete cache builds a new generation of the record tables in the staged tables, while
// badges, look-ups and the ROI panel keep reading the live ones; when the re-sync is complete, one transaction moves
// the new generation in and the old one is gone. Nobody ever reads a half-emptied cache. An interrupted re-sync
// resumes writing its generation from its checkpoints. Staged tables (two row sets under one name) were chosen over a
// generation number on rows because the row tables are keyed by the CRM's id, which both generations share, and
// because every reader of the live tables stays as it is.

function stagedTables(db: LeadLensDb): Table[] {
  return [db.stagedLeads, db.stagedDeals, db.stagedTouches, db.stagedFeedback, db.stagedSkipped];
}

/** Tables the switch touches: give them to the transaction that calls `switchGenerationIn`. */
export function generationScope(db: LeadLensDb): Table[] {
  return [
    db.leads,
    db.deals,
    db.touches,
    db.feedback,
    ...stagedTables(db),
    db.analytics,
    db.meta,
    db.skipped,
    db.pendingAssociations,
    db.outbox,
  ];
}

/** Empties the staged tables: a new re-sync starts its generation from nothing (what an abandoned one left goes). */
export async function startGeneration(db: LeadLensDb): Promise<void> {
  await db.transaction('rw', stagedTables(db), async () => {
    await Promise.all(stagedTables(db).map((table) => table.clear()));
  });
}

/**
 * Moves the staged generation into the live tables and rebuilds their analytics log from it. Call inside one
 * read-write transaction over `generationScope(db)`, with the job's end, so the switch and the job's completion are
 * one step. One table is held in memory at a time, as the analytics compaction does.
 */
export async function switchGenerationIn(db: LeadLensDb): Promise<void> {
  // Tags the rep set while the re-sync ran are still waiting for the CRM: they win over what the re-sync read.
  const unapplied = await unappliedTagsByContact(db);
  for (const name of analyticsTables) {
    const staged = db.table<RowOf[typeof name], string>(stagedTableOf(name));
    const live = db.table<RowOf[typeof name], string>(name);
    let rows = await staged.toArray();
    if (name === 'leads')
      rows = rows.map((row) => {
        const tag = unapplied.get(row.id);
        if (!tag) return row;
        const { modifiedAt } = row as { modifiedAt?: number };
        return {
          ...taggedLead(row as unknown as LeadRecord, tag),
          ...(modifiedAt !== undefined ? { modifiedAt } : {}),
        } as unknown as RowOf[typeof name];
      });
    await live.clear();
    await live.bulkPut(rows);
    await staged.clear();
    await replaceAnalyticsIn(db, name, rows);
  }
  const skipped = await db.stagedSkipped.toArray();
  await db.skipped.clear();
  await db.skipped.bulkPut(skipped);
  await db.stagedSkipped.clear();
  // Association reads queued by earlier incremental syncs were for the old generation's rows.
  await db.pendingAssociations.clear();
  // Readers that follow the analytics log by sequence (the background's lead index) must read it afresh.
  await bumpEpoch(db.meta);
}
