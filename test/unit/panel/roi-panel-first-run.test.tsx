// @vitest-environment happy-dom
import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RoiPanel } from '../../../components/panel/RoiPanel';
import type { PanelData } from '../../../components/panel/usePanelData';
import { metricSettings } from '../../../lib/model/settings';

// The panel's first run, with its data sources replaced: connected, the first sync still running (no data, no view),
// no adoption date. The panel must lead to the setup, and the setup must work before any view exists.

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const fixtures = vi.hoisted(() => ({
  connected: true,
  settings: undefined as unknown,
  data: undefined as unknown,
}));

const mocks = await vi.hoisted(() => import('../../support/panel-mocks'));

vi.mock('../../../components/useLocale', () => mocks.localeModule());
vi.mock('../../../components/sync/SyncPanel', () => ({ SyncPanel: () => <div data-testid="sync-panel" /> }));
vi.mock('../../../components/panel/useConnection', () => mocks.connectionModule(() => fixtures.connected));
vi.mock('../../../components/panel/usePanelPrefs', () => mocks.panelPrefsModule());
vi.mock('../../../components/panel/useTeamSettings', () => mocks.teamSettingsModule(() => fixtures.settings));
vi.mock('../../../components/panel/usePanelData', () => mocks.panelDataModule(() => fixtures.data));
vi.mock('../../../components/panel/useSetupChoices', () => mocks.setupChoicesModule());

function firstSync(): PanelData {
  return { state: { seq: 0, asOf: null, origin: 'none', portal: {} }, stale: false, busy: false };
}

let container: HTMLDivElement;
beforeEach(() => {
  fixtures.connected = true;
  fixtures.settings = metricSettings({ timezone: 'UTC' });
  fixtures.data = firstSync();
  container = document.createElement('div');
  document.body.append(container);
});
afterEach(() => container.remove());

function render() {
  const root = createRoot(container);
  act(() => root.render(<RoiPanel />));
  return root;
}
const byTestId = (id: string) => container.querySelector(`[data-testid="${id}"]`);

describe('the panel’s first run', () => {
  it('leads to the setup while the first sync runs, with owners and sources from the cache', async () => {
    render();
    expect(byTestId('empty-state')?.getAttribute('data-kind')).toBe('firstSync');
    expect(byTestId('first-run')?.textContent).toContain('First run: set the date your team started using LeadLens');
    expect(byTestId('toggle-setup')).not.toBeNull();
    await act(async () => {
      byTestId('open-setup-first-run')?.dispatchEvent(new MouseEvent('click', { bubbles: true }));
    });
    expect(byTestId('team-setup')).not.toBeNull();
    expect(byTestId('setup-controlOwners')?.textContent).toBe('Maya Levi');
    expect(container.querySelector('#ll-sources option')?.getAttribute('value')).toBe('paid_search');
    await act(async () => {
      byTestId('toggle-setup')?.dispatchEvent(new MouseEvent('click', { bubbles: true }));
    });
    expect(byTestId('team-setup')).toBeNull();
  });

  it('leads to the setup while the first view is computed', () => {
    fixtures.data = { state: { seq: 3, asOf: 1, origin: 'sync', portal: {} }, stale: false, busy: true };
    render();
    expect(byTestId('computing')).not.toBeNull();
    expect(byTestId('open-setup-first-run')).not.toBeNull();
  });

  it('does not prompt once the adoption date is set, nor before connecting', () => {
    fixtures.settings = metricSettings({ timezone: 'UTC', adoptionDate: '2026-01-01' });
    render();
    expect(byTestId('first-run')).toBeNull();
    expect(byTestId('toggle-setup')).not.toBeNull();
    container.remove();
    container = document.createElement('div');
    document.body.append(container);
    fixtures.settings = metricSettings({ timezone: 'UTC' });
    fixtures.connected = false;
    render();
    expect(byTestId('empty-state')?.getAttribute('data-kind')).toBe('notConnected');
    expect(byTestId('first-run')).toBeNull();
    expect(byTestId('toggle-setup')).toBeNull();
  });
});
