// @vitest-environment happy-dom
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, describe, expect, it } from 'vitest';
import { ForecastView } from '../../../components/panel/ForecastView';
import { GroupView } from '../../../components/panel/GroupView';
import { PanelSkeleton } from '../../../components/panel/PanelSkeleton';
import { SettingField } from '../../../components/panel/SettingField';
import { SettingOriginsProvider } from '../../../components/panel/SettingOrigins';
import { translator } from '../../../lib/i18n';
import { prepareReport } from '../../../lib/metrics/prepare';
import { metricSettings } from '../../../lib/model/settings';
import { filterChoices } from '../../../lib/panel/filters';
import { formatters } from '../../../lib/panel/format';
import { buildPanelView, type PanelView } from '../../../lib/panel/view-model';
import type { SettingOrigin } from '../../../lib/settings/settings-origin';
import { lead, touch } from '../metrics/fixtures';

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

const en = translator('en');
const he = translator('he');
const f = formatters('en-US', 'USD', 'UTC');

/** Leads from two HubSpot sources, touched, and not a single deal. */
function viewWithoutDeals(): PanelView {
  const leads = [];
  const touches = [];
  for (let i = 0; i < 12; i++) {
    const created = `2026-0${1 + (i % 6)}-05T10:00:00Z`;
    leads.push(lead(`l${i}`, created, { source: i % 2 === 0 ? 'organic_search' : 'paid_social' }));
    touches.push(touch(`t${i}`, [`l${i}`], created.replace('10:00', '10:04')));
  }
  const snapshot = { owners: [], stages: [], lifecycleStages: undefined, leads, deals: [], touches, feedback: [] };
  const settings = metricSettings({ timezone: 'UTC', adoptionDate: '2026-03-01' });
  const prepared = prepareReport(snapshot, settings, Date.parse('2026-07-15T12:00:00Z'));
  return buildPanelView({ prepared, snapshot, choices: filterChoices(snapshot), period: '12m', portal: {} });
}

describe('PanelSkeleton', () => {
  it('is one busy status with a name, and no "Loading…" text', () => {
    render(<PanelSkeleton t={he} />);
    const status = container.querySelector('[data-testid="panel-skeleton"]');
    expect(status?.getAttribute('role')).toBe('status');
    expect(status?.getAttribute('aria-busy')).toBe('true');
    expect(status?.getAttribute('aria-label')).toBe('טוען את הנתונים');
    expect(container.textContent).toBe('');
  });
});

describe('ForecastView', () => {
  it('says what the forecast needs when there are no open deals and no won revenue', () => {
    render(<ForecastView view={viewWithoutDeals()} f={f} t={en} rtl={false} />);
    const empty = container.querySelector('[data-testid="empty-state"]');
    expect(empty?.getAttribute('data-kind')).toBe('noForecast');
    expect(empty?.textContent).toContain('open deals with an amount and a stage');
    expect(container.querySelector('[data-testid="weighted-pipeline"]')).toBeNull();
  });
});

describe('GroupView by source', () => {
  it('names each source by its HubSpot label, in English and in Hebrew, in a named scrolling region', () => {
    const view = viewWithoutDeals();
    render(<GroupView view={view} f={f} t={en} rtl={false} kind="source" />);
    const rows = [...container.querySelectorAll('[data-testid="table-bySource"] tbody th')].map((th) => th.textContent);
    expect(rows.sort()).toEqual(['Organic Search', 'Paid Social']);
    const region = container.querySelector('section.ll-table-wrap');
    expect(region?.getAttribute('tabindex')).toBe('0');
    expect(region?.getAttribute('aria-label')).toBe('By source: table');
    act(() => root.render(<GroupView view={view} f={f} t={he} rtl kind="source" />));
    expect(container.textContent).toContain('חיפוש אורגני');
    expect(container.textContent).not.toMatch(/organic_search|paid_social/);
  });
});

describe('SettingField', () => {
  const origins: Record<string, SettingOrigin> = {
    licensePerMonth: { kind: 'file', importedAt: Date.UTC(2026, 10, 3, 12) },
    hourlyCost: { kind: 'browser' },
    slaMinutes: { kind: 'default' },
  };
  const field = (setting: string, managed = false) => (
    <SettingField label={setting} managed={managed} setting={setting} t={en}>
      {({ id, describedBy }) => <input id={id} aria-describedby={describedBy} />}
    </SettingField>
  );

  it('says where each value comes from, tied to its input', () => {
    render(
      <SettingOriginsProvider origins={origins} intlLocale="en-US">
        {field('licensePerMonth')}
        {field('hourlyCost')}
        {field('slaMinutes')}
        {field('adoptionDate', true)}
      </SettingOriginsProvider>,
    );
    const notes = [...container.querySelectorAll('[data-origin]')].map((note) => note.textContent);
    expect(notes).toEqual([
      'From the team file imported on Nov 3, 2026',
      'Saved in this browser only',
      'Default, not saved yet',
      'Set by your organisation',
    ]);
    const input = container.querySelector('input');
    const note = container.querySelector('[data-origin]');
    expect(input?.getAttribute('aria-describedby')).toContain(note?.id);
  });
});
