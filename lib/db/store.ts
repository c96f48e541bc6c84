import type { InvalidRecord, LeadRecord, RecordOf, SyncedType } from '../crm/adapter';
import { isEngagementType } from '../crm/adapter';
import type { Deal, Feedback, Touch } from '../model';
import { appendChunk } from './analytics';
import type { AnalyticsTable } from './columns';
import type { Checkpoint, LeadLensDb, PendingAssociation } from './db';
import { taggedLead, unappliedTagsByContact } from '../tagging/outbox-store';

// Writes of the sync. Each page is one transaction: its rows, its analytics chunk, its skipped records and the
// checkpoint that follows it, so a worker stopped at any instant leaves either the whole page or none of it.

/** Rows carry the CRM's modification instant beside the model's fields, so a re-read record is known unchanged. */
type Stamped<T> = T & { modifiedAt?: number };

export function tableOf(type: SyncedType): AnalyticsTable {
  if (type === 'contacts') return 'leads';
  if (type === 'deals') return 'deals';
  if (type === 'feedback') return 'feedback';
  return 'touches';
}

type AnyRow = Stamped<LeadRecord | Deal | Touch | Feedback>;

function rowTable(db: LeadLensDb, type: SyncedType) {
  return db.table<AnyRow, string>(tableOf(type));
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
}

export interface PageWriteResult {
  written: number;
  unchanged: number;
}

export function skippedKey(type: SyncedType, id: string): string {
  return `${type}:${id}`;
}

export async function writePage<T extends SyncedType>(db: LeadLensDb, page: PageWrite<T>): Promise<PageWriteResult> {
  const table = rowTable(db, page.type);
  return db.transaction(
    'rw',
    [table, db.analytics, db.meta, db.checkpoints, db.skipped, db.pendingAssociations, db.outbox],
    async () => {
      const ids = page.records.map((record) => record.id);
      // A tag still in the outbox wins over what the CRM has until it has been written there.
      const unapplied = page.type === 'contacts' ? await unappliedTagsByContact(db) : new Map();
      // List pages replace records whole; only search results need what is stored (links, modification time).
      const existing = page.withAssociations ? [] : await table.bulkGet(ids);
      const changed: AnyRow[] = [];
      const pending: PendingAssociation[] = [];
      let unchanged = 0;
      page.records.forEach((record, index) => {
        const before = existing[index];
        const modifiedAt = page.modifiedAt.get(record.id);
        if (
          !page.withAssociations &&
          before?.modifiedAt !== undefined &&
          modifiedAt !== undefined &&
          before.modifiedAt >= modifiedAt
        ) {
          unchanged += 1;
          return;
        }
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
      await table.bulkPut(changed);
      await appendChunk(db, tableOf(page.type), changed as never[]);
      if (pending.length > 0) await db.pendingAssociations.bulkPut(pending);
      // A record that is valid now is no longer skipped (it was fixed in the CRM). The few listed for this type are
      // read and only those deleted, instead of a hundred deletes of keys that are not there in every page write.
      const keys = new Set(ids.map((id) => skippedKey(page.type, id)));
      const fixed = (await db.skipped.where('type').equals(page.type).primaryKeys()).filter((key) => keys.has(key));
      if (fixed.length > 0) await db.skipped.bulkDelete(fixed);
      if (page.invalid.length > 0) {
        await db.skipped.bulkPut(
          page.invalid.map((invalid) => ({ ...invalid, key: skippedKey(invalid.type, invalid.id), at: page.now })),
        );
      }
      await db.checkpoints.put(page.checkpoint);
      return { written: changed.length, unchanged };
    },
  );
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
