// @vitest-environment happy-dom
import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { KpiCard } from '../../../components/panel/KpiCards';
import { TeamSetup } from '../../../components/panel/TeamSetup';
import { translator } from '../../../lib/i18n';
import { metricSettings } from '../../../lib/model/settings';
import { formatters } from '../../../lib/panel/format';
import type { KpiCardModel } from '../../../lib/panel/kpi-cards';
import type { PanelView } from '../../../lib/panel/view-model';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let container: HTMLDivElement;
function render(node: React.ReactNode) {
  container = document.createElement('div');
  document.body.append(container);
  const root = createRoot(container);
  act(() => root.render(node));
  return root;
}
afterEach(() => container.remove());

const t = translator('en');
const f = formatters('en-US', 'USD', 'UTC');

describe('KpiCard', () => {
  const card: KpiCardModel = {
    id: 'shareWithinSla',
    unit: 'rate',
    before: 0.5,
    after: 0.55,
    difference: 0.05,
    interval: { low: -0.02, high: 0.12 },
    notSignificant: true,
    afterN: 100,
    beforeN: 120,
    sparkline: [0.4, 0.5, 0.6],
  };
  const view = {
    settings: metricSettings(),
    roi: { checkpoints: [], paybackMonth: null },
    checkpoint: null,
  } as unknown as PanelView;

  it('shows the value, the change, the interval and "not significant"', () => {
    render(<KpiCard card={card} view={view} f={f} t={t} />);
    const text = container.textContent ?? '';
    expect(text).toContain('Share within SLA');
    expect(text).toContain('55%');
    expect(text).toContain('+5 pp');
    expect(text).toMatch(/95 % interval: .2 pp to \+12 pp/);
    expect(container.querySelector('[data-testid="not-significant"]')?.textContent).toBe('not significant');
    expect(container.querySelector('details summary')?.textContent).toBe('How is this computed?');
  });

  it('says when there is too little data instead of an interval', () => {
    render(
      <KpiCard
        card={{ ...card, interval: null, notSignificant: null, beforeN: 0, before: null, difference: null }}
        view={view}
        f={f}
        t={t}
      />,
    );
    expect(container.querySelector('[data-testid="too-little-data"]')?.textContent).toBe(
      'Too little data for an interval yet',
    );
    expect(container.querySelector('[data-testid="not-significant"]')).toBeNull();
  });
});

describe('TeamSetup', () => {
  it('shows policy values read-only and an inline error next to a bad field', async () => {
    const onSave = vi.fn(async () => undefined);
    render(
      <TeamSetup
        t={t}
        settings={metricSettings({ timezone: 'UTC', licensePerMonth: 900 })}
        managedKeys={['licensePerMonth']}
        currency="USD"
        owners={[]}
        sources={[]}
        onSave={onSave}
      />,
    );
    const licence = container.querySelector<HTMLInputElement>('[data-testid="setup-licensePerMonth"]');
    expect(licence?.disabled).toBe(true);
    expect(licence?.value).toBe('900');
    expect(container.textContent).toContain('Set by your organisation');

    const margin = container.querySelector<HTMLInputElement>('[data-testid="setup-grossMarginPct"]');
    if (!margin) throw new Error('no margin field');
    await act(async () => {
      const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set;
      setter?.call(margin, '150');
      margin.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await act(async () => {
      container.querySelector('form')?.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
    });
    expect(onSave).not.toHaveBeenCalled();
    expect(margin.getAttribute('aria-invalid')).toBe('true');
    expect(container.textContent).toContain('Enter a percentage from 0 to 100.');
  });
});
