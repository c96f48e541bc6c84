import type { SyncedType } from '../crm/adapter';
import type { RefusedPart, SyncFeature, SyncPart } from './status';

// A 403 for a missing scope turns off the part of the sync that needs it, not the whole sync: which feature each part
// serves, and the list of refused parts the sync status shows. Pure; the runner keeps the list in the job and the meta.

/** What the user loses without each part. Contacts are the sync itself: without them nothing is turned off, it stops. */
const FEATURE_OF: Readonly<Record<Exclude<SyncPart, 'contacts'>, SyncFeature>> = {
  emails: 'touches',
  calls: 'touches',
  meetings: 'touches',
  notes: 'touches',
  tasks: 'touches',
  deals: 'deals',
  // Pipelines' stages serve deal metrics only (won, closed, the stage names).
  stages: 'deals',
  feedback: 'feedback',
  owners: 'owners',
};

/**
 * The scope we expect each part to need, shown when HubSpot's 403 names none. HubSpot documents calls, meetings,
 * notes and tasks under the contacts scopes, e-mails under `sales-email-read`.
 */
const EXPECTED_SCOPE: Readonly<Record<SyncPart, string>> = {
  contacts: 'crm.objects.contacts.read',
  emails: 'sales-email-read',
  calls: 'crm.objects.contacts.read',
  meetings: 'crm.objects.contacts.read',
  notes: 'crm.objects.contacts.read',
  tasks: 'crm.objects.contacts.read',
  deals: 'crm.objects.deals.read',
  stages: 'crm.objects.deals.read',
  feedback: 'crm.objects.feedback_submissions.read',
  owners: 'crm.objects.owners.read',
};

/** Whether a 403 on this part turns it off (true) or stops the sync (false: the contacts are the sync). */
export function canTurnOff(part: SyncPart): part is Exclude<SyncPart, 'contacts'> {
  return part !== 'contacts';
}

export function refusal(part: Exclude<SyncPart, 'contacts'>, scopes: readonly string[], at: number): RefusedPart {
  // HubSpot's error body is text from the network: a bounded list of short names, or the scope we expect.
  const named = scopes.filter((scope) => /^[\w.-]{1,100}$/.test(scope)).slice(0, 10);
  return { part, scopes: named.length > 0 ? named : [EXPECTED_SCOPE[part]], feature: FEATURE_OF[part], at };
}

/** The list with `entries` added, one entry per part (the latest wins), in a stable order. */
export function mergeRefused(list: readonly RefusedPart[], entries: readonly RefusedPart[]): RefusedPart[] {
  const byPart = new Map(list.map((entry) => [entry.part, entry]));
  for (const entry of entries) byPart.set(entry.part, entry);
  return [...byPart.values()].sort((a, b) => a.part.localeCompare(b.part));
}

/** Record types left out of the sync because they were refused. */
export function refusedTypes(list: readonly RefusedPart[]): Set<SyncedType> {
  const types = new Set<SyncedType>();
  for (const entry of list) if (entry.part !== 'owners' && entry.part !== 'stages') types.add(entry.part);
  return types;
}
