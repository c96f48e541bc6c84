// @vitest-environment happy-dom
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, describe, expect, it } from 'vitest';
import { sortFairRep } from '../../../components/panel/FairRepTable';
import { GroupView } from '../../../components/panel/GroupView';
import { translator } from '../../../lib/i18n';
import { prepareReport } from '../../../lib/metrics/prepare';
import type { Deal, Lead, Touch } from '../../../lib/model/snapshot';
import { metricSettings } from '../../../lib/model/settings';
import { filterChoices } from '../../../lib/panel/filters';
import { formatters } from '../../../lib/panel/format';
import { fairRepRows } from '../../../lib/panel/fair-rep-rows';
import { buildPanelView, type PanelView } from '../../../lib/panel/view-model';
import { at, day, deal, lead, minute, touch, won } from '../metrics/fixtures';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let container: HTMLDivElement | undefined;
let root: Root | undefined;
function render(node: React.ReactNode): HTMLDivElement {
  const box = document.createElement('div');
  document.body.append(box);
  const made = createRoot(box);
  act(() => made.render(node));
  container = box;
  root = made;
  return box;
}
afterEach(() => {
  if (root) act(() => root?.unmount());
  container?.remove();
  root = undefined;
  container = undefined;
});

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * Three reps, named so that no two orders agree:
 * - o1 "Zed": 30 organic leads, 6 won (cycle 10 days), 2 lost deals; each answered after 10 minutes.
 * - o2 "Amy": 5 organic leads (none won) and 5 referrals (4 won, cycle 20 days); each answered after 30 minutes.
 * - o3 "Bob": 3 organic leads, all won (cycle 5 days), never answered.
 * Cohort rates by source: organic 9/38, referrals 4/5.
 */
function threeReps(): PanelView {
  const leads: Lead[] = [];
  const touches: Touch[] = [];
  const deals: Deal[] = [];
  const start = at('2026-02-01T08:00:00Z');
  let n = 0;
  const add = (
    owner: string,
    source: Lead['source'],
    wins: boolean,
    cycleDays: number,
    answerMinutes: number | null,
  ) => {
    const id = `${owner}-${n}`;
    const created = start + n * 3_600_000;
    n++;
    leads.push(lead(id, iso(created), { ownerId: owner, source }));
    if (answerMinutes !== null) touches.push(touch(`t-${id}`, [id], iso(created + answerMinutes * minute)));
    if (wins) deals.push(won(`d-${id}`, [id], iso(created), iso(created + cycleDays * day), 1000));
    return id;
  };
  for (let i = 0; i < 30; i++) {
    const id = add('o1', 'organic_search', i < 6, 10, 10);
    if (i >= 28) {
      deals.push(deal(`lost-${id}`, [id], iso(start), { isClosed: true, closeDate: at('2026-04-01T00:00:00Z') }));
    }
  }
  for (let i = 0; i < 5; i++) add('o2', 'organic_search', false, 0, 30);
  for (let i = 0; i < 5; i++) add('o2', 'referrals', i < 4, 20, 30);
  for (let i = 0; i < 3; i++) add('o3', 'organic_search', true, 5, null);
  const owners = [
    { id: 'o1', name: 'Zed', email: 'zed@example.com' },
    { id: 'o2', name: 'Amy', email: 'amy@example.com' },
    { id: 'o3', name: 'Bob', email: 'bob@example.com' },
  ];
  const snapshot = { owners, stages: [], lifecycleStages: undefined, leads, deals, touches, feedback: [] };
  const prepared = prepareReport(snapshot, metricSettings({ timezone: 'UTC' }), at('2026-07-15T12:00:00Z'));
  return buildPanelView({ prepared, snapshot, choices: filterChoices(snapshot), period: '12m', portal: {} });
}

const f = formatters('en-US', 'USD', 'UTC');
const t = translator('en');

