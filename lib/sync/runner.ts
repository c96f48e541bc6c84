import type { Table } from 'dexie';
import {
  type CrmAdapter,
  type InvalidRecord,
  type MappedPage,
  type RecordOf,
  type SearchWindow,
  type SyncedType,
  syncedTypes,
} from '../crm/adapter';
import { analyticsTables, appendChunk, compactAnalytics } from '../db/analytics';
import { CACHE_DATA_VERSION, type Checkpoint, DATA_VERSION_KEY, type LeadLensDb } from '../db/db';
import { generationScope, startGeneration, switchGenerationIn } from '../db/generation';
import {
  deleteOrphans,
  deleteRecords,
  getMeta,
  inScope,
  type PageWrite,
  type PageWriteResult,
  setMeta,
  writeAssociations,
  writePage,
  writePages,
} from '../db/store';
import { CrmScopeError } from '../crm/errors';
import { type CacheScope, PORTAL_SCOPE, scopeKey, splitByOwner, typesInScope } from './cache-scope';
import { GroupWriter } from './group-write';
import { engagementScopeStart, nextSearchWindow, searchStart, typesToPoll } from './plan';
import { canTurnOff, mergeRefused, refusal, refusedTypes } from './refused';
import type { RefusedPart, SyncJob, SyncPart, SyncPhase, SyncProgress } from './status';

// The sync runner: does what the plan says, page by page, with a checkpoint after every page (written in the page's
// transaction). It can be stopped at any instant — the worker is killed, the signal aborts — and `runSync`
// with 'resume' continues from the checkpoints with nothing lost or written twice.

export interface CurrentJob {
  job: SyncJob;
  startedAt: number;
  metaDone: boolean;
  /** Full sync: the per-type census (totals, cursors) has been taken. It runs beside the first pages. */
  censusDone: boolean;
  /** Types whose census is in. */
  counted?: SyncedType[];
  /** Metadata parts already read. */
  metadataParts?: MetadataPart[];
  types: SyncedType[];
  estimates: Partial<Record<SyncedType, number>>;
  /** Full sync: the newest modification per type when it began (the CRM's clock), the next incremental's cursor. */
  cursorsAtStart: Partial<Record<SyncedType, number>>;
  /** Parts HubSpot refused in this job for a missing scope (403): turned off, the rest goes on. */
  refused?: RefusedPart[];
  /**
   * Full re-sync over a complete cache: records are written to the staged tables (a new generation), which replace
   * the cache at once when the job ends; readers keep the previous generation meanwhile.
   */
  staged?: boolean;
  /**
   * The data version of the records this job writes (db.ts, CACHE_DATA_VERSION); absent in a job an older version
   * started, whose pages lack the newer properties, so its end records version 1.
   */
  dataVersion?: number;
}

export interface RunnerOptions {
  db: LeadLensDb;
  crm: CrmAdapter;
  now?: () => number;
  /** Engagements older than this many months are not kept. */
  engagementMonths?: number;
  signal?: AbortSignal;
  onProgress?: (progress: SyncProgress) => void;
  /** Whose records the cache keeps (cache-scope.ts); absent: the whole portal. */
  cacheScope?: CacheScope;
  /** An incremental sync the user asked for ("Sync now"): every type, in a rep's scope too (`typesToPoll`). */
  everyType?: boolean;
}

export interface SyncOutcome {
  job: SyncJob;
  written: number;
  skipped: number;
  asOf: number;
  /** Parts turned off for a missing scope, after this job. */
  refused: RefusedPart[];
}

export const META = {
  job: 'sync.job',
  types: 'sync.types',
  cursor: (type: SyncedType) => `sync.cursor.${type}`,
  fullDone: 'sync.fullDone',
  lastSuccessAt: 'sync.lastSuccessAt',
  asOf: 'sync.asOf',
  lastIncrementalAt: 'sync.lastIncrementalAt',
  lastReconcileAt: 'sync.lastReconcileAt',
  /** Parts turned off for a missing scope (RefusedPart[]), shown in the sync status. */
  refused: 'sync.refused',
  portal: 'portal',
  leadStatuses: 'leadStatuses',
  /** When a rep's incremental syncs last searched each type (`typesToPoll`). */
  polledAt: 'sync.polledAt',
  /** A rep's leads that arrived (re-assigned to me) and whose deals and engagements are still to be read. */
  historyDue: 'sync.historyDue',
  /** The cache scope (`scopeKey`) the last full sync filled the cache in. */
  cacheScope: 'sync.cacheScope',
} as const;

class Progress {
  done = 0;
  constructor(
    private readonly options: RunnerOptions,
    public job: CurrentJob,
    private readonly now: () => number,
  ) {}
  phase: SyncPhase = 'metadata';
  report(): void {
    const total = Object.values(this.job.estimates).reduce((sum, count) => sum + (count ?? 0), 0);
    const seconds = Math.max(0.001, (this.now() - this.job.startedAt) / 1000);
    this.options.onProgress?.({
      job: this.job.job,
      phase: this.phase,
      done: this.done,
      ...(total > 0 ? { total } : {}),
      rate: this.done / seconds,
      startedAt: this.job.startedAt,
    });
  }
}

/** How many times a page with an invalid record is read in all: injected faults are transient, real bad data is not. */
const READS_OF_A_BAD_PAGE = 3;

