import type { Feedback } from '../model';
import { type ImportedFeedbackRow, importedFeedbackId } from '../model/imported-feedback';
import { nextSeqs } from './analytics';
import type { LeadLensDb } from './db';

// The store of satisfaction responses imported from a CSV (version 7's table). A sync never writes it; "Disconnect
// and forget all data" deletes it with the rest of the database.

/**
 * Adds (or replaces, by identity) imported responses. The analytics store's sequence number moves in the same
 * transaction: the panel recomputes when it moves, and the cached view of the old figures no longer matches.
 */
export async function saveImportedFeedback(db: LeadLensDb, rows: readonly ImportedFeedbackRow[]): Promise<void> {
  if (rows.length === 0) return;
  await db.transaction('rw', db.importedFeedback, db.meta, async () => {
    await db.importedFeedback.bulkPut([...rows]);
    await nextSeqs(db, 1);
  });
}

export async function readImportedFeedback(db: LeadLensDb): Promise<ImportedFeedbackRow[]> {
  return db.importedFeedback.toArray();
}

export async function countImportedFeedback(db: LeadLensDb): Promise<number> {
  return db.importedFeedback.count();
}

/** Removes every imported response (the user's "remove imported responses"). */
export async function clearImportedFeedback(db: LeadLensDb): Promise<void> {
  await db.transaction('rw', db.importedFeedback, db.meta, async () => {
    await db.importedFeedback.clear();
    await nextSeqs(db, 1);
  });
}

/**
 * A snapshot file's feedback rows marked imported, back as imported rows (an analyst's copy keeps them apart from
 * the synced ones, and exports them marked again). The lead they were matched to becomes their contact id.
 */
export function importedRowsOfSnapshot(feedback: readonly Feedback[], importedAt: number): ImportedFeedbackRow[] {
  return feedback
    .filter((entry) => entry.imported === true)
    .map((entry) => {
      const contact = entry.leadId === undefined ? {} : { contactId: entry.leadId };
      const row = { ...contact, at: entry.at, kind: entry.kind, score: entry.score, importedAt };
      // A row without a lead keeps its own id: it has no contact to rebuild the identity from.
      return { id: entry.leadId === undefined ? entry.id : importedFeedbackId(row), ...row };
    });
}
