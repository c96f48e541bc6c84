import type { Table, Transaction } from 'dexie';
import type { Deal, Feedback, Lead, Snapshot, Touch } from '../model';
import { type AnalyticsChunk, type AnalyticsTable, decodeChunk, encodeChunk, type RowOf } from './columns';
import type { LeadLensDb } from './db';
import { withImportedFeedback } from './feedback-merge';

// The analytics store is a log of column chunks per table: each page a sync writes adds one chunk (in the page's own
// transaction), later chunks supersede earlier versions of a row, and `compactAnalytics` folds the log into chunks
// of CHUNK_ROWS when it grows. Reading it never touches the row tables.

export const CHUNK_ROWS = 10_000;
/** More chunks than this and the log is folded after the sync that made them. */
export const COMPACT_AFTER_CHUNKS = 48;

export const analyticsTables: readonly AnalyticsTable[] = ['leads', 'deals', 'touches', 'feedback'];

export const SEQ_KEY = 'analytics.seq';
/**
 * Moves whenever chunks are rewritten or removed rather than appended (compaction, a rebuild, an import): a reader
 * that follows the log by sequence number (the background's lead index) must then read it afresh.
 */
export const EPOCH_KEY = 'analytics.epoch';

type MetaTable = Pick<Table<{ key: string; value: unknown }, string>, 'get' | 'put'>;

/** Call inside the transaction that rewrites chunks. */
export async function bumpEpoch(meta: MetaTable): Promise<void> {
  const row = await meta.get(EPOCH_KEY);
  await meta.put({ key: EPOCH_KEY, value: typeof row?.value === 'number' ? row.value + 1 : 1 });
}

/** Reserves `count` sequence numbers and returns the first; call inside a read-write transaction that includes `meta`. */
export async function nextSeqs(db: LeadLensDb, count: number): Promise<number> {
  const row = await db.meta.get(SEQ_KEY);
  const first = typeof row?.value === 'number' ? row.value + 1 : 1;
  await db.meta.put({ key: SEQ_KEY, value: first + count - 1 });
  return first;
}

/** What one write adds to one table's log: its rows (new versions) and the ids it removed. */
export interface ChunkEntry<T extends AnalyticsTable = AnalyticsTable> {
  table: T;
  rows: readonly RowOf[T][];
  deleted?: string[];
}

/**
 * Appends one chunk per entry, in order, with one read and one write of the sequence row for all of them. Call inside
 * the transaction that writes the rows.
 */
export async function appendChunks(db: LeadLensDb, entries: readonly ChunkEntry[]): Promise<void> {
  const kept = entries.filter((entry) => entry.rows.length > 0 || (entry.deleted?.length ?? 0) > 0);
  if (kept.length === 0) return;
  const first = await nextSeqs(db, kept.length);
  await db.analytics.bulkPut(
    kept.map((entry, index) => encodeChunk(entry.table, first + index, entry.rows as never[], entry.deleted)),
  );
}

/** Appends one chunk for a written page (and the ids it removed). Call inside the page's transaction. */
export async function appendChunk<T extends AnalyticsTable>(
  db: LeadLensDb,
  table: T,
  rows: readonly RowOf[T][],
  deleted?: string[],
): Promise<void> {
  await appendChunks(db, [{ table, rows, ...(deleted ? { deleted } : {}) }]);
}

/**
 * Folds chunks in order: the last version of each id wins, deletions remove earlier versions. `withLookup` keeps the
 * look-up columns (a lead's every address), which a compaction must write back: without them the worker's lead index
 * found no lead in the compacted chunks.
 */
export function foldChunks<T extends AnalyticsTable>(
  chunks: readonly AnalyticsChunk[],
  withLookup = false,
): RowOf[T][] {
  const byId = new Map<string, RowOf[T]>();
  const sorted = [...chunks].sort((a, b) => a.seq - b.seq);
  for (const chunk of sorted) {
    for (const id of chunk.deleted ?? []) byId.delete(id);
    for (const row of decodeChunk<T>(chunk, withLookup)) byId.set(row.id, row);
  }
  return [...byId.values()];
}

export async function readAnalyticsTable<T extends AnalyticsTable>(db: LeadLensDb, table: T): Promise<RowOf[T][]> {
  const chunks = await db.analytics.where('table').equals(table).toArray();
  return foldChunks<T>(chunks);
}

