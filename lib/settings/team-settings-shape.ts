import * as z from 'zod/mini';

// The team settings as they travel in a message (lib/messaging/protocol.ts). zod/mini, not the model's schema
// (lib/model/settings.ts, full zod): content scripts import the protocol and each must stay under 350 KB. The same
// fields and types as the model's output (test/unit/settings/team-settings-shape.test.ts holds the two together);
// the checks that need code rather than a pattern (a known time zone, a date that exists, reserved record keys)
// stay with the model, which validates every save.

const weekday = z.enum(['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat']);
const wallClock = z.string().check(z.regex(/^(([01]\d|2[0-3]):[0-5]\d|24:00)$/));
const positive = z.number().check(z.positive());
const wholePositive = z.int().check(z.positive());
const atLeastZero = z.number().check(z.minimum(0));
const percent = z.number().check(z.minimum(0), z.maximum(100));
// Money, hours and the stated assumptions are null until entered (lib/model/settings.ts).
const unsetOrAtLeastZero = z.nullable(atLeastZero);
const localDate = z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/));
const target = z.optional(z.number());

export const teamSettingsShape = z.object({
  timezone: z.string(),
  adoptionDate: z.optional(z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/))),
  slaMinutes: positive,
  slaBySource: z.record(z.string(), positive),
  businessHours: z.nullable(
    z.object({ days: z.array(weekday), start: wallClock, end: wallClock, holidays: z.optional(z.array(localDate)) }),
  ),
  myOwnerId: z.optional(z.string()),
  timerRules: z.object({ openWithinDays: wholePositive, inboundWithinDays: wholePositive }),
  checkpoints: z.array(wholePositive),
  clvHorizonMonths: wholePositive,
  licensePerMonth: unsetOrAtLeastZero,
  maintenancePerMonth: unsetOrAtLeastZero,
  implementationCost: unsetOrAtLeastZero,
  trainingCost: unsetOrAtLeastZero,
  hourlyCost: unsetOrAtLeastZero,
  minutesSavedPerAutomatedTouch: unsetOrAtLeastZero,
  manualHoursSavedPerMonth: unsetOrAtLeastZero,
  grossMarginPct: z.nullable(percent),
  attributionPct: z.nullable(percent),
  salesCostPerMonth: unsetOrAtLeastZero,
  marketingSpend: z.record(z.string(), z.record(z.string().check(z.regex(/^\d{4}-(0[1-9]|1[0-2])$/)), atLeastZero)),
  controlSegment: z.nullable(z.object({ owners: z.array(z.string()), sources: z.array(z.string()) })),
  targets: z.object({
    roi: target,
    revenueChange: target,
    leadToCustomerRate: target,
    medianResponseMinutes: target,
    p90ResponseMinutes: target,
    shareWithinSla: target,
    medianSalesCycleDays: target,
    cac: target,
    clv: target,
    nps: target,
    csat: target,
  }),
});

/** The settings in effect (local under managed), which of them the organisation set, and why stored ones were refused. */
export const effectiveTeamSettingsShape = z.object({
  settings: teamSettingsShape,
  managedKeys: z.array(z.string()),
  problem: z.optional(z.string()),
  assumptionsNote: z.optional(z.boolean()),
});
