import type { LeadRecord } from '../crm/adapter';
import type { LeadLensDb } from './db';

// The tagger's contact picker reads the cache directly (extension pages share the background's origin). Addresses use
// the multi-entry e-mail index; names are matched by substring, case-insensitively, in any script (Hebrew has no
// case, so the comparison is the same text).

export interface ContactMatch {
  id: string;
  name: string;
  email: string;
  source: string;
}

function match(lead: LeadRecord): ContactMatch {
  return { id: lead.id, name: lead.name, email: lead.email, source: lead.effectiveSource };
}

export async function searchContacts(db: LeadLensDb, query: string, limit = 8): Promise<ContactMatch[]> {
  const needle = query.trim().toLocaleLowerCase();
  if (needle.length < 2) return [];
  const byEmail = await db.leads.where('emails').startsWith(needle).limit(limit).toArray();
  const seen = new Set(byEmail.map((lead) => lead.id));
  const byName =
    byEmail.length >= limit
      ? []
      : await db.leads
          .filter((lead) => !seen.has(lead.id) && lead.name.toLocaleLowerCase().includes(needle))
          .limit(limit - byEmail.length)
          .toArray();
  return [...byEmail, ...byName].map(match);
}

export async function contactByEmail(db: LeadLensDb, email: string): Promise<ContactMatch | undefined> {
  const lead = await db.leads.where('emails').equals(email.trim().toLowerCase()).first();
  return lead ? match(lead) : undefined;
}

/** Sources already in use (tags and the CRM's own), for the source field's suggestions. */
export async function knownSources(db: LeadLensDb): Promise<string[]> {
  const keys = await db.leads.orderBy('effectiveSource').uniqueKeys();
  return keys.filter((key): key is string => typeof key === 'string' && key !== '');
}

/** Campaigns of earlier tags, newest first. */
export async function knownCampaigns(db: LeadLensDb): Promise<string[]> {
  const rows = await db.outbox.orderBy('seq').reverse().limit(500).toArray();
  return [...new Set(rows.map((row) => row.tag.campaign).filter((campaign) => campaign !== undefined))];
}
