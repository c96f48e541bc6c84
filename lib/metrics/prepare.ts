// Reads of typed arrays and rows are cast (`as number`): every index is bounded by its loop or a binary search,
// which `noUncheckedIndexedAccess` cannot see.
import { isPresent } from '../model/present.ts';
import type { MetricSettings } from '../model/settings.ts';
import type { Feedback, Snapshot } from '../model/snapshot.ts';
import {
  BusinessClock,
  dayMs,
  hourMs,
  type MinutesBetween,
  minutesMeasure,
  monthIndexOfKey,
  type Span,
  ZoneClock,
} from './calendar.ts';
import { type DealStageIndex, prepareDealStages } from './deal-funnel.ts';
import { LifecycleRanks } from './funnel.ts';
import { noTimer, openTimer, timerKindOf } from './lead-view.ts';
import { responseBucketIndex, responseSlaState, slaForSource, type WaitState, waitState } from './response.ts';
import {
  dealLeads,
  type KeyTable,
  type LeadColumns,
  leadColumns,
  noLead,
  severalLeads,
  touchAutomated,
  touchColumns,
  touchIn,
  touchInbound,
  touchResponse,
} from './snapshot-index.ts';
import { noCampaign, noOwner } from './sources.ts';
import { sortedOrder } from './stats.ts';
import { type Temperature, temperatureFrom } from './team-health.ts';

/** SLA outcome of a lead in a cohort: decided (met, missed, overdue without response) or still waiting. */
export const slaOutcomes = ['met', 'missed', 'overdue', 'waiting'] as const;
export type SlaOutcome = (typeof slaOutcomes)[number];

export type { KeyTable };

/** Codes of the per-lead columns `timer`, `timerState` and `temperature` (index into these lists). */
export const timerKinds = [null, 'open', 'inbound'] as const;
export const waitStates = ['ok', 'due', 'overdue'] as const satisfies readonly WaitState[];
export const temperatures = ['hot', 'warm', 'cold'] as const satisfies readonly Temperature[];
/** Bits of `LeadTable.quality`. */
export const leadOpen = 1;
export const leadFresh = 2;
export const leadComplete = 4;

/**
 * The live leads, sorted by `createdAt`, one typed array per figure (row i of each is the same lead): the report
 * reads them in windows of consecutive rows, and 100 000 leads stay a few MB with nothing for the GC to chase.
 * NaN stands for "none".
 */
export interface LeadTable {
  count: number;
  /** Made on first read (only the per-lead facts need them). */
  readonly ids: string[];
  createdAt: Float64Array;
  /** Effective source, owner (or `(no owner)`) and campaign (or `(no campaign)`), as codes of `keys`. */
  source: Uint32Array;
  owner: Uint32Array;
  campaign: Uint32Array;
  firstResponseAt: Float64Array;
  responseMinutes: Float64Array;
  /** Index into `responseBuckets` (5 = never). */
  bucket: Uint8Array;
  /** Index into `slaOutcomes`. */
  slaOutcome: Uint8Array;
  /** Highest funnel step reached, 1 (new) … 5 (won). */
  level: Uint8Array;
  /** Earliest close of a won deal the lead is the primary lead of (a customer's first purchase). */
  firstPurchaseAt: Float64Array;
  /** 1 when `firstPurchaseAt + H ≤ asOf`, so the CLV horizon has been seen whole. */
  clvEligible: Uint8Array;
  clvValue: Float64Array;
  clvDeals: Uint32Array;
  mqlAt: Float64Array;
  handoffHours: Float64Array;
  /** The two clocks: routing delay (created → assigned) and response after assignment, in response minutes. */
  routingMinutes: Float64Array;
  afterAssignmentMinutes: Float64Array;
  /** The lead's timer at asOf: index into `timerKinds` (0 none), its state (`waitStates`) and waiting minutes. */
  timer: Uint8Array;
  timerState: Uint8Array;
  timerWaitingMinutes: Float64Array;
  /** Index into `temperatures`. */
  temperature: Uint8Array;
  /** `leadOpen | leadFresh | leadComplete`, the data-quality tests at asOf. */
  quality: Uint8Array;
}

/** Won deals with a close date, sorted by it. */
export interface WonDealTable {
  count: number;
  ids: string[];
  amount: Float64Array;
  closeDate: Float64Array;
  cycleDays: Float64Array;
  /** Primary lead's effective source (`unknown` without a lead), the deal's rep, the primary lead's campaign. */
  source: Uint32Array;
  rep: Uint32Array;
  campaign: Uint32Array;
  inControl: Uint8Array;
}

export interface OpenDealFacts {
  id: string;
  amount: number;
  probability: number;
  stageKnown: boolean;
  closeDate: number | undefined;
}

export interface SpendEntry {
  source: string;
  month: Span;
  amount: number;
}

