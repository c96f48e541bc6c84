import type { LeadRecord } from '../crm/adapter';
import { EPOCH_KEY, SEQ_KEY } from '../db/analytics';
import type { AnalyticsChunk, AnalyticsTable } from '../db/columns';
import { database, type LeadLensDb, type MetaRow } from '../db/db';
import { slaForSource } from '../metrics/response';
import type { Deal, MetricSettings, Touch } from '../model';
import { buildLeadIndex, type LeadIndex, type StoreStamp, type TouchDigest } from './lead-index';

// `leadContext`: the small derived view a content script may have of a lead. lib/metrics/ has no `leadTimer` or
// `leadTemperature` yet, so the timer and the temperature are computed here, per METRICS.md ("Timers", "SLA",
// "Lead temperature"), in elapsed time; business-hour waiting is left to the caller, which gets the start instant.

export interface LeadContextView {
  id: string;
  email: string;
  name: string;
  stage: string;
  stageLabel?: string;
  leadStatus?: string;
  leadStatusLabel?: string;
  ownerId?: string;
  ownerName?: string;
  effectiveSource: string;
  temperature: 'hot' | 'warm' | 'cold';
  /** The running timer, if any: `open` since creation (no response yet), `inbound` since an unanswered message. */
  timer?: { kind: 'open' | 'inbound'; since: number };
  firstResponseAt?: number;
  /**
   * The latest inbound and outbound e-mail or call. Outbound includes automated sends (they are touches, though no
   * answer): the overlay's "answered in mail, not logged" check must know HubSpot already has a sequence's e-mail.
   */
  lastInboundAt?: number;
  lastOutboundAt?: number;
  /** When the lead entered each lifecycle stage HubSpot dates (`hs_lifecyclestage_<stage>_date`), by stage value. */
  stageDates?: Record<string, number>;
  slaMinutes: number;
  openDealValue: number;
}

const DAY = 86_400_000;

function isResponse(touch: TouchDigest, lead: LeadRecord, asOf: number): boolean {
  if (touch.automated || touch.at < lead.createdAt || touch.at > asOf) return false;
  return touch.kind === 'meeting' || (touch.direction === 'out' && (touch.kind === 'email' || touch.kind === 'call'));
}

/** One lead's view from its touches and deals (METRICS.md); pure, so it is tested with tables of cases. */
export function deriveLeadContext(
  lead: LeadRecord,
  touches: readonly TouchDigest[],
  deals: readonly Deal[],
  settings: Pick<MetricSettings, 'slaMinutes' | 'slaBySource'>,
  asOf: number,
): Omit<LeadContextView, 'stageLabel' | 'leadStatusLabel' | 'ownerName'> {
  let firstResponseAt: number | undefined;
  let lastResponseAt: number | undefined;
  let lastInboundAt: number | undefined;
  let lastOutboundAt: number | undefined;
  let recentInbound = false;
  let touchedLast30Days = false;
  for (const touch of touches) {
    if (touch.at > asOf) continue;
    if (isResponse(touch, lead, asOf)) {
      if (firstResponseAt === undefined || touch.at < firstResponseAt) firstResponseAt = touch.at;
      if (lastResponseAt === undefined || touch.at > lastResponseAt) lastResponseAt = touch.at;
    }
    if (touch.direction === 'in' && (touch.kind === 'email' || touch.kind === 'call'))
      if (lastInboundAt === undefined || touch.at > lastInboundAt) lastInboundAt = touch.at;
    if (touch.direction === 'out' && (touch.kind === 'email' || touch.kind === 'call'))
      if (lastOutboundAt === undefined || touch.at > lastOutboundAt) lastOutboundAt = touch.at;
    if (touch.direction === 'in' && touch.at >= asOf - 3 * DAY) recentInbound = true;
    if (touch.at >= asOf - 30 * DAY) touchedLast30Days = true;
  }
  let timer: LeadContextView['timer'];
  if (lastResponseAt === undefined) timer = { kind: 'open', since: lead.createdAt };
  else if (lastInboundAt !== undefined && lastInboundAt > lastResponseAt)
    timer = { kind: 'inbound', since: lastInboundAt };
  const temperature =
    recentInbound || (lead.score ?? 0) >= 70
      ? 'hot'
      : !touchedLast30Days && lead.createdAt < asOf - 30 * DAY
        ? 'cold'
        : 'warm';
  const stageDates: Record<string, number> = {};
  for (const [stage, at] of Object.entries(lead.stageDates)) if (at !== undefined && at <= asOf) stageDates[stage] = at;
  const openDealValue = deals
    .filter((deal) => !deal.isClosed && deal.leadIds.includes(lead.id))
    .reduce((sum, deal) => sum + deal.amount, 0);
  return {
    id: lead.id,
    email: lead.email,
    name: lead.name,
    stage: lead.lifecycleStage,
    ...(lead.leadStatus ? { leadStatus: lead.leadStatus } : {}),
    ...(lead.ownerId ? { ownerId: lead.ownerId } : {}),
    effectiveSource: lead.effectiveSource,
    temperature,
    ...(timer ? { timer } : {}),
    ...(firstResponseAt !== undefined ? { firstResponseAt } : {}),
    ...(lastInboundAt !== undefined ? { lastInboundAt } : {}),
    ...(lastOutboundAt !== undefined ? { lastOutboundAt } : {}),
    ...(Object.keys(stageDates).length > 0 ? { stageDates } : {}),
    slaMinutes: slaForSource(settings, lead.effectiveSource),
    openDealValue,
  };
}