/**
 * A page with an invalid record is read again (up to READS_OF_A_BAD_PAGE times in all), and each record keeps its
 * best version of all the reads: whole, else kept without a bad value, else invalid. A transient fault on one read and
 * another on the next must not add up to a record skipped, or cached without a value it has; and a record whose real
 * bad value keeps it flagged in every read (kept, listed) must not be lost to a fault on a later read of its page.
 * What is invalid in every read is real bad data.
 */
export async function fetchChecked<T extends SyncedType>(fetch: () => Promise<MappedPage<T>>): Promise<MappedPage<T>> {
  let page = await fetch();
  const best = new Map<string, Version<T>>();
  for (let read = 1; read < READS_OF_A_BAD_PAGE && page.invalid.length > 0; read++) {
    for (const [id, version] of versionsOf(page)) {
      const known = best.get(id);
      if (!known || rank(version) > rank(known)) best.set(id, version);
    }
    page = withBestFrom(await fetch(), best);
  }
  return page;
}

/** One read of one record: the record if it was usable, and what was wrong with it. */
interface Version<T extends SyncedType> {
  record?: RecordOf<T>;
  problems: InvalidRecord[];
}

/** Whole (2) beats kept without a bad value (1) beats not usable (0). */
function rank(version: Version<SyncedType>): number {
  if (!version.record) return 0;
  return version.problems.length === 0 ? 2 : 1;
}

function versionsOf<T extends SyncedType>(page: MappedPage<T>): Map<string, Version<T>> {
  const versions = new Map<string, Version<T>>();
  for (const record of page.records) versions.set(record.id, { record, problems: [] });
  for (const invalid of page.invalid) {
    const version = versions.get(invalid.id) ?? { problems: [] };
    version.problems.push(invalid);
    versions.set(invalid.id, version);
  }
  return versions;
}

/** The page with each flagged record replaced by a better version read before, where there is one. */
export function withBestFrom<T extends SyncedType>(
  page: MappedPage<T>,
  best: ReadonlyMap<string, Version<T>>,
): MappedPage<T> {
  const current = versionsOf(page);
  const replaced = new Map<string, Version<T>>();
  for (const invalid of page.invalid) {
    const earlier = best.get(invalid.id);
    const now = current.get(invalid.id);
    if (earlier && now && rank(earlier) > rank(now)) replaced.set(invalid.id, earlier);
  }
  if (replaced.size === 0) return page;
  const records = page.records.filter((record) => !replaced.has(record.id));
  const invalid = page.invalid.filter((entry) => !replaced.has(entry.id));
  for (const version of replaced.values()) {
    if (version.record) records.push(version.record);
    invalid.push(...version.problems);
  }
  return { ...page, records, invalid };
}

function modifiedMap(page: MappedPage): Map<string, number> {
  const map = new Map<string, number>();
  page.ids.forEach((id, index) => {
    const at = page.modifiedAt[index];
    if (at !== undefined && Number.isFinite(at)) map.set(id, at);
  });
  return map;
}

function maxFinite(values: number[], start?: number): number | undefined {
  let max = start;
  for (const value of values) if (Number.isFinite(value) && (max === undefined || value > max)) max = value;
  return max;
}

export async function currentJob(db: LeadLensDb): Promise<CurrentJob | undefined> {
  return getMeta<CurrentJob>(db, META.job);
}

/**
 * Changes the stored job in the transaction that reads it: the census's types and the first search pages write it
 * side by side, and each must keep what the others wrote. A job no longer stored (it ended) is left alone.
 */
async function updateJob(
  db: LeadLensDb,
  progress: Progress,
  change: (current: CurrentJob) => CurrentJob,
): Promise<void> {
  await db.transaction('rw', db.meta, async () => {
    const current = await currentJob(db);
    if (!current) return;
    const next = change(current);
    await setMeta(db, META.job, next);
    progress.job = next;
  });
}

async function startJob(options: RunnerOptions, job: SyncJob, now: number, staged: boolean): Promise<CurrentJob> {
  const { db } = options;
  const types = (await getMeta<SyncedType[]>(db, META.types)) ?? [...syncedTypes];
  const polled =
    job === 'incremental' && (options.cacheScope ?? PORTAL_SCOPE).kind === 'mine' && options.everyType !== true
      ? typesToPoll(types, (await getMeta<Partial<Record<SyncedType, number>>>(db, META.polledAt)) ?? {}, now)
      : types;
  // Incremental runs read no metadata: they must stay at one request per type; reconcile refreshes it. A re-read
  // reads the pipelines only: its deal properties are named after their stages.
  const current: CurrentJob = {
    job,
    startedAt: now,
    metaDone: job === 'incremental',
    ...(job === 'reread' ? { metadataParts: ['account', 'owners', 'lifecycle'] satisfies MetadataPart[] } : {}),
    censusDone: job !== 'full',
    // A full sync lists every type; a portal turns out to have no feedback submissions when the list is empty. A
    // re-read lists the contacts and deals the sync keeps (a type turned off for its scope stays off).
    types:
      job === 'full'
        ? typesInScope(options.cacheScope ?? PORTAL_SCOPE, syncedTypes)
        : job === 'reread'
          ? types.filter((type) => REREAD_TYPES.includes(type))
          : polled,
    estimates: {},
    cursorsAtStart: {},
    ...(staged ? { staged: true } : {}),
    ...(job === 'full' || job === 'reread' ? { dataVersion: CACHE_DATA_VERSION } : {}),
  };
  await db.transaction('rw', [db.meta, db.checkpoints], async () => {
    // A new job discards what a previous, abandoned job left behind.
    await db.checkpoints.clear();
    await setMeta(db, META.job, current);
  });
  return current;
}

