import { z } from 'zod';
import { feedbackKindSchema } from './snapshot.ts';

// Satisfaction responses a team imports from a CSV when its portal has no HubSpot feedback surveys. They are kept in
// their own table beside the cache (a sync never touches them) and read with the synced feedback.

export const importedFeedbackSchema = z.object({
  /** `csv:<kind>:<contact>:<ISO instant>`: the same response imported again replaces itself, not a synced row. */
  id: z.string().startsWith('csv:'),
  /** The contact as the file named it: a lower-cased e-mail address or a HubSpot contact id (exactly one). */
  email: z.string().optional(),
  contactId: z.string().optional(),
  at: z.number(),
  kind: feedbackKindSchema,
  score: z.number(),
  importedAt: z.number(),
});

export type ImportedFeedbackRow = z.output<typeof importedFeedbackSchema>;

/** The identity of an imported response: its kind, its contact and its instant. */
export function importedFeedbackId(
  row: Pick<ImportedFeedbackRow, 'kind' | 'at'> & { email?: string; contactId?: string },
): string {
  const contact = row.email !== undefined ? `email:${row.email}` : `id:${row.contactId ?? ''}`;
  return `csv:${row.kind}:${contact}:${new Date(row.at).toISOString()}`;
}

/** METRICS.md's scales: NPS 0–10, CSAT 1–5. */
export const feedbackScale = { nps: [0, 10], csat: [1, 5] } as const;
