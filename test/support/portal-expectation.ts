// What the cache must hold after a sync of the local portal, computed from the portal's own records (not through
// the code under test), and a comparison that names what differs.
import type { LeadLensDb } from '../../lib/db/db';
import { engagementScopeStart } from '../../lib/sync/plan';
import type { RunningPortal } from '../fake-hubspot/server';

const TABLES = {
  contacts: 'leads',
  deals: 'deals',
  emails: 'touches',
  calls: 'touches',
  meetings: 'touches',
  notes: 'touches',
  tasks: 'touches',
  feedback_submissions: 'feedback',
} as const;

export interface CacheDifference {
  missing: string[];
  unexpected: string[];
  wrongValues: string[];
  duplicated: number;
}

/** Ids the cache must hold per table: every live record, engagements within the scope. */
export function expectedIds(portal: RunningPortal, now: number, months = 24): Record<string, Set<string>> {
  const scopeStart = engagementScopeStart(now, months);
  const expected: Record<string, Set<string>> = {
    leads: new Set(),
    deals: new Set(),
    touches: new Set(),
    feedback: new Set(),
  };
  for (const [type, table] of Object.entries(TABLES)) {
    for (const record of portal.admin.records(type as keyof typeof TABLES)) {
      if (record.archived) continue;
      if (table === 'touches' && !(Date.parse(record.props.hs_timestamp ?? '') >= scopeStart)) continue;
      expected[table]?.add(String(record.id));
    }
  }
  return expected;
}

/**
 * Compares ids per table and, for leads, deals and touches, the values the sync maps one to one. Records the
 * generator made malformed on purpose may differ in the malformed property (the status lists them).
 */
export async function compareWithPortal(db: LeadLensDb, portal: RunningPortal, now: number): Promise<CacheDifference> {
  const expected = expectedIds(portal, now);
  const difference: CacheDifference = { missing: [], unexpected: [], wrongValues: [], duplicated: 0 };
  for (const [table, ids] of Object.entries(expected)) {
    const keys = (await db.table(table).toCollection().primaryKeys()).map(String);
    difference.duplicated += keys.length - new Set(keys).size;
    const cached = new Set(keys);
    for (const id of ids) if (!cached.has(id)) difference.missing.push(`${table}:${id}`);
    for (const id of cached) if (!ids.has(id)) difference.unexpected.push(`${table}:${id}`);
  }
  const malformed = new Set(portal.truth.malformed.map((entry) => String(entry.id)));
  for (const record of portal.admin.records('contacts')) {
    if (record.archived || malformed.has(String(record.id))) continue;
    const lead = await db.leads.get(String(record.id));
    if (!lead) continue;
    const email = record.props.email ?? '';
    if (
      lead.email !== email ||
      lead.createdAt !== record.createdAt ||
      (lead.lifecycleStage || null) !== (record.props.lifecyclestage || null)
    )
      difference.wrongValues.push(`leads:${record.id}`);
  }
  for (const record of portal.admin.records('deals')) {
    if (record.archived || malformed.has(String(record.id))) continue;
    const deal = await db.deals.get(String(record.id));
    if (!deal) continue;
    const amount = Number(record.props.amount_in_home_currency ?? 0) || 0;
    if (deal.amount !== amount || deal.stageId !== record.props.dealstage)
      difference.wrongValues.push(`deals:${record.id}`);
  }
  for (const type of ['emails', 'calls'] as const) {
    for (const record of portal.admin.records(type)) {
      if (record.archived) continue;
      const touch = await db.touches.get(String(record.id));
      if (!touch) continue;
      const raw = record.props.hs_email_direction ?? record.props.hs_call_direction;
      const direction =
        raw === 'EMAIL' || raw === 'OUTBOUND' ? 'out' : raw === 'INCOMING_EMAIL' || raw === 'INBOUND' ? 'in' : 'none';
      const automated = portal.truth.automatedSources.includes(record.props.hs_engagement_source ?? '');
      if (
        touch.direction !== direction ||
        touch.automated !== automated ||
        touch.at !== Date.parse(record.props.hs_timestamp ?? '')
      )
        difference.wrongValues.push(`touches:${record.id}`);
    }
  }
  return difference;
}

/** Lead links of a sample of records, read from the portal's v4 association endpoint with plain fetch. */
export async function sampleLinks(
  portal: RunningPortal,
  type: 'deals' | 'emails' | 'calls' | 'meetings',
  ids: string[],
): Promise<Map<string, string[]>> {
  const links = new Map<string, string[]>();
  for (const id of ids) {
    for (let attempt = 0; ; attempt += 1) {
      const response = await fetch(`${portal.httpUrl}/crm/v4/objects/${type}/${id}/associations/contacts?limit=500`, {
        headers: { authorization: `Bearer ${portal.token}` },
      });
      if (response.ok) {
        const body = (await response.json()) as { results: { toObjectId: number | string }[] };
        links.set(id, body.results.map((result) => String(result.toObjectId)).sort());
        break;
      }
      if (attempt > 20) throw new Error(`cannot read links of ${type} ${id}: ${response.status}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  return links;
}