type MetadataPart = 'account' | 'owners' | 'stages' | 'lifecycle';

/** What a re-read lists again: the types whose records gained properties (owner assignment, deal stage dates). */
const REREAD_TYPES: readonly SyncedType[] = ['contacts', 'deals'];

/**
 * HubSpot refused a part for a missing scope: it is kept in the job (so a resumed job does not ask again) and, when
 * the job ends, in the status. Anything else, and a refusal of the contacts (the sync itself), is thrown on.
 */
async function refuseOrThrow(options: RunnerOptions, part: SyncPart, error: unknown): Promise<void> {
  if (!(error instanceof CrmScopeError) || !canTurnOff(part)) throw error;
  const { db } = options;
  const entry = refusal(part, error.scopes, (options.now ?? Date.now)());
  await db.transaction('rw', db.meta, async () => {
    const current = await currentJob(db);
    if (!current) return;
    await setMeta(db, META.job, { ...current, refused: mergeRefused(current.refused ?? [], [entry]) });
  });
}

/**
 * Owners, pipelines, lifecycle options and the account: small, read whole, replaced whole. Each part is kept as it
 * arrives (with a mark in the job), so a worker stopped in this phase does not read the finished parts again.
 */
async function refreshMetadata(options: RunnerOptions, job: CurrentJob): Promise<CurrentJob> {
  const { db, crm } = options;
  const done = new Set(job.metadataParts ?? []);
  const keep = async (part: MetadataPart, tables: Table[], write: () => Promise<void>) => {
    await db.transaction('rw', [db.meta, ...tables], async () => {
      await write();
      const current = (await currentJob(db)) ?? job;
      await setMeta(db, META.job, {
        ...current,
        metadataParts: [...new Set([...(current.metadataParts ?? []), part])],
      });
    });
  };
  await Promise.all([
    done.has('account')
      ? undefined
      : crm.account().then((portal) => keep('account', [], () => setMeta(db, META.portal, portal))),
    // Without their scope the owners (or stages) read before are kept, and the part is listed as turned off.
    done.has('owners')
      ? undefined
      : crm.owners().then(
          (owners) =>
            keep('owners', [db.owners], async () => {
              await db.owners.clear();
              await db.owners.bulkPut(owners);
            }),
          async (error: unknown) => {
            await refuseOrThrow(options, 'owners', error);
            await keep('owners', [], async () => undefined);
          },
        ),
    done.has('stages')
      ? undefined
      : crm.stages().then(
          (stages) =>
            keep('stages', [db.stages], async () => {
              await db.stages.clear();
              await db.stages.bulkPut(
                stages.map((stage) => ({ ...stage, key: `${stage.pipelineId}|${stage.stageId}` })),
              );
            }),
          async (error: unknown) => {
            await refuseOrThrow(options, 'stages', error);
            await keep('stages', [], async () => undefined);
            // The stages read before still name the deals' stage-date properties.
            crm.setStages(await db.stages.toArray());
          },
        ),
    done.has('lifecycle')
      ? undefined
      : crm.lifecycle().then((lifecycle) =>
          keep('lifecycle', [db.lifecycleStages, db.leadStatuses], async () => {
            await db.lifecycleStages.clear();
            await db.lifecycleStages.bulkPut(lifecycle.lifecycleStages);
            await db.leadStatuses.clear();
            await db.leadStatuses.bulkPut(lifecycle.leadStatuses);
          }),
        ),
  ]);
  // Deal mapping needs the stages even when they were read by an earlier worker.
  if (done.has('stages')) crm.setStages(await db.stages.toArray());
  const current = (await currentJob(db)) ?? job;
  const next: CurrentJob = { ...current, metaDone: true };
  await setMeta(db, META.job, next);
  return next;
}

/**
 * The full sync's census: how many records each type has (the progress estimate) and its newest modification
 * instant (the next incremental's cursor, in the CRM's clock). It runs beside the first list pages because search
 * has its own, slower limit; a record modified between a page and the census is still found by the incremental's
 * overlap. In a rep's scope the cursor is still the whole portal's newest: the incremental search that starts from it
 * is not filtered by owner (it must see leads re-assigned to me), so a cursor at my own newest record, months old for
 * a type I seldom use, would have it read every colleague's record since. The rep's count comes from the first page
 * of their own search (`searchType`), and a rep takes a census only while the CRM's clock is unknown (`repCursors`).
 */
async function takeCensus(options: RunnerOptions, progress: Progress): Promise<void> {
  const { db, crm } = options;
  const counts = (options.cacheScope ?? PORTAL_SCOPE).kind === 'portal';
  // Each type's count is kept as it arrives, so a worker stopped mid-census does not start it over.
  const record = (type: SyncedType, result: { total: number; newestModifiedAt?: number } | undefined) =>
    updateJob(db, progress, (current) => {
      const counted = [...new Set([...(current.counted ?? []), type])];
      return {
        ...current,
        counted,
        censusDone: current.types.every((name) => counted.includes(name)),
        estimates: { ...current.estimates, ...(result && counts ? { [type]: result.total } : {}) },
        cursorsAtStart: {
          ...current.cursorsAtStart,
          ...(result?.newestModifiedAt !== undefined ? { [type]: result.newestModifiedAt } : {}),
        },
      };
    });
  const started = await currentJob(db);
  const done = new Set(started?.counted ?? []);
  await Promise.all(
    (started?.types ?? [...syncedTypes])
      .filter((type) => !done.has(type))
      .map(async (type) => {
        try {
          await record(type, await crm.census(type));
        } catch (error) {
          // Without the type's scope there is nothing to count; its list pages are refused too and turn it off.
          if (error instanceof CrmScopeError) await record(type, undefined);
          else throw error;
        }
      }),
  );
  progress.report();
}

