// @vitest-environment happy-dom
import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { downloadText } from '../../../components/panel/download';
import { DrilldownProvider } from '../../../components/panel/drilldown/Drilldown';
import { visibleRange } from '../../../components/panel/drilldown/VirtualList';
import { FunnelView } from '../../../components/panel/FunnelView';
import { GroupView } from '../../../components/panel/GroupView';
import { KpiCards } from '../../../components/panel/KpiCards';
import { SpeedView } from '../../../components/panel/SpeedView';
import { parseCsv } from '../../../lib/csv/csv';
import { translator } from '../../../lib/i18n';
import { prepareReport } from '../../../lib/metrics/prepare';
import { metricSettings } from '../../../lib/model/settings';
import type { Lead } from '../../../lib/model/snapshot';
import { drilldownCsv, drilldownList, hubspotLink } from '../../../lib/panel/drilldown';
import { defaultFilters, filterChoices } from '../../../lib/panel/filters';
import { formatters } from '../../../lib/panel/format';
import { buildPanelView } from '../../../lib/panel/view-model';
import type { PanelWorkerClient } from '../../../lib/panel/worker-client';
import { lead, touch, won } from '../metrics/fixtures';

// The panel's drill-down: the worker's list (rows = the figure's n, names, links, CSV) and the dialog the cards and
// views open (a windowed list, the KPI's two windows, CRM text as text).

