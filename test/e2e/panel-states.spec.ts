import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { setLanguage, storeTeamSettings, waitForFigures } from './panel-data';
import { screenshot } from './screenshot';

// The panel's states around its figures: the skeleton while it loads (never "Loading…"), the forecast's empty state,
// CRM values in words (HubSpot's labels, in English and Hebrew) instead of their keys, and where each setting comes
// from. The README's panel screenshots are taken here, with figures.

const DAY = 24 * 60 * 60 * 1000;
const AS_OF = Date.UTC(2026, 10, 30, 12);

/** A portal export with leads and no deals at all: nothing to forecast. */
function snapshotWithoutDeals(): string {
  const sources = ['organic_search', 'paid_search', 'referrals'] as const;
  const leads = Array.from({ length: 60 }, (_, index) => {
    const createdAt = AS_OF - (index * 5 + 1) * DAY;
    return {
      id: `l${index}`,
      email: `lead${index}@example.com`,
      name: `Lead ${index}`,
      ownerId: 'o1',
      createdAt: new Date(createdAt).toISOString(),
      updatedAt: new Date(createdAt).toISOString(),
      lifecycleStage: 'lead',
      leadStatus: index % 3 === 0 ? 'UNQUALIFIED' : 'NEW',
      source: sources[index % sources.length],
    };
  });
  const touches = leads.map((lead, index) => ({
    id: `t${index}`,
    leadIds: [lead.id],
    kind: 'email',
    direction: 'out',
    at: new Date(Date.parse(lead.createdAt) + (10 + index) * 60_000).toISOString(),
    ownerId: 'o1',
  }));
  return JSON.stringify({
    format: 'leadlens-snapshot',
    version: 1,
    portal: { timeZone: 'UTC', currency: 'USD' },
    exportedAt: new Date(AS_OF).toISOString(),
    asOf: new Date(AS_OF).toISOString(),
    settings: { adoptionDate: '2026-07-01' },
    snapshot: { owners: [{ id: 'o1', name: 'Dana Levi' }], stages: [], leads, deals: [], touches },
  });
}

/** Records, from the page's first byte, whether "Loading…" ever showed and how the skeleton introduced itself. */
async function watchLoading(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const seen = { loadingText: false, skeleton: null as null | Record<string, string | null> };
    (globalThis as unknown as { __llSeen: typeof seen }).__llSeen = seen;
    new MutationObserver(() => {
      const text = document.body?.textContent ?? '';
      if (/Loading…|טוען…/.test(text)) seen.loadingText = true;
      const skeleton = document.querySelector('[data-testid="panel-skeleton"]');
      if (skeleton && !seen.skeleton) {
        seen.skeleton = {
          role: skeleton.getAttribute('role'),
          busy: skeleton.getAttribute('aria-busy'),
          name: skeleton.getAttribute('aria-label'),
        };
      }
    }).observe(document, { childList: true, subtree: true, characterData: true });
  });
}

const seenWhileLoading = (page: Page) =>
  page.evaluate(
    () =>
      (globalThis as unknown as { __llSeen: { loadingText: boolean; skeleton: Record<string, string | null> | null } })
        .__llSeen,
  );