async function checkpointOf(db: LeadLensDb, job: SyncJob, type: SyncedType): Promise<Checkpoint | undefined> {
  return db.checkpoints.get(`${job}:${type}`);
}

/**
 * Pages of one type handed to the writer and not yet written: how far its fetches may run ahead of the writes. Now and
 * then IndexedDB takes most of a second for one small transaction (0.6–0.7 s measured here, 100 000 contacts); a type
 * syncing alone asks for 25 pages a second at the bench's bound. A page is about 100 KB in memory. Pages fetched and
 * not yet written when the worker stops are read again on resume: the checkpoint is written with the page.
 */
const UNWRITTEN_PAGES_PER_TYPE = 24;
/** Pages in one write transaction at most. */
const PAGES_PER_WRITE = 16;

type PageWriter = GroupWriter<PageWrite<SyncedType>, PageWriteResult>;

/**
 * Full: every record of a type by list paging, associations inline. The next page is asked for as soon as a page
 * arrives, and pages go to the shared writer, so a type's requests wait for the database only when it has
 * UNWRITTEN_PAGES_PER_TYPE pages unwritten; the limiter, not the writes, sets the pace. A re-read (`job` 'reread')
 * lists the same way into the live tables: each page replaces its records whole, so the cache is never emptied, and
 * its checkpoint is written with the page, so a stopped worker resumes after the last page written.
 */
async function fullType(
  options: RunnerOptions,
  type: SyncedType,
  progress: Progress,
  writer: PageWriter,
  staged: boolean,
  job: 'full' | 'reread' = 'full',
): Promise<void> {
  const { db, crm, signal } = options;
  const now = options.now ?? Date.now;
  const scopeStart = engagementScopeStart(now(), options.engagementMonths ?? 24);
  let checkpoint: Checkpoint = (await checkpointOf(db, job, type)) ?? {
    key: `${job}:${type}`,
    job,
    type,
    done: false,
    pages: 0,
    records: 0,
  };
  progress.done += checkpoint.records;
  if (checkpoint.done) return;
  // A refusal (403) comes back as a value: the type is turned off once the pages before it are written.
  const fetchPage = (after: string | undefined) =>
    fetchChecked(() => crm.listPage(type, after)).catch((error: unknown) => {
      if (error instanceof CrmScopeError && canTurnOff(type)) return error;
      throw error;
    });
  let pending = fetchPage(checkpoint.after);
  // Handled when awaited; a stop before the first await must not leave it reported as unhandled.
  pending.catch(() => undefined);
  const unwritten: Promise<void>[] = [];
  for (;;) {
    signal?.throwIfAborted();
    const page = await pending;
    if (page instanceof CrmScopeError) {
      for (const written of unwritten) await written;
      await refuseOrThrow(options, type, page);
      await db.checkpoints.put({ ...checkpoint, done: true });
      return;
    }
    if (page.next) {
      pending = fetchPage(page.next);
      // Handled when awaited; this only keeps an early failure from being reported as unhandled meanwhile.
      pending.catch(() => undefined);
    }
    const records = page.records.filter((record) => inScope(type, record as { at?: number }, scopeStart));
    checkpoint = {
      ...checkpoint,
      after: page.next,
      done: !page.next,
      pages: checkpoint.pages + 1,
      records: checkpoint.records + records.length,
    };
    const written = writer
      .write({
        type,
        records,
        invalid: page.invalid,
        modifiedAt: modifiedMap(page),
        withAssociations: true,
        checkpoint,
        now: now(),
        ...(staged ? { staged: true } : {}),
      })
      .then(() => {
        progress.done += records.length;
        progress.report();
      });
    // Awaited below, in order; this only keeps a failure from being reported as unhandled meanwhile.
    written.catch(() => undefined);
    unwritten.push(written);
    if (unwritten.length >= UNWRITTEN_PAGES_PER_TYPE || !page.next) await unwritten.shift();
    if (!page.next) break;
  }
  for (const written of unwritten) await written;
}

/**
 * Incremental: records modified since the cursor, by search, ascending, windows moving past the 10 000 cap. In a rep's
 * scope the search is not filtered by owner, so a lead re-assigned away is seen (and leaves the cache) as well as one
 * re-assigned to me. A rep's full sync (`job` 'full') is the same search from the beginning, filtered by my owner:
 * the list pages a whole-portal sync reads cannot be filtered.
 */
