import type { LeadRecord } from '../crm/adapter';
import {
  type AnalyticsChunk,
  type AnalyticsTable,
  decodeRow,
  decodeText,
  type ListColumn,
  listAt,
  type TextColumn,
  textAt,
} from '../db/columns';
import type { StoreStamp } from '../db/analytics-chunks';
import type { ViewedTouch } from '../metrics/lead-view';
import type { Deal, Touch } from '../model';
import { displayNameKey } from '../overlay/display-name';

// The lead look-up's index in the worker's memory, built from the analytics store's column chunks and kept current
// by applying the chunks appended since (a sync's few changed rows). Through IndexedDB a look-up of 50 addresses costs
// ~150 requests: on a portal of 100 000 contacts 7 ms on a settled cache, but 15–30 ms for minutes after a full sync
// had written half a million rows (the database's own state, with the machine idle). From memory it takes well under a
// millisecond whatever the database does. Lead and deal rows are decoded from their chunks only when asked for;
// touches are packed as numbers; about 11 MB beside the chunks for 100 000 leads and 300 000 touches.

const KINDS: readonly Touch['kind'][] = ['email', 'call', 'meeting', 'note', 'task'];
const DIRECTIONS: readonly Touch['direction'][] = ['in', 'out', 'none'];

/** Where a row's latest version is: chunk number × ROW_SPAN + row (a chunk holds at most 10 000 rows). */
const ROW_SPAN = 1 << 16;

