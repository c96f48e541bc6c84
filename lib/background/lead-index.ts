import type { LeadRecord } from '../crm/adapter';
import type { StoreStamp } from '../db/analytics-chunks';
import {
  type AnalyticsChunk,
  type AnalyticsTable,
  decodeRow,
  decodeText,
  encodeText,
  type ListColumn,
  listAt,
  type TextColumn,
  textAt,
} from '../db/columns';
import type { ViewedTouch } from '../metrics/lead-view';
import type { Deal, Touch } from '../model';
import { displayNameKey } from '../overlay/display-name';

// The lead look-up's index in the worker's memory, built from the analytics store's column chunks and kept current
// by applying the chunks appended since (a sync's few changed rows). Through IndexedDB a look-up of 50 addresses costs
// ~150 requests: on a portal of 100 000 contacts 7 ms on a settled cache, but 15–30 ms for minutes after a full sync
// had written half a million rows (the database's own state, with the machine idle). From memory it takes well under a
// millisecond whatever the database does. Lead and deal rows are decoded from their chunks only when asked for.
//
// The index is an image of typed arrays (`LeadIndexImage`): sorted hashes of the addresses, ids, names and deal ids
// with the rows they point at, and the touches and open deals of each lead packed by lead. It holds no Map or object
// per row, so the worker stores it as one IndexedDB record and a stopped worker loads it in one read instead of
// rebuilding it (~1 s of reading and work at 100 000 contacts, on every start: MV3 stops a worker idle for 30 s).
// Hashes only narrow the search: every hit is checked against the row's own text, so a collision never answers with
// another lead.

/** What a persisted image was made by: an image of another format is not read (it is rebuilt and replaced). */
export const LEAD_INDEX_FORMAT = 1;

const KINDS: readonly Touch['kind'][] = ['email', 'call', 'meeting', 'note', 'task'];
const DIRECTIONS: readonly Touch['direction'][] = ['in', 'out', 'none'];

/** Where a row's latest version is: chunk number × ROW_SPAN + row (a chunk holds at most 10 000 rows). */
const ROW_SPAN = 1 << 16;

/** Hashes of keys, sorted, each with the position of the row it names (a key may name several). */
export interface HashedKeys {
  hashes: Uint32Array;
  positions: Uint32Array;
  /** Bits of each hash kept: a hash and a position are packed in one float's 53 bits to sort them together. */
  bits: number;
}

/**
 * The index as data: what `leadIndexFrom` answers from, and what the worker persists. "Owners" are every id the
 * touches and deals name, the live leads first (owner position = lead position below `leadSlots.length`).
 */
export interface LeadIndexImage {
  format: number;
  /** The store's state the image reflects; chunks appended later are applied on top (`LeadIndex.apply`). */
  stamp: StoreStamp;
  /** The lead and deal chunks rows are decoded from (touch and feedback chunks are not kept). */
  chunks: AnalyticsChunk[];
  /** Each live lead's latest row (chunk × ROW_SPAN + row). */
  leadSlots: Uint32Array;
  ownerIds: TextColumn;
  /** Each deal's latest row, open or closed. */
  dealSlots: Uint32Array;
  emails: HashedKeys;
  ids: HashedKeys;
  names: HashedKeys;
  deals: HashedKeys;
  /** Per owner, where its touches end in the three touch columns. */
  touchEnds: Uint32Array;
  touchAt: Float64Array;
  /** kind × 8 + direction × 2 + automated. */
  touchCode: Uint8Array;
  /** The touch's id as a number (`idNumber`), so a later version of it masks this one. */
  touchNumber: Float64Array;
  /** Non-numeric touch ids, by their number: -(position + 1). */
  internedTouchIds: string[];
  /** Per owner, where its open deals end in `openDeals` (deal positions). */
  openDealEnds: Uint32Array;
  openDeals: Uint32Array;
}

