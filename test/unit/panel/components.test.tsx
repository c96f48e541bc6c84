// @vitest-environment happy-dom
import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { downloadText } from '../../../components/panel/download';
import { KpiCard, KpiCards } from '../../../components/panel/KpiCards';
import { RoiCard } from '../../../components/panel/RoiCard';
import { TeamSetup } from '../../../components/panel/TeamSetup';
import { expandForPrint } from '../../../components/panel/usePrintExpanded';
import { TrendsView } from '../../../components/panel/TrendsView';
import { translator } from '../../../lib/i18n';
import { prepareReport } from '../../../lib/metrics/prepare';
import { type MetricSettings, metricSettings } from '../../../lib/model/settings';
import { filterChoices } from '../../../lib/panel/filters';
import { formatters } from '../../../lib/panel/format';
import type { KpiCardModel } from '../../../lib/panel/kpi-cards';
import { buildPanelView, type PanelView } from '../../../lib/panel/view-model';
import { lead, touch, won } from '../metrics/fixtures';

// Downloads are checked by what would be saved, not by a browser saving it.
vi.mock('../../../components/panel/download', () => ({ downloadText: vi.fn() }));

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let container: HTMLDivElement;
function render(node: React.ReactNode) {
  container = document.createElement('div');
  document.body.append(container);
  const root = createRoot(container);
  act(() => root.render(node));
  return root;
}
afterEach(() => {
  container.remove();
  vi.mocked(downloadText).mockClear();
});

function typeInto(input: HTMLInputElement, value: string) {
  const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set;
  setter?.call(input, value);
  input.dispatchEvent(new Event('input', { bubbles: true }));
}

/** A real view: 24 leads and 8 won deals around an adoption on 2026-01-01. */
function smallView(): PanelView {
  const leads = [];
  const touches = [];
  const deals = [];
  for (let i = 0; i < 24; i++) {
    const before = i < 12;
    const created = `${before ? 2025 : 2026}-${String(before ? 7 + (i % 6) : 1 + (i % 6)).padStart(2, '0')}-05T10:00:00Z`;
    leads.push(lead(`l${i}`, created));
    touches.push(touch(`t${i}`, [`l${i}`], created.replace('10:00', '10:04')));
    if (i % 3 === 0)
      deals.push(won(`d${i}`, [`l${i}`], created, created.replace('-05T', '-25T'), before ? 1000 : 3000));
  }
  const snapshot = { owners: [], stages: [], lifecycleStages: undefined, leads, deals, touches, feedback: [] };
  const settings = metricSettings({ timezone: 'UTC', adoptionDate: '2026-01-01', licensePerMonth: 100 });
  const prepared = prepareReport(snapshot, settings, Date.parse('2026-07-15T12:00:00Z'));
  return buildPanelView({ prepared, snapshot, choices: filterChoices(snapshot), period: '12m', portal: {} });
}

async function click(element: Element | null) {
  if (!element) throw new Error('nothing to click');
  await act(async () => {
    element.dispatchEvent(new MouseEvent('click', { bubbles: true }));
  });
}

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
    reading: null,
    reasons: [],
    needs: [],
    target: null,
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
    await act(async () => typeInto(margin, '150'));
    await act(async () => {
      container.querySelector('form')?.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
    });
    expect(onSave).not.toHaveBeenCalled();
    expect(margin.getAttribute('aria-invalid')).toBe('true');
    expect(container.textContent).toContain('Enter a percentage from 0 to 100.');
    expect(container.querySelector('[data-testid="setup-status"]')?.textContent).toBe(
      'Fix the highlighted fields to save.',
    );
    // Fixed, the notice and the error go; Save then saves.
    await act(async () => typeInto(margin, '60'));
    expect(container.querySelector('[data-testid="setup-status"]')).toBeNull();
    await act(async () => {
      container.querySelector('form')?.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
    });
    expect(onSave).toHaveBeenCalledTimes(1);
    expect(container.querySelector('[data-testid="setup-status"]')?.textContent).toBe(
      'Saved. The figures are being recomputed.',
    );
  });
});

describe('TeamSetup and unset settings', () => {
  it('asks to confirm the assumptions when told, and saves empty fields as unset, not 0 or 100', async () => {
    const onSave = vi.fn(async (_settings: MetricSettings, _currency: string) => undefined);
    render(
      <TeamSetup
        t={t}
        settings={metricSettings({ timezone: 'UTC', licensePerMonth: 900 })}
        managedKeys={[]}
        currency="USD"
        owners={[]}
        sources={[]}
        assumptionsNote
        onSave={onSave}
      />,
    );
    expect(container.querySelector('[data-testid="setup-assumptions-note"]')?.textContent).toContain(
      'treated as not entered',
    );
    expect(container.querySelector<HTMLInputElement>('[data-testid="setup-grossMarginPct"]')?.value).toBe('');
    await act(async () => {
      container.querySelector('form')?.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
    });
    expect(onSave).toHaveBeenCalledTimes(1);
    expect(onSave.mock.calls[0]?.[0]).toMatchObject({
      licensePerMonth: 900,
      hourlyCost: null,
      grossMarginPct: null,
      attributionPct: null,
    });
  });
});

