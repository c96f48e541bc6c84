import { describe, expect, it } from 'vitest';
import { alertFormFrom, parseMinutes, validateAlertForm, withAlertSettings } from '../../../lib/alerts/settings-form';
import { mergeTeamSettings } from '../../../lib/settings/team-settings';
import { metricSettings, metricSettingsSchema } from '../../../lib/model/settings';
import { defaultTimerRules } from '../../../lib/metrics/lead-view';

describe('timer rules in the team settings', () => {
  it('default to the badges’ rules, so settings stored before they existed stay valid and mean the same', () => {
    const old = { slaMinutes: 10, hourlyCost: 40, myOwnerId: '7' };
    const parsed = metricSettingsSchema.parse(old);
    expect(parsed.timerRules).toEqual(defaultTimerRules);
    expect(mergeTeamSettings(old, {}).problem).toBeUndefined();
  });

  it('take a partial value and refuse nonsense', () => {
    expect(metricSettings({ timerRules: { inboundWithinDays: 3 } }).timerRules).toEqual({
      openWithinDays: 30,
      inboundWithinDays: 3,
    });
    expect(metricSettingsSchema.safeParse({ timerRules: { openWithinDays: 0 } }).success).toBe(false);
    expect(metricSettingsSchema.safeParse({ timerRules: { openWithinDays: 1.5 } }).success).toBe(false);
  });
});

describe('the alerts form', () => {
  const settings = metricSettings({
    slaMinutes: 5,
    slaBySource: { referrals: 15, 'partner-webinar': 60 },
    myOwnerId: '7',
    hourlyCost: 50,
    adoptionDate: '2026-01-01',
  });

  it('shows the settings as the inputs hold them, with a working week offered when no hours are set', () => {
    expect(alertFormFrom(settings)).toEqual({
      slaMinutes: '5',
      slaBySource: [
        { source: 'partner-webinar', minutes: '60' },
        { source: 'referrals', minutes: '15' },
      ],
      businessHoursOn: false,
      days: ['mon', 'tue', 'wed', 'thu', 'fri'],
      start: '09:00',
      end: '17:00',
      holidays: [],
      myOwnerId: '7',
      openWithinDays: '30',
      inboundWithinDays: '14',
      earlyWarningOn: false,
      earlyWarningPct: '50',
    });
  });

  it('keeps the team’s holidays when the hours are saved (they are not edited here)', () => {
    const withHolidays = metricSettings({
      businessHours: { days: ['sun', 'mon'], start: '08:00', end: '16:00', holidays: ['2026-12-03'] },
    });
    const result = validateAlertForm({ ...alertFormFrom(withHolidays), start: '09:00' });
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(withAlertSettings(withHolidays, result.value, []).businessHours).toEqual({
      days: ['sun', 'mon'],
      start: '09:00',
      end: '16:00',
      holidays: ['2026-12-03'],
    });
  });

  it('takes the early warning at a whole share from 1 to 99 %, off by default', () => {
    const form = { ...alertFormFrom(settings), earlyWarningOn: true, earlyWarningPct: '80' };
    const result = validateAlertForm(form);
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(withAlertSettings(settings, result.value, []).earlyWarning).toEqual({ enabled: true, sharePct: 80 });
    for (const wrong of ['0', '100', '50.5', 'half'])
      expect(validateAlertForm({ ...form, earlyWarningPct: wrong })).toEqual({
        ok: false,
        errors: { earlyWarningPct: 'alerts.error.percent' },
      });
    // Set by the organisation: kept as it is.
    expect(withAlertSettings(settings, result.value, ['earlyWarning']).earlyWarning).toEqual({
      enabled: false,
      sharePct: 50,
    });
  });

  it('round-trips: saving an untouched form changes nothing', () => {
    const result = validateAlertForm(alertFormFrom(settings));
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(withAlertSettings(settings, result.value, [])).toEqual(settings);
  });

  it('reads decimals with a comma or a point and refuses zero and words', () => {
    expect(parseMinutes('7,5')).toBe(7.5);
    expect(parseMinutes(' 2.5 ')).toBe(2.5);
    expect(parseMinutes('0')).toBeNull();
    expect(parseMinutes('five')).toBeNull();
    expect(parseMinutes('')).toBeNull();
  });

  it('puts one error next to each bad field', () => {
    const form = {
      ...alertFormFrom(settings),
      slaMinutes: '0',
      slaBySource: [
        { source: 'referrals', minutes: '15' },
        { source: ' referrals ', minutes: 'x' },
        { source: '', minutes: '5' },
      ],
      businessHoursOn: true,
      days: [],
      start: '17:00',
      end: '09:00',
      openWithinDays: '2.5',
      inboundWithinDays: '',
    };
    const result = validateAlertForm(form);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual({
      slaMinutes: 'alerts.error.positive',
      'slaBySource.1.source': 'alerts.error.duplicateSource',
      'slaBySource.1.minutes': 'alerts.error.positive',
      'slaBySource.2.source': 'setup.error.source',
      days: 'alerts.error.noDays',
      end: 'alerts.error.hours',
      openWithinDays: 'alerts.error.wholeDays',
      inboundWithinDays: 'alerts.error.wholeDays',
    });
  });

  it('saves business hours in week order, the rules, and "nobody" as no owner id', () => {
    const form = {
      ...alertFormFrom(settings),
      businessHoursOn: true,
      days: ['thu' as const, 'sun' as const],
      start: '08:30',
      end: '16:00',
      myOwnerId: '',
      openWithinDays: '10',
      inboundWithinDays: '3',
    };
    const result = validateAlertForm(form);
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    const saved = withAlertSettings(settings, result.value, []);
    expect(saved.businessHours).toEqual({ days: ['sun', 'thu'], start: '08:30', end: '16:00' });
    expect(saved.timerRules).toEqual({ openWithinDays: 10, inboundWithinDays: 3 });
    expect('myOwnerId' in saved).toBe(false);
    // The ROI settings travel along untouched: saving replaces the stored object.
    expect(saved).toMatchObject({ hourlyCost: 50, adoptionDate: '2026-01-01' });
    expect(metricSettingsSchema.safeParse(saved).success).toBe(true);
  });

  it('leaves what the organisation set as it is', () => {
    const result = validateAlertForm({ ...alertFormFrom(settings), slaMinutes: '30', myOwnerId: '9' });
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    const saved = withAlertSettings(settings, result.value, ['slaMinutes']);
    expect(saved.slaMinutes).toBe(5);
    expect(saved.myOwnerId).toBe('9');
  });
});
