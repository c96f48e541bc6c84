import type { Feedback, Lead } from '../model';
import type { ImportedFeedbackRow } from '../model/imported-feedback';

// Imported satisfaction responses read together with the synced ones. HubSpot is the record: where a synced response
// is the same response as an imported one, the synced one stands and the imported one is left out, so a team that
// imports a survey export and later connects HubSpot's surveys does not count a response twice.

/**
 * Two responses are the same when they name the same lead and kind and lie less than a day apart: an imported date
 * without a time is its local midnight, while HubSpot stamps the submission's instant later that day.
 */
export const SAME_RESPONSE_MS = 86_400_000;

/** The lead an imported row names: by contact id, or by the lead's e-mail (case-insensitive); live leads only. */
function leadResolver(leads: readonly Lead[]): (row: ImportedFeedbackRow) => string | undefined {
  const live = new Set<string>();
  const byEmail = new Map<string, string>();
  for (const lead of leads) {
    if (lead.archived) continue;
    live.add(lead.id);
    const email = lead.email.trim().toLowerCase();
    // The first lead with an address keeps it, as HubSpot keeps one contact per address.
    if (email !== '' && !byEmail.has(email)) byEmail.set(email, lead.id);
  }
  return (row) =>
    row.contactId !== undefined
      ? live.has(row.contactId)
        ? row.contactId
        : undefined
      : row.email !== undefined
        ? byEmail.get(row.email)
        : undefined;
}

/**
 * The synced feedback, then each imported row not shadowed by a synced response, as METRICS.md's feedback rows
 * marked `imported`. A row naming no cached lead is kept without a lead: it still counts for the whole portal.
 */
export function withImportedFeedback(
  synced: readonly Feedback[],
  leads: readonly Lead[],
  imported: readonly ImportedFeedbackRow[],
): Feedback[] {
  if (imported.length === 0) return [...synced];
  const resolve = leadResolver(leads);
  const syncedAt = new Map<string, number[]>();
  for (const entry of synced) {
    if (entry.leadId === undefined || entry.imported) continue;
    const key = `${entry.leadId}|${entry.kind}`;
    const list = syncedAt.get(key) ?? [];
    list.push(entry.at);
    syncedAt.set(key, list);
  }
  const merged: Feedback[] = [...synced];
  for (const row of imported) {
    const leadId = resolve(row);
    if (leadId !== undefined) {
      const times = syncedAt.get(`${leadId}|${row.kind}`);
      if (times?.some((at) => Math.abs(at - row.at) < SAME_RESPONSE_MS)) continue;
    }
    merged.push({
      id: row.id,
      ...(leadId === undefined ? {} : { leadId }),
      at: row.at,
      kind: row.kind,
      score: row.score,
      imported: true,
    });
  }
  return merged;
}
