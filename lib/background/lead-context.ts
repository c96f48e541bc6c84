import type { LeadRecord } from '../crm/adapter';
import { readStoreStamp } from '../db/analytics-chunks';
import { database, type LeadLensDb } from '../db/db';
import { type LookupLabels, readLeadRows, readLookupLabels, readOpenDeals } from '../db/lead-lookup';
import type { LeadContext } from '../messaging/protocol';
import { leadView, type ViewedTouch } from '../metrics/lead-view';
import type { Deal, MetricSettings } from '../model';
import { displayNameKey } from '../overlay/display-name';
import { KeptCopy } from './kept-copy';
import { LiveLeadIndex } from './live-lead-index';

// `leadContext`: the small derived view a content script may have of a lead (lib/metrics/lead-view.ts), with the
// portal's names for its owner, stage and status. Looked up in the worker's lead index when it is current, else in the
// row tables while the index is (re)built behind the answer.

/** A lead's view as looked up, before the rep's own marks are added. */
export type LeadContextView = Omit<LeadContext, 'snoozedUntil' | 'notALead'>;

const labels = new KeptCopy(readLookupLabels);
const openDeals = new KeptCopy(readOpenDeals);
const liveIndex = new LiveLeadIndex();

/** How many look-ups each path answered in this worker's life (tests read it). */
const served = { index: 0, rows: 0 };
export function leadContextServed(): Readonly<typeof served> {
  return { ...served };
}

/** How many lead indexes this worker read back from their stored image, and how many it built (tests read it). */
export function leadIndexOrigins(): Readonly<LiveLeadIndex['origins']> {
  return { ...liveIndex.origins };
}

/** Waits for a build a look-up scheduled (after its answer) or under way; true when an index is there (tests). */
export function leadIndexSettled(): Promise<boolean> {
  return liveIndex.settled();
}

/** Reads the persisted lead index now (tests): the look-ups after it answer from it, with no read of the row tables. */
export async function preloadLeadIndex(db: LeadLensDb = database()): Promise<void> {
  if (!db.isOpen()) await db.open();
  await liveIndex.load(db);
}

/**
 * What a page's first look-up needs besides its rows, read when its content script pings (at document_start): the
 * database opened and the portal's labels (kept for the look-ups). The lead index's image is not read here (see
 * INDEX_DELAY_MS in live-lead-index.ts).
 */
export async function warmLeadContext(db: LeadLensDb = database()): Promise<void> {
  if (!db.isOpen()) await db.open();
  await labels.get(db);
}

/** A sync is over: a build of the lead index that waited for it starts now. */
export function leadIndexAfterSync(): void {
  liveIndex.gateOpened();
}

/** The background says when a build may run: not while a sync writes, since the pages would outgrow the index. */
export function setLeadIndexGate(allowed: () => boolean): void {
  liveIndex.setGate(allowed);
}

/** Drops the copies (another database, "forget all data", tests): the next look-up reads afresh and waits for it. */
export function forgetLeadContextCache(): void {
  labels.forget();
  openDeals.forget();
  liveIndex.forget();
}

/** After a sync job: the next look-up refreshes the labels and open deals behind its answer. */
export function refreshLeadContextCache(): void {
  labels.markStale();
  openDeals.markStale();
}

/** The leads of a look-up with their touches and open deals, from the index or the row tables. */
interface Found {
  leads: LeadRecord[];
  touchesOf(leadId: string): readonly ViewedTouch[];
  dealsOf(leadId: string): readonly Deal[];
}

/**
 * The open deals of these leads through the deals' `leadIds` index: what a stopped worker's first look-up reads
 * instead of waiting for the scan of every open deal (tens of thousands on a large portal), which runs behind it.
 */
async function openDealsOf(db: LeadLensDb, leadIds: readonly string[]): Promise<Deal[]> {
  if (leadIds.length === 0) return [];
  const deals = await db.deals
    .where('leadIds')
    .anyOf([...leadIds])
    .toArray();
  return [...new Map(deals.filter((deal) => !deal.isClosed).map((deal) => [deal.id, deal])).values()];
}

async function fromRows(db: LeadLensDb, emails: string[], ids: string[]): Promise<Found> {
  const kept = openDeals.ifRead(db);
  const rows = await readLeadRows(db.backendDB(), emails, ids);
  const deals =
    kept ??
    (await openDealsOf(
      db,
      rows.leads.map((lead) => lead.id),
    ));
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
  const [seen, shared] = await Promise.all([readStoreStamp(db.backendDB()), labels.get(db)]);
  const index = await liveIndex.current(db, seen);
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
    // After the answer, and after the page's next look-ups: the image's read or the build's would hold them up.
    liveIndex.want(db, seen);
  }
  return viewsOf(found, shared, settings, asOf);
}