async function searchType(
  options: RunnerOptions,
  type: SyncedType,
  progress: Progress,
  job: 'full' | 'incremental' = 'incremental',
): Promise<void> {
  const { db, crm, signal } = options;
  const now = options.now ?? Date.now;
  const scope = options.cacheScope ?? PORTAL_SCOPE;
  const owner = job === 'full' && scope.kind === 'mine' ? scope.ownerId : undefined;
  const scopeStart = engagementScopeStart(now(), options.engagementMonths ?? 24);
  const cursor = job === 'full' ? undefined : ((await getMeta<number>(db, META.cursor(type))) ?? 0);
  let checkpoint: Checkpoint = (await checkpointOf(db, job, type)) ?? {
    key: `${job}:${type}`,
    job,
    type,
    window: cursor === undefined ? { from: 0, offset: 0 } : searchStart(cursor),
    done: false,
    pages: 0,
    records: 0,
  };
  if (job === 'full') progress.done += checkpoint.records;
  while (!checkpoint.done && checkpoint.window) {
    signal?.throwIfAborted();
    const searchWindow: SearchWindow = checkpoint.window;
    let page: MappedPage;
    let linked: Linked | undefined;
    try {
      page = await fetchChecked(() => crm.searchPage(type, searchWindow, owner));
      // A rep's deals and engagements are those linked to their leads: the page's links decide, before any is kept.
      if (scope.kind === 'mine' && type !== 'contacts') linked = await linkedToMyLeads(options, type, page);
    } catch (error) {
      // The scope was taken away since the full sync: this type stops here, the others go on.
      await refuseOrThrow(options, type, error);
      await db.checkpoints.put({ ...checkpoint, window: undefined, done: true });
      return;
    }
    const next = nextSearchWindow(
      searchWindow,
      {
        count: page.ids.length,
        hasNext: page.next !== undefined,
        lastModifiedAt: page.modifiedAt[page.modifiedAt.length - 1] ?? Number.NaN,
        lastId: page.ids[page.ids.length - 1],
      },
      crm.searchCap,
      crm.searchPageSize,
    );
    const { keep, leave } = linked ?? splitByOwner(page.records, scope);
    const records = keep.filter((record) => inScope(type, record as { at?: number }, scopeStart));
    // A lead re-assigned to me brings its deals and engagements: noted before the page is written, so a worker
    // stopped in between reads them on resume.
    if (scope.kind === 'mine' && type === 'contacts' && job === 'incremental') await noteArrivals(db, records);
    checkpoint = {
      ...checkpoint,
      window: next ?? undefined,
      done: next === null,
      pages: checkpoint.pages + 1,
      maxModifiedAt: maxFinite(page.modifiedAt, checkpoint.maxModifiedAt),
    };
    const result = await writePage(db, {
      type,
      records,
      invalid: page.invalid,
      modifiedAt: modifiedMap(page),
      withAssociations: page.withAssociations || linked !== undefined,
      checkpoint: { ...checkpoint, records: checkpoint.records },
      now: now(),
    });
    checkpoint.records += result.written;
    if (job === 'full' && checkpoint.pages === 1 && page.total !== undefined)
      await estimate(db, progress, type, page.total);
    // Not mine (any more): a lead re-assigned to a colleague, or their deal or call, leaves my cache.
    if (leave.length > 0) await deleteRecords(db, type, leave, { ...checkpoint });
    // Their deals and engagements go with them, unless another lead of mine is linked to them too.
    if (leave.length > 0 && scope.kind === 'mine' && type === 'contacts') await deleteOrphans(db, leave);
    progress.done += result.written;
    progress.report();
  }
}

type HistoryType = Exclude<SyncedType, 'contacts'>;
type Linked = { keep: RecordOf<SyncedType>[]; leave: string[] };

/** A deal, engagement or feedback record with the lead links read for it. */
function withLeadIds(type: SyncedType, record: RecordOf<SyncedType>, leadIds: string[]): RecordOf<SyncedType> {
  if (type === 'contacts') return record;
  if (type === 'feedback') return { ...record, leadId: leadIds[0] } as RecordOf<'feedback'>;
  return { ...record, leadIds } as RecordOf<'deals' | 'emails'>;
}

/**
 * An incremental page of deals or engagements in a rep's scope (the search is not filtered: a record may have been
 * linked to my lead by a colleague): the records linked to a cached lead of mine stay, with their links; the others
 * must leave (or never come in). One association read per 100 records.
 */
async function linkedToMyLeads(options: RunnerOptions, type: HistoryType, page: MappedPage): Promise<Linked> {
  const { db, crm } = options;
  const ids = page.records.map((record) => record.id);
  if (ids.length === 0) return { keep: [], leave: [] };
  const links = await crm.leadAssociations(type, ids);
  const leads = [...new Set([...links.values()].flat())];
  const cached = new Set((await db.leads.bulkGet(leads)).flatMap((lead) => (lead ? [lead.id] : [])));
  const keep: RecordOf<SyncedType>[] = [];
  const leave: string[] = [];
  for (const record of page.records) {
    const leadIds = links.get(record.id) ?? [];
    if (leadIds.some((id) => cached.has(id))) keep.push(withLeadIds(type, record, leadIds));
    else leave.push(record.id);
  }
  return { keep, leave };
}

/** Leads of mine not cached before this page: their deals and engagements are read after the searches. */
async function noteArrivals(db: LeadLensDb, records: readonly RecordOf<SyncedType>[]): Promise<void> {
  if (records.length === 0) return;
  const ids = records.map((record) => record.id);
  const known = await db.leads.bulkGet(ids);
  const arrivals = ids.filter((_, index) => known[index] === undefined);
  if (arrivals.length === 0) return;
  const due = (await getMeta<string[]>(db, META.historyDue)) ?? [];
  await setMeta(db, META.historyDue, [...new Set([...due, ...arrivals])]);
}

