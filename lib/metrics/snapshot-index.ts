import { isPresent } from '../model/present.ts';
import type { Deal, Lead, Snapshot, Touch } from '../model/snapshot.ts';
import { isInboundTouch, isResponseTouch } from './response.ts';
import { effectiveSource, noCampaign, noOwner } from './sources.ts';
import { sortedOrder } from './stats.ts';

// What a report needs of a snapshot that does not depend on asOf or the settings: the leads and touches as typed
// columns, and the joins of touches and deals to leads by id. The panel prepares a report of one snapshot for every
// filter, setting and asOf, so these are built once per leads, touches and deals array and kept while the arrays
// live (a WeakMap: dropping the snapshot drops them). On 100 000 leads and 300 000 touches, resolving the touches'
// ids through a string-keyed Map was half of a report, and reading fields off scattered objects most of the rest.
// Snapshots are values — nothing changes their arrays once a report has read them; a changed length is caught
// anyway and the index rebuilt.

/** Strings (sources, reps, campaigns, stages) as small integer codes, so groupings index arrays instead of hashing. */
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

  /** A table with the same codes that can grow on its own (a report adds the names only its deals carry). */
  copy(): KeyTable {
    const copy = new KeyTable();
    for (const name of this.names) copy.code(name);
    return copy;
  }
}

/** In `TouchColumns.lead`: the touch names no lead of the snapshot, or several ids. */
export const noLead = -1;
export const severalLeads = -2;

export const touchResponse = 1;
export const touchInbound = 2;
/** Direction `in`, whatever the kind (temperature's last inbound touch). */
export const touchIn = 4;
export const touchAutomated = 8;

/**
 * One entry per lead, in date order: entry r is the r-th lead by `createdAt` (ties in the snapshot's order), its
 * "rank". A report walks leads by date, and every column read then goes forward through memory; in the snapshot's
 * order each read of a dozen columns was a cache miss. NaN stands for "none".
 */
export interface LeadColumns {
  count: number;
  /** Each id's rank; ids are unique in a snapshot, and should one repeat, the last wins. */
  rank: ReadonlyMap<string, number>;
  /** Rank of the lead at each position of the snapshot's leads array, and the reverse. */
  rankOfPosition: Int32Array;
  positionOfRank: Uint32Array;
  ids: readonly string[];
  createdAt: Float64Array;
  updatedAt: Float64Array;
  archived: Uint8Array;
  score: Float64Array;
  mqlAt: Float64Array;
  sqlAt: Float64Array;
  opportunityAt: Float64Array;
  customerAt: Float64Array;
  /** When the current owner was assigned (the routing clock's end). */
  ownerAssignedAt: Float64Array;
  /** Codes of `sources` (effective source), `owners` (or `(no owner)`), `campaigns` (or `(no campaign)`), `stages`. */
  source: Uint32Array;
  owner: Uint32Array;
  campaign: Uint32Array;
  stage: Uint32Array;
  /** 1 when e-mail, owner and lifecycle stage are present (data completeness also wants a known source). */
  hasContactFields: Uint8Array;
  sources: KeyTable;
  owners: KeyTable;
  campaigns: KeyTable;
  stages: KeyTable;
}

/**
 * One entry per touch, ordered by its lead's rank (touches naming several leads or none last): folding touches into
 * their leads' summaries then walks the summaries forward instead of jumping to a random lead per touch.
 */
export interface TouchColumns {
  /** Index of entry j's touch in the snapshot's touches array. */
  touch: Uint32Array;
  at: Float64Array;
  /** `touchResponse | touchInbound | touchIn | touchAutomated`. */
  flags: Uint8Array;
  /** Rank of the touch's only lead, `noLead`, or `severalLeads` when it names several ids. */
  lead: Int32Array;
}

/** The lead ranks of deal i are `lead[start[i]]` up to `lead[start[i + 1]]`, in the deal's order (`noLead` for an unknown id). */
export interface DealLeads {
  start: Uint32Array;
  lead: Int32Array;
}

interface Kept<T> {
  value: T;
  length: number;
  leads?: readonly Lead[];
}

const leadIndexes = new WeakMap<readonly Lead[], Kept<LeadColumns>>();
const touchIndexes = new WeakMap<readonly Touch[], Kept<TouchColumns>>();
const dealIndexes = new WeakMap<readonly Deal[], Kept<DealLeads>>();

function kept<K extends object, T>(
  map: WeakMap<K, Kept<T>>,
  key: K & { length: number },
  leads: readonly Lead[] | undefined,
  build: () => T,
): T {
  const found = map.get(key);
  if (found !== undefined && found.length === key.length && found.leads === leads) return found.value;
  const value = build();
  map.set(key, { value, length: key.length, leads });
  return value;
}

const orNaN = (at: number | undefined) => (at === undefined ? Number.NaN : at);

