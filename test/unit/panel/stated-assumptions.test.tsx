// @vitest-environment happy-dom
import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { afterEach, describe, expect, it } from 'vitest';
import { GroupView } from '../../../components/panel/GroupView';
import { KpiCard } from '../../../components/panel/KpiCards';
import { RoiCard } from '../../../components/panel/RoiCard';
import { translator } from '../../../lib/i18n';
import { prepareReport } from '../../../lib/metrics/prepare';
import { type MetricSettingsInput, metricSettings } from '../../../lib/model/settings';
import { filterChoices } from '../../../lib/panel/filters';
import { formatters } from '../../../lib/panel/format';
import { tooLittleData } from '../../../lib/panel/kpi-cards';
import { buildPanelView, type PanelView } from '../../../lib/panel/view-model';
import { lead, touch, won } from '../metrics/fixtures';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let container: HTMLDivElement;
function render(node: React.ReactNode) {
  container = document.createElement('div');
  document.body.append(container);
  const root = createRoot(container);
  act(() => root.render(node));
}
afterEach(() => container.remove());

const t = translator('en');
const f = formatters('en-US', 'USD', 'UTC');

/**
 * 12 leads before adoption (2025-07…12) and 12 after (2026-01…06), each answered after 4 minutes; every third one won
 * (1000 before, 3000 after). At 2026-07-15 the 6-month checkpoint is complete: A has 4 deals (12 000), B 4 (4000).
 */
function viewWith(settings: MetricSettingsInput): PanelView {
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
  const full = metricSettings({ timezone: 'UTC', adoptionDate: '2026-01-01', licensePerMonth: 100, ...settings });
  const prepared = prepareReport(snapshot, full, Date.parse('2026-07-15T12:00:00Z'));
  return buildPanelView({ prepared, snapshot, choices: filterChoices(snapshot), period: '12m', portal: {} });
}

function cardOf(view: PanelView, id: string) {
  const card = view.kpis.find((c) => c.id === id);
  if (!card) throw new Error(`no ${id} card`);
  return card;
}

describe('ROI without stated assumptions', () => {
  it('shows words for the missing margin and attribution instead of a number', () => {
    const view = viewWith({});
    const roi = cardOf(view, 'roi');
    expect(roi.after).toBeNull();
    expect(roi.reasons).toEqual(['needsMargin', 'needsAttribution']);
    render(<KpiCard card={roi} view={view} f={f} t={t} />);
    expect(container.querySelector('.ll-card-value')?.textContent).toBe('—');
    const reasons = [...container.querySelectorAll('[data-testid="kpi-reason"]')].map((p) => p.textContent);
    expect(reasons).toEqual([
      'Enter your gross margin to see ROI',
      'Enter the share of the revenue change due to LeadLens (or a control segment) to see ROI',
    ]);
  });

  it('says the same in Hebrew', () => {
    const view = viewWith({ attributionPct: 50 });
    render(<RoiCard view={view} f={formatters('he-IL', 'USD', 'UTC')} t={translator('he')} />);
    expect(container.querySelector('[data-testid="roi-reason"]')?.textContent).toBe(
      'הזינו את הרווח הגולמי כדי לראות ROI',
    );
    // No payback month is sought without the margin: the payback line says what to enter, not "not paid back yet".
    expect(container.querySelector('[data-testid="payback"]')?.textContent).toContain(
      'הזינו את הרווח הגולמי כדי לראות ROI',
    );
  });

  it('names the attribution and margin it assumed once both are stated, with the ROI interval’s reading', () => {
    // 6 months: A 12 000, B 4000 → incremental 8000 × 50 % × 40 % = 1600; cost 6 × 100 = 600 → ROI (1600 − 600)/600.
    const view = viewWith({ attributionPct: 50, grossMarginPct: 40 });
    const roi = cardOf(view, 'roi');
    expect(roi.after).toBeCloseTo(1000 / 600, 12);
    // Revenue change 8000 ± z·sqrt(4 × 3000² + 4 × 1000²) = 8000 ± z·6324.56 = 8000 ± 12 395.9 → (−4395.9, 20 395.9);
    // ROI at the ends (x × 0.2 − 600) / 600 → (−2.465, 5.799): contains 0.
    expect(roi.reading).toBe('breakEvenNotYetShown');
    render(<KpiCard card={roi} view={view} f={f} t={t} />);
    expect(container.querySelector('[data-testid="kpi-assumptions"]')?.textContent).toBe(
      'Assumes 50% attribution and 40% margin',
    );
    expect(container.querySelector('[data-testid="roi-reading"]')?.textContent).toBe('break-even not yet shown');
  });
});