export interface LeadIndex {
  /** The state it reflects: chunks appended later are applied with `apply`; a new epoch needs a new build. */
  readonly stamp: StoreStamp;
  readonly leadCount: number;
  /** Rows applied since the build (`apply`). */
  readonly appliedRows: number;
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

function pushTo<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
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

/**
 * Builds the index from every chunk of the store (any order) and the stamp read with them. Leads come only from
 * chunks that carry their addresses: the sync's and the tagger's writes do, an imported snapshot (whose leads the
 * row tables do not hold either) does not.
 */
export async function buildLeadIndex(
  all: readonly AnalyticsChunk[],
  stamp: StoreStamp,
  pause: Pause = noPause,
): Promise<LeadIndex> {
  const chunks = [...all].sort((a, b) => a.seq - b.seq);
  let rows = 0;
  const leads = await latestRows(chunks, 'leads', pause);
  const byEmail = new Map<string, number[]>();
  for (const [id, slot] of leads) {
    if (++rows % SLICE_ROWS === 0) await pause();
    const [chunk, row] = chunkOf(chunks, slot);
    const emails = chunk.columns.emails as ListColumn | undefined;
    const archived = (chunk.columns.archived as Uint8Array | undefined)?.[row] === 1;
    if (!emails || archived) {
      leads.delete(id);
      continue;
    }
    for (const email of new Set(listAt(emails, row))) pushTo(byEmail, email, slot);
  }

  // Touches packed per lead as [at, code, id number, …]: 300 000 touch objects would cost tens of megabytes.
  const interned = new Map<string, number>();
  const touches = new Map<string, number[]>();
  for (const [id, slot] of await latestRows(chunks, 'touches', pause)) {
    if (++rows % SLICE_ROWS === 0) await pause();
    const [chunk, row] = chunkOf(chunks, slot);
    const at = (chunk.columns.at as Float64Array)[row] ?? Number.NaN;
    const kind = KINDS.indexOf(textAt(chunk.columns.kind as TextColumn, row) as Touch['kind']);
    const direction = DIRECTIONS.indexOf(textAt(chunk.columns.direction as TextColumn, row) as Touch['direction']);
    const automated = (chunk.columns.automated as Uint8Array)[row] === 1 ? 1 : 0;
    if (kind < 0 || direction < 0) continue;
    const code = kind * 8 + direction * 2 + automated;
    const number = idNumber(id, interned);
    for (const leadId of new Set(listAt(chunk.columns.leadIds as ListColumn, row))) {
      const list = touches.get(leadId);
      if (list) list.push(at, code, number);
      else touches.set(leadId, [at, code, number]);
    }
  }

  const openDeals = new Map<string, number[]>();
  const dealSlots = await latestRows(chunks, 'deals', pause);
  for (const slot of dealSlots.values()) {
    if (++rows % SLICE_ROWS === 0) await pause();
    const [chunk, row] = chunkOf(chunks, slot);
    if ((chunk.columns.isClosed as Uint8Array)[row] === 1) continue;
    for (const leadId of new Set(listAt(chunk.columns.leadIds as ListColumn, row))) pushTo(openDeals, leadId, slot);
  }

  // Touch and feedback chunks are not needed after this: only lead and deal rows are decoded on demand.
  const kept = chunks.map((chunk) => (chunk.table === 'leads' || chunk.table === 'deals' ? chunk : undefined));
  const idAt = (slot: number): string => {
    const [chunk, row] = chunkOf(kept, slot);
    return textAt(chunk.ids, row) ?? '';
  };
  const leadAt = (slot: number): LeadRecord => {
    const [chunk, row] = chunkOf(kept, slot);
    const lead = decodeRow<'leads'>(chunk, row) as unknown as LeadRecord;
    return { ...lead, effectiveSource: lead.sourceTag ?? lead.source };
  };

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

  // Names are asked only for senders a page shows without an address (Outlook's collapsed cards): the map is made on
  // the first such question, not with every build.
  let byName: Map<string, number[]> | undefined;
  const nameSlots = (): Map<string, number[]> => {
    if (byName) return byName;
    byName = new Map();
    for (const slot of leads.values()) {
      const [chunk, row] = chunkOf(kept, slot);
      const name = textAt(chunk.columns.name as TextColumn, row);
      if (name) pushTo(byName, displayNameKey(name), slot);
    }
    return byName;
  };

  let current = stamp;
  let applied = 0;
  return {
    get stamp() {
      return current;
    },
    get appliedRows() {
      return applied;
    },
    get leadCount() {
      let count = leads.size;
      for (const [id, lead] of delta.leads) count += (lead ? 1 : 0) - (leads.has(id) ? 1 : 0);
      return count;
    },
    find(emails, ids) {
      const found = new Map<string, LeadRecord>();
      const fromBase = (slot: number) => {
        const id = idAt(slot);
        if (!delta.leads.has(id) && !found.has(id)) found.set(id, leadAt(slot));
      };
      const fromDelta = (id: string) => {
        const lead = delta.leads.get(id);
        if (lead) found.set(id, lead);
      };
      for (const email of emails) {
        for (const slot of byEmail.get(email) ?? []) fromBase(slot);
        for (const id of delta.emails.get(email) ?? []) fromDelta(id);
      }
      for (const id of ids) {
        if (delta.leads.has(id)) fromDelta(id);
        else {
          const slot = leads.get(id);
          if (slot !== undefined) fromBase(slot);
        }
      }
      return [...found.values()];
    },
    dealLeadIds(dealId) {
      if (delta.deals.has(dealId)) return delta.deals.get(dealId)?.leadIds;
      const slot = dealSlots.get(dealId);
      if (slot === undefined) return undefined;
      const [chunk, row] = chunkOf(kept, slot);
      return listAt(chunk.columns.leadIds as ListColumn, row);
    },
    findByName(nameKey) {
      const found = new Map<string, LeadRecord>();
      for (const slot of nameSlots().get(nameKey) ?? []) {
        const id = idAt(slot);
        if (!delta.leads.has(id)) found.set(id, leadAt(slot));
      }
      for (const [id, lead] of delta.leads) if (lead && displayNameKey(lead.name) === nameKey) found.set(id, lead);
      return [...found.values()];
    },
    touchesOf(leadId) {
      const packed = touches.get(leadId) ?? [];
      const out: ViewedTouch[] = [];
      for (let index = 0; index < packed.length; index += 3) {
        if (delta.maskedTouches.has(packed[index + 2] as number)) continue;
        const code = packed[index + 1] as number;
        out.push(digestOf(code >> 3, (code >> 1) & 3, (code & 1) === 1, packed[index] as number));
      }
      for (const touch of delta.touches.values()) if (touch.leadIds.includes(leadId)) out.push(touch.digest);
      return out;
    },
    openDealsOf(leadId) {
      const out: Deal[] = [];
      for (const slot of openDeals.get(leadId) ?? []) {
        if (delta.deals.has(idAt(slot))) continue;
        const [chunk, row] = chunkOf(kept, slot);
        out.push(decodeRow<'deals'>(chunk, row));
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