/** Figures taken at asOf over every live lead, counted while the index is built. */
export interface AtAsOfCounts {
  timers: Record<'open' | 'inbound', Record<WaitState, number>>;
  temperature: Record<Temperature, number>;
  completeLeads: number;
  openLeads: number;
  freshLeads: number;
}

export interface PreparedReport {
  settings: MetricSettings;
  asOf: number;
  clock: ZoneClock;
  business: BusinessClock | null;
  minutes: MinutesBetween;
  /** Local midnight of `adoptionDate`, or null when it is not set. */
  adoptionAt: number | null;
  ranks: LifecycleRanks;
  keys: { sources: KeyTable; owners: KeyTable; campaigns: KeyTable };
  leads: LeadTable;
  /** Rows of customers sorted by first purchase, and those instants. */
  customerRows: Uint32Array;
  customerAt: Float64Array;
  /** Rows of leads with an MQL date sorted by it, and those instants. */
  mqlRows: Uint32Array;
  mqlAt: Float64Array;
  wonDeals: WonDealTable;
  /** Lost deals (closed, not won) with a close date, sorted by it, with their rep as money figures have it. */
  lostDeals: { closeDate: Float64Array; rep: Uint32Array };
  /** Prefix sums of won amounts in close order: all, control segment, the rest. */
  revenuePrefix: Float64Array;
  controlRevenuePrefix: Float64Array;
  restRevenuePrefix: Float64Array;
  hasControl: boolean;
  automatedAt: Float64Array;
  feedback: Feedback[];
  feedbackAt: Float64Array;
  spend: SpendEntry[];
  openDeals: OpenDealFacts[];
  /** Each pipeline's deals with their highest step and days in each step (the deal-stage funnel). */
  dealStages: DealStageIndex;
  atAsOf: AtAsOfCounts;
  counts: { liveLeads: number; archivedLeads: number; deals: number; touches: number };
}

function gather<T extends Float64Array | Uint32Array | Uint8Array>(column: T, order: Uint32Array): T {
  const sorted = new (column.constructor as new (length: number) => T)(order.length);
  for (let i = 0; i < order.length; i++) sorted[i] = column[order[i] as number] as number;
  return sorted;
}

function sortedCopy(values: Float64Array): Float64Array {
  return gather(values, sortedOrder(values));
}

function prefixSums(values: Float64Array, keep?: (i: number) => boolean): Float64Array {
  const prefix = new Float64Array(values.length + 1);
  for (let i = 0; i < values.length; i++) {
    prefix[i + 1] = (prefix[i] as number) + (keep === undefined || keep(i) ? (values[i] as number) : 0);
  }
  return prefix;
}

/** Rows whose key is not NaN, sorted by it, with the sorted keys. */
function sortedRowsBy(keys: Float64Array): { rows: Uint32Array; at: Float64Array } {
  let present = 0;
  for (let i = 0; i < keys.length; i++) if (!Number.isNaN(keys[i] as number)) present++;
  const rows = new Uint32Array(present);
  const at = new Float64Array(present);
  for (let i = 0, j = 0; i < keys.length; i++) {
    if (Number.isNaN(keys[i] as number)) continue;
    rows[j] = i;
    at[j++] = keys[i] as number;
  }
  const order = sortedOrder(at);
  return { rows: gather(rows, order), at: gather(at, order) };
}

const thirtyDays = 30 * dayMs;

/**
 * Working arrays that live only while an index is built (the touch pass, the per-lead summaries), kept between
 * calls: the panel rebuilds the index for every asOf and settings change, and fresh multi-megabyte buffers cost page
 * faults and push the garbage collector into full collections of the whole snapshot. Nothing that leaves
 * `prepareReport` is taken from here, and the build is synchronous, so sharing them is safe.
 */
const scratch = {
  float64: new Map<string, Float64Array>(),
  int32: new Map<string, Int32Array>(),
  uint8: new Map<string, Uint8Array>(),
};

function scratchFloat64(name: string, length: number): Float64Array {
  let buffer = scratch.float64.get(name);
  if (buffer === undefined || buffer.length < length) {
    buffer = new Float64Array(length);
    scratch.float64.set(name, buffer);
  }
  return buffer.subarray(0, length);
}

function scratchInt32(name: string, length: number): Int32Array {
  let buffer = scratch.int32.get(name);
  if (buffer === undefined || buffer.length < length) {
    buffer = new Int32Array(length);
    scratch.int32.set(name, buffer);
  }
  return buffer.subarray(0, length);
}

function scratchUint8(name: string, length: number): Uint8Array {
  let buffer = scratch.uint8.get(name);
  if (buffer === undefined || buffer.length < length) {
    buffer = new Uint8Array(length);
    scratch.uint8.set(name, buffer);
  }
  return buffer.subarray(0, length);
}

