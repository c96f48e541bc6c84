// @vitest-environment happy-dom
import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { afterEach, describe, expect, it } from 'vitest';
import { CheckpointTable } from '../../../components/panel/CheckpointTable';
import { translator } from '../../../lib/i18n';
import { prepareReport } from '../../../lib/metrics/prepare';
import { type MetricSettingsInput, metricSettings } from '../../../lib/model/settings';
import { filterChoices } from '../../../lib/panel/filters';
import { formatters } from '../../../lib/panel/format';
import { buildPanelView, type PanelView } from '../../../lib/panel/view-model';
import { lead, touch, won } from '../metrics/fixtures';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let container: HTMLDivElement | undefined;
function render(node: React.ReactNode) {
  container = document.createElement('div');
  document.body.append(container);
  const root = createRoot(container);
  act(() => root.render(node));
}
afterEach(() => container?.remove());

const t = translator('en');
const f = formatters('en-US', 'USD', 'UTC');

/**
 * Adoption 2026-01-01, asOf 2026-07-15. Won deals close on the 25th: 1 000 each in Jul and Oct 2025 (two a month),
 * 3 000 each in Jan and Apr 2026 (two a month). Revenue change: 3 months [Jan, Apr) 6 000 − [Oct, Jan) 2 000 = 4 000;
 * 6 months 12 000 − 4 000 = 8 000; 12 months, in progress, [Jan, 15 Jul) 12 000 − [Jan, 15 Jul 2025) 0 = 12 000.
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

describe('every KPI at every checkpoint', () => {
  const view = viewWith({ attributionPct: 50, grossMarginPct: 40, targets: { revenueChange: 5000 } });
  const revenueChange = view.checkpointTable.map((column) => column.cards.find((card) => card.id === 'revenueChange'));

  it('has a column per checkpoint of the settings, with every KPI', () => {
    expect(view.checkpointTable.map((column) => [column.months, column.status])).toEqual([
      [3, 'complete'],
      [6, 'complete'],
      [12, 'in-progress'],
    ]);
    expect(view.checkpointTable[0]?.cards.map((card) => card.id)).toEqual(view.kpis.map((card) => card.id));
    expect(revenueChange.map((card) => card?.difference)).toEqual([4000, 8000, 12000]);
    // The ROI of each column is the whole portal's at that checkpoint, as on the ROI card.
    expect(view.checkpointTable.map((column) => column.cards[0]?.after)).toEqual(
      view.roi.checkpoints.map((checkpoint) => checkpoint.roi),
    );
  });

  it('marks the target met or missed at each checkpoint', () => {
    expect(revenueChange.map((card) => card?.target?.status)).toEqual(['missed', 'met', 'met']);
    render(<CheckpointTable view={view} f={f} t={t} />);
    const shown = container as HTMLDivElement;
    const cells = [...shown.querySelectorAll('tr[data-kpi="revenueChange"] td')];
    expect(cells.map((cell) => cell.getAttribute('data-target-status'))).toEqual(['missed', 'met', 'met']);
    expect(cells[0]?.textContent).toContain('✗ missed');
    expect(cells[1]?.textContent).toContain('✓ met');
    expect(shown.querySelector('th[data-months="12"]')?.textContent).toBe('12-month checkpoint (in progress)');
    // No feedback in this portal: no NPS or CSAT rows.
    expect(shown.querySelector('tr[data-kpi="nps"]')).toBeNull();
  });
});
