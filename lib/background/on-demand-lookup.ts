import type { LeadRecord } from '../crm/adapter';
import type { LookupRow } from '../db/db';
import { lookupKeyOfEmail, lookupKeyOfId } from '../db/lookups';
import { leadView } from '../metrics/lead-view';
import type { MetricSettings } from '../model/settings';
import type { LeadContextView } from './lead-context';

// On-demand look-ups (issue #23). In a rep's cache scope a page shows leads that are not mine: each is looked up in
// HubSpot (batch reads by address and by id, lib/crm/hubspot/client.ts), once for every tab that asks (the background is one for all tabs), batched with what the
// other tabs ask meanwhile, and kept for a lifetime the settings give (default 24 h), then removed. An address HubSpot
// does not know is remembered as unknown for a while too, so an inbox full of strangers costs a few requests a day,
// not one per render. The caller applies the tab's lead budget before asking (lead-context-service.ts).

/** One look-up asks for at most this many addresses and ids together (a batch read takes 100 inputs). */
export const LOOKUP_SEARCH_BATCH = 100;
/** How long an address HubSpot does not know is remembered as unknown: at most the lifetime, at most 6 hours. */
export const UNKNOWN_FOR_MS = 6 * 60 * 60_000;
/** Keys asked within this long, by any tab, go into one search. */
export const LOOKUP_GATHER_MS = 50;

export interface OnDemandDeps {
  search(emails: string[], ids: string[]): Promise<LeadRecord[]>;
  read(keys: string[], now: number): Promise<Map<string, LookupRow>>;
  write(rows: LookupRow[]): Promise<void>;
  purge(now: number): Promise<number>;
  now(): number;
  /** Runs `run` after `ms` (the worker's setTimeout; tests bring their own). */
  later(run: () => void, ms: number): void;
}

interface Waiting {
  key: string;
  email?: string;
  id?: string;
  resolve(row: LookupRow | undefined): void;
}

export class OnDemandLookups {
  private readonly inFlight = new Map<string, Promise<LookupRow | undefined>>();
  private waiting: Waiting[] = [];
  private lifetimeMs = 24 * 60 * 60_000;
  /** Searches sent, for the status and the benchmark. */
  searches = 0;

  constructor(private readonly deps: OnDemandDeps) {}

  /**
   * The leads these addresses and ids stand for, from what is kept or by one shared search; a key HubSpot does not
   * know, or a search that failed, gives nothing (the page shows no badge, as for an address no one knows).
   */
  async find(
    request: { emails: readonly string[]; ids: readonly string[] },
    lifetimeHours: number,
  ): Promise<{ lead: LeadRecord; expiresAt: number }[]> {
    this.lifetimeMs = lifetimeHours * 60 * 60_000;
    const now = this.deps.now();
    const asked = new Map<string, { email?: string; id?: string }>();
    for (const email of request.emails)
      if (email.trim()) asked.set(lookupKeyOfEmail(email), { email: email.trim().toLowerCase() });
    for (const id of request.ids) asked.set(lookupKeyOfId(id), { id });
    const kept = await this.deps.read([...asked.keys()], now);
    const rows = await Promise.all(
      [...asked].map(([key, what]) => kept.get(key) ?? this.inFlight.get(key) ?? this.enqueue(key, what)),
    );
    const found = new Map<string, { lead: LeadRecord; expiresAt: number }>();
    for (const row of rows) if (row?.lead) found.set(row.lead.id, { lead: row.lead, expiresAt: row.expiresAt });
    return [...found.values()];
  }

  /** Removes expired look-ups (a lead kept past its lifetime, an address no longer remembered as unknown). */
  purge(): Promise<number> {
    return this.deps.purge(this.deps.now());
  }

  private enqueue(key: string, what: { email?: string; id?: string }): Promise<LookupRow | undefined> {
    const promise = new Promise<LookupRow | undefined>((resolve) => {
      this.waiting.push({ key, ...what, resolve });
      if (this.waiting.length === 1) this.deps.later(() => void this.flush(), LOOKUP_GATHER_MS);
    });
    this.inFlight.set(key, promise);
    void promise.finally(() => this.inFlight.delete(key));
    return promise;
  }

  private async flush(): Promise<void> {
    const batch = this.waiting;
    this.waiting = [];
    for (let start = 0; start < batch.length; start += LOOKUP_SEARCH_BATCH)
      await this.searchBatch(batch.slice(start, start + LOOKUP_SEARCH_BATCH));
  }

  private async searchBatch(batch: Waiting[]): Promise<void> {
    const emails = batch.flatMap((entry) => (entry.email ? [entry.email] : []));
    const ids = batch.flatMap((entry) => (entry.id ? [entry.id] : []));
    let leads: LeadRecord[];
    try {
      this.searches += 1;
      leads = await this.deps.search(emails, ids);
    } catch {
      // Not remembered: the next render asks again (the limiter has already waited out what it could).
      for (const entry of batch) entry.resolve(undefined);
      return;
    }
    const now = this.deps.now();
    const byEmail = new Map<string, LeadRecord>();
    const byId = new Map<string, LeadRecord>();
    for (const lead of leads) {
      byId.set(lead.id, lead);
      for (const email of lead.emails) byEmail.set(email, lead);
    }
    const rows = batch.map((entry): LookupRow => {
      const lead = entry.email ? byEmail.get(entry.email) : entry.id ? byId.get(entry.id) : undefined;
      return lead
        ? { key: entry.key, expiresAt: now + this.lifetimeMs, lead }
        : { key: entry.key, expiresAt: now + Math.min(this.lifetimeMs, UNKNOWN_FOR_MS) };
    });
    await this.deps.write(rows).catch(() => undefined);
    batch.forEach((entry, index) => {
      entry.resolve(rows[index]);
    });
  }
}

/**
 * A looked-up lead as a badge sees it: its own facts only (its activities are a colleague's and not kept), labelled
 * with when it leaves this browser.
 */
export function onDemandView(
  found: { lead: LeadRecord; expiresAt: number },
  settings: Pick<MetricSettings, 'slaMinutes' | 'slaBySource'>,
  ownerName: ReadonlyMap<string, string>,
  now: number,
): LeadContextView & { lookedUpUntil: number } {
  const { lead } = found;
  const owner = lead.ownerId ? ownerName.get(lead.ownerId) : undefined;
  return {
    ...leadView(lead, [], [], settings, now),
    ...(owner ? { ownerName: owner } : {}),
    createdAt: lead.createdAt,
    ...(lead.ownerAssignedAt !== undefined ? { ownerAssignedAt: lead.ownerAssignedAt } : {}),
    lookedUpUntil: found.expiresAt,
  };
}