// Per-lead running summaries of the touch pass live interleaved, one 64-byte row per lead, because touches name
// leads in random order and one cache line per touch is what keeps the pass fast.
const stride = 8;
const slotCreated = 0;
const slotMql = 1;
const slotFirstResponse = 2;
const slotLatestResponse = 3;
const slotLatestInbound = 4;
const slotLastTouch = 5;
const slotLastIn = 6;
const slotFirstAfterMql = 7;
const noRow = -1;
const severalRows = -2;

/** The live leads: rows in date order, and the map between rows and the snapshot's lead ranks (its date order). */
interface LiveRows {
  count: number;
  archivedLeads: number;
  /** Row of each rank, `noRow` when the lead is not live. */
  rowOfRank: Int32Array;
  rankOfRow: Int32Array;
}

/**
 * The lead table's columns, cut from one buffer: 10 float64, 4 uint32 and 8 uint8 columns, 104 bytes a lead. A report
 * that is done with (`releasePreparedReport`) hands its buffer to the next one: the panel builds an index for every
 * filter and settings change, and 10 MB of fresh buffers each time counted against the engine's old-generation limit
 * (external memory does), bringing a full collection of the whole snapshot every few reports.
 */
const bytesPerLead = 10 * 8 + 4 * 4 + 8;
const spareBuffers: ArrayBuffer[] = [];
const arenaOf = new WeakMap<PreparedReport, ArrayBuffer>();

class ColumnArena {
  private offset = 0;
  readonly buffer: ArrayBuffer;

  constructor(count: number) {
    const bytes = count * bytesPerLead;
    const spare = spareBuffers.findIndex((buffer) => buffer.byteLength >= bytes);
    if (spare >= 0) {
      this.buffer = spareBuffers.splice(spare, 1)[0] as ArrayBuffer;
      // Fresh columns are zeros: some are summed into (CLV), some written only for some leads (a timer's state).
      new Uint8Array(this.buffer, 0, bytes).fill(0);
    } else {
      this.buffer = new ArrayBuffer(bytes);
    }
  }

  // Float64 columns are cut first, then uint32, then uint8, so each starts aligned.
  float64(count: number): Float64Array {
    const column = new Float64Array(this.buffer, this.offset, count);
    this.offset += count * 8;
    return column;
  }

  uint32(count: number): Uint32Array {
    const column = new Uint32Array(this.buffer, this.offset, count);
    this.offset += count * 4;
    return column;
  }

  uint8(count: number): Uint8Array {
    const column = new Uint8Array(this.buffer, this.offset, count);
    this.offset += count;
    return column;
  }
}

/**
 * Gives the lead table's buffer to the next `prepareReport`. The caller promises not to read `prepared` again: its
 * lead columns will hold another report's figures. Releasing twice does nothing.
 */
export function releasePreparedReport(prepared: PreparedReport): void {
  const buffer = arenaOf.get(prepared);
  if (buffer === undefined) return;
  arenaOf.delete(prepared);
  // Two spares cover the panel's whole-portal and filtered indexes; more would only hold memory.
  if (spareBuffers.length < 2) spareBuffers.push(buffer);
}

// Each step of the build is its own function: the engine optimises one small loop at a time, where one function
// holding every loop was recompiled and deoptimised a dozen times over the first reports.

/**
 * Archived leads go first, with every reference to them; so do leads not yet created at asOf. The live leads keep
 * the snapshot's date order, so row i of every column of the lead table is the i-th live lead by `createdAt`.
 */
function liveRows(columns: LeadColumns, asOf: number): LiveRows {
  const rowOfRank = scratchInt32('rowOfRank', columns.count).fill(noRow);
  const rankOfRow = scratchInt32('rankOfRow', columns.count);
  let count = 0;
  let archivedLeads = 0;
  for (let r = 0; r < columns.count; r++) {
    if (columns.archived[r] === 1) {
      archivedLeads++;
      continue;
    }
    if ((columns.createdAt[r] as number) > asOf) continue;
    rowOfRank[r] = count;
    rankOfRow[count++] = r;
  }
  return { count, archivedLeads, rowOfRank, rankOfRow: rankOfRow.subarray(0, count) };
}

/** The live leads' ids and creation dates by row, and their touch summaries started. */
function startLeads(columns: LeadColumns, live: LiveRows, asOf: number, arena: ColumnArena) {
  const { count, rankOfRow } = live;
  const createdAt = arena.float64(count);
  const summary = scratchFloat64('summary', count * stride).fill(Number.NaN);
  for (let row = 0; row < count; row++) {
    const at = rankOfRow[row] as number;
    const created = columns.createdAt[at] as number;
    createdAt[row] = created;
    summary[row * stride + slotCreated] = created;
    const mql = columns.mqlAt[at] as number;
    if (mql <= asOf) summary[row * stride + slotMql] = mql;
  }
  return { createdAt, ids: lazyIds(columns.ids, live.rankOfRow), summary };
}

