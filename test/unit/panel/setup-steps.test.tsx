// @vitest-environment happy-dom
import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AnswerSentence } from '../../../components/panel/AnswerSentence';
import { KpiCard } from '../../../components/panel/KpiCards';
import { TeamSetup } from '../../../components/panel/TeamSetup';
import { translator } from '../../../lib/i18n';
import { prepareReport } from '../../../lib/metrics/prepare';
import { type MetricSettings, metricSettings } from '../../../lib/model/settings';
import { filterChoices } from '../../../lib/panel/filters';
import { formatters } from '../../../lib/panel/format';
import { buildPanelView } from '../../../lib/panel/view-model';
import { at, lead, snapshot, won } from '../metrics/fixtures';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let container: HTMLDivElement | undefined;
function render(node: React.ReactNode): HTMLDivElement {
  const shown = document.createElement('div');
  document.body.append(shown);
  act(() => createRoot(shown).render(node));
  container = shown;
  return shown;
}
afterEach(() => container?.remove());

function typeInto(input: HTMLInputElement, value: string) {
  const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set;
  setter?.call(input, value);
  input.dispatchEvent(new Event('input', { bubbles: true }));
}

const t = translator('en');
const f = formatters('en-US', 'USD', 'UTC');

describe('the answer’s link to the assumptions step', () => {
  it('waits for the assumptions and opens the step that sets them', () => {
    const snap = snapshot({
      leads: [lead('a', '2026-02-01T09:00:00Z')],
      deals: [won('d', ['a'], '2026-02-01T10:00:00Z', '2026-02-15T10:00:00Z', 1000)],
    });
    const prepared = prepareReport(
      snap,
      metricSettings({ timezone: 'UTC', adoptionDate: '2026-01-01', checkpoints: [3], implementationCost: 500 }),
      at('2026-05-15T12:00:00Z'),
    );
    const view = buildPanelView({ prepared, snapshot: snap, choices: filterChoices(snap), period: '12m', portal: {} });
    const onOpenStep = vi.fn();
    const shown = render(<AnswerSentence view={view} f={f} t={t} onOpenStep={onOpenStep} />);
    expect(shown.querySelector('[data-testid="answer"]')?.getAttribute('data-verdict')).toBe('waiting');
    act(() => shown.querySelector<HTMLButtonElement>('[data-testid="answer-open-step"]')?.click());
    expect(onOpenStep).toHaveBeenCalledWith('assumptions');
    // The waiting ROI card links the same step.
    const roi = view.kpis.find((card) => card.id === 'roi');
    if (!roi) throw new Error('no ROI card');
    const onCard = vi.fn();
    const card = render(<KpiCard card={roi} view={view} f={f} t={t} onOpenStep={onCard} />);
    act(() => card.querySelector<HTMLButtonElement>('[data-testid="kpi-open-step"]')?.click());
    expect(onCard).toHaveBeenCalledWith('assumptions');
  });

  it('focuses the assumptions step, which explains each assumption, when the setup opens on it', () => {
    const shown = render(
      <TeamSetup
        t={t}
        settings={metricSettings({ timezone: 'UTC' })}
        managedKeys={[]}
        currency="USD"
        owners={[{ id: 'o1', name: 'Dana Cohen' }]}
        sources={[]}
        focusStep="assumptions"
        onSave={async () => undefined}
      />,
    );
    const step = shown.querySelector('[data-testid="setup-step-assumptions"]');
    expect(document.activeElement).toBe(step);
    // Margin, attribution and the control segment are all in the step, each with why LeadLens cannot know it.
    expect(step?.querySelector('[data-testid="setup-grossMarginPct"]')).not.toBeNull();
    expect(step?.querySelector('[data-testid="setup-attributionPct"]')).not.toBeNull();
    expect(step?.querySelector('[data-testid="setup-controlOwners"]')).not.toBeNull();
    expect(step?.textContent).toContain('HubSpot records revenue, not your costs, so LeadLens cannot know it.');
    expect(step?.textContent).toContain('LeadLens cannot tell who works without it');
  });
});

describe('the targets editor', () => {
  it('saves a typed target in its unit and an emptied one as none', async () => {
    const onSave = vi.fn(async (_settings: MetricSettings, _currency: string) => undefined);
    const shown = render(
      <TeamSetup
        t={t}
        settings={metricSettings({ timezone: 'UTC', targets: { cac: 300 } })}
        managedKeys={[]}
        currency="EUR"
        owners={[]}
        sources={[]}
        onSave={onSave}
      />,
    );
    const field = (key: string) => shown.querySelector<HTMLInputElement>(`[data-testid="setup-target-${key}"]`);
    expect(field('cac')?.value).toBe('300');
    // Money targets are labelled with the currency, rates with %.
    expect(shown.textContent).toContain('CAC (EUR)');
    expect(shown.textContent).toContain('Share within SLA (%)');
    await act(async () => typeInto(field('cac') as HTMLInputElement, ''));
    await act(async () => typeInto(field('shareWithinSla') as HTMLInputElement, '85'));
    await act(async () => {
      shown.querySelector('form')?.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
    });
    expect(onSave).toHaveBeenCalledTimes(1);
    expect(onSave.mock.calls[0]?.[0].targets).toEqual({ shareWithinSla: 0.85 });
  });
});
