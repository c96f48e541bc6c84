import { appendChunk, bumpEpoch, CHUNK_ROWS, readSnapshot } from '../db/analytics';
import type { AnalyticsTable, RowOf } from '../db/columns';
import type { LeadLensDb } from '../db/db';
import { importedRowsOfSnapshot } from '../db/imported-feedback';
import type { MetricSettings } from '../model/settings';
import { parseSnapshotFileText, type SnapshotFile, toSnapshotFileJson } from '../model/snapshot-file';
import type { Snapshot } from '../model/snapshot';
import { type CacheState, IMPORT_KEY, type ImportedSnapshot, VIEW_KEY } from './cache-state';

// The whole cache as METRICS.md's snapshot file (what `npm run report` reads), and back. Export reads the analytics
// store like the panel does; import writes it through the same `appendChunk` the sync's page writes use.

export function snapshotFileText(
  snapshot: Snapshot,
  settings: MetricSettings,
  state: Pick<CacheState, 'asOf' | 'portal'>,
  currency: string | undefined,
  exportedAt: number,
): string {
  if (state.asOf === null) throw new Error('nothing to export before the first sync ends');
  const portal = { ...state.portal, ...(currency ? { currency } : {}) };
  return JSON.stringify(toSnapshotFileJson({ exportedAt, asOf: state.asOf, portal, settings, snapshot }));
}

export async function exportSnapshotText(
  db: LeadLensDb,
  settings: MetricSettings,
  state: CacheState,
  currency: string | undefined,
): Promise<string> {
  return snapshotFileText(await readSnapshot(db), settings, state, currency, Date.now());
}

async function appendTable<T extends AnalyticsTable>(db: LeadLensDb, table: T, rows: readonly RowOf[T][]) {
  for (let start = 0; start < rows.length; start += CHUNK_ROWS) {
    await appendChunk(db, table, rows.slice(start, start + CHUNK_ROWS));
  }
}

export type ImportResult = { ok: true; file: SnapshotFile } | { ok: false; error: string };

/**
 * Replaces the cache's analytics store and lookup tables with a snapshot file, for a browser that is not connected
 * (an analyst's copy). The row tables are emptied so nothing of an earlier portal lingers beside the import.
 */
export async function importSnapshotText(db: LeadLensDb, text: string, now = Date.now()): Promise<ImportResult> {
  // Size cap, JSON and schema in one place (lib/model), the same checks as `npm run report`.
  const parsed = parseSnapshotFileText(text);
  if (!parsed.ok) return parsed;
  const file = parsed.value;
  const { snapshot } = file;
  const imported: ImportedSnapshot = {
    asOf: file.asOf,
    exportedAt: file.exportedAt,
    importedAt: now,
    portal: file.portal,
  };
  await db.transaction(
    'rw',
    [
      db.analytics,
      db.meta,
      db.owners,
      db.stages,
      db.lifecycleStages,
      db.leads,
      db.deals,
      db.touches,
      db.feedback,
      db.importedFeedback,
    ],
    async () => {
      await Promise.all([
        db.importedFeedback.clear(),
        db.analytics.clear(),
        db.leads.clear(),
        db.deals.clear(),
        db.touches.clear(),
        db.feedback.clear(),
        db.owners.clear(),
        db.stages.clear(),
        db.lifecycleStages.clear(),
      ]);
      await bumpEpoch(db.meta);
      await appendTable(db, 'leads', snapshot.leads);
      await appendTable(db, 'deals', snapshot.deals);
      await appendTable(db, 'touches', snapshot.touches);
      // Responses the file marks imported go back to their own table, so they stay apart and are exported marked.
      await appendTable(
        db,
        'feedback',
        snapshot.feedback.filter((entry) => entry.imported !== true),
      );
      await db.importedFeedback.bulkPut(importedRowsOfSnapshot(snapshot.feedback, now));
      await db.owners.bulkPut(snapshot.owners);
      await db.stages.bulkPut(
        snapshot.stages.map((stage) => ({ ...stage, key: `${stage.pipelineId}|${stage.stageId}` })),
      );
      if (snapshot.lifecycleStages) await db.lifecycleStages.bulkPut(snapshot.lifecycleStages);
      await db.meta.put({ key: IMPORT_KEY, value: imported });
      await db.meta.delete(VIEW_KEY);
    },
  );
  return { ok: true, file };
}