/**
 * A rep's deals and engagements are those of their leads (issue #23: "contacts owned by me, with their deals and
 * engagements"), whoever owns them: an inbound e-mail logged without an owner, a colleague's call to my lead. They
 * are read through the leads' associations (1 000 leads a request), then by id (100 a request). Both count in the
 * 10-second window, whose answers tell every browser what its colleagues use of it; searching for them by owner spent
 * the search limit instead (5 a second for the whole token, answers without rate headers), where fifty reps starting
 * together drew most of their refusals (bench:team: 174 of 177 at 20 000 contacts).
 */
async function leadHistory(
  options: RunnerOptions,
  type: HistoryType,
  leadIds: string[],
  progress: Progress,
  checkpoint: Checkpoint,
): Promise<void> {
  const { db, crm, signal } = options;
  const now = options.now ?? Date.now;
  const scopeStart = engagementScopeStart(now(), options.engagementMonths ?? 24);
  let links: Map<string, string[]>;
  try {
    links = await crm.contactLinks(type, leadIds);
  } catch (error) {
    await refuseOrThrow(options, type, error);
    await db.checkpoints.put({ ...checkpoint, done: true });
    return;
  }
  const leadsOf = new Map<string, string[]>();
  for (const [lead, ids] of links) for (const id of ids) leadsOf.set(id, [...(leadsOf.get(id) ?? []), lead]);
  const ids = [...leadsOf.keys()];
  if (checkpoint.job === 'full') await estimate(db, progress, type, ids.length);
  let current = checkpoint;
  for (let start = 0; start < ids.length || !current.done; start += crm.batchReadSize) {
    signal?.throwIfAborted();
    const batch = ids.slice(start, start + crm.batchReadSize);
    let page: MappedPage<HistoryType>;
    try {
      page =
        batch.length === 0
          ? { records: [], invalid: [], ids: [], modifiedAt: [], withAssociations: true }
          : await fetchChecked(() => crm.recordsByIds(type, batch, leadsOf));
    } catch (error) {
      await refuseOrThrow(options, type, error);
      await db.checkpoints.put({ ...current, done: true });
      return;
    }
    const records = page.records.filter((record) => inScope(type, record as { at?: number }, scopeStart));
    current = {
      ...current,
      done: start + crm.batchReadSize >= ids.length,
      pages: current.pages + 1,
      records: current.records + records.length,
    };
    const result = await writePage(db, {
      type,
      records,
      invalid: page.invalid,
      modifiedAt: modifiedMap(page),
      withAssociations: true,
      checkpoint: current,
      now: now(),
    });
    progress.done += result.written;
    progress.report();
  }
}

/** A rep's full sync: the deals and engagements of every cached lead, type by type; a resumed job skips those done. */
async function fullHistory(options: RunnerOptions, types: readonly SyncedType[], progress: Progress): Promise<void> {
  const { db } = options;
  const leads = (await db.leads.toCollection().primaryKeys()) as string[];
  await Promise.all(
    types.map(async (type) => {
      if (type === 'contacts') return;
      const key = `full:${type}`;
      const done = await db.checkpoints.get(key);
      if (done?.done) return;
      await leadHistory(options, type, leads, progress, { key, job: 'full', type, done: false, pages: 0, records: 0 });
    }),
  );
}

/** After a rep's incremental searches: the deals and engagements of the leads that arrived (`noteArrivals`). */
async function arrivedHistory(options: RunnerOptions, types: readonly SyncedType[], progress: Progress): Promise<void> {
  const { db } = options;
  const due = (await getMeta<string[]>(db, META.historyDue)) ?? [];
  if (due.length === 0) return;
  const cached = (await db.leads.bulkGet(due)).flatMap((lead) => (lead ? [lead.id] : []));
  if (cached.length > 0)
    await Promise.all(
      types.map(async (type) => {
        if (type === 'contacts') return;
        const key = `history:${type}`;
        await leadHistory(options, type, cached, progress, {
          key,
          job: 'incremental',
          type,
          done: false,
          pages: 0,
          records: 0,
        });
      }),
    );
  await db.meta.delete(META.historyDue);
}

/**
 * A rep's full sync needs no census: its cursor can be the CRM's "now" once the metadata's responses have dated it.
 * Its searches begin after that instant, so whatever changed before it is read by them (mine) or is not mine, and
 * whatever changes after it is the incremental's. Fifty reps starting on a Monday morning each saved a search per
 * type at their busiest moment, when the account's search limit refused a third of the censuses (bench:team).
 * Kept in the job, so a resumed sync keeps the first instant.
 */
async function repCursors(options: RunnerOptions, job: CurrentJob): Promise<CurrentJob> {
  const serverNow = options.crm.serverNow();
  if (job.censusDone || serverNow === undefined) return job;
  const cursors = Object.fromEntries(job.types.map((type) => [type, serverNow]));
  const next: CurrentJob = { ...job, censusDone: true, cursorsAtStart: { ...cursors, ...job.cursorsAtStart } };
  await setMeta(options.db, META.job, next);
  return next;
}

/** A rep's count of a type, from the first page of their search: the census counts the whole portal. */
async function estimate(db: LeadLensDb, progress: Progress, type: SyncedType, total: number): Promise<void> {
  await updateJob(db, progress, (current) => ({ ...current, estimates: { ...current.estimates, [type]: total } }));
}