export interface LeadIndex {
  /** The state it reflects: chunks appended later are applied with `apply`; a new epoch needs a new build. */
  readonly stamp: StoreStamp;
  readonly leadCount: number;
  /** Rows applied since the build (`apply`). */
  readonly appliedRows: number;
  /** The image it answers from, before the rows applied since (what the worker persists). */
  readonly image: LeadIndexImage;
  /** Leads by any of their addresses (lower-cased) or ids; archived leads are left out, as in the row tables' look-up. */
  find(emails: readonly string[], ids: readonly string[]): LeadRecord[];
  /** Leads whose name has this display-name key (`displayNameKey`): all of them, so a caller can see a name is shared. */
  findByName(nameKey: string): LeadRecord[];
  /** A deal's associated lead ids as cached, in the order HubSpot listed them (open and closed deals). */
  dealLeadIds(dealId: string): readonly string[] | undefined;
  touchesOf(leadId: string): ViewedTouch[];
  openDealsOf(leadId: string): Deal[];
  /** Chunks written since the stamp (seq above it, same epoch), in any order; the index then reflects `stamp`. */
  apply(chunks: readonly AnalyticsChunk[], stamp: StoreStamp): void;
}

/** Lets the worker answer messages between slices of a build; a build blocking for half a second would not. */
export type Pause = () => Promise<void>;
const noPause: Pause = () => Promise.resolve();
/** Rows between pauses: a few milliseconds of work. */
const SLICE_ROWS = 2_000;

/** FNV-1a over UTF-16 code units, kept to `bits` bits. */
function hashOf(key: string, bits: number): number {
  let hash = 0x811c9dc5;
  for (let at = 0; at < key.length; at += 1) hash = Math.imul(hash ^ key.charCodeAt(at), 0x01000193);
  return (hash >>> 0) >>> (32 - bits);
}

/** Collects keys with positions, then sorts them by hash (a float sort, no comparator: 300 000 keys in a few ms). */
class KeyCollector {
  private readonly keys: string[] = [];
  private readonly positions: number[] = [];
  add(key: string, position: number): void {
    this.keys.push(key);
    this.positions.push(position);
  }
  finish(positionCount: number, maxBits = 32): HashedKeys {
    const positionBits = Math.max(1, Math.ceil(Math.log2(positionCount + 1)));
    const bits = Math.min(maxBits, 53 - positionBits);
    const packed = new Float64Array(this.keys.length);
    for (let at = 0; at < packed.length; at += 1)
      packed[at] = hashOf(this.keys[at] as string, bits) * 2 ** positionBits + (this.positions[at] as number);
    packed.sort();
    const hashes = new Uint32Array(packed.length);
    const positions = new Uint32Array(packed.length);
    for (let at = 0; at < packed.length; at += 1) {
      const value = packed[at] as number;
      hashes[at] = Math.floor(value / 2 ** positionBits);
      positions[at] = value % 2 ** positionBits;
    }
    return { hashes, positions, bits };
  }
}

/** The positions whose key hashes as `key` does: candidates, which the caller checks against the row. */
function candidates(table: HashedKeys, key: string): number[] {
  const hash = hashOf(key, table.bits);
  let low = 0;
  let high = table.hashes.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((table.hashes[middle] as number) < hash) low = middle + 1;
    else high = middle;
  }
  const out: number[] = [];
  for (let at = low; at < table.hashes.length && table.hashes[at] === hash; at += 1)
    out.push(table.positions[at] as number);
  return out;
}

/** The latest version of every row of a table: later chunks supersede earlier ones, deletions remove. */
async function latestRows(
  chunks: readonly AnalyticsChunk[],
  table: AnalyticsTable,
  pause: Pause,
): Promise<Map<string, number>> {
  const at = new Map<string, number>();
  let sincePause = 0;
  for (const [position, chunk] of chunks.entries()) {
    if (chunk.table !== table) continue;
    for (const id of chunk.deleted ?? []) at.delete(id);
    const ids = decodeText(chunk.ids);
    for (let row = 0; row < ids.length; row += 1) at.set(ids[row] as string, position * ROW_SPAN + row);
    sincePause += ids.length;
    if (sincePause >= SLICE_ROWS) {
      sincePause = 0;
      await pause();
    }
  }
  return at;
}

function chunkOf(chunks: readonly (AnalyticsChunk | undefined)[], slot: number): [AnalyticsChunk, number] {
  return [chunks[Math.floor(slot / ROW_SPAN)] as AnalyticsChunk, slot % ROW_SPAN];
}