/** Everything the ROI panel needs, from the analytics store and the small metadata tables. */
export async function readSnapshot(db: LeadLensDb): Promise<Snapshot> {
  const [leads, deals, touches, feedback, owners, stages, lifecycleStages, importedFeedback] = await Promise.all([
    readAnalyticsTable(db, 'leads') as Promise<Lead[]>,
    readAnalyticsTable(db, 'deals') as Promise<Deal[]>,
    readAnalyticsTable(db, 'touches') as Promise<Touch[]>,
    readAnalyticsTable(db, 'feedback') as Promise<Feedback[]>,
    db.owners.toArray(),
    db.stages.toArray(),
    db.lifecycleStages.orderBy('order').toArray(),
    // Satisfaction imported from a CSV is read with the synced feedback (synced responses win, feedback-merge.ts).
    db.importedFeedback.toArray(),
  ]);
  return {
    owners,
    stages: stages.map(({ key: _key, ...stage }) => stage),
    lifecycleStages: lifecycleStages.length > 0 ? lifecycleStages : undefined,
    leads,
    deals,
    touches,
    feedback: withImportedFeedback(feedback, leads, importedFeedback),
  };
}

function toChunks<T extends AnalyticsTable>(table: T, rows: readonly RowOf[T][], firstSeq: number): AnalyticsChunk[] {
  const chunks: AnalyticsChunk[] = [];
  for (let start = 0, seq = firstSeq; start < rows.length; start += CHUNK_ROWS, seq += 1) {
    chunks.push(encodeChunk(table, seq, rows.slice(start, start + CHUNK_ROWS)));
  }
  return chunks;
}

/** Rewrites one table's log as full chunks. Cheap enough to run after each sync that grew the log. */
export async function compactAnalytics(db: LeadLensDb, table: AnalyticsTable, force = false): Promise<boolean> {
  return db.transaction('rw', db.analytics, db.meta, async () => {
    const chunks = await db.analytics.where('table').equals(table).toArray();
    if (!force && chunks.length <= COMPACT_AFTER_CHUNKS) return false;
    const rows = foldChunks(chunks, true);
    const count = Math.ceil(rows.length / CHUNK_ROWS);
    const seqRow = await db.meta.get(SEQ_KEY);
    const first = (typeof seqRow?.value === 'number' ? seqRow.value : 0) + 1;
    await db.meta.put({ key: SEQ_KEY, value: first + count });
    await db.analytics.where('table').equals(table).delete();
    await db.analytics.bulkPut(toChunks(table, rows, first));
    await bumpEpoch(db.meta);
    return true;
  });
}

/**
 * Rewrites one table's chunks from its row tables, after the chunks already there (the version 4 upgrade: lead chunks
 * gain every address of their leads). A table without rows keeps its chunks: those of an imported snapshot.
 */
export async function rechunkTableIn(tx: Transaction, table: AnalyticsTable): Promise<void> {
  const rows = (await tx.table(table).toArray()) as RowOf[typeof table][];
  if (rows.length === 0) return;
  const analytics = tx.table<AnalyticsChunk, [string, number]>('analytics');
  const meta: MetaTable = tx.table('meta');
  const seqRow = await meta.get(SEQ_KEY);
  const first = (typeof seqRow?.value === 'number' ? seqRow.value : 0) + 1;
  const chunks = toChunks(table, rows, first);
  await analytics.where('table').equals(table).delete();
  await analytics.bulkPut(chunks);
  await meta.put({ key: SEQ_KEY, value: first + chunks.length });
  await bumpEpoch(meta);
}

/** Builds the store from the row tables (the version 2 upgrade; also a repair). Runs in the given transaction. */
export async function rebuildAnalyticsIn(tx: Transaction): Promise<void> {
  const analytics = tx.table<AnalyticsChunk, [string, number]>('analytics');
  await analytics.clear();
  let seq = 1;
  for (const table of analyticsTables) {
    const rows = (await tx.table(table).toArray()) as RowOf[typeof table][];
    const chunks = toChunks(table, rows, seq);
    seq += chunks.length;
    await analytics.bulkPut(chunks);
  }
  await tx.table('meta').put({ key: SEQ_KEY, value: seq });
  await bumpEpoch(tx.table('meta'));
}

/**
 * Replaces one table's whole log with chunks of `rows` (a full re-sync's switch to its new generation). Call inside a
 * read-write transaction over `analytics` and `meta`; the caller bumps the epoch once for all tables it replaces.
 */
export async function replaceAnalyticsIn<T extends AnalyticsTable>(
  db: LeadLensDb,
  table: T,
  rows: readonly RowOf[T][],
): Promise<void> {
  const seqRow = await db.meta.get(SEQ_KEY);
  const first = (typeof seqRow?.value === 'number' ? seqRow.value : 0) + 1;
  const chunks = toChunks(table, rows, first);
  await db.analytics.where('table').equals(table).delete();
  await db.analytics.bulkPut(chunks);
  await db.meta.put({ key: SEQ_KEY, value: first + chunks.length });
}