/**
 * The live leads' ids by row, made on first read: only the per-lead facts ask for them, and a 100 000-entry array made
 * for every report went straight to the old generation, where it brought the full collections forward.
 */
function lazyIds(ids: readonly string[], rankOfRow: Int32Array): () => string[] {
  // `rankOfRow` is a scratch buffer the next report reuses: the rows are copied, a quarter of the array's size.
  const ranks = Int32Array.from(rankOfRow);
  let made: string[] | undefined;
  return () => {
    made ??= Array.from(ranks, (rank) => ids[rank] as string);
    return made;
  };
}

type DealRecord = Snapshot['deals'][number];

/** The deals known at asOf: index into the snapshot's deals and the primary lead's row (-1 for none). */
interface KeptDeals {
  count: number;
  deal: Int32Array;
  primary: Int32Array;
}

/** Deals, pass 1: the deals known at asOf with their primary lead's row, deal membership, first purchases. */
function dealsAtAsOf(snapshot: Snapshot, live: LiveRows, asOf: number, arena: ColumnArena) {
  const { count, rowOfRank } = live;
  const inDeal = scratchUint8('inDeal', count).fill(0);
  const primaryOfWon = scratchUint8('primaryOfWon', count).fill(0);
  const firstPurchaseAt = arena.float64(count).fill(Number.NaN);
  // The kept deals as two columns (deal index, primary lead's row): an object per deal was garbage that outlived a
  // young-generation collection and filled the old one.
  const keptDeal = new Int32Array(snapshot.deals.length);
  const keptPrimary = new Int32Array(snapshot.deals.length);
  let keptCount = 0;
  const dealLead = dealLeads(snapshot.deals, snapshot.leads);
  for (let d = 0; d < snapshot.deals.length; d++) {
    const deal = snapshot.deals[d] as DealRecord;
    if (deal.createdAt > asOf) continue;
    const closed = deal.isClosed || deal.isWon;
    if (closed && deal.closeDate !== undefined && deal.closeDate > asOf) continue;
    let primary = -1;
    for (let j = dealLead.start[d] as number; j < (dealLead.start[d + 1] as number); j++) {
      const at = dealLead.lead[j] as number;
      const row = at === noLead ? noRow : (rowOfRank[at] as number);
      if (row === noRow) continue;
      if (primary < 0) primary = row;
      inDeal[row] = 1;
    }
    keptDeal[keptCount] = d;
    keptPrimary[keptCount++] = primary;
    if (deal.isWon && primary >= 0) {
      primaryOfWon[primary] = 1;
      const close = deal.closeDate;
      if (close !== undefined && !(close >= (firstPurchaseAt[primary] as number))) firstPurchaseAt[primary] = close;
    }
  }
  const kept = { count: keptCount, deal: keptDeal, primary: keptPrimary };
  return { kept, inDeal, primaryOfWon, firstPurchaseAt };
}

interface DealContext {
  snapshot: Snapshot;
  settings: MetricSettings;
  columns: LeadColumns;
  live: LiveRows;
  leadCreatedAt: Float64Array;
  firstPurchaseAt: Float64Array;
  horizonEnd: Float64Array;
  keys: PreparedReport['keys'];
}

/**
 * Deals, pass 2: won deals with a close date get their cycle and feed CLV (into `clvValue` and `clvDeals` by row);
 * open deals feed the forecast.
 */
