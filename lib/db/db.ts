import Dexie, { type EntityTable, type Table } from 'dexie';
import type { InvalidRecord, LeadRecord, LeadStatusOption, SyncedType } from '../crm/adapter';
import type { Deal, Feedback, LifecycleStage, Owner, Stage, Touch } from '../model';
import { rebuildAnalyticsIn, rechunkTableIn } from './analytics';
import type { AnalyticsChunk } from './columns';
import type { OutboxRow } from '../model/tags';
import type { ImportedFeedbackRow } from '../model/imported-feedback';

// The cache: one Dexie database per browser profile, in the extension's origin. Row tables serve look-ups (a lead by
// e-mail, a lead's touches); the analytics store (chunks of columns) serves the ROI panel, which must not read
// hundreds of thousands of rows on open.

export const DB_NAME = 'leadlens';

/** A stage row's key is `${pipelineId}|${stageId}`: stage ids are only unique within a pipeline. */
export interface StageRow extends Stage {
  key: string;
}

/** Where a job stopped: written in the same transaction as the page it follows, so a page is never half-counted. */
export interface Checkpoint {
  /** `${job}:${type}`, e.g. `full:contacts`. */
  key: string;
  job: 'full' | 'incremental' | 'reconcile' | 'reread';
  type: SyncedType;
  /** List paging cursor (full, reconcile). */
  after?: string;
  /** Search window (incremental). */
  window?: { from: number; afterId?: string; offset: number };
  /** Highest modification instant seen in this job. */
  maxModifiedAt?: number;
  done: boolean;
  pages: number;
  records: number;
}

/**
 * A look-up on demand (issue #23): the lead a key (`email:<address>` or `id:<contact id>`) found, or none (an address
 * HubSpot does not know), until `expiresAt`.
 */
export interface LookupRow {
  key: string;
  expiresAt: number;
  lead?: LeadRecord;
}

/** A record read by search, whose lead associations are still to be read. */
export interface PendingAssociation {
  key: string;
  type: Exclude<SyncedType, 'contacts'>;
  id: string;
}

export interface SkippedRow extends InvalidRecord {
  key: string;
  at: number;
}

export interface MetaRow {
  key: string;
  value: unknown;
}

export class LeadLensDb extends Dexie {
  leads!: EntityTable<LeadRecord, 'id'>;
  deals!: EntityTable<Deal, 'id'>;
  touches!: EntityTable<Touch, 'id'>;
  feedback!: EntityTable<Feedback, 'id'>;
  owners!: EntityTable<Owner, 'id'>;
  stages!: EntityTable<StageRow, 'key'>;
  lifecycleStages!: EntityTable<LifecycleStage, 'value'>;
  leadStatuses!: EntityTable<LeadStatusOption, 'value'>;
  checkpoints!: EntityTable<Checkpoint, 'key'>;
  pendingAssociations!: EntityTable<PendingAssociation, 'key'>;
  skipped!: EntityTable<SkippedRow, 'key'>;
  meta!: EntityTable<MetaRow, 'key'>;
  /** Version 2: the analytics store, `[table+seq]`-keyed column chunks. */
  analytics!: Table<AnalyticsChunk, [string, number]>;
  /** Version 3: tags waiting to be written back to the CRM (the tagger's outbox). */
  outbox!: EntityTable<OutboxRow, 'id'>;
  /**
   * Version 5: the next generation of the record tables, written by a full re-sync while the tables above keep
   * serving readers, and moved into them in one transaction when the re-sync is complete (lib/db/generation.ts).
   */
  stagedLeads!: EntityTable<LeadRecord, 'id'>;
  stagedDeals!: EntityTable<Deal, 'id'>;
  stagedTouches!: EntityTable<Touch, 'id'>;
  stagedFeedback!: EntityTable<Feedback, 'id'>;
  stagedSkipped!: EntityTable<SkippedRow, 'key'>;
  /** Version 7: NPS and CSAT responses imported from a CSV, kept beside the cache and never written by a sync. */
  importedFeedback!: EntityTable<ImportedFeedbackRow, 'id'>;
  /** Leads not mine looked up on demand (rep scope), and addresses found unknown, until they expire. */
  lookups!: EntityTable<LookupRow, 'key'>;

