import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { screenshot } from './screenshot';

// The ROI panel on the production build, against the local portal: connect by typing the token, wait for the first
// sync, set the adoption date to the generator's, and check the panel against the generator's truth and against
// `npm run report` on the snapshot the panel exports.

async function connectAndSync(page: Page, token: string): Promise<void> {
  await page.getByTestId('token-input').fill(token);
  await page.getByTestId('connect').click();
  await expect(page.getByTestId('connect-panel')).toHaveAttribute('data-connected', 'true', { timeout: 60_000 });
  await expect(page.getByTestId('sync-panel')).toHaveAttribute('data-full-done', 'true', { timeout: 120_000 });
}

async function download(page: Page, trigger: () => Promise<void>): Promise<string> {
  const [file] = await Promise.all([page.waitForEvent('download'), trigger()]);
  const path = join(mkdtempSync(join(tmpdir(), 'leadlens-panel-')), file.suggestedFilename());
  await file.saveAs(path);
  return path;
}

test('empty state before connecting says to connect (or import)', async ({ openExtensionPage }) => {
  const panel = await openExtensionPage('sidepanel.html');
  await expect(panel.getByTestId('empty-state')).toHaveAttribute('data-kind', 'notConnected');
  await expect(panel.getByTestId('empty-state')).toContainText('Connect LeadLens to HubSpot');
  await expect(panel.getByTestId('import-snapshot')).toBeAttached();
});