interface LeadRows {
  leads: LeadRecord[];
  touches: Touch[];
}

/** Owner names, stage and status labels: small tables every look-up shares. */
interface Labels {
  ownerName: Map<string, string>;
  stageLabel: Map<string, string>;
  statusLabel: Map<string, string>;
}

/**
 * A value read from the cache and kept in the worker, refreshed after a minute or when a sync job ends. A refresh
 * happens behind the answer: look-ups keep using the previous copy until the new one is read, so no overlay ever
 * waits for a scan (on a 20 000-deal portal a wait for the open deals was what set the p95).
 */
const KEPT_TTL_MS = 60_000;
class Kept<T> {
  private entry: { db: LeadLensDb; at: number; value: Promise<T>; stale: boolean; refreshing?: Promise<T> } | undefined;

  constructor(private readonly read: (db: LeadLensDb) => Promise<T>) {}

  get(db: LeadLensDb): Promise<T> {
    const current = this.entry?.db === db ? this.entry : undefined;
    if (current && !current.stale && Date.now() - current.at < KEPT_TTL_MS) return current.value;
    if (current) {
      if (!current.refreshing) {
        const next = this.read(db);
        current.refreshing = next;
        next.then(
          () => {
            if (this.entry === current) this.entry = { db, at: Date.now(), value: next, stale: false };
          },
          () => {
            if (this.entry === current) delete current.refreshing;
          },
        );
      }
      return current.value;
    }
    const value = this.read(db);
    const entry = { db, at: Date.now(), value, stale: false };
    this.entry = entry;
    value.catch(() => {
      if (this.entry === entry) this.entry = undefined;
    });
    return value;
  }

  markStale(): void {
    if (this.entry) this.entry.stale = true;
  }

  forget(): void {
    this.entry = undefined;
  }
}

const labels = new Kept<Labels>((db) =>
  db.transaction('r', [db.owners, db.lifecycleStages, db.leadStatuses], async () => {
    const [owners, stages, statuses] = await Promise.all([
      db.owners.toArray(),
      db.lifecycleStages.toArray(),
      db.leadStatuses.toArray(),
    ]);
    return {
      ownerName: new Map(owners.map((owner) => [owner.id, owner.name])),
      stageLabel: new Map(stages.map((stage) => [stage.value, stage.label])),
      statusLabel: new Map(statuses.map((status) => [status.value, status.label])),
    };
  }),
);
/** Open deals for look-ups through the row tables (one read instead of a deal query per lead). */
const openDeals = new Kept<Deal[]>((db) => db.deals.filter((deal) => !deal.isClosed).toArray());

/**
 * The in-memory index (lead-index.ts): built on a look-up that finds none (that look-up and any during the build read
 * the row tables), then kept current by applying the chunks appended since, a few rows per sync. A rewrite of the
 * store (compaction, import) starts a new epoch and a new build.
 */
interface IndexState {
  db?: LeadLensDb;
  index?: LeadIndex;
  building?: Promise<void>;
  catchingUp?: Promise<void>;
}
let indexState: IndexState = {};
/**
 * Rows applied on top of a build before it is dropped for a new one (a full sync under way, say), so memory stays
 * small; and chunks appended (one per page of at most 100 rows) past which it is dropped without reading them.
 */
const MAX_APPLIED_ROWS = 50_000;
const MAX_APPLIED_CHUNKS = 500;
let buildAllowed: () => boolean = () => true;

/** How many look-ups each path answered in this worker's life (tests read it). */
const served = { index: 0, rows: 0 };
export function leadContextServed(): Readonly<typeof served> {
  return { ...served };
}

/** Waits for a build a look-up scheduled (after its answer) or under way; true when an index is there (tests). */
export async function leadIndexSettled(): Promise<boolean> {
  await new Promise((resolve) => setTimeout(resolve, 0));
  await indexState.building;
  return indexState.index !== undefined;
}

/** The background says when a build may run: not while a sync writes, since the pages would outgrow the index. */
export function setLeadIndexGate(allowed: () => boolean): void {
  buildAllowed = allowed;
}