describe('TeamSetup inline validation', () => {
  it('shows a field’s error when the user leaves it, before any Save, and clears it once fixed', async () => {
    render(
      <TeamSetup
        t={t}
        settings={metricSettings({ timezone: 'UTC' })}
        managedKeys={[]}
        currency="USD"
        owners={[{ id: 'o1', name: 'Ann' }]}
        sources={[]}
        onSave={async () => undefined}
      />,
    );
    const field = (id: string) => {
      const input = container.querySelector<HTMLInputElement>(`[data-testid="setup-${id}"]`);
      if (!input) throw new Error(`no ${id} field`);
      return input;
    };
    await act(async () => typeInto(field('timezone'), 'Mars/Olympus'));
    await act(async () => typeInto(field('licensePerMonth'), 'lots'));
    // Typing alone says nothing yet: the user has not left either field.
    expect(container.querySelectorAll('[role="alert"]')).toHaveLength(0);
    await act(async () => {
      field('timezone').dispatchEvent(new FocusEvent('focusout', { bubbles: true }));
    });
    expect(field('timezone').getAttribute('aria-invalid')).toBe('true');
    expect(container.textContent).toContain('Unknown time zone; use a name like Europe/Paris.');
    // The other bad field, not yet left, stays quiet.
    expect(field('licensePerMonth').getAttribute('aria-invalid')).toBe('false');
    expect(container.querySelector('[data-testid="setup-status"]')).toBeNull();
    await act(async () => typeInto(field('timezone'), 'Europe/Paris'));
    expect(field('timezone').getAttribute('aria-invalid')).toBe('false');
    expect(container.textContent).not.toContain('Unknown time zone');
  });

  it('keeps a control-segment owner the cache does not list visible and selected', () => {
    render(
      <TeamSetup
        t={t}
        settings={metricSettings({ timezone: 'UTC', controlSegment: { owners: ['o9'], sources: [] } })}
        managedKeys={[]}
        currency="USD"
        owners={[{ id: 'o1', name: 'Ann' }]}
        sources={[]}
        onSave={async () => undefined}
      />,
    );
    const options = [...container.querySelectorAll<HTMLOptionElement>('[data-testid="setup-controlOwners"] option')];
    expect(options.map((option) => [option.value, option.selected])).toEqual([
      ['o1', false],
      ['o9', true],
    ]);
  });
});

describe('CSV export of the KPI cards and the ROI card', () => {
  it('saves the cards shown, in their order, and the ROI checkpoints', async () => {
    const view = smallView();
    render(<KpiCards view={view} ids={['leads', 'roi']} satisfaction={[]} f={f} t={t} onChange={() => undefined} />);
    await click(container.querySelector('[data-testid="export-kpis"]'));
    expect(downloadText).toHaveBeenCalledTimes(1);
    const [name, text, type] = vi.mocked(downloadText).mock.calls[0] ?? [];
    expect([name, type]).toEqual(['leadlens-kpis.csv', 'text/csv;charset=utf-8']);
    const lines = (text ?? '').split('\r\n');
    expect(lines[0]?.startsWith('KPI,Before (B),After (A),Difference (A − B)')).toBe(true);
    expect(lines.slice(1).map((line) => line.split(',')[0])).toEqual(['Leads', 'ROI']);
    expect(lines[1]?.split(',')[2]).toBe(String(view.kpis.find((k) => k.id === 'leads')?.after));

    container.remove();
    render(<RoiCard view={view} f={f} t={t} />);
    await click(container.querySelector('[data-testid="export-roi"]'));
    const [roiName, roiText] = vi.mocked(downloadText).mock.calls[1] ?? [];
    expect(roiName).toBe('leadlens-roi.csv');
    const roiLines = (roiText ?? '').split('\r\n');
    expect(roiLines).toHaveLength(1 + view.roi.checkpoints.length);
    expect(roiLines[1]?.split(',')[0]).toBe(String(view.roi.checkpoints[0]?.months));
    // The payback formula quotes the cumulative gain and cost.
    expect(container.querySelector('[data-testid="formula-payback"]')?.textContent).toContain('cumulative gain');
  });
});

describe('printing', () => {
  it('opens every closed <details> before print and closes only those after', () => {
    container = document.createElement('div');
    container.innerHTML =
      '<details class="ll-formula"><summary>a</summary>x</details>' +
      '<details data-testid="trends-table"><summary>b</summary>y</details>' +
      '<details open data-testid="reader-opened"><summary>c</summary>z</details>';
    document.body.append(container);
    const all = () => [...container.querySelectorAll('details')].map((details) => details.open);
    const restore = expandForPrint(container);
    expect(all()).toEqual([true, true, true]);
    restore();
    expect(all()).toEqual([false, false, true]);
  });

  it('gives the trends table a <details> that the print opens', () => {
    render(<TrendsView view={smallView()} f={f} t={t} rtl={false} />);
    const table = container.querySelector<HTMLDetailsElement>('[data-testid="trends-table"]');
    expect(table?.open).toBe(false);
    const restore = expandForPrint(document);
    expect(table?.open).toBe(true);
    restore();
    expect(table?.open).toBe(false);
  });
});
