import { z } from 'zod';
import { optional } from './fields.ts';
import { recordKeySchema, refuseReservedKeys } from './record-keys.ts';
import { type TargetKey, targetKeys } from './targets.ts';

export { type TargetKey, targetKeys };

/** Is `name` an IANA time zone this runtime knows? */
export function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

export const timeZoneSchema = z
  .string()
  .refine(isTimeZone, { error: 'expected an IANA time zone (e.g. Europe/Paris)' });

/** A local calendar date `YYYY-MM-DD` that exists (no Feb 30). */
export const localDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'expected a local date YYYY-MM-DD' })
  .refine(
    (text) => {
      const [y, m, d] = text.split('-').map(Number) as [number, number, number];
      const date = new Date(Date.UTC(y, m - 1, d));
      return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
    },
    { error: 'expected a local date YYYY-MM-DD' },
  );

/** A calendar month key `YYYY-MM`, as `marketingSpend` uses. */
export const monthKeySchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { error: 'expected a month YYYY-MM' });

// "24:00" lets a day run to midnight; anything else is a wall-clock time of the day.
export const wallClockSchema = z
  .string()
  .regex(/^(([01]\d|2[0-3]):[0-5]\d|24:00)$/, { error: 'expected a time HH:MM' });

export const weekdays = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
export const weekdaySchema = z.enum(weekdays);
export type Weekday = z.infer<typeof weekdaySchema>;

export const businessHoursSchema = z.object({
  days: z.array(weekdaySchema),
  start: wallClockSchema,
  end: wallClockSchema,
  /** Local dates with no business time (public holidays), in `timezone`. */
  holidays: optional(z.array(localDateSchema)),
});
export type BusinessHours = z.output<typeof businessHoursSchema>;

export const controlSegmentSchema = z.object({
  owners: z.array(z.string()).default([]),
  sources: z.array(z.string()).default([]),
});
export type ControlSegment = z.output<typeof controlSegmentSchema>;

/**
 * Which leads show timers (badges and alerts), so an old import never reads "overdue 400 days": open timers of leads
 * created within `openWithinDays` that are not yet customers, inbound timers of messages waiting at most
 * `inboundWithinDays`. Stored settings written before these existed get the defaults.
 */
export const timerRulesSchema = z.object({
  openWithinDays: z.number().int().positive().default(30),
  inboundWithinDays: z.number().int().positive().default(14),
});
export type TimerRulesSetting = z.output<typeof timerRulesSchema>;

/**
 * The optional early warning (issue #20): one notification per waiting episode of my leads once the wait reaches
 * `sharePct` of its SLA, before the overdue one. 50 % is when the badge turns amber.
 */
export const earlyWarningSchema = z.object({
  enabled: z.boolean().default(false),
  sharePct: z.number().int().min(1).max(99).default(50),
});
export type EarlyWarningSetting = z.output<typeof earlyWarningSchema>;

const money = z.number().finite().min(0);
const percent = z.number().min(0).max(100);

/**
 * A money or hours setting: null is "not entered" (METRICS.md, "Settings"), which the panel tells apart from an
 * entered 0 ("—" with what to enter), while every formula counts it as 0 (`orZero`).
 */
const unsetOr = (schema: z.ZodNumber) => schema.nullable().default(null);

/** How a formula reads a money or hours setting: unset counts as 0. */
export function orZero(value: number | null | undefined): number {
  return value ?? 0;
}

/**
 * The manager's goal per KPI, in the units of the figure it is compared with: rates, ROI and CSAT as fractions
 * (0.9, not 90), NPS −100…100, money in the portal's currency, minutes, days. A key not set has no target.
 */
export const targetsSchema = z.object(
  Object.fromEntries(targetKeys.map((key) => [key, z.number().finite().optional()])) as Record<
    TargetKey,
    z.ZodOptional<z.ZodNumber>
  >,
);
export type Targets = z.output<typeof targetsSchema>;

/** The settings of METRICS.md ("Settings"), with its defaults. UI settings live elsewhere (`lib/settings/`). */
export const metricSettingsSchema = z.object({
  /** IANA name; calendar months, local dates and weekdays are taken here. */
  timezone: timeZoneSchema.default('UTC'),
  /** Local date; its local midnight belongs to the *after* side. Absent: no before/after, no ROI, no clipping. */
  adoptionDate: optional(localDateSchema),
  slaMinutes: z.number().positive().default(5),
  /** Keyed by effective source (`sourceTag ?? source`). */
  slaBySource: refuseReservedKeys(z.record(recordKeySchema, z.number().positive()).default({})),
  businessHours: businessHoursSchema.nullable().default(null),
  /** Used by the overlays (my leads, alerts), not by any metric. */
  myOwnerId: optional(z.string()),
  /**
   * Whose leads this browser keeps (issue #23): `portal`, every lead (a manager's whole-portal view); `mine`, the
   * leads `myOwnerId` owns with their deals and engagements, any other looked up on demand. A policy can force it.
   * Used by the sync, not by any metric.
   */
  cacheScope: z.enum(['portal', 'mine']).default('portal'),
  /** Rep scope: hours a lead looked up on demand (not mine) is kept before it is removed. Not used by any metric. */
  lookupLifetimeHours: z.number().positive().max(720).default(24),
  /** Used by the overlays and alerts, not by any metric. */
  timerRules: timerRulesSchema.prefault({}),
  /** Used by the alerts, not by any metric. */
  earlyWarning: earlyWarningSchema.prefault({}),
  /** Checkpoints in whole months after adoption. */
  checkpoints: z.array(z.number().int().positive()).default([3, 6, 12]),
  clvHorizonMonths: z.number().int().positive().default(12),
  licensePerMonth: unsetOr(money),
  maintenancePerMonth: unsetOr(money),
  implementationCost: unsetOr(money),
  trainingCost: unsetOr(money),
  hourlyCost: unsetOr(money),
  minutesSavedPerAutomatedTouch: unsetOr(z.number().finite().min(0)),
  manualHoursSavedPerMonth: unsetOr(z.number().finite().min(0)),
  /** The manager's stated assumptions: no default, null until stated, and ROI waits for them. */
  grossMarginPct: percent.nullable().default(null),
  attributionPct: percent.nullable().default(null),
  salesCostPerMonth: unsetOr(money),
  /** `{ source: { "YYYY-MM": amount } }`, keyed by effective source. */
  marketingSpend: refuseReservedKeys(z.record(recordKeySchema, z.record(monthKeySchema, money)).default({})),
  controlSegment: controlSegmentSchema.nullable().default(null),
  /** Keys as in METRICS.md "Targets"; none set is `{}`. */
  targets: targetsSchema.default({}),
  /**
   * The team queue (issue #20): the reps whose overdue leads a manager follows, and whether a lead of theirs passing
   * each multiple of its SLA is notified. Used by the side panel, the popup and the alerts, not by any metric.
   */
  teamQueue: optional(z.object({ ownerIds: z.array(z.string().max(40)).max(500), notify: z.boolean().default(false) })),
});

export type MetricSettings = z.output<typeof metricSettingsSchema>;
export type MetricSettingsInput = z.input<typeof metricSettingsSchema>;

/** Settings with every default filled in, overridden by `overrides`. */
export function metricSettings(overrides: MetricSettingsInput = {}): MetricSettings {
  return metricSettingsSchema.parse(overrides);
}