test('loading shows a named skeleton, the forecast says what it needs, and CRM values read as HubSpot labels', async ({
  extension,
}) => {
  test.setTimeout(120_000);
  const panel = await extension.context.newPage();
  await watchLoading(panel);
  await panel.goto(extension.extensionUrl('sidepanel.html'));
  await expect(panel.getByTestId('empty-state')).toHaveAttribute('data-kind', 'notConnected');
  // The first paint is the skeleton: a busy status with a name, never the bare word.
  expect(await seenWhileLoading(panel)).toEqual({
    loadingText: false,
    skeleton: { role: 'status', busy: 'true', name: 'Loading the figures' },
  });

  await panel.getByTestId('import-snapshot').setInputFiles({
    name: 'no-deals.json',
    mimeType: 'application/json',
    buffer: Buffer.from(snapshotWithoutDeals()),
  });
  await waitForFigures(panel);
  await expect(panel.getByTestId('panel-skeleton')).toHaveCount(0);
  expect((await seenWhileLoading(panel)).loadingText).toBe(false);

  // No open deal and no won revenue: the forecast says what it needs instead of drawing zeros.
  const forecast = panel.getByTestId('view-forecast');
  await expect(forecast.getByTestId('empty-state')).toHaveAttribute('data-kind', 'noForecast');
  await expect(forecast).toContainText('Nothing to forecast yet');
  await expect(forecast.getByTestId('weighted-pipeline')).toHaveCount(0);

  // Sources by their HubSpot labels, in the table and the filter; no key of the CRM shows anywhere.
  const bySource = panel.getByTestId('table-bySource');
  await expect(bySource).toContainText('Organic Search');
  await expect(bySource).toContainText('Paid Search');
  await expect(bySource).toContainText('Referrals');
  await expect(panel.getByTestId('filter-source').locator('option')).toContainText([
    'All',
    'Organic Search',
    'Paid Search',
    'Referrals',
  ]);
  const rawKeys = /organic_search|paid_search|UNQUALIFIED/;
  expect(await panel.locator('body').textContent()).not.toMatch(rawKeys);

  // The same in Hebrew.
  await setLanguage(panel, 'he');
  await expect(bySource).toContainText('חיפוש אורגני');
  await expect(bySource).toContainText('חיפוש ממומן');
  await expect(forecast.getByTestId('empty-state')).toContainText('אין עדיין מה לחזות');
  expect(await panel.locator('body').textContent()).not.toMatch(rawKeys);
});

test('each setting says where its value comes from: an imported team file, this browser, or the default', async ({
  connected,
}) => {
  const { options } = connected;
  const setup = options.getByTestId('options-team-setup');
  await expect(setup.getByTestId('team-setup')).toBeVisible({ timeout: 30_000 });
  // The setup no longer claims the settings are shared with the team.
  await expect(setup).not.toContainText(/everyone|team-wide|shared with/i);
  await expect(options.getByTestId('team-settings')).toContainText('kept in this browser');

  const originOf = (field: string) =>
    setup.locator('.ll-field', { has: options.getByTestId(`setup-${field}`) }).getByTestId('setting-origin');

  const file = { licensePerMonth: 321, slaMinutes: 7, adoptionDate: '2026-01-15' };
  await options
    .getByTestId('team-settings')
    .locator('input[type="file"]')
    .setInputFiles({ name: 'team.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(file)) });
  await expect(setup.getByTestId('setup-licensePerMonth')).toHaveValue('321');
  await expect(originOf('licensePerMonth')).toHaveAttribute('data-origin', 'file');
  await expect(originOf('licensePerMonth')).toContainText(/From the team file imported on .*\d{4}/);
  await expect(originOf('adoptionDate')).toHaveAttribute('data-origin', 'file');

  // Changed here and saved: that value is now this browser's; the rest still the file's.
  await setup.getByTestId('setup-licensePerMonth').fill('350');
  await setup.getByTestId('setup-save').click();
  await expect(originOf('licensePerMonth')).toHaveAttribute('data-origin', 'browser');
  await expect(originOf('licensePerMonth')).toHaveText('Saved in this browser only');
  await expect(originOf('adoptionDate')).toHaveAttribute('data-origin', 'file');

  // In Hebrew, with the date in Hebrew too.
  await setLanguage(options, 'he');
  await expect(originOf('licensePerMonth')).toHaveText('שמור בדפדפן הזה בלבד');
  await expect(originOf('adoptionDate')).toContainText('מקובץ הצוות שיובא ב-');
  await setLanguage(options, 'en');
});

test('the panel with figures, in English and Hebrew (the README screenshots)', async ({ connected, portal }) => {
  test.setTimeout(120_000);
  const { extension, options } = connected;
  await storeTeamSettings(options, portal);
  await setLanguage(options, 'en');
  const panel = await extension.context.newPage();
  await panel.setViewportSize({ width: 900, height: 1400 });
  await panel.goto(extension.extensionUrl('sidepanel.html'));
  await waitForFigures(panel);
  await expect(panel.getByText('Loading…')).toHaveCount(0);
  await screenshot(panel, 'panel-dashboard-en');
  await setLanguage(panel, 'he');
  await expect(panel.locator('h1')).toHaveText('החזר ההשקעה בטיפול בלידים');
  await waitForFigures(panel);
  await screenshot(panel, 'panel-dashboard-he');
});