test('after the first sync the panel shows the uplift, its ROI equals the report, CSV exports, and Hebrew is RTL', async ({
  openExtensionPage,
  portal,
}) => {
  test.setTimeout(240_000);
  const options = await openExtensionPage('options.html');
  await connectAndSync(options, portal.token);

  // The team setup is on the options page too, with the synced reps to pick a control segment from.
  const optionsSetup = options.getByTestId('options-team-setup');
  await expect(optionsSetup.getByTestId('team-setup')).toBeVisible();
  await expect(optionsSetup.getByTestId('setup-controlOwners').locator('option').first()).toBeAttached();
  await optionsSetup.getByTestId('setup-trainingCost').fill('700');
  await optionsSetup.getByTestId('setup-save').click();
  await expect(optionsSetup.getByTestId('setup-status')).toHaveAttribute('role', 'status');

  const panel = await openExtensionPage('sidepanel.html');
  // No adoption date yet: the panel asks for it.
  await expect(panel.locator('[data-testid="empty-state"][data-kind="noAdoption"]')).toBeVisible({ timeout: 60_000 });

  await panel.getByTestId('toggle-setup').click();
  // What the options page saved is the panel's setup too.
  await expect(panel.getByTestId('setup-trainingCost')).toHaveValue('700');
  await panel.getByTestId('setup-adoptionDate').fill(portal.truth.adoptionDate);
  await panel.getByTestId('setup-licensePerMonth').fill('400');
  await panel.getByTestId('setup-implementationCost').fill('2500');
  await panel.getByTestId('setup-hourlyCost').fill('45');
  await panel.getByTestId('setup-manualHoursSavedPerMonth').fill('10');
  // The two stated assumptions: without them the ROI waits (no default since metrics v2).
  await panel.getByTestId('setup-grossMarginPct').fill('60');
  await panel.getByTestId('setup-attributionPct').fill('50');
  await panel.getByTestId('setup-save').click();
  await expect(panel.getByTestId('setup-status')).toHaveAttribute('role', 'status');
  await panel.getByTestId('toggle-setup').click();

  // The generator's known uplift: median response after adoption is below before.
  const median = panel.locator('[data-testid="kpi-card"][data-kpi="medianResponseMinutes"]');
  await expect(median).toBeVisible({ timeout: 60_000 });
  await expect(panel.getByTestId('roi-panel')).toHaveAttribute('data-busy', 'false', { timeout: 60_000 });
  const difference = Number(await median.getAttribute('data-difference'));
  expect(Number.isFinite(difference)).toBe(true);
  expect(difference).toBeLessThan(0);
  await expect(panel.getByTestId('kpi-cards').getByTestId('kpi-card')).toHaveCount(7);
  // The portal has feedback, so NPS and CSAT cards appear beside the chosen seven.
  expect(portal.truth.counts.feedback_submissions).toBeGreaterThan(0);
  await expect(panel.getByTestId('satisfaction-cards').getByTestId('kpi-card')).toHaveCount(2);

  // The ROI checkpoints equal `npm run report` on the exported snapshot.
  const snapshotPath = await download(panel, () => panel.getByTestId('export-snapshot').click());
  const report = JSON.parse(
    execFileSync('npx', ['tsx', 'scripts/report.ts', '--input', snapshotPath, '--format', 'json'], {
      encoding: 'utf8',
      // The full JSON report (every breakdown of the window and each checkpoint, pretty-printed) passes Node's 1 MB
      // default on the demo portal.
      maxBuffer: 256 * 1024 * 1024,
    }),
  ) as {
    checkpoints: Array<{ roi: { months: number; status: string; roi: number | null } }>;
    paybackMonth: number | null;
  };
  const shown = await panel.getByTestId('roi-checkpoint').evaluateAll((items) =>
    items.map((item) => ({
      months: Number(item.getAttribute('data-months')),
      status: item.getAttribute('data-status'),
      roi: item.getAttribute('data-roi') === '' ? null : Number(item.getAttribute('data-roi')),
    })),
  );
  expect(shown.length).toBeGreaterThan(0);
  expect(shown).toEqual(
    report.checkpoints.map((c) => ({ months: c.roi.months, status: c.roi.status, roi: c.roi.roi })),
  );
  await expect(panel.getByTestId('payback')).toHaveAttribute('data-month', String(report.paybackMonth ?? ''));

  await screenshot(panel, 'panel-data-en');

  // A table exports as CSV with the funnel's counts.
  const csvPath = await download(panel, () => panel.getByTestId('export-funnel').click());
  const csv = readFileSync(csvPath, 'utf8')
    .replace(/^\uFEFF/, '')
    .split('\r\n');
  expect(csv[0]).toBe('Step,Leads,Step rate,Drop-off step');
  expect(csv).toHaveLength(6);

  // The KPI cards export too: one row per card shown (seven chosen, NPS and CSAT), in the dashboard's order.
  const kpiPath = await download(panel, () => panel.getByTestId('export-kpis').click());
  const kpiCsv = readFileSync(kpiPath, 'utf8')
    .replace(/^\uFEFF/, '')
    .split('\r\n');
  expect(kpiCsv[0]?.startsWith('KPI,Before (B),After (A),Difference (A − B)')).toBe(true);
  expect(kpiCsv).toHaveLength(1 + 7 + 2);
  expect(kpiCsv[1]?.split(',')[0]).toBe('ROI');

  // Printing opens what the screen folds away (formulas, the trends table) and closes it again after.
  const trendsTable = panel.getByTestId('trends-table');
  await expect(trendsTable).not.toHaveAttribute('open');
  await panel.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
  await panel.emulateMedia({ media: 'print' });
  await expect(trendsTable).toHaveAttribute('open');
  await expect(panel.getByTestId('formula-payback')).toContainText('Payback month =');
  await expect(panel.getByTestId('formula-payback').locator('li').first()).toBeVisible();
  await expect(panel.getByTestId('roi-checkpoint').first()).toBeVisible();
  await expect(panel.getByTestId('kpi-cards')).toBeVisible();
  await expect(panel.getByTestId('filters-printed')).toBeVisible();
  await expect(panel.getByTestId('filters')).toBeHidden();
  await panel.emulateMedia({ media: 'screen' });
  await panel.evaluate(() => window.dispatchEvent(new Event('afterprint')));
  await expect(trendsTable).not.toHaveAttribute('open');

  // "How is this computed?" opens with this portal's numbers.
  await panel.getByTestId('formula-roi').first().locator('summary').click();
  await expect(panel.getByTestId('formula-roi').first()).toContainText('ROI = (Gain − System cost) / System cost = (');

  // Hebrew: right-to-left, translated, same figures.
  await panel.evaluate(async () => {
    const { chrome } = globalThis as unknown as {
      chrome: { storage: { local: { set(items: object): Promise<void> } } };
    };
    await chrome.storage.local.set({ settings: { version: 1, language: 'he' } });
  });
  await expect(panel.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(panel.locator('h1')).toHaveText('החזר ההשקעה בטיפול בלידים');
  await expect(panel.getByTestId('roi-card')).toContainText('החזר על ההשקעה');
  const shownInHebrew = await panel
    .getByTestId('roi-checkpoint')
    .evaluateAll((items) => items.map((item) => item.getAttribute('data-roi')));
  expect(shownInHebrew).toEqual(shown.map((c) => (c.roi === null ? '' : String(c.roi))));
  await screenshot(panel, 'panel-data-he');
});