describe('fair rep comparison in the panel', () => {
  const view = threeReps();
  const row = (key: string) => view.fairRep.find((r) => r.key === key);

  it('joins each rep’s rate, expected rate and win rate with their deals, cycle and response', () => {
    expect(row('o1')).toMatchObject({ label: 'Zed', leads: 30, won: 6, dealsWon: 6, dealsClosed: 8, winRate: 0.75 });
    expect(row('o1')?.leadToCustomerRate).toBeCloseTo(0.2, 12);
    expect(row('o1')?.expectedRate).toBeCloseTo(9 / 38, 12);
    expect(row('o1')?.medianCycleDays).toBeCloseTo(10, 9);
    expect(row('o1')?.medianResponseMinutes).toBeCloseTo(10, 9);
    // Amy: 4 of 10; expected (5 × 9/38 + 5 × 4/5) / 10; her won deals are all referrals, closed after 20 days.
    expect(row('o2')?.leadToCustomerRate).toBeCloseTo(0.4, 12);
    expect(row('o2')?.expectedRate).toBeCloseTo((5 * (9 / 38) + 5 * 0.8) / 10, 12);
    expect(row('o2')?.vsExpected).toBeCloseTo(0.4 - (5 * (9 / 38) + 5 * 0.8) / 10, 12);
    expect(row('o2')).toMatchObject({ dealsWon: 4, dealsClosed: 4, winRate: 1 });
    expect(row('o2')?.medianCycleDays).toBeCloseTo(20, 9);
    expect(row('o2')?.medianResponseMinutes).toBeCloseTo(30, 9);
    // Bob never answered: no median response.
    expect(row('o3')).toMatchObject({ leads: 3, won: 3, leadToCustomerRate: 1, medianResponseMinutes: null });
  });

  it('marks the reps with fewer than 30 leads, and only them', () => {
    expect(view.fairRep.map((r) => [r.key, r.smallSample])).toEqual(
      expect.arrayContaining([
        ['o1', false],
        ['o2', true],
        ['o3', true],
      ]),
    );
  });

  it('orders by name by default, never by the raw rate, and by n or the gap on request', () => {
    const collator = new Intl.Collator('en');
    const name = (r: { label: string }) => r.label;
    // Raw rate would give Bob (1), Amy (0.4), Zed (0.2).
    expect(sortFairRep(view.fairRep, 'name', name, collator).map(name)).toEqual(['Amy', 'Bob', 'Zed']);
    expect(sortFairRep(view.fairRep, 'leads', name, collator).map(name)).toEqual(['Zed', 'Amy', 'Bob']);
    // Gaps: Bob +0.76, Zed −0.04, Amy −0.12.
    expect(sortFairRep(view.fairRep, 'vsExpected', name, collator).map(name)).toEqual(['Bob', 'Zed', 'Amy']);
  });

  it('draws every column with the small-n caution, in the order the user picks', () => {
    const container = render(<GroupView view={view} f={f} t={t} rtl={false} kind="rep" />);
    const table = container.querySelector('[data-testid="table-fairRep"]');
    const names = () => [...(table?.querySelectorAll('tbody th') ?? [])].map((th) => th.firstChild?.textContent);
    expect(names()).toEqual(['Amy', 'Bob', 'Zed']);
    expect(container.querySelector('[data-testid="fairRep-caution"]')?.textContent).toContain('n < 30');
    const small = [...(table?.querySelectorAll('tr[data-small="true"]') ?? [])].map((tr) =>
      tr.getAttribute('data-key'),
    );
    expect(small).toEqual(['o2', 'o3']);
    const zed = table?.querySelector('tr[data-key="o1"]');
    expect(zed?.querySelector('[data-testid="fairRep-small"]')).toBeNull();
    expect(zed?.querySelector('[data-col="winRate"]')?.textContent).toBe('75%');
    expect(zed?.querySelector('[data-col="deals"]')?.textContent).toBe('6 / 8');
    expect(zed?.querySelector('[data-col="cycle"]')?.textContent).toBe('10 days');
    expect(zed?.querySelector('[data-col="response"]')?.textContent).toBe('10 min');
    expect(zed?.querySelector('[data-col="vsExpected"]')?.textContent).toBe('-3.7 pp');
    expect(container.querySelector('[data-testid="export-fairRep"]')).not.toBeNull();
    const select = container.querySelector<HTMLSelectElement>('[data-testid="fairRep-sort"]');
    if (!select) throw new Error('no sort control');
    act(() => {
      select.value = 'vsExpected';
      select.dispatchEvent(new Event('change', { bubbles: true }));
    });
    expect(names()).toEqual(['Bob', 'Zed', 'Amy']);
  });

  it('exports every column as CSV, raw, in the order shown', () => {
    const table = fairRepRows(
      sortFairRep(view.fairRep, 'name', (r) => r.label, new Intl.Collator('en')),
      t,
    );
    expect(table.header).toEqual([
      'Rep',
      'Leads (n)',
      'Lead-to-customer rate',
      '95 % interval low',
      '95 % interval high',
      'Expected from source mix',
      'vs expected',
      'Win rate',
      'Deals won',
      'Deals closed',
      'Median sales cycle (days)',
      'Median response (min)',
      'Caution: n < 30',
    ]);
    const zed = table.rows.find((r) => r[0] === 'Zed');
    expect(zed?.slice(0, 2)).toEqual(['Zed', 30]);
    expect(zed?.slice(7)).toEqual([0.75, 6, 8, 10, 10, 0]);
    expect(table.rows.map((r) => [r[0], r[12]])).toEqual([
      ['Amy', 1],
      ['Bob', 1],
      ['Zed', 0],
    ]);
  });

  it('reads in Hebrew, right to left', () => {
    const container = render(
      <div dir="rtl">
        <GroupView view={view} f={formatters('he-IL', 'USD', 'UTC')} t={translator('he')} rtl kind="rep" />
      </div>,
    );
    const head = container.querySelector('[data-testid="table-fairRep"] thead')?.textContent ?? '';
    expect(head).toContain('מול הצפוי');
    expect(head).toContain('שיעור זכייה');
    expect(container.querySelector('[data-testid="fairRep-caution"]')?.textContent).toContain('n < 30');
  });
});

describe('by campaign', () => {
  it('shows each campaign’s revenue per lead: its revenue in the window over its cohort leads', () => {
    // No lead names a campaign: one row, (no campaign), with all 43 leads and the 13 won deals of 1000.
    const view = threeReps();
    expect(view.byCampaign.map((row) => [row.key, row.leads, row.revenue])).toEqual([['(no campaign)', 43, 13_000]]);
    expect(view.byCampaign[0]?.revenuePerLead).toBeCloseTo(13_000 / 43, 9);
    const container = render(<GroupView view={view} f={f} t={t} rtl={false} kind="campaign" />);
    const head = container.querySelector('[data-testid="table-byCampaign"] thead')?.textContent ?? '';
    expect(head).toContain('Revenue per lead');
    expect(head).not.toContain('Return on spend');
    expect(container.querySelector('[data-testid="table-byCampaign"] [data-col="revenuePerLead"]')?.textContent).toBe(
      '$302',
    );
  });
});
