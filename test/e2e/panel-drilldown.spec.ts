import AxeBuilder from '@axe-core/playwright';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { parseCsv } from '../../lib/csv/csv';
import { expect, test } from './fixtures';
import { setLanguage, storeTeamSettings, waitForFigures } from './panel-data';

// Drill-down on the production build against the local portal: every figure opened lists as many records as the
// figure counted. The portal's history is generated from the day's date, so every expected count is read from the
// panel's own figures (the cards' n, the funnel's counts, the deals won card), never written here.

async function downloadedCsv(page: Page, button: Locator): Promise<string[][]> {
  const [file] = await Promise.all([page.waitForEvent('download'), button.click()]);
  const path = join(mkdtempSync(join(tmpdir(), 'leadlens-drilldown-')), file.suggestedFilename());
  await file.saveAs(path);
  return parseCsv(readFileSync(path, 'utf8'));
}

const card = (panel: Page, kpi: string) => panel.locator(`[data-testid="kpi-card"][data-kpi="${kpi}"]`);

async function openCard(panel: Page, kpi: string): Promise<Locator> {
  await card(panel, kpi).getByTestId('kpi-drilldown').click();
  const dialog = panel.getByTestId('drilldown');
  await expect(dialog).toBeVisible();
  await expect(dialog.getByTestId('drilldown-loading')).toHaveCount(0, { timeout: 30_000 });
  return dialog;
}

async function close(panel: Page): Promise<void> {
  await panel.getByTestId('drilldown-close').click();
  await expect(panel.getByTestId('drilldown')).toHaveCount(0);
}

test('a lead KPI opens as many leads as its denominator, revenue as many won deals as were won', async ({
  connected,
  portal,
}) => {
  test.setTimeout(180_000);
  const { extension, options } = connected;
  await storeTeamSettings(options, portal);
  await setLanguage(options, 'en');
  const panel = await extension.context.newPage();
  await panel.goto(extension.extensionUrl('sidepanel.html'));
  await waitForFigures(panel);

  // Two lead KPIs with different denominators: the cohort, and the leads whose SLA is decided.
  for (const kpi of ['leadToCustomerRate', 'shareWithinSla']) {
    const n = Number(await card(panel, kpi).getAttribute('data-n'));
    expect(n, kpi).toBeGreaterThan(0);
    const dialog = await openCard(panel, kpi);
    await expect(dialog).toHaveAttribute('data-kind', 'leads');
    await expect(dialog.getByTestId('drilldown-heading')).toHaveAttribute('data-count', String(n));
    const list = dialog.getByTestId('drilldown-list');
    await expect(list).toHaveAttribute('aria-rowcount', String(n + 1));
    // Every row is in the CSV, though only those in view are drawn.
    const csv = await downloadedCsv(panel, dialog.getByTestId('export-drilldown'));
    expect(csv.length - 1, kpi).toBe(n);
    const ids = new Set(csv.slice(1).map((row) => row[0]));
    expect(ids.size).toBe(n);
    const link = list.locator('tbody a').first();
    await expect(link).toHaveAttribute(
      'href',
      /^https:\/\/app(-\w+)?\.hubspot\.com\/contacts\/[^/]+\/record\/0-1\/[^/]+$/,
    );
    await close(panel);
  }
  // The leadToCustomerRate denominator is the cohort; the SLA's leaves out leads still waiting, so they may differ.
  const cohort = Number(await card(panel, 'leadToCustomerRate').getAttribute('data-n'));
  const decided = Number(await card(panel, 'shareWithinSla').getAttribute('data-n'));
  expect(decided).toBeLessThanOrEqual(cohort);

  // The deals won card beside revenue and the revenue change: all three open the same won deals of A.
  await panel.getByTestId('kpi-customise').click();
  await panel.getByTestId('kpi-swap-6').selectOption('dealsWon');
  await panel.getByTestId('kpi-swap-5').selectOption('revenue');
  await panel.getByTestId('kpi-customise').click();
  const dealsWon = Number(await card(panel, 'dealsWon').getAttribute('data-value'));
  expect(dealsWon).toBeGreaterThan(0);
  for (const kpi of ['revenue', 'revenueChange', 'dealsWon']) {
    const dialog = await openCard(panel, kpi);
    await expect(dialog).toHaveAttribute('data-kind', 'deals');
    await expect(dialog.getByTestId('drilldown-heading')).toHaveAttribute('data-count', String(dealsWon));
    await expect(dialog.getByTestId('drilldown-list')).toHaveAttribute('aria-rowcount', String(dealsWon + 1));
    await close(panel);
  }
  // Revenue's rows add up to the revenue card's figure.
  const revenue = Number(await card(panel, 'revenue').getAttribute('data-value'));
  const dialog = await openCard(panel, 'revenue');
  const csv = await downloadedCsv(panel, dialog.getByTestId('export-drilldown'));
  expect(csv.length - 1).toBe(dealsWon);
  const amount = csv[0]?.indexOf('Amount') ?? -1;
  expect(csv.slice(1).reduce((sum, row) => sum + Number(row[amount]), 0)).toBeCloseTo(revenue, 2);
  await close(panel);
});

test('funnel steps and response buckets open their leads, in Hebrew right to left, by keyboard', async ({
  connected,
  portal,
}) => {
  test.setTimeout(180_000);
  const { extension, options } = connected;
  await storeTeamSettings(options, portal);
  await setLanguage(options, 'he');
  const panel = await extension.context.newPage();
  await panel.goto(extension.extensionUrl('sidepanel.html'));
  await expect(panel.locator('html')).toHaveAttribute('dir', 'rtl');
  await waitForFigures(panel);

  for (const step of ['new', 'qualified', 'won']) {
    const n = Number(
      await panel.getByTestId(`drilldown-step-${step}`).locator('xpath=ancestor::tr').getAttribute('data-n'),
    );
    // Opened from the keyboard: the step's name is a button.
    await panel.getByTestId(`drilldown-step-${step}`).focus();
    await panel.keyboard.press('Enter');
    const dialog = panel.getByTestId('drilldown');
    await expect(dialog.getByTestId('drilldown-heading')).toHaveAttribute('data-count', String(n));
    if (n > 0) await expect(dialog.getByTestId('drilldown-list')).toHaveAttribute('aria-rowcount', String(n + 1));
    // Escape closes the dialog and gives focus back to the step.
    await panel.keyboard.press('Escape');
    await expect(dialog).toHaveCount(0);
    await expect(panel.getByTestId(`drilldown-step-${step}`)).toBeFocused();
  }

  const bucket = panel.getByTestId('drilldown-bucket-never');
  const never = Number(await bucket.locator('xpath=ancestor::tr').getAttribute('data-n'));
  await bucket.click();
  const dialog = panel.getByTestId('drilldown');
  await expect(dialog.getByTestId('drilldown-heading')).toHaveAttribute('data-count', String(never));
  if (never > 0) {
    // End moves the windowed list to its last row.
    await dialog.getByTestId('drilldown-list-scroll').focus();
    await panel.keyboard.press('End');
    await expect(dialog.locator(`tbody tr[aria-rowindex="${never + 1}"]`)).toBeAttached();
  }
  // axe on the open dialog (right to left, with rows): no serious or critical finding.
  const results = await new AxeBuilder({ page: panel })
    .include('[data-testid="drilldown"]')
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'])
    .analyze();
  const serious = results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
  expect(serious).toEqual([]);
});
