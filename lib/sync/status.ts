import * as z from 'zod/mini';

// What the popup and options show about the sync. zod/mini: pages import it through the message protocol.

export const syncJobSchema = z.enum(['full', 'incremental', 'reconcile']);
export type SyncJob = z.infer<typeof syncJobSchema>;

export const syncPhaseSchema = z.enum(['metadata', 'records', 'associations', 'deletions', 'finishing']);
export type SyncPhase = z.infer<typeof syncPhaseSchema>;

/** What the user can do about a failure; the UI shows one action per kind. */
export const syncErrorKindSchema = z.enum(['reconnect', 'missingScope', 'dailyLimit', 'network', 'other']);
export type SyncErrorKind = z.infer<typeof syncErrorKindSchema>;

export const syncProgressSchema = z.object({
  job: syncJobSchema,
  phase: syncPhaseSchema,
  done: z.number(),
  total: z.optional(z.number()),
  /** Records per second since the job started. */
  rate: z.number(),
  startedAt: z.number(),
});
export type SyncProgress = z.infer<typeof syncProgressSchema>;

export const syncErrorSchema = z.object({
  kind: syncErrorKindSchema,
  message: z.string(),
  scopes: z.optional(z.array(z.string())),
  /** dailyLimit: when the budget is back (midnight in the portal's time zone). */
  until: z.optional(z.number()),
  at: z.number(),
});
export type SyncError = z.infer<typeof syncErrorSchema>;

export const skippedRecordSchema = z.object({
  type: z.string(),
  id: z.string(),
  reason: z.string(),
  kept: z.boolean(),
});

export const syncStatusSchema = z.object({
  running: z.boolean(),
  progress: z.optional(syncProgressSchema),
  fullDone: z.boolean(),
  lastSuccessAt: z.optional(z.number()),
  /** The data is complete up to this instant. */
  asOf: z.optional(z.number()),
  lastIncrementalAt: z.optional(z.number()),
  lastReconcileAt: z.optional(z.number()),
  error: z.optional(syncErrorSchema),
  /** Records not cached (`kept` false) and records cached without a bad value (`kept` true). */
  skippedCount: z.number(),
  keptWithProblemsCount: z.number(),
  skipped: z.array(skippedRecordSchema),
  dailyRemaining: z.optional(z.number()),
  requests: z.optional(z.number()),
});
export type SyncStatus = z.infer<typeof syncStatusSchema>;