function buildLeadColumns(leads: readonly Lead[]): LeadColumns {
  const count = leads.length;
  const createdInOrder = new Float64Array(count);
  for (let i = 0; i < count; i++) createdInOrder[i] = (leads[i] as Lead).createdAt;
  const order = sortedOrder(createdInOrder);
  const rankOfPosition = new Int32Array(count);
  for (let r = 0; r < count; r++) rankOfPosition[order[r] as number] = r;
  const columns: LeadColumns = {
    count,
    rank: new Map(),
    rankOfPosition,
    positionOfRank: order,
    ids: new Array<string>(count),
    createdAt: new Float64Array(count),
    updatedAt: new Float64Array(count),
    archived: new Uint8Array(count),
    score: new Float64Array(count),
    mqlAt: new Float64Array(count),
    sqlAt: new Float64Array(count),
    opportunityAt: new Float64Array(count),
    customerAt: new Float64Array(count),
    ownerAssignedAt: new Float64Array(count),
    source: new Uint32Array(count),
    owner: new Uint32Array(count),
    campaign: new Uint32Array(count),
    stage: new Uint32Array(count),
    hasContactFields: new Uint8Array(count),
    sources: new KeyTable(),
    owners: new KeyTable(),
    campaigns: new KeyTable(),
    stages: new KeyTable(),
  };
  const rank = new Map<string, number>();
  const ids = columns.ids as string[];
  // Objects read in the snapshot's order (as they sit in memory), columns written at each lead's rank.
  for (let i = 0; i < count; i++) {
    const lead = leads[i] as Lead;
    const r = rankOfPosition[i] as number;
    rank.set(lead.id, r);
    ids[r] = lead.id;
    columns.createdAt[r] = lead.createdAt;
    columns.updatedAt[r] = lead.updatedAt;
    columns.archived[r] = lead.archived ? 1 : 0;
    columns.score[r] = orNaN(lead.score);
    const dates = lead.stageDates;
    columns.mqlAt[r] = orNaN(dates.marketingqualifiedlead);
    columns.sqlAt[r] = orNaN(dates.salesqualifiedlead);
    columns.opportunityAt[r] = orNaN(dates.opportunity);
    columns.customerAt[r] = orNaN(dates.customer);
    columns.ownerAssignedAt[r] = orNaN(lead.ownerAssignedAt);
    columns.source[r] = columns.sources.code(effectiveSource(lead));
    columns.owner[r] = columns.owners.code(isPresent(lead.ownerId) ? lead.ownerId : noOwner);
    columns.campaign[r] = columns.campaigns.code(isPresent(lead.campaign) ? lead.campaign : noCampaign);
    columns.stage[r] = columns.stages.code(lead.lifecycleStage);
    columns.hasContactFields[r] =
      isPresent(lead.email) && isPresent(lead.ownerId) && isPresent(lead.lifecycleStage) ? 1 : 0;
  }
  return { ...columns, rank };
}

export function leadColumns(leads: readonly Lead[]): LeadColumns {
  return kept(leadIndexes, leads, undefined, () => buildLeadColumns(leads));
}

export function touchColumns(touches: readonly Touch[], leads: readonly Lead[]): TouchColumns {
  return kept(touchIndexes, touches, leads, () => {
    const { rank, count } = leadColumns(leads);
    const total = touches.length;
    const leadOf = new Int32Array(total);
    const sortKey = new Float64Array(total);
    for (let i = 0; i < total; i++) {
      const ids = (touches[i] as Touch).leadIds;
      const r = ids.length === 1 ? (rank.get(ids[0] as string) ?? noLead) : ids.length === 0 ? noLead : severalLeads;
      leadOf[i] = r;
      sortKey[i] = r >= 0 ? r : r === severalLeads ? count : count + 1;
    }
    const order = sortedOrder(sortKey);
    const at = new Float64Array(total);
    const flags = new Uint8Array(total);
    const lead = new Int32Array(total);
    for (let j = 0; j < total; j++) {
      const i = order[j] as number;
      const touch = touches[i] as Touch;
      at[j] = touch.at;
      flags[j] =
        (isResponseTouch(touch) ? touchResponse : 0) |
        (isInboundTouch(touch) ? touchInbound : 0) |
        (touch.direction === 'in' ? touchIn : 0) |
        (touch.automated ? touchAutomated : 0);
      lead[j] = leadOf[i] as number;
    }
    return { touch: order, at, flags, lead };
  });
}

export function dealLeads(deals: readonly Deal[], leads: readonly Lead[]): DealLeads {
  return kept(dealIndexes, deals, leads, () => {
    const { rank } = leadColumns(leads);
    const start = new Uint32Array(deals.length + 1);
    for (let i = 0; i < deals.length; i++) start[i + 1] = (start[i] as number) + (deals[i] as Deal).leadIds.length;
    const lead = new Int32Array(start[deals.length] as number);
    for (let i = 0, j = 0; i < deals.length; i++) {
      for (const id of (deals[i] as Deal).leadIds) lead[j++] = rank.get(id) ?? noLead;
    }
    return { start, lead };
  });
}

export interface LeadSubset {
  leads: Lead[];
  /** The touches naming at least one kept lead. */
  touches: Touch[];
  /** Whether the lead of this id was kept. */
  has: (id: string) => boolean;
}

/**
 * The leads `keep` accepts and the touches that name one of them, in snapshot order, found through the whole
 * snapshot's joins instead of by id again.
 */
export function leadSubset(snapshot: Snapshot, keep: (lead: Lead) => boolean): LeadSubset {
  const all = snapshot.leads;
  const { rank, rankOfPosition } = leadColumns(all);
  const touchTable = touchColumns(snapshot.touches, all);
  // By rank: whether the lead is kept.
  const inSubset = new Uint8Array(all.length);
  const leads: Lead[] = [];
  for (let i = 0; i < all.length; i++) {
    const lead = all[i] as Lead;
    if (!keep(lead)) continue;
    inSubset[rankOfPosition[i] as number] = 1;
    leads.push(lead);
  }
  const has = (id: string) => {
    const r = rank.get(id);
    return r !== undefined && inSubset[r] === 1;
  };
  const keepTouch = new Uint8Array(snapshot.touches.length);
  for (let j = 0; j < touchTable.lead.length; j++) {
    const r = touchTable.lead[j] as number;
    const i = touchTable.touch[j] as number;
    const kept =
      r === severalLeads ? (snapshot.touches[i] as Touch).leadIds.some(has) : r !== noLead && inSubset[r] === 1;
    if (kept) keepTouch[i] = 1;
  }
  const touches = snapshot.touches.filter((_, i) => keepTouch[i] === 1);
  return { leads, touches, has };
}
