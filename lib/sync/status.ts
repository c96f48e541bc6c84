import * as z from 'zod/mini';
import { onFirstUse } from '../built-on-use';

// What the popup and options show about the sync. zod/mini: pages import it through the message protocol.

/** Every schema of the sync's status, built together on first use (lib/built-on-use.ts). */
const schemas = onFirstUse(() => {
  /** `reread`: contacts and deals listed again once, for properties an older version did not read (lib/sync/plan.ts). */
  const syncJobSchema = z.enum(['full', 'incremental', 'reconcile', 'reread']);

  const syncPhaseSchema = z.enum(['metadata', 'records', 'associations', 'deletions', 'finishing']);

  /**
   * What the user can do about a failure; the UI shows one action per kind. `quota`: the browser's storage for the
   * extension is full, which no retry can fix (the sync stops until the user frees space or narrows the scope).
   */
  const syncErrorKindSchema = z.enum(['reconnect', 'missingScope', 'dailyLimit', 'quota', 'network', 'other']);

  const syncProgressSchema = z.object({
    job: syncJobSchema,
    phase: syncPhaseSchema,
    done: z.number(),
    total: z.optional(z.number()),
    /** Records per second since the job started. */
    rate: z.number(),
    startedAt: z.number(),
  });

  const syncErrorSchema = z.object({
    kind: syncErrorKindSchema,
    message: z.string(),
    scopes: z.optional(z.array(z.string())),
    /** dailyLimit: when the budget is back (midnight in the portal's time zone). */
    until: z.optional(z.number()),
    at: z.number(),
  });

  /**
   * A part of the sync HubSpot refused for a missing scope (403). Only that part is turned off; the rest of the sync
   * goes on. `feature` is what the user loses, in their words (the UI names it); a full re-sync tries the part again.
   */
  const syncPartSchema = z.enum([
    'contacts',
    'emails',
    'calls',
    'meetings',
    'notes',
    'tasks',
    'deals',
    'feedback',
    'owners',
    'stages',
  ]);

  const syncFeatureSchema = z.enum(['deals', 'touches', 'feedback', 'owners']);

  const refusedPartSchema = z.object({
    part: syncPartSchema,
    scopes: z.array(z.string()),
    feature: syncFeatureSchema,
    at: z.number(),
  });

  /** The sync is stopped until the user acts: HubSpot refused the token (401), so asking again cannot help. */
  const syncPauseSchema = z.object({
    reason: z.enum(['tokenRefused']),
    message: z.string(),
    at: z.number(),
  });

  const skippedRecordSchema = z.object({
    type: z.string(),
    id: z.string(),
    reason: z.string(),
    kept: z.boolean(),
  });

  const syncStatusSchema = z.object({
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
    /** Set while the sync waits for a replaced token: no alarm calls HubSpot meanwhile. */
    paused: z.optional(syncPauseSchema),
    /** Parts turned off for a missing scope, with the feature each affects. */
    refused: z.optional(z.array(refusedPartSchema)),
    /**
     * A full re-sync is building a new copy of the cache: what is shown (badges, panel) is the previous complete one,
     * until the new one replaces it at once.
     */
    rebuilding: z.optional(z.boolean()),
  });
  return {
    syncJobSchema,
    syncPhaseSchema,
    syncErrorKindSchema,
    syncProgressSchema,
    syncErrorSchema,
    syncPartSchema,
    syncFeatureSchema,
    refusedPartSchema,
    syncPauseSchema,
    skippedRecordSchema,
    syncStatusSchema,
  };
});
type Schemas = ReturnType<typeof schemas>;

export type SyncJob = z.infer<Schemas['syncJobSchema']>;
export type SyncPhase = z.infer<Schemas['syncPhaseSchema']>;
export type SyncErrorKind = z.infer<Schemas['syncErrorKindSchema']>;
export type SyncProgress = z.infer<Schemas['syncProgressSchema']>;
export type SyncError = z.infer<Schemas['syncErrorSchema']>;
export type SyncPart = z.infer<Schemas['syncPartSchema']>;
export type SyncFeature = z.infer<Schemas['syncFeatureSchema']>;
export type RefusedPart = z.infer<Schemas['refusedPartSchema']>;
export type SyncPause = z.infer<Schemas['syncPauseSchema']>;
export type SyncStatus = z.infer<Schemas['syncStatusSchema']>;

/** What the popup and options are sent about the sync (the `syncStatus` message's reply). */
export const syncStatusSchema = (): Schemas['syncStatusSchema'] => schemas().syncStatusSchema;