function viewsOf(
  found: Found,
  shared: LookupLabels,
  settings: Pick<MetricSettings, 'slaMinutes' | 'slaBySource'>,
  asOf: number,
): LeadContextView[] {
  const { ownerName, stageLabel, statusLabel } = shared;
  return found.leads.map((lead) => {
    const view = leadView(lead, found.touchesOf(lead.id), found.dealsOf(lead.id), settings, asOf);
    const owner = lead.ownerId ? ownerName.get(lead.ownerId) : undefined;
    const stage = stageLabel.get(lead.lifecycleStage);
    const status = lead.leadStatus ? statusLabel.get(lead.leadStatus) : undefined;
    return {
      ...view,
      ...(stage ? { stageLabel: stage } : {}),
      ...(status ? { leadStatusLabel: status } : {}),
      ...(owner ? { ownerName: owner } : {}),
      // The card's routing delay and response clock from assignment (issue #20).
      createdAt: lead.createdAt,
      ...(lead.ownerAssignedAt !== undefined ? { ownerAssignedAt: lead.ownerAssignedAt } : {}),
    };
  });
}

/** The leads of a look-up by display name, and which name each answers. */
export interface NamedLeads {
  views: LeadContextView[];
  /** Each asked name that exactly one cached lead has, with that lead's id; a shared or unknown name is left out. */
  named: Array<{ name: string; id: string }>;
  /** No index yet (one is being built): names are not in the row tables' indexes, so they wait for it. */
  unread: boolean;
}

/**
 * Leads by display name (compared as `displayNameKey`), for senders a page shows without an address. A name answers
 * only when exactly one cached lead has it: a badge on a shared name could be the wrong person's.
 */
export async function leadsByName(
  names: readonly string[],
  settings: Pick<MetricSettings, 'slaMinutes' | 'slaBySource'>,
  asOf = Date.now(),
  db: LeadLensDb = database(),
): Promise<NamedLeads> {
  if (names.length === 0) return { views: [], named: [], unread: false };
  if (!db.isOpen()) await db.open();
  const [seen, shared] = await Promise.all([readStoreStamp(db.backendDB()), labels.get(db)]);
  const index = await liveIndex.current(db, seen);
  if (!index) {
    liveIndex.want(db, seen, 0);
    return { views: [], named: [], unread: true };
  }
  served.index += 1;
  const named: NamedLeads['named'] = [];
  const leads = new Map<string, LeadRecord>();
  for (const name of new Set(names)) {
    const found = index.findByName(displayNameKey(name));
    const only = found.length === 1 ? found[0] : undefined;
    if (!only) continue;
    named.push({ name, id: only.id });
    leads.set(only.id, only);
  }
  const found: Found = {
    leads: [...leads.values()],
    touchesOf: (id) => index.touchesOf(id),
    dealsOf: (id) => index.openDealsOf(id),
  };
  return { views: viewsOf(found, shared, settings, asOf), named, unread: false };
}

/** The leads of a look-up by deal id, and which deal each answers. */
export interface DealLeads {
  views: LeadContextView[];
  /** Each asked deal with a cached lead among its contacts, with that lead's id. */
  dealLeads: Array<{ dealId: string; id: string }>;
}

/**
 * Leads by deal id, for deal rows and board cards: the deal's primary contact, taken as the first of its associated
 * contacts as the sync cached them (HubSpot lists them in the order they were associated: the first is the one the
 * deal was made for), when that contact is a cached lead. Another contact of the deal is not put in its place: the
 * badge would speak of someone else. From the index when it is current, else from the deals table.
 */
export async function leadsByDeal(
  dealIds: readonly string[],
  settings: Pick<MetricSettings, 'slaMinutes' | 'slaBySource'>,
  asOf = Date.now(),
  db: LeadLensDb = database(),
): Promise<DealLeads> {
  if (dealIds.length === 0) return { views: [], dealLeads: [] };
  if (!db.isOpen()) await db.open();
  const seen = await readStoreStamp(db.backendDB());
  const index = await liveIndex.current(db, seen);
  const unique = [...new Set(dealIds)];
  const contactsOf = new Map<string, readonly string[]>();
  if (index) for (const id of unique) contactsOf.set(id, index.dealLeadIds(id) ?? []);
  else for (const deal of await db.deals.bulkGet(unique)) if (deal) contactsOf.set(deal.id, deal.leadIds);
  const candidates = [...new Set([...contactsOf.values()].flatMap((ids) => ids.slice(0, 1)))];
  const views = await leadContext({ contactIds: candidates }, settings, asOf, db);
  const byId = new Map(views.map((view) => [view.id, view]));
  const dealLeads: DealLeads['dealLeads'] = [];
  const used = new Map<string, LeadContextView>();
  for (const dealId of unique) {
    const primary = contactsOf.get(dealId)?.[0];
    const view = primary === undefined ? undefined : byId.get(primary);
    if (!view) continue;
    dealLeads.push({ dealId, id: view.id });
    used.set(view.id, view);
  }
  return { views: [...used.values()], dealLeads };
}