function wonAndOpenDeals(context: DealContext, kept: KeptDeals, clvValue: Float64Array, clvDeals: Uint32Array) {
  const { settings, columns, live, leadCreatedAt, firstPurchaseAt, horizonEnd } = context;
  const { sources, owners, campaigns } = context.keys;
  const control = settings.controlSegment;
  const controlOwners = new Set(control?.owners ?? []);
  const controlSources = new Set(control?.sources ?? []);
  const hasControl = controlOwners.size + controlSources.size > 0;
  const probabilityOf = new Map<string, Map<string, number>>();
  for (const stage of context.snapshot.stages) {
    const pipeline = probabilityOf.get(stage.pipelineId) ?? new Map<string, number>();
    pipeline.set(stage.stageId, stage.probability);
    probabilityOf.set(stage.pipelineId, pipeline);
  }
  // Won deals as columns (typed arrays sorted by close below): a record per deal and `TypedArray.from` over records
  // were a tenth of the report's garbage.
  const most = kept.count;
  const won = {
    count: 0,
    ids: [] as string[],
    amount: new Float64Array(most),
    close: new Float64Array(most),
    cycle: new Float64Array(most),
    source: new Uint32Array(most),
    rep: new Uint32Array(most),
    campaign: new Uint32Array(most),
    inControl: new Uint8Array(most),
  };
  const lostClose = new Float64Array(most);
  const lostRep = new Uint32Array(most);
  let lostCount = 0;
  const openDeals: OpenDealFacts[] = [];
  const { deals } = context.snapshot;
  for (let k = 0; k < kept.count; k++) {
    const deal = deals[kept.deal[k] as number] as DealRecord;
    const primary = kept.primary[k] as number;
    if (!deal.isClosed && !deal.isWon) {
      const probability = probabilityOf.get(deal.pipelineId)?.get(deal.stageId);
      openDeals.push({
        id: deal.id,
        amount: deal.amount,
        probability: probability ?? 0,
        stageKnown: probability !== undefined,
        closeDate: deal.closeDate,
      });
      continue;
    }
    if (!deal.isWon) {
      // A rep's win rate needs the lost deals too, going to reps as money figures do.
      if (deal.closeDate === undefined) continue;
      const at = primary >= 0 ? (live.rankOfRow[primary] as number) : -1;
      const leadOwner = at >= 0 ? owners.name(columns.owner[at] as number) : noOwner;
      lostClose[lostCount] = deal.closeDate;
      lostRep[lostCount++] = owners.code(isPresent(deal.ownerId) ? deal.ownerId : leadOwner);
      continue;
    }
    if (deal.closeDate === undefined) continue;
    const close = deal.closeDate;
    const at = primary >= 0 ? (live.rankOfRow[primary] as number) : -1;
    let cycleFrom = deal.createdAt;
    if (at >= 0) {
      // All of a customer's won deals at the earliest close count as its first purchase.
      if (close === firstPurchaseAt[primary]) cycleFrom = leadCreatedAt[primary] as number;
      if (close < (horizonEnd[primary] as number)) {
        clvValue[primary] = (clvValue[primary] as number) + deal.amount;
        clvDeals[primary] = (clvDeals[primary] as number) + 1;
      }
    }
    const source = at >= 0 ? (columns.source[at] as number) : sources.code('unknown');
    const ownerName = at >= 0 ? owners.name(columns.owner[at] as number) : noOwner;
    const leadOwner = ownerName === noOwner ? undefined : ownerName;
    const w = won.count++;
    won.ids.push(deal.id);
    won.amount[w] = deal.amount;
    won.close[w] = close;
    won.cycle[w] = (close - cycleFrom) / dayMs;
    won.source[w] = source;
    won.rep[w] = owners.code(isPresent(deal.ownerId) ? deal.ownerId : (leadOwner ?? noOwner));
    won.campaign[w] = at >= 0 ? (columns.campaign[at] as number) : campaigns.code(noCampaign);
    // The control is about who handled the lead, so the lead's owner counts, not the deal's.
    const inControl =
      hasControl &&
      at >= 0 &&
      ((leadOwner !== undefined && controlOwners.has(leadOwner)) || controlSources.has(sources.name(source)));
    won.inControl[w] = inControl ? 1 : 0;
  }
  const n = won.count;
  const wonOrder = sortedOrder(won.close.subarray(0, n));
  const wonDeals: WonDealTable = {
    count: n,
    ids: Array.from(wonOrder, (i) => won.ids[i] as string),
    amount: gather(won.amount.subarray(0, n), wonOrder),
    closeDate: gather(won.close.subarray(0, n), wonOrder),
    cycleDays: gather(won.cycle.subarray(0, n), wonOrder),
    source: gather(won.source.subarray(0, n), wonOrder),
    rep: gather(won.rep.subarray(0, n), wonOrder),
    campaign: gather(won.campaign.subarray(0, n), wonOrder),
    inControl: gather(won.inControl.subarray(0, n), wonOrder),
  };
  const lostOrder = sortedOrder(lostClose.subarray(0, lostCount));
  const lostDeals = {
    closeDate: gather(lostClose.subarray(0, lostCount), lostOrder),
    rep: gather(lostRep.subarray(0, lostCount), lostOrder),
  };
  return { wonDeals, openDeals, hasControl, lostDeals };
}

function fold(summary: Float64Array, row: number, at: number, flags: number): void {
  const base = row * stride;
  if (!(at <= (summary[base + slotLastTouch] as number))) summary[base + slotLastTouch] = at;
  if (flags & touchIn && !(at <= (summary[base + slotLastIn] as number))) summary[base + slotLastIn] = at;
  if (flags & touchInbound && !(at <= (summary[base + slotLatestInbound] as number))) {
    summary[base + slotLatestInbound] = at;
  }
  if (flags & touchResponse && at >= (summary[base + slotCreated] as number)) {
    if (!(at >= (summary[base + slotFirstResponse] as number))) summary[base + slotFirstResponse] = at;
    if (!(at <= (summary[base + slotLatestResponse] as number))) summary[base + slotLatestResponse] = at;
    if (at >= (summary[base + slotMql] as number) && !(at >= (summary[base + slotFirstAfterMql] as number))) {
      summary[base + slotFirstAfterMql] = at;
    }
  }
}

