import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { setLanguage, storeTeamSettings, waitForFigures } from './panel-data';

// The fair rep comparison and the deal-stage funnel on the production build against the local portal. The portal's
// history is generated from the day's date, so the expectations are read from the panel's own figures (each row's n,
// each step's deals), never written here.

interface RepRow {
  key: string;
  name: string;
  n: number;
  small: boolean;
  caution: boolean;
  vsExpected: number | null;
}

async function repRows(table: Locator): Promise<RepRow[]> {
  return table.locator('tbody tr').evaluateAll((rows) =>
    rows.map((row) => {
      const vs = row.getAttribute('data-vs-expected') ?? '';
      return {
        key: row.getAttribute('data-key') ?? '',
        name: row.querySelector('th')?.firstChild?.textContent ?? '',
        n: Number(row.getAttribute('data-n')),
        small: row.getAttribute('data-small') === 'true',
        caution: row.querySelector('[data-testid="fairRep-small"]') !== null,
        vsExpected: vs === '' ? null : Number(vs),
      };
    }),
  );
}

async function openPanel(connected: {
  extension: { context: { newPage(): Promise<Page> }; extensionUrl(path: string): string };
}) {
  const panel = await connected.extension.context.newPage();
  await panel.goto(connected.extension.extensionUrl('sidepanel.html'));
  await waitForFigures(panel);
  return panel;
}

test('the fair rep comparison shows every column, cautions under 30 leads, and never ranks by the raw rate', async ({
  connected,
  portal,
}) => {
  test.setTimeout(180_000);
  await storeTeamSettings(connected.options, portal);
  await setLanguage(connected.options, 'en');
  const panel = await openPanel(connected);
  const view = panel.getByTestId('view-byRep');
  const table = view.getByTestId('table-fairRep');
  await expect(table).toBeVisible();
  await expect(table.locator('thead th')).toHaveText([
    'Rep',
    'Leads (n)',
    'Lead-to-customer rate',
    '95 % interval',
    'Expected from source mix',
    'vs expected',
    'Win rate',
    'Deals won / closed',
    'Median sales cycle (days)',
    'Median response (min)',
  ]);

  // A small slice of the portal (its smallest source, the last 3 months) leaves some reps with fewer than 30 leads.
  // The period first, so the smallest source is read among those with leads in it (the history is the day's).
  await panel.getByTestId('filter-period').selectOption('3m');
  await expect(panel.getByTestId('roi-panel')).toHaveAttribute('data-busy', 'false', { timeout: 60_000 });
  const sources = await panel
    .getByTestId('table-bySource')
    .locator('tbody tr')
    .evaluateAll((rows) =>
      rows.map((row) => ({
        key: row.getAttribute('data-key') ?? '',
        leads: Number((row.querySelector('td')?.textContent ?? '').replace(/\D/g, '')),
      })),
    );
  const smallest = sources.filter((source) => source.leads > 0).sort((a, b) => a.leads - b.leads)[0];
  if (!smallest) throw new Error('no source with leads');
  await panel.getByTestId('filter-source').selectOption(smallest.key);
  await expect(panel.getByTestId('roi-panel')).toHaveAttribute('data-busy', 'false', { timeout: 60_000 });

  const rows = await repRows(table);
  expect(rows.length).toBeGreaterThan(0);
  for (const row of rows) {
    expect(row.small, row.key).toBe(row.n < 30);
    expect(row.caution, row.key).toBe(row.n < 30);
  }
  expect(rows.some((row) => row.small)).toBe(true);
  await expect(view.getByTestId('fairRep-caution')).toContainText('n < 30');

  // By name, whatever the rates; then by the gap to the expected rate, largest first, reps without one last.
  const names = rows.map((row) => row.name);
  expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, 'en')));
  await view.getByTestId('fairRep-sort').selectOption('vsExpected');
  const byGap = (await repRows(table)).map((row) => row.vsExpected);
  const known = byGap.filter((gap): gap is number => gap !== null);
  expect(known).toEqual([...known].sort((a, b) => b - a));
  expect(byGap.slice(known.length).every((gap) => gap === null)).toBe(true);
  await view.getByTestId('fairRep-sort').selectOption('leads');
  const byN = (await repRows(table)).map((row) => row.n);
  expect(byN).toEqual([...byN].sort((a, b) => b - a));
});

test('the deal-stage funnel shows each pipeline’s steps, their conversion and days', async ({ connected, portal }) => {
  test.setTimeout(180_000);
  await storeTeamSettings(connected.options, portal);
  await setLanguage(connected.options, 'en');
  const panel = await openPanel(connected);
  const view = panel.getByTestId('view-dealFunnel');
  await expect(view).toBeVisible();
  await expect(panel.locator('nav a[href="#view-dealFunnel"]')).toHaveText('Deal stages');
  const blocks = view.getByTestId('dealFunnel-pipeline');
  const count = await blocks.count();
  expect(count).toBeGreaterThan(0);
  for (let index = 0; index < count; index++) {
    const block = blocks.nth(index);
    const deals = Number(await block.getAttribute('data-deals'));
    expect(deals).toBeGreaterThan(0);
    await expect(block.locator('h3')).toContainText(`${deals.toLocaleString('en-US')} deal`);
    await expect(block.locator('svg').first()).toBeAttached();
    const steps = await block.locator('tbody tr').evaluateAll((rows) =>
      rows.map((row) => ({
        step: row.getAttribute('data-step'),
        reached: Number(row.getAttribute('data-reached')),
        conversion: row.getAttribute('data-conversion'),
        days: row.querySelector('[data-col="days"]')?.textContent ?? '',
      })),
    );
    // The path ends in won; no step is reached by more deals than the one before it, nor by more than were created.
    expect(steps.at(-1)?.step).toBe('won');
    expect(steps[0]?.reached ?? 0).toBeLessThanOrEqual(deals);
    for (const [k, step] of steps.entries()) {
      const next = steps[k + 1];
      if (!next) {
        expect(step.conversion).toBe('');
        expect(step.days).toBe('');
        continue;
      }
      expect(next.reached).toBeLessThanOrEqual(step.reached);
      if (step.reached === 0) expect(step.conversion).toBe('');
      else expect(Number(step.conversion)).toBeCloseTo(next.reached / step.reached, 12);
    }
  }
  // The demo portal's deals carry their stage dates: some step has a median time in it.
  await expect(view.locator('td[data-col="days"]').filter({ hasText: /day/ }).first()).toBeVisible();
  await expect(view.getByTestId('formula-dealFunnel')).toBeAttached();
  // Each pipeline names the step the fewest deals go on from: one whose conversion is the pipeline's lowest.
  const first = blocks.first();
  const dropStep = await first
    .getByTestId('dealFunnel-reading')
    .locator('[data-kind="dropOff"]')
    .getAttribute('data-step');
  const conversions = await first
    .locator('tbody tr')
    .evaluateAll((rows) =>
      rows.map((row) => [row.getAttribute('data-step'), row.getAttribute('data-conversion')] as const),
    );
  const known = conversions
    .filter(([, value]) => value !== null && value !== '')
    .map(([step, value]) => [step, Number(value)] as const);
  const lowest = Math.min(...known.map(([, value]) => value));
  expect(known.find(([, value]) => value === lowest)?.[0]).toBe(dropStep);
});
