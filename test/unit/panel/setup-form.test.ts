import { describe, expect, it } from 'vitest';
import { metricSettings } from '../../../lib/model/settings';
import {
  formFromSettings,
  parseAmount,
  parseSetting,
  parseTarget,
  validateSetup,
  visibleErrors,
} from '../../../lib/panel/setup-form';

describe('setup form', () => {
  const base = () =>
    formFromSettings(
      metricSettings({
        timezone: 'America/New_York',
        adoptionDate: '2025-09-01',
        licensePerMonth: 500,
        marketingSpend: { paid_search: { '2025-01': 1000 } },
      }),
      'USD',
    );

  it('round-trips the stored settings', () => {
    const result = validateSetup(base());
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.settings).toMatchObject({
      adoptionDate: '2025-09-01',
      licensePerMonth: 500,
      checkpoints: [3, 6, 12],
      timezone: 'America/New_York',
      marketingSpend: { paid_search: { '2025-01': 1000 } },
      controlSegment: null,
    });
    expect(result.value.currency).toBe('USD');
  });

  it('names every invalid field with its own message', () => {
    const form = base();
    form.adoptionDate = '2025-02-30';
    form.numbers.licensePerMonth = '-5';
    form.numbers.grossMarginPct = '120';
    form.checkpoints = '3, 0, six';
    form.timezone = 'Mars/Olympus';
    form.currency = 'dollars';
    form.spend.push({ source: 'paid_search', month: '2025-1', amount: 'x' });
    const result = validateSetup(form);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual({
      adoptionDate: 'setup.error.date',
      licensePerMonth: 'setup.error.number',
      grossMarginPct: 'setup.error.percent',
      checkpoints: 'setup.error.checkpoints',
      timezone: 'setup.error.timezone',
      currency: 'setup.error.currency',
      'spend.1.month': 'setup.error.month',
      'spend.1.amount': 'setup.error.number',
    });
  });

  it('refuses the same source and month twice, and ignores blank rows', () => {
    const form = base();
    form.spend.push({ source: 'paid_search', month: '2025-01', amount: '5' }, { source: '', month: '', amount: '' });
    const result = validateSetup(form);
    expect(result.ok ? {} : result.errors).toEqual({ 'spend.1.month': 'setup.error.duplicate' });
  });

  it('builds a control segment from owners and comma-separated sources', () => {
    const form = base();
    form.controlOwners = ['o2'];
    form.controlSources = ' referrals, partner-webinar ,';
    const result = validateSetup(form);
    expect(result.ok && result.value.settings.controlSegment).toEqual({
      owners: ['o2'],
      sources: ['referrals', 'partner-webinar'],
    });
  });

  it('stores empty money, hours and percent fields as unset (null), never 0 or 100', () => {
    // Nobody typed anything but the licence: the form shows empty fields, and saving keeps them unset.
    const form = base();
    expect(form.numbers.grossMarginPct).toBe('');
    expect(form.numbers.attributionPct).toBe('');
    expect(form.numbers.hourlyCost).toBe('');
    expect(form.numbers.licensePerMonth).toBe('500');
    const untouched = validateSetup(form);
    expect(untouched.ok && untouched.value.settings).toMatchObject({
      licensePerMonth: 500,
      hourlyCost: null,
      salesCostPerMonth: null,
      grossMarginPct: null,
      attributionPct: null,
    });
    // An entered 0 stays 0 (it is not "not entered"), and a typed margin is kept.
    form.numbers.hourlyCost = '0';
    form.numbers.grossMarginPct = ' 35 ';
    form.numbers.licensePerMonth = '  ';
    const typed = validateSetup(form);
    expect(typed.ok && typed.value.settings).toMatchObject({
      hourlyCost: 0,
      grossMarginPct: 35,
      attributionPct: null,
      licensePerMonth: null,
    });
    expect(parseSetting('')).toBeNull();
    expect(parseSetting('0')).toBe(0);
    expect(parseSetting('ten')).toBeUndefined();
  });

  it('reads amounts as people type them', () => {
    expect(parseAmount('1,200.50')).toBe(1200.5);
    expect(parseAmount(' ')).toBe(0);
    expect(parseAmount('1e3')).toBeNull();
  });

  it('shows a field’s error once the user has left it, and every error after a refused Save', () => {
    const all = { licensePerMonth: 'setup.error.number', timezone: 'setup.error.timezone' } as const;
    expect(visibleErrors(all, new Set(), false)).toEqual({});
    expect(visibleErrors(all, new Set(['licensePerMonth', 'adoptionDate']), false)).toEqual({
      licensePerMonth: 'setup.error.number',
    });
    expect(visibleErrors(all, new Set(), true)).toEqual(all);
  });

  it('stores targets in their figures’ units: percentages as fractions, empty as no target', () => {
    const form = formFromSettings(
      metricSettings({ targets: { leadToCustomerRate: 0.12, medianResponseMinutes: 30, roi: 1.5 } }),
      'USD',
    );
    // Shown as typed: rates and ROI as percentages.
    expect(form.targets.leadToCustomerRate).toBe('12');
    expect(form.targets.roi).toBe('150');
    expect(form.targets.cac).toBe('');
    form.targets.leadToCustomerRate = '';
    form.targets.shareWithinSla = '90';
    form.targets.revenueChange = '-2,000';
    form.targets.nps = '\u221210';
    const result = validateSetup(form);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.settings.targets).toEqual({
      roi: 1.5,
      medianResponseMinutes: 30,
      shareWithinSla: 0.9,
      revenueChange: -2000,
      nps: -10,
    });
  });

  it('refuses a target outside its unit’s range, by field', () => {
    expect(parseTarget('medianResponseMinutes', '-5')).toBeUndefined();
    expect(parseTarget('shareWithinSla', '101')).toBeUndefined();
    expect(parseTarget('nps', '120')).toBeUndefined();
    expect(parseTarget('cac', 'abc')).toBeUndefined();
    expect(parseTarget('roi', '250')).toBe(2.5);
    expect(parseTarget('csat', '57')).toBe(0.57);
    const form = formFromSettings(metricSettings({}), 'USD');
    form.targets.p90ResponseMinutes = '-1';
    const result = validateSetup(form);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual({ 'target.p90ResponseMinutes': 'setup.error.target' });
  });
});
