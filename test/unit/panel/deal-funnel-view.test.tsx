// @vitest-environment happy-dom
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, describe, expect, it } from 'vitest';
import { DealFunnelView } from '../../../components/panel/DealFunnelView';
import { translator } from '../../../lib/i18n';
import { prepareReport } from '../../../lib/metrics/prepare';
import { metricSettings } from '../../../lib/model/settings';
import type { Stage } from '../../../lib/model/snapshot';
import { dealFunnelRows, shownPipelines } from '../../../lib/panel/deal-funnel-rows';
import { filterChoices } from '../../../lib/panel/filters';
import { formatters } from '../../../lib/panel/format';
import { buildPanelView, type PanelView } from '../../../lib/panel/view-model';
import { at, deal } from '../metrics/fixtures';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let mounted: { box: HTMLDivElement; root: Root } | undefined;
function render(node: React.ReactNode): HTMLDivElement {
  const box = document.createElement('div');
  document.body.append(box);
  const root = createRoot(box);
  act(() => root.render(node));
  mounted = { box, root };
  return box;
}
afterEach(() => {
  if (mounted) {
    const { root, box } = mounted;
    act(() => root.unmount());
    box.remove();
  }
  mounted = undefined;
});

const stage = (pipelineId: string, stageId: string, order: number, extra: Partial<Stage> = {}): Stage => ({
  pipelineId,
  stageId,
  label: stageId.toUpperCase(),
  order,
  probability: 0.5,
  isClosed: false,
  isWon: false,
  pipelineLabel: pipelineId === 'p' ? 'Sales' : 'Renewals',
  ...extra,
});
const stages = [
  stage('p', 'a', 0),
  stage('p', 'b', 1),
  stage('p', 'won', 2, { label: 'Closed won', isClosed: true, isWon: true }),
  stage('p', 'lost', 3, { isClosed: true }),
  // A pipeline without deals in the period: not drawn.
  stage('q', 'q1', 0),
];
const d = (day: number) => at(`2026-02-${String(day).padStart(2, '0')}T00:00:00Z`);

/**
 * Sales, deals created 1 February 2026:
 * D1 a (1st) → b (5th) → won (closed 15th); D2 a (1st) → b (11th), still open; D3 a (1st), lost on the 3rd;
 * D4 in a with no stage dates. Reached a 4, b 2, won 1; days in a: D1 4, D2 10 → 7 over 2; in b: D1 10 over 1.
 */
function salesView(): PanelView {
  const created = '2026-02-01T00:00:00Z';
  const deals = [
    deal('D1', [], created, {
      stageId: 'won',
      isClosed: true,
      isWon: true,
      closeDate: d(15),
      stageDates: { a: d(1), b: d(5) },
    }),
    deal('D2', [], created, { stageId: 'b', stageDates: { a: d(1), b: d(11) } }),
    deal('D3', [], created, { stageId: 'lost', isClosed: true, closeDate: d(3), stageDates: { a: d(1) } }),
    deal('D4', [], created, { stageId: 'a' }),
  ].map((row) => ({ ...row, pipelineId: 'p' }));
  const snapshot = { owners: [], stages, lifecycleStages: undefined, leads: [], deals, touches: [], feedback: [] };
  const prepared = prepareReport(snapshot, metricSettings({ timezone: 'UTC' }), at('2026-07-15T12:00:00Z'));
  return buildPanelView({ prepared, snapshot, choices: filterChoices(snapshot), period: '12m', portal: {} });
}

const f = formatters('en-US', 'USD', 'UTC');
const t = translator('en');

describe('the deal-stage funnel view', () => {
  const view = salesView();

  it('carries every pipeline in the view model and draws those with deals in the period', () => {
    expect(view.dealFunnel.map((p) => [p.pipelineId, p.deals])).toEqual(
      expect.arrayContaining([
        ['p', 4],
        ['q', 0],
      ]),
    );
    expect(shownPipelines(view.dealFunnel).map((p) => p.pipelineId)).toEqual(['p']);
  });

  it('shows step conversion and the median days in each step, per pipeline', () => {
    const box = render(<DealFunnelView view={view} f={f} t={t} rtl={false} />);
    const blocks = box.querySelectorAll('[data-testid="dealFunnel-pipeline"]');
    expect([...blocks].map((block) => block.getAttribute('data-pipeline'))).toEqual(['p']);
    expect(blocks[0]?.querySelector('h3')?.textContent).toBe('Sales: 4 deals created in the period');
    const cells = (step: string) =>
      [...(box.querySelectorAll(`tr[data-step="${step}"] td`) ?? [])].map((td) => td.textContent);
    expect(cells('a')).toEqual(['4', '50%', '7 days', '2']);
    expect(cells('b')).toEqual(['2', '50%', '10 days', '1']);
    // The last step has no next step: nothing to convert to, no time in it.
    expect(cells('won')).toEqual(['1', '', '', '']);
    expect(box.querySelector('tr[data-step="won"] th')?.textContent).toBe('Closed won');
    expect(box.querySelector('[data-testid="formula-dealFunnel"]')).not.toBeNull();
    // A and B both pass on half their deals: the earliest is named. B holds deals longest (10 days against 7).
    expect(box.querySelector('[data-testid="dealFunnel-reading"]')?.textContent).toBe(
      'Fewest go on from A (50%). Deals stay longest in B (10 days, median).',
    );
  });

  it('exports one CSV row per pipeline and step, with raw figures', () => {
    const table = dealFunnelRows(shownPipelines(view.dealFunnel), t);
    expect(table.header).toEqual([
      'Pipeline',
      'Step',
      'Deals that reached it',
      'Went on to the next step',
      'Median days in step',
      'Deals timed',
    ]);
    expect(table.rows).toEqual([
      ['Sales', 'A', 4, 0.5, 7, 2],
      ['Sales', 'B', 2, 0.5, 10, 1],
      ['Sales', 'Closed won', 1, null, null, 0],
    ]);
  });

  it('says so when no deal was created in the period, in Hebrew too', () => {
    const empty = { ...view, dealFunnel: view.dealFunnel.filter((p) => p.pipelineId === 'q') };
    const box = render(<DealFunnelView view={empty} f={f} t={translator('he')} rtl />);
    expect(box.querySelector('[data-testid="empty-state"]')?.textContent).toBe('לא נוצרו עסקאות בתקופה ובסינון האלה.');
  });
});
