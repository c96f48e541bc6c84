import { z } from 'zod';
import { epochMs, type InstantSchema, optional } from './fields.ts';
import { safeRecord } from './record-keys.ts';

/** The CRM's original source, normalised (METRICS.md, "The snapshot"). */
export const leadSources = [
  'organic_search',
  'paid_search',
  'email_marketing',
  'organic_social',
  'paid_social',
  'referrals',
  'other_campaigns',
  'direct_traffic',
  'offline',
  'ai_referrals',
  'unknown',
] as const;
export const leadSourceSchema = z.enum(leadSources);
export type LeadSource = z.infer<typeof leadSourceSchema>;

export const touchKindSchema = z.enum(['email', 'call', 'meeting', 'note', 'task']);
export type TouchKind = z.infer<typeof touchKindSchema>;
export const touchDirectionSchema = z.enum(['in', 'out', 'none']);
export type TouchDirection = z.infer<typeof touchDirectionSchema>;
export const feedbackKindSchema = z.enum(['nps', 'csat']);
export type FeedbackKind = z.infer<typeof feedbackKindSchema>;

/** The standard lifecycle stages in HubSpot's order; used when a snapshot lists none. */
export const standardLifecycleStages = [
  { value: 'subscriber', label: 'Subscriber', order: 0 },
  { value: 'lead', label: 'Lead', order: 1 },
  { value: 'marketingqualifiedlead', label: 'Marketing qualified lead', order: 2 },
  { value: 'salesqualifiedlead', label: 'Sales qualified lead', order: 3 },
  { value: 'opportunity', label: 'Opportunity', order: 4 },
  { value: 'customer', label: 'Customer', order: 5 },
  { value: 'evangelist', label: 'Evangelist', order: 6 },
] as const;

const id = z.string().min(1);

/**
 * The snapshot's schemas for a given representation of instants. The model uses ms since epoch; the snapshot file
 * uses ISO strings (see `snapshot-file.ts`). Both give the same output types.
 */
export function defineSnapshotSchemas<I extends InstantSchema>(instant: I) {
  const ownerSchema = z.object({
    id,
    name: z.string().default(''),
    email: z.string().default(''),
  });

  const stageSchema = z.object({
    pipelineId: z.string(),
    stageId: z.string(),
    label: z.string().default(''),
    order: z.number().default(0),
    probability: z.number().min(0).max(1).default(0),
    isClosed: z.boolean().default(false),
    isWon: z.boolean().default(false),
    /** The pipeline's own name (an extension of METRICS.md's stage row, for the pickers; ignored by the metrics). */
    pipelineLabel: optional(z.string()),
  });

  const lifecycleStageSchema = z.object({
    value: z.string(),
    label: z.string().default(''),
    order: z.number(),
  });

  const stageDatesSchema = z.object({
    lead: optional(instant),
    marketingqualifiedlead: optional(instant),
    salesqualifiedlead: optional(instant),
    opportunity: optional(instant),
    customer: optional(instant),
  });

  const leadSchema = z.object({
    id,
    email: z.string().default(''),
    name: z.string().default(''),
    ownerId: optional(z.string()),
    /** When the current owner was assigned (HubSpot's `hubspot_owner_assigneddate`); absent in older caches and files. */
    ownerAssignedAt: optional(instant),
    createdAt: instant,
    lifecycleStage: z.string().default(''),
    leadStatus: optional(z.string()),
    stageDates: stageDatesSchema.default({}),
    source: leadSourceSchema.default('unknown'),
    sourceDetail: optional(z.string()),
    sourceTag: optional(z.string()),
    campaign: optional(z.string()),
    score: optional(z.number()),
    updatedAt: instant,
    archived: z.boolean().default(false),
  });

  const dealSchema = z.object({
    id,
    // HubSpot leaves `amount` empty on many deals; METRICS.md counts a missing amount as 0.
    amount: optional(z.number().finite()).transform((amount) => amount ?? 0),
    pipelineId: z.string().default(''),
    stageId: z.string().default(''),
    /** When the deal entered each stage, by stage id (HubSpot's `hs_v2_date_entered_<stageId>`); absent in older data. */
    stageDates: optional(safeRecord(instant)),
    createdAt: instant,
    closeDate: optional(instant),
    isClosed: z.boolean(),
    isWon: z.boolean(),
    ownerId: optional(z.string()),
    leadIds: z.array(z.string()).default([]),
  });

  const touchSchema = z.object({
    id,
    kind: touchKindSchema,
    direction: touchDirectionSchema,
    at: instant,
    ownerId: optional(z.string()),
    leadIds: z.array(z.string()).default([]),
    automated: z.boolean().default(false),
  });

  const feedbackSchema = z.object({
    id,
    leadId: optional(z.string()),
    at: instant,
    kind: feedbackKindSchema,
    // NPS 0–10 and CSAT 1–5; the scale is checked per kind below so a typo is caught where it is.
    score: z.number(),
    // Marks a response imported from a CSV rather than synced from HubSpot (lib/model/imported-feedback.ts); readers
    // that predate it ignore it as an unknown field.
    imported: optional(z.literal(true)),
  });

  const snapshotSchema = z.object({
    owners: z.array(ownerSchema),
    stages: z.array(stageSchema),
    // Absent (or empty) means the standard list; METRICS.md marks this table and `feedback` optional.
    lifecycleStages: optional(z.array(lifecycleStageSchema)),
    leads: z.array(leadSchema),
    deals: z.array(dealSchema),
    touches: z.array(touchSchema),
    feedback: z
      .array(
        feedbackSchema.superRefine((entry, ctx) => {
          const [low, high] = entry.kind === 'nps' ? [0, 10] : [1, 5];
          if (entry.score < low || entry.score > high) {
            ctx.addIssue({
              code: 'custom',
              path: ['score'],
              message: `expected a ${entry.kind.toUpperCase()} score from ${low} to ${high}`,
            });
          }
        }),
      )
      .default([]),
  });

  return {
    ownerSchema,
    stageSchema,
    lifecycleStageSchema,
    stageDatesSchema,
    leadSchema,
    dealSchema,
    touchSchema,
    feedbackSchema,
    snapshotSchema,
  };
}

const inMemory = defineSnapshotSchemas(epochMs);

export const ownerSchema = inMemory.ownerSchema;
export const stageSchema = inMemory.stageSchema;
export const lifecycleStageSchema = inMemory.lifecycleStageSchema;
export const stageDatesSchema = inMemory.stageDatesSchema;
export const leadSchema = inMemory.leadSchema;
export const dealSchema = inMemory.dealSchema;
export const touchSchema = inMemory.touchSchema;
export const feedbackSchema = inMemory.feedbackSchema;
export const snapshotSchema = inMemory.snapshotSchema;

export type Owner = z.output<typeof ownerSchema>;
export type Stage = z.output<typeof stageSchema>;
export type LifecycleStage = z.output<typeof lifecycleStageSchema>;
export type StageDates = z.output<typeof stageDatesSchema>;
export type Lead = z.output<typeof leadSchema>;
export type Deal = z.output<typeof dealSchema>;
export type Touch = z.output<typeof touchSchema>;
export type Feedback = z.output<typeof feedbackSchema>;
export type Snapshot = z.output<typeof snapshotSchema>;
