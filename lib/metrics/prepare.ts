// Reads of typed arrays and rows are cast (`as number`): every index is bounded by its loop or a binary search,
// which `noUncheckedIndexedAccess` cannot see.
import { isPresent } from '../model/fields.ts';
import type { MetricSettings } from '../model/settings.ts';
import type { Feedback, Snapshot } from '../model/snapshot.ts';
import {
  BusinessClock,
  dayMs,
  hourMs,
  type MinutesBetween,
  minutesMeasure,
  monthIndexOfKey,
  type Window,
  ZoneClock,
} from './calendar.ts';
import { LifecycleRanks } from './funnel.ts';
import {
  isInboundTouch,
  isResponseTouch,
  responseBucketIndex,
  responseSlaState,
  type WaitState,
  waitState,
} from './response.ts';
import { effectiveSource, noCampaign, noOwner } from './sources.ts';
import { sortedOrder } from './stats.ts';
import { type Temperature, temperatureFrom } from './team-health.ts';

/** SLA outcome of a lead in a cohort: decided (met, missed, overdue without response) or still waiting. */
export const slaOutcomes = ['met', 'missed', 'overdue', 'waiting'] as const;
export type SlaOutcome = (typeof slaOutcomes)[number];

/** Strings (sources, reps, campaigns) as small integer codes, so groupings index arrays instead of hashing. */
export class KeyTable {
  readonly names: string[] = [];
  private readonly codes = new Map<string, number>();

  code(name: string): number {
    let code = this.codes.get(name);
    if (code === undefined) {
      code = this.names.length;
      this.names.push(name);
      this.codes.set(name, code);
    }
    return code;
  }

  name(code: number): string {
    return this.names[code] ?? '';
  }
}

/**
 * The live leads, sorted by `createdAt`, one typed array per figure (row i of each is the same lead): the report
 * reads them in windows of consecutive rows, and 100 000 leads stay a few MB with nothing for the GC to chase.
 * NaN stands for "none".
 */
export interface LeadTable {
  count: number;
  ids: string[];
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
  month: Window;
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
  atAsOf: AtAsOfCounts;
  counts: { liveLeads: number; archivedLeads: number; deals: number; touches: number };
}

