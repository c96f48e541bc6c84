// @vitest-environment happy-dom
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AlertSettingsForm } from '../../../components/alerts/AlertSettings';
import type { Locale } from '../../../components/useLocale';
import { directionOf, type Language, localeOf, translator } from '../../../lib/i18n';
import { type MetricSettings, metricSettings } from '../../../lib/model/settings';
import { defaultAppSettings } from '../../../lib/settings/schema';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let container: HTMLDivElement;
let root: Root;
function render(node: React.ReactNode) {
  container = document.createElement('div');
  document.body.append(container);
  root = createRoot(container);
  act(() => root.render(node));
}
afterEach(() => {
  act(() => root.unmount());
  container.remove();
});

function locale(language: Language): Locale {
  return {
    language,
    dir: directionOf(language),
    intlLocale: localeOf(language),
    t: translator(language),
    settings: defaultAppSettings,
    ready: true,
  };
}

const owners = [
  { id: '7', name: 'Rina Cohen', email: 'rina@example.com' },
  { id: '8', name: '<img src=x onerror=alert(1)>', email: 'x@example.com' },
];

const get = <T extends Element>(testId: string) => {
  const element = container.querySelector<T>(`[data-testid="${testId}"]`);
  if (!element) throw new Error(`no ${testId}`);
  return element;
};

async function type(input: HTMLInputElement | HTMLSelectElement, value: string) {
  await act(async () => {
    const prototype = input instanceof HTMLSelectElement ? HTMLSelectElement.prototype : HTMLInputElement.prototype;
    Object.getOwnPropertyDescriptor(prototype, 'value')?.set?.call(input, value);
    input.dispatchEvent(new Event(input instanceof HTMLSelectElement ? 'change' : 'input', { bubbles: true }));
  });
}

async function submit() {
  await act(async () => {
    container.querySelector('form')?.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
  });
}

describe('AlertSettingsForm', () => {
  it('chooses my owner from the cached owners (names as text) and saves the whole settings', async () => {
    const onSave = vi.fn(async (_settings: MetricSettings) => undefined);
    const settings = metricSettings({ timezone: 'UTC', hourlyCost: 50 });
    render(
      <AlertSettingsForm locale={locale('en')} settings={settings} managedKeys={[]} owners={owners} onSave={onSave} />,
    );
    const select = get<HTMLSelectElement>('alerts-myOwner');
    expect([...select.options].map((option) => option.textContent)).toEqual([
      'Nobody (no alerts)',
      'Rina Cohen',
      '<img src=x onerror=alert(1)>',
    ]);
    expect(container.querySelector('img')).toBeNull();

    await type(select, '7');
    await type(get<HTMLInputElement>('alerts-slaMinutes'), '10');
    await type(get<HTMLInputElement>('alerts-openWithinDays'), '45');
    await submit();
    expect(onSave).toHaveBeenCalledTimes(1);
    expect(onSave.mock.calls[0]?.[0]).toEqual({
      ...settings,
      myOwnerId: '7',
      slaMinutes: 10,
      timerRules: { openWithinDays: 45, inboundWithinDays: 14 },
    });
    expect(get('alerts-status').textContent).toBe('Saved.');
  });

  it('shows policy values read-only and refuses a bad field inline without saving', async () => {
    const onSave = vi.fn(async () => undefined);
    render(
      <AlertSettingsForm
        locale={locale('en')}
        settings={metricSettings({ slaMinutes: 3, myOwnerId: '8' })}
        managedKeys={['slaMinutes', 'businessHours']}
        owners={owners}
        onSave={onSave}
      />,
    );
    expect(get<HTMLInputElement>('alerts-slaMinutes').disabled).toBe(true);
    expect(get<HTMLInputElement>('alerts-slaMinutes').value).toBe('3');
    expect(get<HTMLInputElement>('alerts-businessHoursOn').disabled).toBe(true);
    expect(get<HTMLSelectElement>('alerts-myOwner').disabled).toBe(false);
    expect(container.textContent).toContain('Set by your organisation');

    await type(get<HTMLInputElement>('alerts-inboundWithinDays'), '0');
    await submit();
    expect(onSave).not.toHaveBeenCalled();
    expect(get<HTMLInputElement>('alerts-inboundWithinDays').getAttribute('aria-invalid')).toBe('true');
    expect(container.textContent).toContain('Enter a whole number of days above 0.');
  });

  it('offers the early warning beside the overdue alert: off by default, at half the SLA when switched on', async () => {
    const onSave = vi.fn(async (_settings: MetricSettings) => undefined);
    const settings = metricSettings({ myOwnerId: '7' });
    render(
      <AlertSettingsForm locale={locale('en')} settings={settings} managedKeys={[]} owners={owners} onSave={onSave} />,
    );
    expect(get<HTMLInputElement>('alerts-earlyWarningOn').checked).toBe(false);
    expect(container.querySelector('[data-testid="alerts-earlyWarningPct"]')).toBeNull();
    await act(async () => get<HTMLInputElement>('alerts-earlyWarningOn').click());
    expect(get<HTMLInputElement>('alerts-earlyWarningPct').value).toBe('50');
    expect(get('alerts-earlyWarning').textContent).toContain('50 % is when the badge turns amber');

    await type(get<HTMLInputElement>('alerts-earlyWarningPct'), '150');
    await submit();
    expect(onSave).not.toHaveBeenCalled();
    expect(container.textContent).toContain('Enter a whole number from 1 to 99.');

    await type(get<HTMLInputElement>('alerts-earlyWarningPct'), '75');
    await submit();
    expect(onSave.mock.calls[0]?.[0]).toEqual({ ...settings, earlyWarning: { enabled: true, sharePct: 75 } });
  });

  it('offers business hours with the week in the page’s language', async () => {
    render(
      <AlertSettingsForm
        locale={locale('he')}
        settings={metricSettings({ businessHours: { days: ['sun', 'thu'], start: '08:00', end: '16:00' } })}
        managedKeys={[]}
        owners={[]}
        onSave={async () => undefined}
      />,
    );
    expect(get<HTMLInputElement>('alerts-businessHoursOn').checked).toBe(true);
    expect(get<HTMLInputElement>('alerts-day-sun').checked).toBe(true);
    expect(get<HTMLInputElement>('alerts-day-mon').checked).toBe(false);
    expect(get('alerts-businessHours').textContent).toContain(
      new Intl.DateTimeFormat('he-IL', { weekday: 'long' }).format(Date.UTC(2023, 0, 1, 12)),
    );
    expect(get<HTMLInputElement>('alerts-start').value).toBe('08:00');
    expect(container.textContent).toContain('התחברו וסנכרנו');
  });
});
