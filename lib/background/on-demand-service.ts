import { database } from '../db/db';
import { purgeLookups, readLookups, writeLookups } from '../db/lookups';
import type { MetricSettings } from '../model/settings';
import { loadSyncSettings } from '../settings/sync-settings';
import { adapterFor, limiter, storedConnection } from './connection';
import { saveLimiterShare } from './limiter-share';
import type { LeadContextView } from './lead-context';
import { OnDemandLookups, onDemandView } from './on-demand-lookup';
import type { TabLeadBudget } from './tab-lead-budget';

// The worker's one set of on-demand look-ups (on-demand-lookup.ts), shared by every tab, through the worker's limiter.

let shared: OnDemandLookups | undefined;
let purgedAt = 0;
const PURGE_EVERY_MS = 10 * 60_000;

function onDemandLookups(): OnDemandLookups {
  shared ??= new OnDemandLookups({
    search: async (emails, ids) => {
      const connection = await storedConnection();
      if (!connection) return [];
      const { automation } = await loadSyncSettings();
      const found = await adapterFor(connection, automation).contactsByKeys(emails, ids);
      await saveLimiterShare(limiter);
      return found;
    },
    read: (keys, now) => readLookups(database(), keys, now),
    write: (rows) => writeLookups(database(), rows),
    purge: (now) => purgeLookups(database(), now),
    now: Date.now,
    later: (run, ms) => {
      setTimeout(run, ms);
    },
  });
  return shared;
}

/**
 * In a rep's cache scope, the leads a page asked for that the cache does not hold, looked up in HubSpot. Each address
 * or id asked counts against the tab's lead budget before anything is sent, so a page cannot probe the portal
 * through look-ups faster than it could read the cache. `tabId` undefined: a LeadLens page, not bounded.
 */
export async function lookUpMissing(
  request: { emails?: string[]; contactIds?: string[] },
  found: readonly LeadContextView[],
  settings: MetricSettings,
  tabId: number | undefined,
  budget: TabLeadBudget,
): Promise<(LeadContextView & { lookedUpUntil: number })[]> {
  if (settings.cacheScope !== 'mine' || !settings.myOwnerId) return [];
  const known = new Set(found.map((lead) => lead.email.toLowerCase()));
  const ids = new Set(found.map((lead) => lead.id));
  let emails = [...new Set((request.emails ?? []).map((email) => email.trim().toLowerCase()))].filter(
    (email) => email !== '' && !known.has(email),
  );
  let contactIds = [...new Set(request.contactIds ?? [])].filter((id) => !ids.has(id));
  if (emails.length === 0 && contactIds.length === 0) return [];
  if (tabId !== undefined) {
    const { admitted } = budget.admit(tabId, [
      ...emails.map((email) => `lookup:${email}`),
      ...contactIds.map((id) => `lookup:id:${id}`),
    ]);
    emails = emails.filter((email) => admitted.has(`lookup:${email}`));
    contactIds = contactIds.filter((id) => admitted.has(`lookup:id:${id}`));
  }
  const lookups = onDemandLookups();
  const now = Date.now();
  if (now - purgedAt > PURGE_EVERY_MS) {
    purgedAt = now;
    void lookups.purge().catch(() => undefined);
  }
  const results = await lookups.find({ emails, ids: contactIds }, settings.lookupLifetimeHours);
  if (results.length === 0) return [];
  const owners = await database().owners.toArray();
  const ownerName = new Map(owners.map((owner) => [owner.id, owner.name]));
  return results
    .filter((result) => !ids.has(result.lead.id))
    .map((result) => onDemandView(result, settings, ownerName, now));
}
