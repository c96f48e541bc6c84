import type { InvalidRecord, LeadRecord, RecordOf, SyncedType } from '../crm/adapter';
import { isEngagementType } from '../crm/adapter';
import type { Deal, Feedback, Touch } from '../model';
import { appendChunk, appendChunks } from './analytics';
import type { AnalyticsTable } from './columns';
import type { Checkpoint, LeadLensDb, PendingAssociation, SkippedRow } from './db';
import { taggedLead, unappliedTagsByContact } from './outbox';
import type { TagValues } from '../model/tags';

// Writes of the sync. A page is written in one transaction with its rows, its analytics chunk, its skipped records and
// the checkpoint that follows it (the full sync puts several pages in one), so a worker stopped at any instant leaves
// either the whole page or none of it.

/** Rows carry the CRM's modification instant beside the model's fields, so a re-read record is known unchanged. */
type Stamped<T> = T & { modifiedAt?: number };

export function tableOf(type: SyncedType): AnalyticsTable {
  if (type === 'contacts') return 'leads';
  if (type === 'deals') return 'deals';
  if (type === 'feedback') return 'feedback';
  return 'touches';
}

type AnyRow = Stamped<LeadRecord | Deal | Touch | Feedback>;

function rowTable(db: LeadLensDb, type: SyncedType, staged = false) {
  return db.table<AnyRow, string>(staged ? stagedTableOf(tableOf(type)) : tableOf(type));
}

/** Where a full re-sync writes a record table's next generation (lib/db/generation.ts). */
export function stagedTableOf(
  table: AnalyticsTable,
): 'stagedLeads' | 'stagedDeals' | 'stagedTouches' | 'stagedFeedback' {
  if (table === 'leads') return 'stagedLeads';
  if (table === 'deals') return 'stagedDeals';
  if (table === 'feedback') return 'stagedFeedback';
  return 'stagedTouches';
}

export interface PageWrite<T extends SyncedType> {
  type: T;
  records: RecordOf<T>[];
  invalid: InvalidRecord[];
  /** Modification instant by id, from the page. */
  modifiedAt: Map<string, number>;
  /** False for search results: existing lead links are kept and the record is queued for an association read. */
  withAssociations: boolean;
  checkpoint: Checkpoint;
  now: number;
  /**
   * A full re-sync's page: written to the staged tables (the next generation), without analytics chunks (built at
   * the switch), so readers of the live tables see nothing of it until the whole generation replaces them.
   */
  staged?: boolean;
}

export interface PageWriteResult {
  written: number;
  unchanged: number;
}

/**
 * The browser refused a write because the extension's storage is full. The write's transaction is aborted, so
 * nothing of it is stored; retrying cannot help until space is freed, so the sync stops with its own message.
 */
export class StorageFullError extends Error {
  constructor(override readonly cause?: unknown) {
    super("the browser's storage for LeadLens is full");
    this.name = 'StorageFullError';
  }
}

/**
 * IndexedDB reports a full quota as a DOMException named `QuotaExceededError`; Dexie passes it on under the same name
 * (its own QuotaExceededError, with the original as `inner`), and an aborted transaction carries it as its cause.
 */
export function isStorageFull(error: unknown): boolean {
  for (let depth = 0, current: unknown = error; depth < 4 && typeof current === 'object' && current !== null; depth++) {
    if (current instanceof StorageFullError) return true;
    const { name, inner, cause } = current as { name?: unknown; inner?: unknown; cause?: unknown };
    if (name === 'QuotaExceededError') return true;
    current = inner ?? cause;
  }
  return false;
}

export function skippedKey(type: SyncedType, id: string): string {
  return `${type}:${id}`;
}

export async function writePage<T extends SyncedType>(db: LeadLensDb, page: PageWrite<T>): Promise<PageWriteResult> {
  const [result] = await writePages(db, [page]);
  if (!result) throw new Error('a page write returned no result');
  return result;
}

/**
 * Writes pages, of any types, in one transaction, as if written one after another in the order given (a record in
 * two of them ends as the later one has it). The full sync hands over every page that is ready when the previous
 * write ends (lib/sync/group-write.ts): page writes share the sequence row and the checkpoints, so the database runs
 * them one at a time, and one transaction for several pages costs much less than one for each.
 */
export async function writePages(db: LeadLensDb, pages: readonly PageWrite<SyncedType>[]): Promise<PageWriteResult[]> {
  try {
    return await writePagesIn(db, pages);
  } catch (error) {
    throw isStorageFull(error) ? new StorageFullError(error) : error;
  }
}

