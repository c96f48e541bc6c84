// @vitest-environment happy-dom
import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RoiPanel } from '../../../components/panel/RoiPanel';
import type { PanelData } from '../../../components/panel/usePanelData';
import { metricSettings } from '../../../lib/model/settings';

// The panel over a rep's cache (issue #23): it holds my leads only, so the panel says the figures are mine, not the
// team's; over the whole portal's cache, or an imported snapshot, it says nothing of the kind.

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

function cache(origin: 'sync' | 'import'): PanelData {
  return { state: { seq: 1, asOf: Date.parse('2026-12-01T00:00:00Z'), origin, portal: {} }, stale: false, busy: true };
}

let container: HTMLDivElement;
beforeEach(() => {
  fixtures.connected = true;
  container = document.createElement('div');
  document.body.append(container);
});
afterEach(() => container.remove());

function render() {
  const root = createRoot(container);
  act(() => root.render(<RoiPanel />));
  return root;
}
const note = () => container.querySelector('[data-testid="rep-scope-note"]');

describe('the panel in a rep’s cache scope', () => {
  it('says it shows my numbers only', () => {
    fixtures.settings = metricSettings({ timezone: 'UTC', cacheScope: 'mine', myOwnerId: 'o1' });
    fixtures.data = cache('sync');
    render();
    expect(note()?.textContent).toContain('Your numbers only');
  });

  it('says nothing over the whole portal, or over an imported snapshot', () => {
    fixtures.settings = metricSettings({ timezone: 'UTC' });
    fixtures.data = cache('sync');
    render();
    expect(note()).toBeNull();
    container.replaceChildren();
    fixtures.settings = metricSettings({ timezone: 'UTC', cacheScope: 'mine', myOwnerId: 'o1' });
    fixtures.data = cache('import');
    render();
    expect(note()).toBeNull();
  });
});
