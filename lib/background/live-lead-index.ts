import { readAnalyticsChunks, type StoreStamp } from '../db/analytics-chunks';
import type { AnalyticsTable } from '../db/columns';
import type { LeadLensDb } from '../db/db';
import { readStoredLeadIndex, writeStoredLeadIndex } from '../db/lead-index-store';
import { buildLeadIndex, isLeadIndexImage, type LeadIndex, leadIndexFrom } from './lead-index';

// The in-memory lead index (lead-index.ts) over the worker's life: read from its persisted image a moment after the
// first look-up that found none in memory (INDEX_DELAY_MS), or built then when no image is usable, and then
// persisted; look-ups meanwhile read the row tables. Kept current by applying the chunks appended since, a few rows
// per sync. A rewrite of the store
// (compaction, import, a new generation) starts a new epoch: the image is no longer used and a new one is built.

/**
 * Rows applied on top of a build before it is dropped for a new one (a full sync under way, say), so memory stays
 * small; and chunks appended (one per page of at most 100 rows) past which it is dropped without reading them.
 */
const MAX_APPLIED_ROWS = 50_000;
const MAX_APPLIED_CHUNKS = 500;
const INDEXED_TABLES: readonly AnalyticsTable[] = ['leads', 'touches', 'deals'];

/**
 * Yields to the worker's other tasks between slices of a build. Not `setTimeout(0)`: nested timers are clamped to 4 ms,
 * which over a build's few hundred slices is most of a second of doing nothing.
 */
const channel = typeof MessageChannel === 'undefined' ? undefined : new MessageChannel();
const waiting: (() => void)[] = [];
if (channel) channel.port1.onmessage = () => waiting.shift()?.();
const pause = () =>
  new Promise<void>((resolve) => {
    if (!channel) return void setTimeout(resolve, 0);
    waiting.push(resolve);
    channel.port2.postMessage(0);
  });

/**
 * How long after a look-up answered from the row tables the image is read (or the index built): reading the image is
 * one IndexedDB request of tens of megabytes (~40 MB, 150-300 ms at 100 000 contacts), and every other request of the
 * worker waits behind it, the first look-ups of a page included. They answer from the row tables meanwhile.
 */
export const INDEX_DELAY_MS = 1_000;

interface IndexState {
  db?: LeadLensDb;
  index?: LeadIndex;
  building?: Promise<void>;
  catchingUp?: Promise<void>;
  /** The database whose persisted image was asked for, and the read while it runs. */
  loadedFrom?: LeadLensDb;
  loading?: Promise<void>;
  /** A build the gate refused (a sync was writing): started when the sync is over (`gateOpened`). */
  refused?: { db: LeadLensDb; seen: StoreStamp };
  /** A load or build asked for after INDEX_DELAY_MS (`want`), and how to start it at once (`settled`). */
  wanted?: { timer: ReturnType<typeof setTimeout>; run: () => void };
}

function sameStamp(a: StoreStamp, b: StoreStamp): boolean {
  return a.seq === b.seq && a.epoch === b.epoch;
}

/** Whether applying the chunks appended since can bring an index to `seen`: same epoch, and not too many of them. */
function canCatchUp(index: LeadIndex, seen: StoreStamp): boolean {
  return index.stamp.epoch === seen.epoch && seen.seq - index.stamp.seq <= MAX_APPLIED_CHUNKS;
}

export class LiveLeadIndex {
  private state: IndexState = {};
  /** How the indexes of this worker's life came to be: read back from their image, or built (tests read it). */
  readonly origins = { loaded: 0, built: 0 };
  private buildAllowed: () => boolean = () => true;

  /** The background says when a build may run: not while a sync writes, since the pages would outgrow the index. */
  setGate(allowed: () => boolean): void {
    this.buildAllowed = allowed;
  }

  /** Drops the index (another database, "forget all data", tests); a build under way is not kept. */
  forget(): void {
    this.state = {};
  }

  /**
   * Starts at once what a look-up asked for later (`want`), then waits for the load or build under way; true when an
   * index is there (tests).
   */
  async settled(): Promise<boolean> {
    await new Promise((resolve) => setTimeout(resolve, 0));
    this.state.wanted?.run();
    await this.state.loading;
    await this.state.building;
    return this.state.index !== undefined;
  }