  constructor(name = DB_NAME) {
    super(name);
    this.version(1).stores(SCHEMA_V1);
    // Version 2 adds the analytics store and an index on the effective source; the upgrade fills both from the
    // rows version 1 wrote, so an update never forces a full re-sync.
    this.version(2)
      .stores(SCHEMA_V2)
      .upgrade(async (tx) => {
        await tx
          .table<LeadRecord, string>('leads')
          .toCollection()
          .modify((lead) => {
            lead.effectiveSource = lead.sourceTag ?? lead.source;
          });
        await rebuildAnalyticsIn(tx);
      });
    // Version 3 only adds a table: nothing to migrate.
    this.version(3).stores(SCHEMA_V3);
    // Version 4 changes no table: lead chunks are rewritten from the rows so they carry every address of each lead,
    // which the background's in-memory look-up reads (columns.ts, LOOKUP_SPECS).
    this.version(4)
      .stores(SCHEMA_V3)
      .upgrade((tx) => rechunkTableIn(tx, 'leads'));
    // Version 5 only adds the staged tables: nothing to migrate.
    this.version(5).stores(SCHEMA_V5);
    // Version 7 (declared here; Dexie orders versions by number) only adds the satisfaction responses imported from
    // a CSV (lib/db/imported-feedback.ts): nothing to migrate.
    this.version(7).stores(SCHEMA_V7_ADDED);
    // Version 6 changes no table: leads gain `ownerAssignedAt` and deals `stageDates`, which rows and chunks written
    // before lack (they read as absent). A synced cache is marked as holding data of version 1, which makes the sync
    // read contacts and deals again once (lib/sync/plan.ts, `rereadDue`) instead of re-syncing everything.
    this.version(6)
      .stores(SCHEMA_V5)
      .upgrade(async (tx) => {
        const meta = tx.table<MetaRow, string>('meta');
        const fullDone = (await meta.get(FULL_DONE_KEY))?.value === true;
        if (fullDone && (await meta.get(DATA_VERSION_KEY)) === undefined)
          await meta.put({ key: DATA_VERSION_KEY, value: 1 });
      });
    // Version 8 only adds the worker's persisted lead index (lib/db/lead-index-store.ts): one record, rebuilt from the
    // analytics chunks when missing, so nothing to migrate.
    this.version(8).stores({ leadIndex: 'key' });
    // Version 9 only adds the on-demand look-ups of a rep's cache scope (lib/db/lookups.ts): kept for hours, nothing
    // to migrate.
    this.version(9).stores({ lookups: 'key, expiresAt' });
  }
}

/**
 * What the cached records carry: 1 before leads had `ownerAssignedAt` and deals `stageDates`, 2 since. A cache whose
 * data is older than `CACHE_DATA_VERSION` reads contacts and deals again (the sync's `reread` job).
 */
export const CACHE_DATA_VERSION = 2;
/** The meta row of the cached data's version (absent: a cache never synced, or synced before version 6 of the schema). */
export const DATA_VERSION_KEY = 'sync.dataVersion';
// The same key as lib/sync's META.fullDone: the upgrade reads it without importing the layer above.
const FULL_DONE_KEY = 'sync.fullDone';

/** Version 1, kept verbatim: Dexie needs every version's schema to upgrade databases written by it. */
export const SCHEMA_V1 = {
  leads: 'id, *emails, ownerId, createdAt, source',
  deals: 'id, *leadIds, closeDate',
  touches: 'id, *leadIds, at',
  feedback: 'id, leadId, at',
  owners: 'id',
  stages: 'key',
  lifecycleStages: 'value, order',
  leadStatuses: 'value',
  checkpoints: 'key',
  pendingAssociations: 'key',
  skipped: 'key, type',
  meta: 'key',
};

export const SCHEMA_V2 = {
  ...SCHEMA_V1,
  leads: 'id, *emails, ownerId, createdAt, source, effectiveSource',
  analytics: '[table+seq], table',
};

export const SCHEMA_V3 = {
  ...SCHEMA_V2,
  outbox: 'id, contactKey, seq, state',
};

/**
 * The staged tables need no secondary index: a full re-sync writes them by id and reads them whole at the switch;
 * look-ups by address or lead stay on the live tables.
 */
export const SCHEMA_V5 = {
  ...SCHEMA_V3,
  stagedLeads: 'id',
  stagedDeals: 'id',
  stagedTouches: 'id',
  stagedFeedback: 'id',
  stagedSkipped: 'key, type',
};

/** Version 7 adds this table only; Dexie keeps the tables of earlier versions. */
export const SCHEMA_V7_ADDED = { importedFeedback: 'id' };

let shared: LeadLensDb | undefined;

/** The one database of this context. */
export function database(): LeadLensDb {
  shared ??= new LeadLensDb();
  return shared;
}

/** For "Disconnect and forget all data" and tests. */
export async function deleteDatabase(db: LeadLensDb = database()): Promise<void> {
  db.close();
  await Dexie.delete(db.name);
  if (db === shared) shared = undefined;
}