function gather<T extends Float64Array | Uint32Array | Uint8Array>(column: T, order: Uint32Array): T {
  const sorted = new (column.constructor as new (length: number) => T)(order.length);
  for (let i = 0; i < order.length; i++) sorted[i] = column[order[i] as number] as number;
  return sorted;
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
const flagResponse = 1;
const flagInbound = 2;
const flagIn = 4;
const flagIgnored = 128;
const noRow = -1;
const severalRows = -2;

/**
 * Builds the report's index once: archived leads and data after asOf removed, every per-lead and per-deal figure
 * that does not depend on the window computed in one pass over each table, and sorted arrays so that any window is
 * two binary searches away.
 */
export function prepareReport(snapshot: Snapshot, settings: MetricSettings, asOf: number): PreparedReport {
  const ranks = LifecycleRanks.of(snapshot);
  const horizonMonths = settings.clvHorizonMonths;

  // Archived leads go first, with every reference to them; so do leads not yet created at asOf.
  // Until the end, row i is the i-th live lead in the snapshot's order: walking the lead objects in the order they
  // sit in memory is markedly faster than in date order. The finished columns are then sorted by date.
  const live = snapshot.leads.filter((lead) => !lead.archived && lead.createdAt <= asOf);
  const count = live.length;
  const rowOf = new Map<string, number>();
  for (let row = 0; row < count; row++) rowOf.set((live[row] as (typeof live)[number]).id, row);

  let earliest = asOf;
  for (const lead of live) if (lead.createdAt < earliest) earliest = lead.createdAt;
  for (const deal of snapshot.deals) if (deal.createdAt < earliest) earliest = deal.createdAt;
  const clock = new ZoneClock(settings.timezone, { from: earliest - 400 * dayMs, to: asOf + 400 * dayMs });
  const business =
    settings.businessHours === null
      ? null
      : new BusinessClock(clock, settings.businessHours, { from: earliest - dayMs, to: asOf + dayMs });
  const minutes = minutesMeasure(business);
  const adoptionAt = settings.adoptionDate === undefined ? null : clock.localMidnight(settings.adoptionDate);
  const visible = (at: number | undefined) => at !== undefined && at <= asOf;

  const summary = scratchFloat64('summary', count * stride).fill(Number.NaN);
  for (let row = 0; row < count; row++) {
    const lead = live[row] as (typeof live)[number];
    summary[row * stride + slotCreated] = lead.createdAt;
    const mql = lead.stageDates.marketingqualifiedlead;
    if (mql !== undefined && mql <= asOf) summary[row * stride + slotMql] = mql;
  }

  // Deals, pass 1: primary leads, deal membership, first purchases.
  const inDeal = scratchUint8('inDeal', count).fill(0);
  const primaryOfWon = scratchUint8('primaryOfWon', count).fill(0);
  const firstPurchaseAt = new Float64Array(count).fill(Number.NaN);
  const keptDeals: Array<{ deal: Snapshot['deals'][number]; primary: number }> = [];
  for (const deal of snapshot.deals) {
    if (deal.createdAt > asOf) continue;
    const closed = deal.isClosed || deal.isWon;
    if (closed && deal.closeDate !== undefined && deal.closeDate > asOf) continue;
    let primary = -1;
    for (const leadId of deal.leadIds) {
      const row = rowOf.get(leadId);
      if (row === undefined) continue;
      if (primary < 0) primary = row;
      inDeal[row] = 1;
    }
    keptDeals.push({ deal, primary });
    if (deal.isWon && primary >= 0) {
      primaryOfWon[primary] = 1;
      const close = deal.closeDate;
      if (close !== undefined && !(close >= (firstPurchaseAt[primary] as number))) firstPurchaseAt[primary] = close;
    }
  }

  const horizonEnd = scratchFloat64('horizonEnd', count).fill(Number.NaN);
  for (let row = 0; row < count; row++) {
    const first = firstPurchaseAt[row] as number;
    if (!Number.isNaN(first)) horizonEnd[row] = clock.addMonths(first, horizonMonths);
  }
  const clvValue = new Float64Array(count);
  const clvDeals = new Uint32Array(count);

  // Deals, pass 2: won deals with a close date get their cycle and feed CLV; open deals feed the forecast.
  const sources = new KeyTable();
  const owners = new KeyTable();
  const campaigns = new KeyTable();
  const control = settings.controlSegment;
  const controlOwners = new Set(control?.owners ?? []);
  const controlSources = new Set(control?.sources ?? []);
  const hasControl = controlOwners.size + controlSources.size > 0;
  const probabilityOf = new Map<string, Map<string, number>>();
  for (const stage of snapshot.stages) {
    const pipeline = probabilityOf.get(stage.pipelineId) ?? new Map<string, number>();
    pipeline.set(stage.stageId, stage.probability);
    probabilityOf.set(stage.pipelineId, pipeline);
  }
  const won: Array<{
    id: string;
    amount: number;
    close: number;
    cycle: number;
    source: number;
    rep: number;
    campaign: number;
    inControl: boolean;
  }> = [];
  const openDeals: OpenDealFacts[] = [];
  for (const { deal, primary } of keptDeals) {
    const lead = primary >= 0 ? live[primary] : undefined;
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
    if (!deal.isWon || deal.closeDate === undefined) continue;
    const close = deal.closeDate;
    let cycleFrom = deal.createdAt;
    if (lead !== undefined) {
      // All of a customer's won deals at the earliest close count as its first purchase.
      if (close === firstPurchaseAt[primary]) cycleFrom = lead.createdAt;
      if (close < (horizonEnd[primary] as number)) {
        clvValue[primary] = (clvValue[primary] as number) + deal.amount;
        clvDeals[primary] = (clvDeals[primary] as number) + 1;
      }
    }
    const source = lead ? effectiveSource(lead) : 'unknown';
    const leadOwner = lead && isPresent(lead.ownerId) ? lead.ownerId : undefined;
    won.push({
      id: deal.id,
      amount: deal.amount,
      close,
      cycle: (close - cycleFrom) / dayMs,
      source: sources.code(source),
      rep: owners.code(isPresent(deal.ownerId) ? deal.ownerId : (leadOwner ?? noOwner)),
      campaign: campaigns.code(lead && isPresent(lead.campaign) ? lead.campaign : noCampaign),
      // The control is about who handled the lead, so the lead's owner counts, not the deal's.
      inControl:
        hasControl &&
        lead !== undefined &&
        ((leadOwner !== undefined && controlOwners.has(leadOwner)) || controlSources.has(source)),
    });
  }
  const wonOrder = sortedOrder(Float64Array.from(won, (deal) => deal.close));
  const wonSorted = Array.from(wonOrder, (i) => won[i] as (typeof won)[number]);
  const wonDeals: WonDealTable = {
    count: wonSorted.length,
    ids: wonSorted.map((deal) => deal.id),
    amount: Float64Array.from(wonSorted, (deal) => deal.amount),
    closeDate: Float64Array.from(wonSorted, (deal) => deal.close),
    cycleDays: Float64Array.from(wonSorted, (deal) => deal.cycle),
    source: Uint32Array.from(wonSorted, (deal) => deal.source),
    rep: Uint32Array.from(wonSorted, (deal) => deal.rep),
    campaign: Uint32Array.from(wonSorted, (deal) => deal.campaign),
    inControl: Uint8Array.from(wonSorted, (deal) => (deal.inControl ? 1 : 0)),
  };

  // Touches: one pass over the table in three tight loops (read the touches, resolve their leads, fold into the
  // leads' summaries). Resolving ids and folding are dominated by cache misses on random leads; kept apart from the
  // touches' unpredictable branches, the CPU overlaps those misses: 300 000 touches took ≈ 80 ms this way against
  // ≈ 150 ms in one loop doing everything.
  const touches = snapshot.touches;
  const touchTotal = touches.length;
  const touchAt = scratchFloat64('touchAt', touchTotal);
  const touchFlags = scratchUint8('touchFlags', touchTotal);
  const automated: number[] = [];
  let touchCount = 0;
  for (let i = 0; i < touchTotal; i++) {
    const touch = touches[i] as (typeof touches)[number];
    const at = touch.at;
    touchAt[i] = at;
    if (at > asOf) {
      touchFlags[i] = flagIgnored;
      continue;
    }
    touchCount++;
    if (touch.automated) automated.push(at);
    touchFlags[i] =
      (isResponseTouch(touch) ? flagResponse : 0) |
      (isInboundTouch(touch) ? flagInbound : 0) |
      (touch.direction === 'in' ? flagIn : 0);
  }
  // Row of the touch's only lead; `noRow` when it names no live lead, `severalRows` when it names several.
  const touchRow = scratchInt32('touchRow', touchTotal);
  for (let i = 0; i < touchTotal; i++) {
    if (touchFlags[i] === flagIgnored) {
      touchRow[i] = noRow;
      continue;
    }
    const leadIds = (touches[i] as (typeof touches)[number]).leadIds;
    touchRow[i] =
      leadIds.length === 1 ? (rowOf.get(leadIds[0] as string) ?? noRow) : leadIds.length === 0 ? noRow : severalRows;
  }
  const fold = (row: number, at: number, flags: number) => {
    const base = row * stride;
    if (!(at <= (summary[base + slotLastTouch] as number))) summary[base + slotLastTouch] = at;
    if (flags & flagIn && !(at <= (summary[base + slotLastIn] as number))) summary[base + slotLastIn] = at;
    if (flags & flagInbound && !(at <= (summary[base + slotLatestInbound] as number))) {
      summary[base + slotLatestInbound] = at;
    }
    if (flags & flagResponse && at >= (summary[base + slotCreated] as number)) {
      if (!(at >= (summary[base + slotFirstResponse] as number))) summary[base + slotFirstResponse] = at;
      if (!(at <= (summary[base + slotLatestResponse] as number))) summary[base + slotLatestResponse] = at;
      if (at >= (summary[base + slotMql] as number) && !(at >= (summary[base + slotFirstAfterMql] as number))) {
        summary[base + slotFirstAfterMql] = at;
      }
    }
  };
  for (let i = 0; i < touchTotal; i++) {
    const row = touchRow[i] as number;
    if (row === noRow) continue;
    const at = touchAt[i] as number;
    const flags = touchFlags[i] as number;
    if (row !== severalRows) {
      fold(row, at, flags);
      continue;
    }
    for (const leadId of (touches[i] as (typeof touches)[number]).leadIds) {
      const other = rowOf.get(leadId);
      if (other !== undefined) fold(other, at, flags);
    }
  }

  // The columns are written straight in date order: `dateRank[row]` is where the row's lead goes.
  // Read each lead object once, in memory order; later reads in date order would each miss the cache.
  const createdInRowOrder = Float64Array.from(live, (lead) => lead.createdAt);
  const idsInRowOrder = live.map((lead) => lead.id);
  const order = sortedOrder(createdInRowOrder);
  const dateRank = new Uint32Array(count);
  for (let i = 0; i < count; i++) dateRank[order[i] as number] = i;
  const leads: LeadTable = {
    count,
    ids: Array.from(order, (row) => idsInRowOrder[row] as string),
    createdAt: gather(createdInRowOrder, order),
    source: new Uint32Array(count),
    owner: new Uint32Array(count),
    campaign: new Uint32Array(count),
    firstResponseAt: new Float64Array(count),
    responseMinutes: new Float64Array(count),
    bucket: new Uint8Array(count),
    slaOutcome: new Uint8Array(count),
    level: new Uint8Array(count),
    firstPurchaseAt: gather(firstPurchaseAt, order),
    clvEligible: new Uint8Array(count),
    clvValue: gather(clvValue, order),
    clvDeals: gather(clvDeals, order),
    mqlAt: new Float64Array(count),
    handoffHours: new Float64Array(count),
  };
  const atAsOf: AtAsOfCounts = {
    timers: { open: { ok: 0, due: 0, overdue: 0 }, inbound: { ok: 0, due: 0, overdue: 0 } },
    temperature: { hot: 0, warm: 0, cold: 0 },
    completeLeads: 0,
    openLeads: 0,
    freshLeads: 0,
  };
  const optional = (value: number) => (Number.isNaN(value) ? undefined : value);
  // SLA minutes by source code, looked up in the settings once per source rather than once per lead.
  const slaOfSource: Array<number | undefined> = [];
  for (let row = 0; row < count; row++) {
    const lead = live[row] as (typeof live)[number];
    const base = row * stride;
    const position = dateRank[row] as number;
    const source = effectiveSource(lead);
    const sourceCode = sources.code(source);
    leads.source[position] = sourceCode;
    leads.owner[position] = owners.code(isPresent(lead.ownerId) ? lead.ownerId : noOwner);
    leads.campaign[position] = campaigns.code(isPresent(lead.campaign) ? lead.campaign : noCampaign);
    let sla = slaOfSource[sourceCode];
    if (sla === undefined) {
      sla = settings.slaBySource[source] ?? settings.slaMinutes;
      slaOfSource[sourceCode] = sla;
    }
    const firstResponse = summary[base + slotFirstResponse] as number;
    const responded = !Number.isNaN(firstResponse);
    const responseMinutes = responded ? minutes(lead.createdAt, firstResponse) : Number.NaN;
    leads.firstResponseAt[position] = firstResponse;
    leads.responseMinutes[position] = responseMinutes;
    leads.bucket[position] = responseBucketIndex(responded ? responseMinutes : undefined);
    // Without a response, the open timer's wait decides both the SLA outcome and the timer's state.
    const openWait: WaitState | null = responded ? null : waitState(minutes(lead.createdAt, asOf), sla);
    const outcome: SlaOutcome = responded
      ? responseSlaState(responseMinutes, sla)
      : openWait === 'overdue'
        ? 'overdue'
        : 'waiting';
    leads.slaOutcome[position] = slaOutcomes.indexOf(outcome);

    const stage = lead.lifecycleStage;
    const dates = lead.stageDates;
    const evidence = ranks.evidence(stage);
    // A later step implies the earlier ones, so the highest step with evidence is the lead's level.
    leads.level[position] =
      primaryOfWon[row] === 1 || visible(dates.customer) || (evidence & 4) !== 0
        ? 5
        : inDeal[row] === 1 || visible(dates.opportunity) || (evidence & 2) !== 0
          ? 4
          : visible(dates.salesqualifiedlead) || (evidence & 1) !== 0
            ? 3
            : responded
              ? 2
              : 1;
    const end = horizonEnd[row] as number;
    leads.clvEligible[position] = end <= asOf ? 1 : 0;
    const mql = summary[base + slotMql] as number;
    leads.mqlAt[position] = mql;
    leads.handoffHours[position] = ((summary[base + slotFirstAfterMql] as number) - mql) / hourMs;

    // The timer rules of `timerFromSummary`, inlined: this runs once per lead.
    const latestResponse = summary[base + slotLatestResponse] as number;
    const latestInbound = summary[base + slotLatestInbound] as number;
    if (openWait !== null) {
      atAsOf.timers.open[openWait]++;
    } else if (latestInbound > latestResponse) {
      atAsOf.timers.inbound[waitState(minutes(latestInbound, asOf), sla)]++;
    }
    const lastTouchAt = optional(summary[base + slotLastTouch] as number);
    const lastInAt = optional(summary[base + slotLastIn] as number);
    atAsOf.temperature[temperatureFrom(lead.createdAt, lead.score, lastTouchAt, lastInAt, asOf)]++;
    if (isPresent(lead.email) && isPresent(lead.ownerId) && source !== 'unknown' && isPresent(stage)) {
      atAsOf.completeLeads++;
    }
    if ((evidence & 8) !== 0) {
      atAsOf.openLeads++;
      const updatedRecently = lead.updatedAt >= asOf - thirtyDays && lead.updatedAt <= asOf;
      if (updatedRecently || (lastTouchAt !== undefined && lastTouchAt >= asOf - thirtyDays)) atAsOf.freshLeads++;
    }
  }

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

  return {
    settings,
    asOf,
    clock,
    business,
    minutes,
    adoptionAt,
    ranks,
    keys: { sources, owners, campaigns },
    leads,
    customerRows: customers.rows,
    customerAt: customers.at,
    mqlRows: mqls.rows,
    mqlAt: mqls.at,
    wonDeals,
    revenuePrefix: prefixSums(wonDeals.amount),
    controlRevenuePrefix: prefixSums(wonDeals.amount, (i) => wonDeals.inControl[i] === 1),
    restRevenuePrefix: prefixSums(wonDeals.amount, (i) => wonDeals.inControl[i] === 0),
    hasControl,
    automatedAt: Float64Array.from(automated).sort(),
    feedback,
    feedbackAt: Float64Array.from(feedback, (entry) => entry.at),
    spend,
    openDeals,
    atAsOf,
    counts: {
      liveLeads: count,
      archivedLeads: snapshot.leads.reduce((archived, lead) => archived + (lead.archived ? 1 : 0), 0),
      deals: keptDeals.length,
      touches: touchCount,
    },
  };
}
