// @vitest-environment happy-dom
import { act, useLayoutEffect } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { RoiPanel } from '../../../components/panel/RoiPanel';
import type { PanelData } from '../../../components/panel/usePanelData';
import type { ViewProps } from '../../../components/panel/view-props';
import { prepareReport } from '../../../lib/metrics/prepare';
import { metricSettings } from '../../../lib/model/settings';
import { filterChoices } from '../../../lib/panel/filters';
import { buildPanelView, type PanelView } from '../../../lib/panel/view-model';
import { lead } from '../metrics/fixtures';

// The views (charts, tables) render after the cards, at a lower priority. Until they have caught up with a new view,
// the panel must say it is busy: a reader of a table (assistive technology, an end-to-end test) would otherwise take
// the last view's rows for the current ones. An e2e test read a source's lead count from the 24-month table just
// after choosing 3 months, so the source it picked had no leads in the period.

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const fixtures = vi.hoisted(() => ({
  data: undefined as unknown,
  commits: [] as Array<{ busy: string | null; view: unknown }>,
}));

const mocks = await vi.hoisted(() => import('../../support/panel-mocks'));

vi.mock('../../../components/useLocale', () => mocks.localeModule());
vi.mock('../../../components/sync/SyncPanel', () => ({ SyncPanel: () => null }));
vi.mock('../../../components/panel/TeamQueueView', () => ({ TeamQueueView: () => null }));
vi.mock('../../../components/panel/useConnection', () => mocks.connectionModule(() => true));
vi.mock('../../../components/panel/usePanelPrefs', () => mocks.panelPrefsModule());
vi.mock('../../../components/panel/useTeamSettings', () =>
  mocks.teamSettingsModule(() => metricSettings({ timezone: 'UTC' })),
);
vi.mock('../../../components/panel/usePanelData', () => mocks.panelDataModule(() => fixtures.data));
vi.mock('../../../components/panel/useSetupChoices', () => ({ useSetupChoices: () => ({ choices: undefined }) }));
// The views as a probe: after every commit that renders them, which view they show and what the panel says.
vi.mock('../../../components/panel/AllViews', () => ({
  default: function Probe({ view }: ViewProps) {
    useLayoutEffect(() => {
      const panel = document.querySelector('[data-testid="roi-panel"]');
      fixtures.commits.push({ busy: panel?.getAttribute('data-busy') ?? null, view });
    });
    return null;
  },
}));

function viewFor(period: '3m' | '24m'): PanelView {
  const leads = [lead('l1', '2026-10-05T10:00:00Z'), lead('l2', '2025-06-05T10:00:00Z', { source: 'paid_social' })];
  const snapshot = { owners: [], stages: [], lifecycleStages: undefined, leads, deals: [], touches: [], feedback: [] };
  const prepared = prepareReport(snapshot, metricSettings({ timezone: 'UTC' }), Date.parse('2026-12-01T00:00:00Z'));
  return buildPanelView({ prepared, snapshot, choices: filterChoices(snapshot), period, portal: {} });
}

function data(view: PanelView): PanelData {
  return {
    state: { seq: 1, asOf: Date.parse('2026-12-01T00:00:00Z'), origin: 'sync', portal: {} },
    view,
    stale: false,
    busy: false,
  };
}

let root: Root;
let container: HTMLDivElement;
afterEach(() => {
  act(() => root.unmount());
  container.remove();
});

describe('the panel’s busy mark', () => {
  it('stays on until the views show the current view', async () => {
    container = document.createElement('div');
    document.body.append(container);
    root = createRoot(container);
    const before = viewFor('24m');
    const after = viewFor('3m');
    fixtures.data = data(before);
    await act(async () => root.render(<RoiPanel />));
    await vi.waitFor(() => expect(fixtures.commits.some((commit) => commit.view === before)).toBe(true));

    fixtures.commits.length = 0;
    fixtures.data = data(after);
    await act(async () => root.render(<RoiPanel />));

    // The cards' render comes first with the views still on the last view; then the views catch up.
    expect(fixtures.commits.map((commit) => commit.view)).toEqual([before, after]);
    for (const commit of fixtures.commits) expect(commit.busy).toBe(String(commit.view !== after));
    expect(container.querySelector('[data-testid="roi-panel"]')?.getAttribute('aria-busy')).toBe('false');
  });
});