/**
 * Touches: one pass over the snapshot's touch columns (in their leads' date order, so the summaries are walked
 * forward), then each folded into its lead's summary.
 */
function foldTouches(snapshot: Snapshot, live: LiveRows, summary: Float64Array, asOf: number) {
  const touches = touchColumns(snapshot.touches, snapshot.leads);
  const { rank } = leadColumns(snapshot.leads);
  const total = touches.at.length;
  const touchRow = scratchInt32('touchRow', total);
  const automated = scratchFloat64('automated', total);
  let automatedCount = 0;
  let count = 0;
  for (let i = 0; i < total; i++) {
    const at = touches.at[i] as number;
    const lead = touches.lead[i] as number;
    if (at > asOf) {
      touchRow[i] = noRow;
      continue;
    }
    count++;
    if ((touches.flags[i] as number) & touchAutomated) automated[automatedCount++] = at;
    touchRow[i] = lead === noLead ? noRow : lead === severalLeads ? severalRows : (live.rowOfRank[lead] as number);
  }
  for (let i = 0; i < total; i++) {
    const row = touchRow[i] as number;
    if (row === noRow) continue;
    const at = touches.at[i] as number;
    const flags = touches.flags[i] as number;
    if (row !== severalRows) {
      fold(summary, row, at, flags);
      continue;
    }
    for (const id of (snapshot.touches[touches.touch[i] as number] as Snapshot['touches'][number]).leadIds) {
      const found = rank.get(id);
      const other = found === undefined ? noRow : (live.rowOfRank[found] as number);
      if (other !== noRow) fold(summary, other, at, flags);
    }
  }
  return { count, automatedAt: sortedCopy(automated.subarray(0, automatedCount)) };
}

/** What `leadFigures` reads: the report's settings and instant, and the columns and scratch tables built before it. */
interface LeadFigureInputs {
  settings: MetricSettings;
  asOf: number;
  ranks: LifecycleRanks;
  columns: LeadColumns;
  live: LiveRows;
  sources: KeyTable;
  minutes: MinutesBetween;
  summary: Float64Array;
  inDeal: Uint8Array;
  primaryOfWon: Uint8Array;
  horizonEnd: Float64Array;
}