/** Touch ids as numbers (HubSpot's are numeric); any other id gets an interned negative number. */
function idNumber(id: string, interned: Map<string, number>): number {
  if (/^\d{1,15}$/.test(id)) return Number(id);
  let value = interned.get(id);
  if (value === undefined) {
    value = -(interned.size + 1);
    interned.set(id, value);
  }
  return value;
}

function digestOf(kind: number, direction: number, automated: boolean, at: number): ViewedTouch {
  return { at, kind: KINDS[kind] as Touch['kind'], direction: DIRECTIONS[direction] as Touch['direction'], automated };
}

/** Items grouped by owner in one pass of counting: where each owner's items end, and the items in that order. */
function groupByOwner(owners: readonly number[], ownerCount: number): { ends: Uint32Array; order: Uint32Array } {
  const ends = new Uint32Array(ownerCount);
  for (const owner of owners) ends[owner] = (ends[owner] as number) + 1;
  for (let owner = 1; owner < ownerCount; owner += 1)
    ends[owner] = (ends[owner] as number) + (ends[owner - 1] as number);
  const next = new Uint32Array(ownerCount);
  for (let owner = 1; owner < ownerCount; owner += 1) next[owner] = ends[owner - 1] as number;
  const order = new Uint32Array(owners.length);
  for (const [item, owner] of owners.entries()) {
    order[next[owner] as number] = item;
    next[owner] = (next[owner] as number) + 1;
  }
  return { ends, order };
}

/**
 * Builds the image from every chunk of the store (any order) and the stamp read with them. Leads come only from
 * chunks that carry their addresses: the sync's and the tagger's writes do, an imported snapshot (whose leads the
 * row tables do not hold either) does not.
 */