/** Drops the copies (another database, "forget all data", tests): the next look-up reads afresh and waits for it. */
export function forgetLeadContextCache(): void {
  labels.forget();
  openDeals.forget();
  indexState = {};
}

/** After a sync job: the next look-up refreshes the labels and open deals behind its answer. */
export function refreshLeadContextCache(): void {
  labels.markStale();
  openDeals.markStale();
}

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

function startIndexBuild(db: LeadLensDb, seen: StoreStamp): void {
  const state = indexState;
  if (state.building || !buildAllowed()) return;
  if (state.db === db && state.index && sameStamp(state.index.stamp, seen)) return;
  state.building = (async () => {
    const { chunks, stamp } = await readAnalytics(db.backendDB());
    const index = await buildLeadIndex(chunks, stamp, pause);
    if (indexState === state) Object.assign(state, { db, index });
  })()
    .catch(() => undefined)
    .finally(() => {
      delete state.building;
    });
}

function sameStamp(a: StoreStamp, b: StoreStamp): boolean {
  return a.seq === b.seq && a.epoch === b.epoch;
}

function numberOf(row: MetaRow | undefined): number {
  return typeof row?.value === 'number' ? row.value : 0;
}

/** Fills `stamp` from the meta store as the transaction's requests complete. */
function readStampIn(meta: IDBObjectStore, stamp: StoreStamp): void {
  meta.get(SEQ_KEY).onsuccess = (event) => {
    stamp.seq = numberOf((event.target as IDBRequest<MetaRow | undefined>).result);
  };
  meta.get(EPOCH_KEY).onsuccess = (event) => {
    stamp.epoch = numberOf((event.target as IDBRequest<MetaRow | undefined>).result);
  };
}

/** The stamp and, from `after` on, the chunks of the tables the index reads, in one transaction. */
function readAnalytics(idb: IDBDatabase, after?: StoreStamp): Promise<{ chunks: AnalyticsChunk[]; stamp: StoreStamp }> {
  return new Promise((resolve, reject) => {
    const tx = idb.transaction(['analytics', 'meta'], 'readonly');
    const chunks: AnalyticsChunk[] = [];
    const stamp: StoreStamp = { seq: 0, epoch: 0 };
    tx.oncomplete = () => resolve({ chunks, stamp });
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error);
    readStampIn(tx.objectStore('meta'), stamp);
    const store = tx.objectStore('analytics');
    // One chunk per request: a build's reads then interleave with look-ups' instead of holding them behind megabytes.
    const next = (table: AnalyticsTable, from: number) => {
      store.getAll(IDBKeyRange.bound([table, from], [table, Number.POSITIVE_INFINITY]), 1).onsuccess = (event) => {
        const [chunk] = (event.target as IDBRequest<AnalyticsChunk[]>).result;
        if (!chunk) return;
        chunks.push(chunk);
        next(table, chunk.seq + 1);
      };
    };
    for (const table of INDEXED_TABLES) next(table, (after?.seq ?? 0) + 1);
  });
}
const INDEXED_TABLES: readonly AnalyticsTable[] = ['leads', 'touches', 'deals'];

function readStamp(idb: IDBDatabase): Promise<StoreStamp> {
  return new Promise((resolve, reject) => {
    const tx = idb.transaction('meta', 'readonly');
    const stamp: StoreStamp = { seq: 0, epoch: 0 };
    tx.oncomplete = () => resolve(stamp);
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error);
    readStampIn(tx.objectStore('meta'), stamp);
  });
}

/**
 * The index brought up to `seen` by applying what was appended since it was built, or undefined when there is none
 * for this database, the store was rewritten, or too much was appended. One catch-up at a time: two applying
 * overlapping reads out of order would undo newer rows.
 */