vi.mock('../../../components/panel/download', () => ({ downloadText: vi.fn() }));
(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const t = translator('en');
const f = formatters('en-US', 'USD', 'UTC');
const hostile = '<img src=x onerror="alert(1)">';

/** 300 leads either side of an adoption on 2026-01-01, every third answered late, every fifth won. */
function fixture() {
  const leads: Lead[] = [];
  const touches = [];
  const deals = [];
  for (let i = 0; i < 300; i++) {
    const before = i < 150;
    const month = String(1 + (i % 6)).padStart(2, '0');
    const created = `${before ? 2025 : 2026}-${before ? String(7 + (i % 6)).padStart(2, '0') : month}-0${1 + (i % 9)}T10:00:00Z`;
    leads.push(lead(`l${i}`, created, { name: i === 200 ? hostile : `Lead ${i}`, ownerId: i % 2 ? 'o1' : 'o2' }));
    if (i % 4 !== 3) touches.push(touch(`t${i}`, [`l${i}`], created.replace('10:00', i % 3 ? '10:04' : '11:30')));
    if (i % 5 === 0) deals.push(won(`d${i}`, [`l${i}`], created, created.replace('T10', 'T18'), 1000 + i));
  }
  deals.push(won('orphan', [], '2026-02-01T00:00:00Z', '2026-02-10T00:00:00Z', 50));
  const snapshot = {
    owners: [
      { id: 'o1', name: 'Dana', email: 'dana@example.com' },
      { id: 'o2', name: 'Omer', email: 'omer@example.com' },
    ],
    stages: [],
    lifecycleStages: undefined,
    leads,
    deals,
    touches,
    feedback: [],
  };
  const settings = metricSettings({ timezone: 'UTC', adoptionDate: '2026-01-01', licensePerMonth: 100 });
  const prepared = prepareReport(snapshot, settings, Date.parse('2026-07-15T12:00:00Z'));
  const view = buildPanelView({
    prepared,
    snapshot,
    choices: filterChoices(snapshot),
    period: '24m',
    portal: { portalId: '42', uiDomain: 'app-eu1.hubspot.com' },
  });
  return { snapshot, settings, prepared, view };
}

const data = fixture();
const checkpoint = data.view.roi.checkpoints.find((c) => c.months === data.view.checkpoint?.months);
if (!checkpoint) throw new Error('the fixture needs a checkpoint');

describe('the worker’s drill-down list', () => {
  it('a lead KPI: its n rows, with the lead’s name, e-mail and creation date', () => {
    const card = data.view.kpis.find((c) => c.id === 'shareWithinSla');
    const list = drilldownList(data.prepared, data.snapshot, {
      target: { kind: 'kpi', kpi: 'shareWithinSla' },
      span: checkpoint.after,
    });
    expect(list.kind).toBe('leads');
    if (list.kind !== 'leads') return;
    expect(list.rows.length).toBe(card?.afterN);
    expect(card?.afterN).toBeGreaterThan(0);
    const first = list.rows[0];
    expect(first?.name).toMatch(/^Lead /);
    expect(first?.email).toBe(`${first?.id}@example.com`);
    expect(
      list.rows.every((row) => row.createdAt >= checkpoint.after.from && row.createdAt < checkpoint.after.to),
    ).toBe(true);
  });

  it('a money KPI: the won deals of the window with their primary lead’s name', () => {
    const list = drilldownList(data.prepared, data.snapshot, {
      target: { kind: 'kpi', kpi: 'revenueChange' },
      span: checkpoint.after,
    });
    expect(list.kind).toBe('deals');
    if (list.kind !== 'deals') return;
    expect(list.rows.reduce((sum, row) => sum + row.amount, 0)).toBe(checkpoint.revenueAfter);
    const orphan = list.rows.find((row) => row.id === 'orphan');
    expect(orphan).toMatchObject({ primaryLead: null, primaryLeadName: '', owner: null });
    const withLead = list.rows.find((row) => row.primaryLead !== null);
    expect(withLead?.primaryLeadName).toBe(`Lead ${withLead?.primaryLead?.slice(1)}`);
  });

  it('a figure that counts no record opens nothing', () => {
    expect(
      drilldownList(data.prepared, data.snapshot, { target: { kind: 'kpi', kpi: 'roi' }, span: checkpoint.after }).kind,
    ).toBe('none');
  });

  it('CSV: one line per row with every fact and the HubSpot link; CRM text kept as text', () => {
    const list = drilldownList(data.prepared, data.snapshot, {
      target: { kind: 'kpi', kpi: 'leads' },
      span: data.view.window,
    });
    const table = drilldownCsv(list, data.view.portal, (id) => (id === 'o1' ? 'Dana' : 'Omer'), t);
    expect(table.rows.length).toBe(data.view.totals.leads);
    const header = table.header;
    const row = table.rows.find((cells) => cells[0] === 'l200');
    expect(row?.[header.indexOf('Lead')]).toBe(hostile);
    expect(row?.[header.indexOf('HubSpot link')]).toBe('https://app-eu1.hubspot.com/contacts/42/record/0-1/l200');
    expect(row?.[header.indexOf('Rep')]).toBe('Omer');
  });

  it('links only where the portal is known, and only to HubSpot', () => {
    expect(hubspotLink({}, 'contact', 'l1')).toBeNull();
    expect(hubspotLink({ portalId: '1', uiDomain: 'evil.example' }, 'deal', 'd/../x')).toBe(
      'https://app.hubspot.com/contacts/1/record/0-3/d%2F..%2Fx',
    );
  });
});

describe('the windowed list', () => {
  it('renders the rows in view and a few either side', () => {
    expect(visibleRange(0, 360, 36, 10_000)).toEqual({ first: 0, end: 18 });
    expect(visibleRange(36 * 5000, 360, 36, 10_000)).toEqual({ first: 4992, end: 5018 });
    expect(visibleRange(36 * 9999, 360, 36, 10_000)).toEqual({ first: 9991, end: 10_000 });
    expect(visibleRange(0, 360, 36, 0)).toEqual({ first: 0, end: 0 });
  });
});

describe('opening a figure', () => {
  let container: HTMLDivElement;
  afterEach(() => {
    container.remove();
    vi.mocked(downloadText).mockClear();
  });

  const worker = {
    request: vi.fn(async (body: { type: 'drilldown'; request: Parameters<typeof drilldownList>[2] }) => ({
      type: 'drilldown',
      id: 1,
      list: drilldownList(data.prepared, data.snapshot, body.request),
      ms: 0,
    })),
  } as unknown as PanelWorkerClient;

  async function render(node: React.ReactNode) {
    container = document.createElement('div');
    document.body.append(container);
    const root = createRoot(container);
    await act(async () =>
      root.render(
        <DrilldownProvider
          worker={worker}
          settings={data.settings}
          filters={defaultFilters}
          view={data.view}
          f={f}
          t={t}
        >
          {node}
        </DrilldownProvider>,
      ),
    );
  }

  async function click(element: Element | null | undefined) {
    if (!element) throw new Error('nothing to click');
    await act(async () => {
      element.dispatchEvent(new MouseEvent('click', { bubbles: true }));
    });
    // The worker's reply, then the rows.
    await act(async () => {
      await new Promise((resolve) => setTimeout(resolve, 0));
    });
  }

  const heading = () => document.querySelector('[data-testid="drilldown-heading"]');

  it('a KPI card opens its A window, B one click away, as many rows as its n', async () => {
    await render(
      <KpiCards
        view={data.view}
        ids={['leadToCustomerRate', 'revenueChange']}
        satisfaction={[]}
        f={f}
        t={t}
        onChange={() => undefined}
      />,
    );
    const card = data.view.kpis.find((c) => c.id === 'leadToCustomerRate');
    await click(container.querySelector('[data-kpi="leadToCustomerRate"] [data-testid="kpi-drilldown"]'));
    expect(heading()?.getAttribute('data-count')).toBe(String(card?.afterN));
    const table = document.querySelector('[data-testid="drilldown-list"]');
    expect(table?.getAttribute('aria-rowcount')).toBe(String((card?.afterN ?? 0) + 1));
    // Windowed: far fewer rows in the document than in the list.
    const rendered = table?.querySelectorAll('tbody tr').length ?? 0;
    expect(rendered).toBeGreaterThan(0);
    expect(rendered).toBeLessThan(card?.afterN ?? 0);
    await click(document.querySelector('[data-testid="drilldown-side-before"]'));
    expect(heading()?.getAttribute('data-count')).toBe(String(card?.beforeN));
    expect(document.querySelector('[data-testid="drilldown-side-before"]')?.getAttribute('aria-pressed')).toBe('true');
  });

  it('the CSV has every row, not only those drawn', async () => {
    await render(<SpeedView view={data.view} f={f} t={t} rtl={false} />);
    const bucket = data.view.speedToLead.buckets.find((b) => b.bucket === '1–24h');
    expect(bucket?.n).toBeGreaterThan(20);
    await click(container.querySelector('[data-testid="drilldown-bucket-1–24h"]'));
    expect(heading()?.getAttribute('data-count')).toBe(String(bucket?.n));
    await click(document.querySelector('[data-testid="export-drilldown"]'));
    const [name, text] = vi.mocked(downloadText).mock.calls[0] ?? [];
    expect(name).toBe('leadlens-drilldown.csv');
    expect(parseCsv(text ?? '').length - 1).toBe(bucket?.n);
  });

  it('a funnel step opens the leads that reached it; a CRM name is text, and links go to HubSpot', async () => {
    await render(<FunnelView view={data.view} f={f} t={t} rtl={false} />);
    await click(container.querySelector('[data-testid="drilldown-step-new"]'));
    expect(heading()?.getAttribute('data-count')).toBe(String(data.view.funnel.counts.new));
    const scroller = document.querySelector<HTMLElement>('[data-testid="drilldown-list-scroll"]');
    if (!scroller) throw new Error('no list');
    // Row l200 (the hostile name) is far down: scrolled to by keyboard, as a user would.
    const index = drilldownList(data.prepared, data.snapshot, {
      target: { kind: 'funnelStep', step: 'new' },
      span: data.view.window,
    });
    const at = index.kind === 'leads' ? index.rows.findIndex((row) => row.id === 'l200') : -1;
    await act(async () => {
      scroller.scrollTop = at * 36;
      scroller.dispatchEvent(new Event('scroll'));
    });
    const link = [...document.querySelectorAll<HTMLAnchorElement>('[data-testid="drilldown-list"] a')].find(
      (a) => a.textContent === hostile,
    );
    expect(link?.href).toBe('https://app-eu1.hubspot.com/contacts/42/record/0-1/l200');
    expect(document.querySelector('[data-testid="drilldown-list"] img')).toBeNull();
    await act(async () => {
      scroller.dispatchEvent(new KeyboardEvent('keydown', { key: 'End', bubbles: true }));
    });
    const last = [...document.querySelectorAll('[data-testid="drilldown-list"] tbody tr')].at(-1);
    expect(last?.getAttribute('aria-rowindex')).toBe(String(data.view.funnel.counts.new + 1));
    await click(document.querySelector('[data-testid="drilldown-close"]'));
    expect(document.querySelector('[data-testid="drilldown"]')).toBeNull();
  });

  it('a rep’s name opens their cohort leads', async () => {
    await render(<GroupView view={data.view} f={f} t={t} rtl={false} kind="rep" />);
    const dana = data.view.byRep.find((row) => row.key === 'o1');
    expect(dana?.leads).toBeGreaterThan(0);
    await click(
      container.querySelector('[data-testid="table-byRep"] tr[data-key="o1"] [data-testid="drilldown-group"]'),
    );
    expect(heading()?.getAttribute('data-count')).toBe(String(dana?.leads));
    expect(heading()?.textContent).toContain('Dana');
  });

  it('without a provider a view draws its names as text', async () => {
    container = document.createElement('div');
    document.body.append(container);
    const root = createRoot(container);
    await act(async () => root.render(<FunnelView view={data.view} f={f} t={t} rtl={false} />));
    expect(container.querySelector('[data-testid="drilldown-step-new"]')).toBeNull();
    expect(container.textContent).toContain('New');
  });
});
