import type { LeadRecord } from '../crm/adapter';
import { database, type LeadLensDb } from '../db/db';
import type { Deal, MetricSettings, Touch } from '../model';

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

function isResponse(touch: Touch, lead: LeadRecord, asOf: number): boolean {
  if (touch.automated || touch.at < lead.createdAt || touch.at > asOf) return false;
  return touch.kind === 'meeting' || (touch.direction === 'out' && (touch.kind === 'email' || touch.kind === 'call'));
}

/** One lead's view from its touches and deals (METRICS.md); pure, so it is tested with tables of cases. */
export function deriveLeadContext(
  lead: LeadRecord,
  touches: readonly Touch[],
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
    slaMinutes: settings.slaBySource[lead.effectiveSource] ?? settings.slaMinutes,
    openDealValue,
  };
}

interface LeadRows {
  leads: LeadRecord[];
  touches: Touch[];
}

/** What every look-up shares: open deals by lead, owner names, stage and status labels. */
interface Lookups {
  openDeals: Deal[];
  ownerName: Map<string, string>;
  stageLabel: Map<string, string>;
  statusLabel: Map<string, string>;
}

/**
 * Kept in the worker (open deals are a few thousand rows, so one read replaces a deal query per lead on every
 * look-up, which was a third of its IndexedDB requests) and refreshed after a minute or when a sync job ends. A
 * refresh happens behind the answer: look-ups keep using the previous copy until the new one is read, so no overlay
 * ever waits for a scan of every deal (on a 20 000-deal portal that wait was what set the p95).
 */
const LOOKUP_TTL_MS = 60_000;
interface CachedLookups {
  at: number;
  value: Promise<Lookups>;
  /** Marked by a finished sync job: refresh at the next look-up. */
  stale: boolean;
  refreshing?: Promise<Lookups>;
}
let lookups: CachedLookups | undefined;

/** Drops the copy (another database, "forget all data", tests): the next look-up reads afresh and waits for it. */
export function forgetLeadContextCache(): void {
  lookups = undefined;
}

/** After a sync job: the next look-up starts a refresh but still answers from the current copy. */
export function refreshLeadContextCache(): void {
  if (lookups) lookups.stale = true;
}

function readLookups(db: LeadLensDb): Promise<Lookups> {
  return db.transaction('r', [db.deals, db.owners, db.lifecycleStages, db.leadStatuses], async () => {
    const [deals, owners, stages, statuses] = await Promise.all([
      db.deals.filter((deal) => !deal.isClosed).toArray(),
      db.owners.toArray(),
      db.lifecycleStages.toArray(),
      db.leadStatuses.toArray(),
    ]);
    return {
      openDeals: deals,
      ownerName: new Map(owners.map((owner) => [owner.id, owner.name])),
      stageLabel: new Map(stages.map((stage) => [stage.value, stage.label])),
      statusLabel: new Map(statuses.map((status) => [status.value, status.label])),
    };
  });
}

function sharedLookups(db: LeadLensDb): Promise<Lookups> {
  const current = lookups;
  if (current && !current.stale && Date.now() - current.at < LOOKUP_TTL_MS) return current.value;
  if (current) {
    if (!current.refreshing) {
      const next = readLookups(db);
      current.refreshing = next;
      next.then(
        () => {
          if (lookups === current) lookups = { at: Date.now(), value: next, stale: false };
        },
        () => {
          if (lookups === current) delete current.refreshing;
        },
      );
    }
    return current.value;
  }
  const value = readLookups(db);
  lookups = { at: Date.now(), value, stale: false };
  value.catch(() => {
    if (lookups?.value === value) lookups = undefined;
  });
  return value;
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

/** Looks leads up by any of their addresses (lower-cased) or ids. */
export async function leadContext(
  request: { emails?: string[]; contactIds?: string[] },
  settings: Pick<MetricSettings, 'slaMinutes' | 'slaBySource'>,
  asOf = Date.now(),
  db: LeadLensDb = database(),
): Promise<LeadContextView[]> {
  const emails = [...new Set((request.emails ?? []).map((email) => email.trim().toLowerCase()).filter(Boolean))];
  const ids = [...new Set(request.contactIds ?? [])];
  if (!db.isOpen()) await db.open();
  const [rows, shared] = await Promise.all([readLeadRows(db.backendDB(), emails, ids), sharedLookups(db)]);
  const leadIds = new Set(rows.leads.map((lead) => lead.id));
  const touchesOf = new Map<string, Touch[]>();
  for (const touch of rows.touches) {
    for (const id of touch.leadIds) {
      if (!leadIds.has(id)) continue;
      const list = touchesOf.get(id) ?? [];
      list.push(touch);
      touchesOf.set(id, list);
    }
  }
  const { ownerName, stageLabel, statusLabel, openDeals } = shared;
  const dealsOf = new Map<string, Deal[]>();
  for (const deal of openDeals) {
    for (const id of deal.leadIds) {
      if (!leadIds.has(id)) continue;
      const list = dealsOf.get(id) ?? [];
      list.push(deal);
      dealsOf.set(id, list);
    }
  }
  const out = rows.leads.map((lead) => {
    const view = deriveLeadContext(lead, touchesOf.get(lead.id) ?? [], dealsOf.get(lead.id) ?? [], settings, asOf);
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
  return out;
}