export async function buildLeadIndexImage(
  all: readonly AnalyticsChunk[],
  stamp: StoreStamp,
  pause: Pause = noPause,
  /** Fewer bits make every key collide with others: how a test shows that a collision never answers another row. */
  hashBits = 32,
): Promise<LeadIndexImage> {
  const sorted = [...all].sort((a, b) => a.seq - b.seq);
  // Only lead and deal chunks are kept, so slots count positions among them.
  const chunks = sorted.filter((chunk) => chunk.table === 'leads' || chunk.table === 'deals');
  let rows = 0;
  const tick = async () => {
    if (++rows % SLICE_ROWS === 0) await pause();
  };

  const ownerIds: string[] = [];
  const ownerOf = new Map<string, number>();
  const ownerPosition = (id: string) => {
    let position = ownerOf.get(id);
    if (position === undefined) {
      position = ownerIds.length;
      ownerIds.push(id);
      ownerOf.set(id, position);
    }
    return position;
  };

  const leadSlots: number[] = [];
  const emails = new KeyCollector();
  const names = new KeyCollector();
  for (const [id, slot] of await latestRows(chunks, 'leads', pause)) {
    await tick();
    const [chunk, row] = chunkOf(chunks, slot);
    const addresses = chunk.columns.emails as ListColumn | undefined;
    if (!addresses || (chunk.columns.archived as Uint8Array | undefined)?.[row] === 1) continue;
    const position = ownerPosition(id);
    leadSlots.push(slot);
    for (const email of new Set(listAt(addresses, row))) emails.add(email, position);
    const name = textAt(chunk.columns.name as TextColumn, row);
    if (name) names.add(displayNameKey(name), position);
  }

  // Touches packed by owner as three columns: 300 000 touch objects would cost tens of megabytes.
  const interned = new Map<string, number>();
  const touchOwners: number[] = [];
  const touchAt: number[] = [];
  const touchCode: number[] = [];
  const touchNumber: number[] = [];
  for (const [id, slot] of await latestRows(sorted, 'touches', pause)) {
    await tick();
    const [chunk, row] = chunkOf(sorted, slot);
    const kind = KINDS.indexOf(textAt(chunk.columns.kind as TextColumn, row) as Touch['kind']);
    const direction = DIRECTIONS.indexOf(textAt(chunk.columns.direction as TextColumn, row) as Touch['direction']);
    if (kind < 0 || direction < 0) continue;
    const automated = (chunk.columns.automated as Uint8Array)[row] === 1 ? 1 : 0;
    const at = (chunk.columns.at as Float64Array)[row] ?? Number.NaN;
    const number = idNumber(id, interned);
    for (const leadId of new Set(listAt(chunk.columns.leadIds as ListColumn, row))) {
      touchOwners.push(ownerPosition(leadId));
      touchAt.push(at);
      touchCode.push(kind * 8 + direction * 2 + automated);
      touchNumber.push(number);
    }
  }

  const dealSlots: number[] = [];
  const deals = new KeyCollector();
  const dealOwners: number[] = [];
  const dealOf: number[] = [];
  for (const [id, slot] of await latestRows(chunks, 'deals', pause)) {
    await tick();
    const position = dealSlots.length;
    dealSlots.push(slot);
    deals.add(id, position);
    const [chunk, row] = chunkOf(chunks, slot);
    if ((chunk.columns.isClosed as Uint8Array)[row] === 1) continue;
    for (const leadId of new Set(listAt(chunk.columns.leadIds as ListColumn, row))) {
      dealOwners.push(ownerPosition(leadId));
      dealOf.push(position);
    }
  }

  const ownerCount = ownerIds.length;
  const ids = new KeyCollector();
  for (const [position, id] of ownerIds.entries()) ids.add(id, position);
  const touchGroups = groupByOwner(touchOwners, ownerCount);
  const pick = (values: readonly number[], order: Uint32Array, into: Float64Array | Uint8Array | Uint32Array) => {
    for (let at = 0; at < order.length; at += 1) into[at] = values[order[at] as number] as number;
    return into;
  };
  const dealGroups = groupByOwner(dealOwners, ownerCount);
  return {
    format: LEAD_INDEX_FORMAT,
    stamp,
    chunks,
    leadSlots: Uint32Array.from(leadSlots),
    ownerIds: encodeText(ownerIds, false),
    dealSlots: Uint32Array.from(dealSlots),
    emails: emails.finish(ownerCount, hashBits),
    ids: ids.finish(ownerCount, hashBits),
    names: names.finish(ownerCount, hashBits),
    deals: deals.finish(dealSlots.length, hashBits),
    touchEnds: touchGroups.ends,
    touchAt: pick(touchAt, touchGroups.order, new Float64Array(touchAt.length)) as Float64Array,
    touchCode: pick(touchCode, touchGroups.order, new Uint8Array(touchCode.length)) as Uint8Array,
    touchNumber: pick(touchNumber, touchGroups.order, new Float64Array(touchNumber.length)) as Float64Array,
    internedTouchIds: [...interned.keys()],
    openDealEnds: dealGroups.ends,
    openDeals: pick(dealOf, dealGroups.order, new Uint32Array(dealOf.length)) as Uint32Array,
  };
}

/** Builds the index from every chunk of the store (any order) and the stamp read with them (`buildLeadIndexImage`). */
export async function buildLeadIndex(
  all: readonly AnalyticsChunk[],
  stamp: StoreStamp,
  pause: Pause = noPause,
): Promise<LeadIndex> {
  return leadIndexFrom(await buildLeadIndexImage(all, stamp, pause));
}