/** Lead links of the records search found, read in batches for the changed records only. */
async function readPendingAssociations(options: RunnerOptions): Promise<void> {
  const { db, crm, signal } = options;
  for (;;) {
    signal?.throwIfAborted();
    const batch = await db.pendingAssociations.limit(100).toArray();
    const first = batch[0];
    if (!first) return;
    const ids = batch.filter((entry) => entry.type === first.type).map((entry) => entry.id);
    let links: Map<string, string[]>;
    try {
      links = await crm.leadAssociations(first.type, ids);
    } catch (error) {
      // Refused for a scope: the type is turned off and its queued reads dropped (they would be refused again).
      await refuseOrThrow(options, first.type, error);
      const keys = await db.pendingAssociations.where('type').equals(first.type).primaryKeys();
      await db.pendingAssociations.bulkDelete(keys);
      continue;
    }
    await writeAssociations(db, first.type, links, ids);
  }
}

/** Archived records leave the cache; so do engagements that aged out of the scope. */
async function reconcileType(options: RunnerOptions, type: SyncedType, progress: Progress): Promise<void> {
  const { db, crm, signal } = options;
  let checkpoint: Checkpoint = (await checkpointOf(db, 'reconcile', type)) ?? {
    key: `reconcile:${type}`,
    job: 'reconcile',
    type,
    done: false,
    pages: 0,
    records: 0,
  };
  while (!checkpoint.done) {
    signal?.throwIfAborted();
    let page: { ids: string[]; next?: string };
    try {
      page = await crm.archivedPage(type, checkpoint.after);
    } catch (error) {
      await refuseOrThrow(options, type, error);
      await db.checkpoints.put({ ...checkpoint, done: true });
      return;
    }
    checkpoint = { ...checkpoint, after: page.next, done: !page.next, pages: checkpoint.pages + 1 };
    const removed = await deleteRecords(db, type, page.ids, checkpoint);
    checkpoint.records += removed;
    progress.done += removed;
    progress.report();
  }
}

async function dropOutOfScope(options: RunnerOptions): Promise<void> {
  const { db } = options;
  const now = options.now ?? Date.now;
  const scopeStart = engagementScopeStart(now(), options.engagementMonths ?? 24);
  const old = await db.touches.where('at').below(scopeStart).primaryKeys();
  if (old.length === 0) return;
  await db.transaction('rw', [db.touches, db.analytics, db.meta], async () => {
    await db.touches.bulkDelete(old);
    await appendChunk(db, 'touches', [], old);
  });
}

async function finish(options: RunnerOptions, job: CurrentJob): Promise<void> {
  const { db } = options;
  const now = (options.now ?? Date.now)();
  const checkpoints = await db.checkpoints.toArray();
  // A re-sync's new generation replaces the cache in the transaction that records the job as done: one step.
  const scope = job.staged ? [...generationScope(db), db.checkpoints] : [db.meta, db.checkpoints];
  await db.transaction('rw', scope, async () => {
    if (job.staged) await switchGenerationIn(db);
    // A full sync tried every part, so its list replaces the old one; the other jobs add what they were refused, and
    // a reconcile, which reads owners and stages again, takes those off the list when they were read.
    const before = (await getMeta<RefusedPart[]>(db, META.refused)) ?? [];
    const kept =
      job.job === 'full'
        ? []
        : job.job === 'reconcile'
          ? before.filter((entry) => entry.part !== 'owners' && entry.part !== 'stages')
          : before;
    const refused = mergeRefused(kept, job.refused ?? []);
    await setMeta(db, META.refused, refused);
    const turnedOff = refusedTypes(refused);
    if (job.job === 'full') {
      for (const type of job.types) {
        const newest = checkpoints.find((cp) => cp.key === `full:${type}`)?.maxModifiedAt;
        await setMeta(db, META.cursor(type), job.cursorsAtStart[type] ?? newest ?? job.startedAt);
      }
      // Incremental syncs search every type each cycle; a portal without feedback submissions saves that request.
      // Refused types are left out until the next full sync tries them again.
      const types = job.types.filter(
        (type) => !turnedOff.has(type) && (type !== 'feedback' || (job.estimates.feedback ?? 0) > 0),
      );
      await setMeta(db, META.types, types);
      await setMeta(db, META.fullDone, true);
      await setMeta(db, META.cacheScope, scopeKey(options.cacheScope ?? PORTAL_SCOPE));
      await setMeta(db, META.lastIncrementalAt, now);
      await setMeta(db, META.lastReconcileAt, now);
    }
    if (job.job === 'incremental') {
      for (const type of job.types) {
        const seen = checkpoints.find((cp) => cp.key === `incremental:${type}`)?.maxModifiedAt;
        const before = (await getMeta<number>(db, META.cursor(type))) ?? 0;
        if (seen !== undefined && seen > before) await setMeta(db, META.cursor(type), seen);
      }
      await setMeta(db, META.lastIncrementalAt, now);
      const polledAt = (await getMeta<Partial<Record<SyncedType, number>>>(db, META.polledAt)) ?? {};
      for (const type of job.types) polledAt[type] = job.startedAt;
      await setMeta(db, META.polledAt, polledAt);
    }
    if (job.job !== 'full' && (job.refused ?? []).length > 0) {
      const types = (await getMeta<SyncedType[]>(db, META.types)) ?? [...syncedTypes];
      await setMeta(
        db,
        META.types,
        types.filter((type) => !turnedOff.has(type)),
      );
    }
    if (job.job === 'reconcile') await setMeta(db, META.lastReconcileAt, now);
    // Every record of the types read now carries this job's data version; a re-read leaves the engagements, and so
    // the data's as-of instant, as they were.
    if (job.job === 'full' || job.job === 'reread') await setMeta(db, DATA_VERSION_KEY, job.dataVersion ?? 1);
    await setMeta(db, META.lastSuccessAt, now);
    if (job.job !== 'reread') await setMeta(db, META.asOf, job.startedAt);
    await db.checkpoints.clear();
    await db.meta.delete(META.job);
  });
  // Folding the analytics log is upkeep, not sync: after the job is recorded as done.
  for (const table of analyticsTables) await compactAnalytics(db, table);
}