/** Every per-lead figure into the lead table's columns, and the figures at asOf counted on the way. */
function leadFigures(context: LeadFigureInputs, leads: LeadTable): AtAsOfCounts {
  const { settings, asOf, ranks, columns, minutes, summary, inDeal, primaryOfWon, horizonEnd, sources } = context;
  const { count, rankOfRow } = context.live;
  const atAsOf: AtAsOfCounts = {
    timers: { open: { ok: 0, due: 0, overdue: 0 }, inbound: { ok: 0, due: 0, overdue: 0 } },
    temperature: { hot: 0, warm: 0, cold: 0 },
    completeLeads: 0,
    openLeads: 0,
    freshLeads: 0,
  };
  const visible = (at: number) => at <= asOf;
  // By source code: SLA minutes, and whether the source is known; by stage code: the funnel's evidence bits.
  const slaOfSource: Array<number | undefined> = [];
  const knownSource: Array<boolean | undefined> = [];
  const evidenceOfStage: Array<number | undefined> = [];
  for (let row = 0; row < count; row++) {
    const at = rankOfRow[row] as number;
    const base = row * stride;
    const sourceCode = columns.source[at] as number;
    leads.source[row] = sourceCode;
    leads.owner[row] = columns.owner[at] as number;
    leads.campaign[row] = columns.campaign[at] as number;
    let sla = slaOfSource[sourceCode];
    if (sla === undefined) {
      const source = sources.name(sourceCode);
      sla = slaForSource(settings, source);
      slaOfSource[sourceCode] = sla;
      knownSource[sourceCode] = source !== 'unknown';
    }
    const stageCode = columns.stage[at] as number;
    let evidence = evidenceOfStage[stageCode];
    if (evidence === undefined) {
      evidence = ranks.evidence(columns.stages.name(stageCode));
      evidenceOfStage[stageCode] = evidence;
    }
    const createdAt = leads.createdAt[row] as number;
    const firstResponse = summary[base + slotFirstResponse] as number;
    const responded = !Number.isNaN(firstResponse);
    const responseMinutes = responded ? minutes(createdAt, firstResponse) : Number.NaN;
    // The two clocks read the assignment only when it falls between creation and the first response (or asOf):
    // a later date is a re-assignment and says nothing about routing (METRICS.md, "Two clocks").
    const assignedAt = columns.ownerAssignedAt[at] as number;
    const assignedInTime = assignedAt >= createdAt && assignedAt <= (responded ? firstResponse : asOf);
    leads.routingMinutes[row] = assignedInTime ? minutes(createdAt, assignedAt) : Number.NaN;
    leads.afterAssignmentMinutes[row] = assignedInTime && responded ? minutes(assignedAt, firstResponse) : Number.NaN;
    leads.firstResponseAt[row] = firstResponse;
    leads.responseMinutes[row] = responseMinutes;
    leads.bucket[row] = responseBucketIndex(responded ? responseMinutes : undefined);
    // Without a response, the open timer's wait decides both the SLA outcome and the timer's state.
    const openWaitMinutes = responded ? Number.NaN : minutes(createdAt, asOf);
    const openWait: WaitState | null = responded ? null : waitState(openWaitMinutes, sla);
    const outcome: SlaOutcome = responded
      ? responseSlaState(responseMinutes, sla)
      : openWait === 'overdue'
        ? 'overdue'
        : 'waiting';
    leads.slaOutcome[row] = slaOutcomes.indexOf(outcome);

    // A later step implies the earlier ones, so the highest step with evidence is the lead's level.
    leads.level[row] =
      primaryOfWon[row] === 1 || visible(columns.customerAt[at] as number) || (evidence & 4) !== 0
        ? 5
        : inDeal[row] === 1 || visible(columns.opportunityAt[at] as number) || (evidence & 2) !== 0
          ? 4
          : visible(columns.sqlAt[at] as number) || (evidence & 1) !== 0
            ? 3
            : responded
              ? 2
              : 1;
    leads.clvEligible[row] = (horizonEnd[row] as number) <= asOf ? 1 : 0;
    const mql = summary[base + slotMql] as number;
    leads.mqlAt[row] = mql;
    leads.handoffHours[row] = ((summary[base + slotFirstAfterMql] as number) - mql) / hourMs;

    // The lead's timer by the badges' rule, its wait counted in the report's (business) minutes.
    const latestInbound = summary[base + slotLatestInbound] as number;
    const timer = timerKindOf(summary[base + slotLatestResponse] as number, latestInbound);
    leads.timer[row] = timer;
    leads.timerWaitingMinutes[row] = Number.NaN;
    if (timer !== noTimer) {
      // Without a response the open timer's wait is the one measured above for the SLA outcome.
      const open = timer === openTimer && openWait !== null;
      const waiting = open ? openWaitMinutes : minutes(timer === openTimer ? createdAt : latestInbound, asOf);
      const state = open ? openWait : waitState(waiting, sla);
      atAsOf.timers[timer === openTimer ? 'open' : 'inbound'][state]++;
      leads.timerState[row] = waitStates.indexOf(state);
      leads.timerWaitingMinutes[row] = waiting;
    }
    // NaN for none, as `temperatureFrom` takes it: `undefined` here made the engine box each value on the heap.
    const lastTouchAt = summary[base + slotLastTouch] as number;
    const lastInAt = summary[base + slotLastIn] as number;
    const score = columns.score[at] as number;
    const temperature = temperatureFrom(createdAt, score, lastTouchAt, lastInAt, asOf);
    atAsOf.temperature[temperature]++;
    leads.temperature[row] = temperatures.indexOf(temperature);
    let quality = 0;
    if (columns.hasContactFields[at] === 1 && knownSource[sourceCode] === true) {
      atAsOf.completeLeads++;
      quality |= leadComplete;
    }
    if ((evidence & 8) !== 0) {
      atAsOf.openLeads++;
      quality |= leadOpen;
      const updatedAt = columns.updatedAt[at] as number;
      const updatedRecently = updatedAt >= asOf - thirtyDays && updatedAt <= asOf;
      if (updatedRecently || lastTouchAt >= asOf - thirtyDays) {
        atAsOf.freshLeads++;
        quality |= leadFresh;
      }
    }
    leads.quality[row] = quality;
  }
  return atAsOf;
}

/**
 * Builds the report's index once: archived leads and data after asOf removed, every per-lead and per-deal figure
 * that does not depend on the window computed in one pass over each table, and sorted arrays so that any window is
 * two binary searches away.
 */
