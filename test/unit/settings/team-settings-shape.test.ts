import { describe, expect, expectTypeOf, it } from 'vitest';
import type * as z from 'zod/mini';
import { type MetricSettings, metricSettings, metricSettingsSchema } from '../../../lib/model/settings';
import { teamSettingsShape } from '../../../lib/settings/team-settings-shape';

// The zod/mini shape and the model's schema describe the same settings: same fields, same types, and whatever the
// model accepts passes. No message carries the shape since the teamSettings routes went (c16056a); while the module
// stays, this holds it to the model.

const rich = metricSettings({
  timezone: 'Asia/Jerusalem',
  adoptionDate: '2024-02-29',
  slaMinutes: 7.5,
  slaBySource: { 'Paid search': 3 },
  businessHours: { days: ['sun', 'mon'], start: '08:30', end: '24:00' },
  myOwnerId: '42',
  timerRules: { openWithinDays: 10, inboundWithinDays: 3 },
  checkpoints: [1, 24],
  licensePerMonth: 400,
  grossMarginPct: 35.5,
  marketingSpend: { 'Paid search': { '2024-01': 1200 } },
  controlSegment: { owners: ['7'], sources: [] },
});

describe('the team settings in a message', () => {
  it('have the model’s output type', () => {
    expectTypeOf<z.infer<typeof teamSettingsShape>>().toEqualTypeOf<MetricSettings>();
  });

  it('have the model’s fields', () => {
    expect(Object.keys(teamSettingsShape.shape).sort()).toEqual(Object.keys(metricSettingsSchema.shape).sort());
  });

  it('carry what the model accepts, defaults and a full setup alike', () => {
    for (const settings of [metricSettings(), rich]) {
      expect(teamSettingsShape.parse(settings)).toEqual(settings);
    }
  });

  it('refuse what is plainly not team settings', () => {
    expect(teamSettingsShape.safeParse({ ...rich, slaMinutes: -1 }).success).toBe(false);
    expect(teamSettingsShape.safeParse({ ...rich, marketingSpend: { web: { '2024-13': 1 } } }).success).toBe(false);
    expect(
      teamSettingsShape.safeParse({ ...rich, businessHours: { days: ['someday'], start: '9', end: '17' } }).success,
    ).toBe(false);
    expect(teamSettingsShape.safeParse({ ...rich, grossMarginPct: 101 }).success).toBe(false);
  });
});