async function writePagesIn(db: LeadLensDb, pages: readonly PageWrite<SyncedType>[]): Promise<PageWriteResult[]> {
  if (pages.length === 0) return [];
  const staged = pages[0]?.staged === true;
  // One job writes one generation; a mixed group would be a bug that half-writes one of them.
  if (pages.some((page) => (page.staged === true) !== staged)) throw new Error('pages of two generations in one write');
  const types = [...new Set(pages.map((page) => page.type))];
  const tables = [...new Set(types.map(tableOf))];
  const skippedTable = staged ? db.stagedSkipped : db.skipped;
  // A staged write leaves the live tables out of its scope, so readers of the cache never wait for it.
  const scope = staged
    ? [...tables.map(stagedTableOf), db.meta, db.checkpoints, db.stagedSkipped, db.outbox]
    : [...tables, db.analytics, db.meta, db.checkpoints, db.skipped, db.pendingAssociations, db.outbox];
  return db.transaction('rw', scope, async () => {
    // Every read is asked at once: the requests of a transaction queue in the database without a round trip each.
    const [unapplied, existing, listed] = await Promise.all([
      // A tag still in the outbox wins over what the CRM has until it has been written there.
      types.includes('contacts') ? unappliedTagsByContact(db) : new Map<string, TagValues>(),
      // List pages replace records whole; only search results need what is stored (links, modification time).
      Promise.all(
        pages.map((page) =>
          page.withAssociations ? [] : rowTable(db, page.type, staged).bulkGet(page.records.map((record) => record.id)),
        ),
      ),
      // The few records listed as skipped for these types: a page's valid records leave the list.
      skippedTable.where('type').anyOf(types).primaryKeys(),
    ]);
    const rows = new Map<AnalyticsTable, Map<string, AnyRow>>();
    const pending: PendingAssociation[] = [];
    const skipped = new Set(listed);
    const skippedPuts = new Map<string, SkippedRow>();
    const skippedDeletes = new Set<string>();
    const checkpoints = new Map<string, Checkpoint>();
    const results = pages.map((page, pageIndex) => {
      const table = tableOf(page.type);
      const written = rows.get(table) ?? new Map<string, AnyRow>();
      rows.set(table, written);
      const changed = changedRows(page, existing[pageIndex] ?? [], written, unapplied, pending);
      for (const row of changed) {
        // Deleted first: a row keeps the place of its last write, so the chunk holds versions in write order.
        written.delete(row.id);
        written.set(row.id, row);
      }
      for (const record of page.records) {
        const key = skippedKey(page.type, record.id);
        if (!skipped.delete(key)) continue;
        skippedPuts.delete(key);
        skippedDeletes.add(key);
      }
      for (const invalid of page.invalid) {
        const key = skippedKey(invalid.type, invalid.id);
        skipped.add(key);
        skippedDeletes.delete(key);
        skippedPuts.set(key, { ...invalid, key, at: page.now });
      }
      checkpoints.set(page.checkpoint.key, page.checkpoint);
      return { written: changed.length, unchanged: page.records.length - changed.length };
    });
    const entries = [...rows].map(([table, byId]) => ({ table, rows: [...byId.values()] as never[] }));
    await Promise.all([
      ...entries.map((entry) =>
        db.table<AnyRow, string>(staged ? stagedTableOf(entry.table) : entry.table).bulkPut(entry.rows),
      ),
      staged ? undefined : appendChunks(db, entries),
      pending.length > 0 ? db.pendingAssociations.bulkPut(pending) : undefined,
      skippedDeletes.size > 0 ? skippedTable.bulkDelete([...skippedDeletes]) : undefined,
      skippedPuts.size > 0 ? skippedTable.bulkPut([...skippedPuts.values()]) : undefined,
      db.checkpoints.bulkPut([...checkpoints.values()]),
    ]);
    return results;
  });
}

/**
 * The rows a page changes. A search result whose stored version (or the version an earlier page of the same write
 * left) is as new is unchanged; otherwise it keeps its stored lead links and is queued for an association read.
 */