export function prepareReport(snapshot: Snapshot, settings: MetricSettings, asOf: number): PreparedReport {
  const ranks = LifecycleRanks.of(snapshot);
  const columns = leadColumns(snapshot.leads);
  const live = liveRows(columns, asOf);
  const { count } = live;
  const arena = new ColumnArena(count);
  const started = startLeads(columns, live, asOf, arena);

  let earliest = count > 0 ? Math.min(asOf, started.createdAt[0] as number) : asOf;
  for (const deal of snapshot.deals) if (deal.createdAt < earliest) earliest = deal.createdAt;
  const clock = new ZoneClock(settings.timezone, { from: earliest - 400 * dayMs, to: asOf + 400 * dayMs });
  const business =
    settings.businessHours === null
      ? null
      : new BusinessClock(clock, settings.businessHours, { from: earliest - dayMs, to: asOf + dayMs });
  const minutes = minutesMeasure(business);
  const adoptionAt = settings.adoptionDate === undefined ? null : clock.localMidnight(settings.adoptionDate);

  const deals = dealsAtAsOf(snapshot, live, asOf, arena);
  const horizonEnd = scratchFloat64('horizonEnd', count).fill(Number.NaN);
  for (let row = 0; row < count; row++) {
    const first = deals.firstPurchaseAt[row] as number;
    if (!Number.isNaN(first)) horizonEnd[row] = clock.addMonths(first, settings.clvHorizonMonths);
  }
  // The leads' codes are the snapshot's; a report's own tables add what only its deals name.
  const keys = { sources: columns.sources.copy(), owners: columns.owners.copy(), campaigns: columns.campaigns.copy() };
  // Every float64 column before the first uint32 one (createdAt and firstPurchaseAt are cut above), then uint8.
  const clvValue = arena.float64(count);
  const firstResponseAt = arena.float64(count);
  const responseMinutes = arena.float64(count);
  const mqlAt = arena.float64(count);
  const handoffHours = arena.float64(count);
  const routingMinutes = arena.float64(count);
  const afterAssignmentMinutes = arena.float64(count);
  const timerWaitingMinutes = arena.float64(count);
  const clvDeals = arena.uint32(count);
  const { wonDeals, openDeals, hasControl, lostDeals } = wonAndOpenDeals(
    {
      snapshot,
      settings,
      columns,
      live,
      leadCreatedAt: started.createdAt,
      firstPurchaseAt: deals.firstPurchaseAt,
      horizonEnd,
      keys,
    },
    deals.kept,
    clvValue,
    clvDeals,
  );
  const touches = foldTouches(snapshot, live, started.summary, asOf);

  const leads: LeadTable = {
    count,
    get ids() {
      return started.ids();
    },
    createdAt: started.createdAt,
    firstResponseAt,
    responseMinutes,
    firstPurchaseAt: deals.firstPurchaseAt,
    clvValue,
    mqlAt,
    handoffHours,
    routingMinutes,
    afterAssignmentMinutes,
    timerWaitingMinutes,
    source: arena.uint32(count),
    owner: arena.uint32(count),
    campaign: arena.uint32(count),
    clvDeals,
    bucket: arena.uint8(count),
    slaOutcome: arena.uint8(count),
    level: arena.uint8(count),
    clvEligible: arena.uint8(count),
    timer: arena.uint8(count),
    timerState: arena.uint8(count),
    temperature: arena.uint8(count),
    quality: arena.uint8(count),
  };
  const atAsOf = leadFigures(
    {
      settings,
      asOf,
      ranks,
      columns,
      live,
      sources: keys.sources,
      minutes,
      summary: started.summary,
      inDeal: deals.inDeal,
      primaryOfWon: deals.primaryOfWon,
      horizonEnd,
    },
    leads,
  );

  const customers = sortedRowsBy(leads.firstPurchaseAt);
  const mqls = sortedRowsBy(leads.mqlAt);
  const feedback = snapshot.feedback.filter((entry) => entry.at <= asOf).sort((a, b) => a.at - b.at);
  const spend: SpendEntry[] = [];
  for (const [source, months] of Object.entries(settings.marketingSpend)) {
    for (const [key, amount] of Object.entries(months)) {
      const month = monthIndexOfKey(key);
      spend.push({ source, amount, month: { from: clock.monthStart(month), to: clock.monthStart(month + 1) } });
    }
  }

  const prepared: PreparedReport = {
    settings,
    asOf,
    clock,
    business,
    minutes,
    adoptionAt,
    ranks,
    keys,
    leads,
    customerRows: customers.rows,
    customerAt: customers.at,
    mqlRows: mqls.rows,
    mqlAt: mqls.at,
    wonDeals,
    lostDeals,
    revenuePrefix: prefixSums(wonDeals.amount),
    controlRevenuePrefix: prefixSums(wonDeals.amount, (i) => wonDeals.inControl[i] === 1),
    restRevenuePrefix: prefixSums(wonDeals.amount, (i) => wonDeals.inControl[i] === 0),
    hasControl,
    automatedAt: touches.automatedAt,
    feedback,
    feedbackAt: Float64Array.from(feedback, (entry) => entry.at),
    spend,
    openDeals,
    dealStages: prepareDealStages(snapshot, asOf),
    atAsOf,
    counts: {
      liveLeads: count,
      archivedLeads: live.archivedLeads,
      deals: deals.kept.count,
      touches: touches.count,
    },
  };
  arenaOf.set(prepared, arena.buffer);
  return prepared;
}