describe('cards whose inputs are unset', () => {
  it('show "—" with what to enter for CAC with no spend and no sales cost, but a figure for an entered 0', () => {
    const unset = viewWith({ attributionPct: 50, grossMarginPct: 40 });
    const cac = cardOf(unset, 'cac');
    expect(cac.needs).toEqual(['marketingSpend', 'salesCostPerMonth']);
    // The 4 new customers of A would give CAC 0 / 4 = 0, which is not a measured 0: the card has no figure.
    expect(cac.after).toBeNull();
    render(<KpiCard card={cac} view={unset} f={f} t={t} />);
    expect(container.querySelector('.ll-card-value')?.textContent).toBe('—');
    // No "Before — —" line under a card that has no figure.
    expect(container.querySelector('.ll-card-change')).toBeNull();
    expect(container.querySelector('[data-testid="kpi-needs"]')?.textContent).toBe(
      'Enter Marketing spend per source per month, Sales cost per month (for CAC) to see this',
    );
    container.remove();
    const entered = viewWith({ attributionPct: 50, grossMarginPct: 40, salesCostPerMonth: 0 });
    expect(cardOf(entered, 'cac').needs).toEqual([]);
    render(<KpiCard card={cardOf(entered, 'cac')} view={entered} f={f} t={t} />);
    expect(container.querySelector('[data-testid="kpi-needs"]')).toBeNull();
  });
});

describe('intervals beyond rates', () => {
  it('show the median response time’s and the revenue change’s interval', () => {
    const view = viewWith({ attributionPct: 50, grossMarginPct: 40 });
    // 12 answers of 4 minutes a side: SE 0 on both → d = 0 ± 0, which contains 0 (ends included).
    const median = cardOf(view, 'medianResponseMinutes');
    expect(median.interval).toEqual({ low: 0, high: 0 });
    expect(median.notSignificant).toBe(true);
    expect(tooLittleData(median)).toBe(false);
    // 9 values on a side is too few for McKean–Schrader: no interval, and the card says so.
    expect(tooLittleData({ ...median, interval: null, notSignificant: null, beforeN: 9 })).toBe(true);
    const change = cardOf(view, 'revenueChange');
    expect(change.interval?.low).toBeCloseTo(8000 - 1.959963984540054 * Math.sqrt(4 * 3000 ** 2 + 4 * 1000 ** 2), 6);
    render(<KpiCard card={change} view={view} f={f} t={t} />);
    expect(container.querySelector('[data-testid="kpi-interval"]')?.textContent).toContain('95 % interval: −$4,396');
    // The headline is the difference 12 000 − 4000 = +8000, not Revenue(A).
    expect(container.querySelector('[data-testid="kpi-headline"]')?.textContent).toBe('+$8,000');
  });
});

describe('by source and the fair rep comparison', () => {
  it('show revenue per lead, return on spend, revenue at stake, and each rep against their source mix', () => {
    // All 24 leads are organic_search, owner o1, each answered in 4 minutes (the <5m bucket). In the 12-month window
    // [2025-07-15 12:00, 2026-07-15 12:00): 22 cohort leads (the two of 2025-07-05 fall before it) and all 8 won
    // deals (the earliest close 2025-07-25): 4 × 1000 + 4 × 3000 = 16 000 → 16 000 / 22 = 727.27 a lead; no spend →
    // no return on spend.
    const view = viewWith({ attributionPct: 50, grossMarginPct: 40 });
    const source = view.bySource.find((row) => row.key === 'organic_search');
    expect(source?.leads).toBe(22);
    expect(source?.revenue).toBe(16_000);
    expect(source?.revenuePerLead).toBeCloseTo(16_000 / 22, 9);
    expect(source?.returnOnSpend).toBeNull();
    // Nobody is slower than 5 minutes: nothing at stake.
    expect(source?.revenueAtStake).toBe(0);
    // One rep with one source: the expected rate is the whole cohort's, so vs expected is 0.
    expect(view.fairRep).toHaveLength(1);
    expect(view.fairRep[0]?.vsExpected).toBe(0);
    render(<GroupView view={view} f={f} t={t} rtl={false} kind="rep" />);
    const fair = container.querySelector('[data-testid="table-fairRep"]');
    expect(fair?.querySelector('thead')?.textContent).toContain('Expected from source mix');
    expect(fair?.querySelector('tbody tr td:nth-of-type(5)')?.textContent).toBe('0 pp');
  });
});

describe('targets on the cards', () => {
  it('show the target and whether the checkpoint met it', () => {
    // 6-month checkpoint: ROI (1600 − 600) / 600 = 1.667 < 2 → missed; median response 4 min ≤ 5 → met (lower is
    // better); revenue change 12 000 − 4000 = 8000 ≥ 5000 → met; no target on the lead-to-customer rate.
    const view = viewWith({
      attributionPct: 50,
      grossMarginPct: 40,
      targets: { roi: 2, medianResponseMinutes: 5, revenueChange: 5000 },
    });
    expect(cardOf(view, 'roi').target).toEqual({ value: 2, status: 'missed' });
    expect(cardOf(view, 'medianResponseMinutes').target).toEqual({ value: 5, status: 'met' });
    expect(cardOf(view, 'revenueChange').target).toEqual({ value: 5000, status: 'met' });
    expect(cardOf(view, 'leadToCustomerRate').target).toBeNull();
    render(<KpiCard card={cardOf(view, 'revenueChange')} view={view} f={f} t={t} />);
    expect(container.querySelector('[data-testid="kpi-target"]')?.textContent).toBe('Target +$5,000 · ✓ met');
  });
});