async function currentIndex(db: LeadLensDb, seen: StoreStamp): Promise<LeadIndex | undefined> {
  const state = indexState;
  if (state.db !== db || !state.index) return undefined;
  while (state.catchingUp) await state.catchingUp;
  const index = state.index;
  if (!index || index.stamp.epoch !== seen.epoch) return undefined;
  if (seen.seq - index.stamp.seq > MAX_APPLIED_CHUNKS) {
    delete state.index;
    return undefined;
  }
  if (index.stamp.seq < seen.seq) {
    state.catchingUp = (async () => {
      const { chunks, stamp } = await readAnalytics(db.backendDB(), index.stamp);
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

/**
 * The look-up in raw IndexedDB, on the hot path of every overlay: one transaction, one `getAll` per key on the
 * multi-entry indexes, all requests of a step issued at once. Through Dexie the same reads took ~25 ms for 50
 * addresses (a promise and a zone per request, and `anyOf` walking a cursor); here they take a few.
 */
function readLeadRows(idb: IDBDatabase, emails: string[], ids: string[]): Promise<LeadRows> {
  return new Promise((resolve, reject) => {
    const tx = idb.transaction(['leads', 'touches'], 'readonly');
    const rows: LeadRows = { leads: [], touches: [] };
    tx.oncomplete = () => resolve(rows);
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error);
    const leadStore = tx.objectStore('leads');
    let pending = emails.length + ids.length;
    const found = new Map<string, LeadRecord>();
    // Step two is issued from the last step-one callback, while the transaction is still active.
    const stepTwo = () => {
      for (const lead of found.values()) if (!lead.archived) rows.leads.push(lead);
      const touches = tx.objectStore('touches').index('leadIds');
      const seenTouches = new Set<string>();
      for (const lead of rows.leads) {
        touches.getAll(lead.id).onsuccess = (event) => {
          for (const touch of (event.target as IDBRequest<Touch[]>).result)
            if (!seenTouches.has(touch.id)) {
              seenTouches.add(touch.id);
              rows.touches.push(touch);
            }
        };
      }
    };
    const done = () => {
      pending -= 1;
      if (pending === 0) stepTwo();
    };
    if (pending === 0) return;
    for (const email of emails) {
      leadStore.index('emails').getAll(email).onsuccess = (event) => {
        for (const lead of (event.target as IDBRequest<LeadRecord[]>).result) found.set(lead.id, lead);
        done();
      };
    }
    for (const id of ids) {
      leadStore.get(id).onsuccess = (event) => {
        const lead = (event.target as IDBRequest<LeadRecord | undefined>).result;
        if (lead) found.set(lead.id, lead);
        done();
      };
    }
  });
}

/** The leads of a look-up with their touches and open deals, from the index or the row tables. */
interface Found {
  leads: LeadRecord[];
  touchesOf(leadId: string): readonly TouchDigest[];
  dealsOf(leadId: string): readonly Deal[];
}

async function fromRows(db: LeadLensDb, emails: string[], ids: string[]): Promise<Found> {
  const [rows, deals] = await Promise.all([readLeadRows(db.backendDB(), emails, ids), openDeals.get(db)]);
  const leadIds = new Set(rows.leads.map((lead) => lead.id));
  const group = <T>(items: readonly T[], linksOf: (item: T) => readonly string[]) => {
    const out = new Map<string, T[]>();
    for (const item of items)
      for (const id of linksOf(item)) {
        if (!leadIds.has(id)) continue;
        const list = out.get(id) ?? [];
        list.push(item);
        out.set(id, list);
      }
    return out;
  };
  const touchesOf = group(rows.touches, (touch) => touch.leadIds);
  const dealsOf = group(deals, (deal) => deal.leadIds);
  return {
    leads: rows.leads,
    touchesOf: (id) => touchesOf.get(id) ?? [],
    dealsOf: (id) => dealsOf.get(id) ?? [],
  };
}

/**
 * Looks leads up by any of their addresses (lower-cased) or ids: from the in-memory index when it is as current as
 * the cache (one small read says so), otherwise from the row tables while the index is (re)built behind the answer.
 */
export async function leadContext(
  request: { emails?: string[]; contactIds?: string[] },
  settings: Pick<MetricSettings, 'slaMinutes' | 'slaBySource'>,
  asOf = Date.now(),
  db: LeadLensDb = database(),
): Promise<LeadContextView[]> {
  const emails = [...new Set((request.emails ?? []).map((email) => email.trim().toLowerCase()).filter(Boolean))];
  const ids = [...new Set(request.contactIds ?? [])];
  if (!db.isOpen()) await db.open();
  const [seen, shared] = await Promise.all([readStamp(db.backendDB()), labels.get(db)]);
  const index = await currentIndex(db, seen);
  let found: Found;
  if (index) {
    served.index += 1;
    found = {
      leads: index.find(emails, ids),
      touchesOf: (id) => index.touchesOf(id),
      dealsOf: (id) => index.openDealsOf(id),
    };
  } else {
    served.rows += 1;
    found = await fromRows(db, emails, ids);
    // After the answer: the build's first reads would otherwise queue before this look-up's.
    setTimeout(() => startIndexBuild(db, seen), 0);
  }
  const { ownerName, stageLabel, statusLabel } = shared;
  return found.leads.map((lead) => {
    const view = deriveLeadContext(lead, found.touchesOf(lead.id), found.dealsOf(lead.id), settings, asOf);
    const owner = lead.ownerId ? ownerName.get(lead.ownerId) : undefined;
    const stage = stageLabel.get(lead.lifecycleStage);
    const status = lead.leadStatus ? statusLabel.get(lead.leadStatus) : undefined;
    return {
      ...view,
      ...(stage ? { stageLabel: stage } : {}),
      ...(status ? { leadStatusLabel: status } : {}),
      ...(owner ? { ownerName: owner } : {}),
    };
  });
}