/** The index over an image, built now or read back from IndexedDB: nothing is walked per row here. */
export function leadIndexFrom(image: LeadIndexImage): LeadIndex {
  const { chunks, leadSlots, ownerIds, dealSlots } = image;
  const leadTotal = leadSlots.length;
  const interned = new Map(image.internedTouchIds.map((id, position) => [id, -(position + 1)]));

  const leadAt = (position: number): LeadRecord => {
    const [chunk, row] = chunkOf(chunks, leadSlots[position] as number);
    const lead = decodeRow<'leads'>(chunk, row) as unknown as LeadRecord;
    return { ...lead, effectiveSource: lead.sourceTag ?? lead.source };
  };
  const ownerIdAt = (position: number) => textAt(ownerIds, position) ?? '';
  /** An id's owner position, or -1. */
  const ownerOf = (id: string): number => {
    for (const position of candidates(image.ids, id)) if (ownerIdAt(position) === id) return position;
    return -1;
  };
  const leadsWithEmail = (email: string): number[] =>
    candidates(image.emails, email).filter((position) => {
      const [chunk, row] = chunkOf(chunks, leadSlots[position] as number);
      return listAt(chunk.columns.emails as ListColumn, row).includes(email);
    });
  const dealAt = (position: number): Deal => {
    const [chunk, row] = chunkOf(chunks, dealSlots[position] as number);
    return decodeRow<'deals'>(chunk, row);
  };
  const dealIdAt = (position: number): string => {
    const [chunk, row] = chunkOf(chunks, dealSlots[position] as number);
    return textAt(chunk.ids, row) ?? '';
  };
  const range = (ends: Uint32Array, owner: number): [number, number] => [
    owner === 0 ? 0 : (ends[owner - 1] ?? 0),
    ends[owner] ?? 0,
  ];

  // What chunks appended after the build changed: their rows supersede (mask) the built ones by id. They are the
  // few rows of incremental syncs and tags until the next compaction, which starts a new epoch and a new build.
  const delta = {
    leads: new Map<string, LeadRecord | undefined>(),
    emails: new Map<string, Set<string>>(),
    touches: new Map<number, { digest: ViewedTouch; leadIds: string[] }>(),
    maskedTouches: new Set<number>(),
    deals: new Map<string, Deal | undefined>(),
  };
  const setDeltaLead = (id: string, lead: LeadRecord | undefined) => {
    for (const email of delta.leads.get(id)?.emails ?? []) delta.emails.get(email)?.delete(id);
    delta.leads.set(id, lead);
    for (const email of lead?.emails ?? []) {
      const ids = delta.emails.get(email) ?? new Set<string>();
      ids.add(id);
      delta.emails.set(email, ids);
    }
  };

  let current = image.stamp;
  let applied = 0;
  return {
    image,
    get stamp() {
      return current;
    },
    get appliedRows() {
      return applied;
    },
    get leadCount() {
      let count = leadTotal;
      for (const [id, lead] of delta.leads) {
        const owner = ownerOf(id);
        count += (lead ? 1 : 0) - (owner >= 0 && owner < leadTotal ? 1 : 0);
      }
      return count;
    },
    find(emails, ids) {
      const found = new Map<string, LeadRecord>();
      const fromBase = (position: number) => {
        const id = ownerIdAt(position);
        if (!delta.leads.has(id) && !found.has(id)) found.set(id, leadAt(position));
      };
      const fromDelta = (id: string) => {
        const lead = delta.leads.get(id);
        if (lead) found.set(id, lead);
      };
      for (const email of emails) {
        for (const position of leadsWithEmail(email)) fromBase(position);
        for (const id of delta.emails.get(email) ?? []) fromDelta(id);
      }
      for (const id of ids) {
        if (delta.leads.has(id)) fromDelta(id);
        else {
          const owner = ownerOf(id);
          if (owner >= 0 && owner < leadTotal) fromBase(owner);
        }
      }
      return [...found.values()];
    },
    dealLeadIds(dealId) {
      if (delta.deals.has(dealId)) return delta.deals.get(dealId)?.leadIds;
      for (const position of candidates(image.deals, dealId)) {
        if (dealIdAt(position) !== dealId) continue;
        const [chunk, row] = chunkOf(chunks, dealSlots[position] as number);
        return listAt(chunk.columns.leadIds as ListColumn, row);
      }
      return undefined;
    },
    findByName(nameKey) {
      const found = new Map<string, LeadRecord>();
      for (const position of candidates(image.names, nameKey)) {
        const id = ownerIdAt(position);
        if (delta.leads.has(id)) continue;
        const lead = leadAt(position);
        if (displayNameKey(lead.name) === nameKey) found.set(id, lead);
      }
      for (const [id, lead] of delta.leads) if (lead && displayNameKey(lead.name) === nameKey) found.set(id, lead);
      return [...found.values()];
    },
    touchesOf(leadId) {
      const out: ViewedTouch[] = [];
      const owner = ownerOf(leadId);
      if (owner >= 0) {
        const [start, end] = range(image.touchEnds, owner);
        for (let at = start; at < end; at += 1) {
          if (delta.maskedTouches.has(image.touchNumber[at] as number)) continue;
          const code = image.touchCode[at] as number;
          out.push(digestOf(code >> 3, (code >> 1) & 3, (code & 1) === 1, image.touchAt[at] as number));
        }
      }
      for (const touch of delta.touches.values()) if (touch.leadIds.includes(leadId)) out.push(touch.digest);
      return out;
    },
    openDealsOf(leadId) {
      const out: Deal[] = [];
      const owner = ownerOf(leadId);
      if (owner >= 0) {
        const [start, end] = range(image.openDealEnds, owner);
        for (let at = start; at < end; at += 1) {
          const position = image.openDeals[at] as number;
          if (!delta.deals.has(dealIdAt(position))) out.push(dealAt(position));
        }
      }
      for (const deal of delta.deals.values())
        if (deal && !deal.isClosed && deal.leadIds.includes(leadId)) out.push(deal);
      return out;
    },
    apply(appended, stamp) {
      for (const chunk of [...appended].sort((a, b) => a.seq - b.seq)) {
        applied += chunk.count + (chunk.deleted?.length ?? 0);
        if (chunk.table === 'leads') {
          for (const id of chunk.deleted ?? []) setDeltaLead(id, undefined);
          for (let row = 0; row < chunk.count; row += 1) {
            const lead = decodeRow<'leads'>(chunk, row) as unknown as LeadRecord;
            const cached = Array.isArray(lead.emails) && !lead.archived;
            setDeltaLead(lead.id, cached ? { ...lead, effectiveSource: lead.sourceTag ?? lead.source } : undefined);
          }
        } else if (chunk.table === 'touches') {
          for (const id of chunk.deleted ?? []) {
            const number = idNumber(id, interned);
            delta.maskedTouches.add(number);
            delta.touches.delete(number);
          }
          for (let row = 0; row < chunk.count; row += 1) {
            const touch = decodeRow<'touches'>(chunk, row);
            const number = idNumber(touch.id, interned);
            delta.maskedTouches.add(number);
            delta.touches.set(number, {
              digest: { kind: touch.kind, direction: touch.direction, at: touch.at, automated: touch.automated },
              leadIds: [...new Set(touch.leadIds)],
            });
          }
        } else if (chunk.table === 'deals') {
          for (const id of chunk.deleted ?? []) delta.deals.set(id, undefined);
          for (let row = 0; row < chunk.count; row += 1) {
            const deal = decodeRow<'deals'>(chunk, row);
            delta.deals.set(deal.id, deal);
          }
        }
      }
      current = stamp;
    },
  };
}