/**
 * Runs a job to the end (or resumes the interrupted one). Throws what the CRM adapter throws (auth, scope, daily
 * limit, network after retries); the checkpoints stay, so the next run continues where this one stopped.
 */
export async function runSync(work: SyncJob | 'resume', options: RunnerOptions): Promise<SyncOutcome> {
  const { db, crm } = options;
  const now = options.now ?? Date.now;
  let job = await currentJob(db);
  if (!job || (work !== 'resume' && job.job !== work)) {
    if (work === 'resume') throw new Error('nothing to resume');
    // A re-sync over a complete cache builds a new generation beside it; only a first sync (nothing to show yet, or
    // what an earlier first sync left half-done) writes straight into the cache.
    // A rep's cache is filled again from empty (nothing of another scope may stay), not beside the old one.
    const staged =
      work === 'full' &&
      (options.cacheScope ?? PORTAL_SCOPE).kind === 'portal' &&
      (await getMeta<boolean>(db, META.fullDone)) === true;
    if (staged) await startGeneration(db);
    else if (work === 'full') {
      await db.transaction(
        'rw',
        [db.leads, db.deals, db.touches, db.feedback, db.analytics, db.skipped, db.pendingAssociations],
        async () => {
          for (const table of [
            db.leads,
            db.deals,
            db.touches,
            db.feedback,
            db.analytics,
            db.skipped,
            db.pendingAssociations,
          ])
            await table.clear();
        },
      );
    }
    job = await startJob(options, work, now(), staged);
  }
  const progress = new Progress(options, job, now);
  progress.report();
  if (!job.metaDone) {
    job = await refreshMetadata(options, job);
    progress.job = job;
  } else crm.setStages(await db.stages.toArray());
  const current = job;
  progress.phase = current.job === 'reconcile' ? 'deletions' : 'records';
  if (current.job === 'full' && (options.cacheScope ?? PORTAL_SCOPE).kind === 'mine') {
    progress.job = await repCursors(options, current);
    // My leads by search (filtered by owner); their deals and engagements through their links (`leadHistory`).
    await Promise.all([
      progress.job.censusDone ? undefined : takeCensus(options, progress),
      current.types.includes('contacts') ? searchType(options, 'contacts', progress, 'full') : undefined,
    ]);
    progress.phase = 'associations';
    progress.report();
    await fullHistory(options, current.types, progress);
  } else if (current.job === 'full') {
    const writer: PageWriter = new GroupWriter((pages) => writePages(db, pages), PAGES_PER_WRITE);
    try {
      await Promise.all([
        current.censusDone ? undefined : takeCensus(options, progress),
        ...current.types.map((type) => fullType(options, type, progress, writer, current.staged === true)),
      ]);
    } catch (error) {
      // The other types stop writing too, and nothing of this job is written after it has failed.
      await writer.close(error);
      throw error;
    }
  } else if (current.job === 'reread' && (options.cacheScope ?? PORTAL_SCOPE).kind === 'mine') {
    // A rep's re-read reads what a rep's full sync reads (my contacts by search, my leads' deals through their links),
    // into the live tables: list pages would copy every colleague's lead into the rep's cache.
    if (current.types.includes('contacts')) await searchType(options, 'contacts', progress, 'full');
    await fullHistory(options, current.types, progress);
  } else if (current.job === 'reread') {
    const writer: PageWriter = new GroupWriter((pages) => writePages(db, pages), PAGES_PER_WRITE);
    try {
      await Promise.all(current.types.map((type) => fullType(options, type, progress, writer, false, 'reread')));
    } catch (error) {
      await writer.close(error);
      throw error;
    }
  } else if (current.job === 'incremental') {
    await Promise.all(current.types.map((type) => searchType(options, type, progress)));
    progress.phase = 'associations';
    progress.report();
    // A lead that arrived brings the history of every type kept, not only of those searched this time.
    if ((options.cacheScope ?? PORTAL_SCOPE).kind === 'mine')
      await arrivedHistory(options, (await getMeta<SyncedType[]>(db, META.types)) ?? current.types, progress);
    await readPendingAssociations(options);
  } else {
    await Promise.all(current.types.map((type) => reconcileType(options, type, progress)));
    await dropOutOfScope(options);
  }
  progress.phase = 'finishing';
  progress.report();
  await finish(options, (await currentJob(db)) ?? current);
  const [skipped, refused] = await Promise.all([db.skipped.count(), getMeta<RefusedPart[]>(db, META.refused)]);
  return { job: current.job, written: progress.done, skipped, asOf: current.startedAt, refused: refused ?? [] };
}