  /**
   * After a look-up answered without the index: in `delayMs`, the persisted image is read or, when there is none
   * usable, the index is built. Names wait for the index (their look-up has no row table), so they ask with no delay.
   */
  want(db: LeadLensDb, seen: StoreStamp, delayMs = INDEX_DELAY_MS): void {
    const state = this.state;
    if (state.wanted) {
      if (delayMs > 0) return;
      clearTimeout(state.wanted.timer);
    }
    const run = () => {
      if (state.wanted?.run !== run) return;
      clearTimeout(state.wanted.timer);
      delete state.wanted;
      void this.load(db).then(() => {
        if (this.state !== state) return;
        // An index of this epoch is caught up by the next look-up (`current`); only another one needs a build.
        const index = state.db === db ? state.index : undefined;
        if (index && canCatchUp(index, seen)) return;
        this.startBuild(db, seen);
      });
    };
    state.wanted = { timer: setTimeout(run, delayMs), run };
  }

  /** The gate is open again (a sync is over): a build it refused starts now. */
  gateOpened(): void {
    const refused = this.state.refused;
    if (!refused) return;
    delete this.state.refused;
    this.startBuild(refused.db, refused.seen);
  }

  /**
   * Reads the persisted image of `db` once (per worker, or after `forget`): what a stopped worker starts from instead
   * of a build. An image of another format, or made for another epoch of the store, is not used. Resolves when done.
   */
  load(db: LeadLensDb): Promise<void> {
    const state = this.state;
    if (state.loadedFrom === db) return state.loading ?? Promise.resolve();
    state.loadedFrom = db;
    state.loading = (async () => {
      const { image } = await readStoredLeadIndex(db.backendDB());
      // A build that finished meanwhile is at least as current.
      if (this.state !== state || (state.db === db && state.index) || !isLeadIndexImage(image)) return;
      Object.assign(state, { db, index: leadIndexFrom(image) });
      this.origins.loaded += 1;
    })()
      .catch(() => undefined)
      .finally(() => {
        delete state.loading;
      });
    return state.loading;
  }

  /** Starts a build behind the current look-up, unless one runs, the gate is shut or the index is already current. */
  startBuild(db: LeadLensDb, seen: StoreStamp): void {
    const state = this.state;
    if (state.building) return;
    if (state.db === db && state.index && sameStamp(state.index.stamp, seen)) return;
    if (!this.buildAllowed()) {
      state.refused = { db, seen };
      return;
    }
    delete state.refused;
    state.building = (async () => {
      const { chunks, stamp } = await readAnalyticsChunks(db.backendDB(), INDEXED_TABLES);
      const index = await buildLeadIndex(chunks, stamp, pause);
      if (this.state !== state) return;
      Object.assign(state, { db, index });
      this.origins.built += 1;
      // The next start of the worker reads this instead of building; a failed write only means it builds again.
      await writeStoredLeadIndex(db.backendDB(), stamp, index.image).catch(() => undefined);
    })()
      .catch(() => undefined)
      .finally(() => {
        delete state.building;
      });
  }

  /**
   * The index brought up to `seen` by applying what was appended since it was built, or undefined when there is none
   * for this database, the store was rewritten, or too much was appended. One catch-up at a time: two applying
   * overlapping reads out of order would undo newer rows.
   */
  async current(db: LeadLensDb, seen: StoreStamp): Promise<LeadIndex | undefined> {
    // Not read here (see INDEX_DELAY_MS); but a read under way holds the database anyway, and its image answers.
    await this.state.loading;
    const state = this.state;
    if (state.db !== db || !state.index) return undefined;
    while (state.catchingUp) await state.catchingUp;
    const index = state.index;
    if (!index) return undefined;
    if (!canCatchUp(index, seen)) {
      // Another epoch's index is kept until a build replaces it; one too far behind is dropped.
      if (index.stamp.epoch === seen.epoch) delete state.index;
      return undefined;
    }
    if (index.stamp.seq < seen.seq) {
      state.catchingUp = (async () => {
        const { chunks, stamp } = await readAnalyticsChunks(db.backendDB(), INDEXED_TABLES, index.stamp);
        const rows = chunks.reduce((sum, chunk) => sum + chunk.count + (chunk.deleted?.length ?? 0), 0);
        if (stamp.epoch !== index.stamp.epoch || index.appliedRows + rows > MAX_APPLIED_ROWS) {
          if (state.index === index) delete state.index;
        } else if (stamp.seq > index.stamp.seq) index.apply(chunks, stamp);
      })()
        .catch(() => {
          if (state.index === index) delete state.index;
        })
        .finally(() => {
          delete state.catchingUp;
        });
      await state.catchingUp;
    }
    return state.index === index && index.stamp.seq >= seen.seq ? index : undefined;
  }
}