/**
 * Whether a value read back from IndexedDB is an image this code can answer from. The worker wrote it itself into
 * its own origin's database, so the check is of format and shape (an older version's record, a half-written one),
 * not a parse of every array; an image that fails it is rebuilt.
 */
export function isLeadIndexImage(value: unknown): value is LeadIndexImage {
  if (typeof value !== 'object' || value === null) return false;
  const image = value as Partial<LeadIndexImage>;
  const hashed = (keys: HashedKeys | undefined) =>
    keys?.hashes instanceof Uint32Array &&
    keys.positions instanceof Uint32Array &&
    keys.hashes.length === keys.positions.length &&
    typeof keys.bits === 'number';
  return (
    image.format === LEAD_INDEX_FORMAT &&
    typeof image.stamp?.seq === 'number' &&
    typeof image.stamp.epoch === 'number' &&
    Array.isArray(image.chunks) &&
    image.leadSlots instanceof Uint32Array &&
    image.dealSlots instanceof Uint32Array &&
    image.ownerIds?.ends instanceof Uint32Array &&
    [image.emails, image.ids, image.names, image.deals].every(hashed) &&
    image.touchEnds instanceof Uint32Array &&
    image.touchEnds.length === image.ownerIds.ends.length &&
    image.touchAt instanceof Float64Array &&
    image.touchCode instanceof Uint8Array &&
    image.touchNumber instanceof Float64Array &&
    Array.isArray(image.internedTouchIds) &&
    image.openDealEnds instanceof Uint32Array &&
    image.openDeals instanceof Uint32Array
  );
}