function changedRows(
  page: PageWrite<SyncedType>,
  stored: readonly (AnyRow | undefined)[],
  written: ReadonlyMap<string, AnyRow>,
  unapplied: ReadonlyMap<string, TagValues>,
  pending: PendingAssociation[],
): AnyRow[] {
  const changed: AnyRow[] = [];
  page.records.forEach((record, index) => {
    const before = written.get(record.id) ?? stored[index];
    const modifiedAt = page.modifiedAt.get(record.id);
    if (
      !page.withAssociations &&
      before?.modifiedAt !== undefined &&
      modifiedAt !== undefined &&
      before.modifiedAt >= modifiedAt
    )
      return;
    let row: AnyRow = { ...(record as AnyRow), ...(modifiedAt !== undefined ? { modifiedAt } : {}) };
    const tag = unapplied.get(record.id);
    if (tag && page.type === 'contacts')
      row = { ...taggedLead(row as LeadRecord, tag), ...(modifiedAt !== undefined ? { modifiedAt } : {}) };
    if (!page.withAssociations && page.type !== 'contacts') {
      // Search results carry no associations: keep the links we have until the association read replaces them.
      if (before && 'leadIds' in before && 'leadIds' in row) row = { ...row, leadIds: before.leadIds };
      if (before && 'leadId' in before && 'kind' in row && (row.kind === 'nps' || row.kind === 'csat'))
        row = { ...row, leadId: before.leadId };
      pending.push({
        key: skippedKey(page.type, record.id),
        type: page.type as PendingAssociation['type'],
        id: record.id,
      });
    }
    changed.push(row);
  });
  return changed;
}

/** Replaces the lead links of records read by search, and clears them from the queue, in one transaction. */
export async function writeAssociations(
  db: LeadLensDb,
  type: Exclude<SyncedType, 'contacts'>,
  links: Map<string, string[]>,
  ids: string[],
): Promise<void> {
  const table = rowTable(db, type);
  await db.transaction('rw', [table, db.analytics, db.meta, db.pendingAssociations], async () => {
    const rows = await table.bulkGet(ids);
    const updated: (Deal | Touch | Feedback)[] = [];
    rows.forEach((row, index) => {
      if (!row) return;
      const leadIds = links.get(ids[index] ?? '') ?? [];
      if (type === 'feedback') updated.push({ ...(row as Feedback), leadId: leadIds[0] });
      else updated.push({ ...(row as Deal | Touch), leadIds });
    });
    await table.bulkPut(updated);
    await appendChunk(db, tableOf(type), updated as never[]);
    await db.pendingAssociations.bulkDelete(ids.map((id) => skippedKey(type, id)));
  });
}

/** Removes archived records (reconcile) with their analytics tombstones, and moves the reconcile checkpoint. */
export async function deleteRecords(
  db: LeadLensDb,
  type: SyncedType,
  ids: string[],
  checkpoint: Checkpoint,
): Promise<number> {
  const table = rowTable(db, type);
  return db.transaction('rw', [table, db.analytics, db.meta, db.checkpoints, db.pendingAssociations], async () => {
    const present = (await table.bulkGet(ids)).filter((row) => row !== undefined).map((row) => row.id);
    await table.bulkDelete(present);
    await db.pendingAssociations.bulkDelete(ids.map((id) => skippedKey(type, id)));
    await appendChunk(db, tableOf(type), [], present);
    await db.checkpoints.put(checkpoint);
    return present.length;
  });
}

/**
 * A rep's deals and engagements that none of the cached leads links to any more, once these leads left the cache
 * (re-assigned to a colleague): they go with them, in one transaction, analytics tombstones included.
 */
export async function deleteOrphans(db: LeadLensDb, leftLeadIds: readonly string[]): Promise<number> {
  if (leftLeadIds.length === 0) return 0;
  return db.transaction('rw', [db.leads, db.deals, db.touches, db.analytics, db.meta], async () => {
    let removed = 0;
    for (const name of ['deals', 'touches'] as const) {
      const table = db.table<Deal | Touch, string>(name);
      const rows = [
        ...new Map((await table.where('leadIds').anyOf(leftLeadIds).toArray()).map((row) => [row.id, row])).values(),
      ];
      const linked = [...new Set(rows.flatMap((row) => row.leadIds))];
      const cached = new Set((await db.leads.bulkGet(linked)).flatMap((lead) => (lead ? [lead.id] : [])));
      const orphans = rows.filter((row) => !row.leadIds.some((id) => cached.has(id))).map((row) => row.id);
      await table.bulkDelete(orphans);
      await appendChunk(db, name, [], orphans);
      removed += orphans.length;
    }
    return removed;
  });
}

/** Touches older than the engagement scope are not kept; this also drops those that aged out since. */
export function inScope(type: SyncedType, record: { at?: number }, scopeStart: number): boolean {
  return !isEngagementType(type) || (record.at ?? 0) >= scopeStart;
}

export async function getMeta<T>(db: LeadLensDb, key: string): Promise<T | undefined> {
  return (await db.meta.get(key))?.value as T | undefined;
}

export async function setMeta(db: LeadLensDb, key: string, value: unknown): Promise<void> {
  await db.meta.put({ key, value });
}
