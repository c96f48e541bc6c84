import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

// The panel's charts on the production build, against the local portal (the shared connected browser): recharts draws
// each one, its table alternative holds the same figures as the view's own table, the chart is a keyboard stop whose
// arrow keys move the tooltip, and in Hebrew the tooltip reads right to left.

async function openPanel(page: Page): Promise<void> {
  await expect(page.getByTestId('view-funnel').locator('.recharts-surface')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('roi-panel')).toHaveAttribute('data-busy', 'false', { timeout: 60_000 });
}

test('recharts draws every chart, each with a table of the same figures and a keyboard way through, in Hebrew too', async ({
  connected: { extension },
  portal,
}) => {
  test.setTimeout(180_000);
  const panel = await extension.context.newPage();
  await panel.goto(extension.extensionUrl('sidepanel.html'));
  await openPanel(panel);
  // The adoption date brings the KPI cards, each with its trend.
  await panel.getByTestId('toggle-setup').click();
  await panel.getByTestId('setup-adoptionDate').fill(portal.truth.adoptionDate);
  await panel.getByTestId('setup-save').click();
  await expect(panel.getByTestId('setup-status')).toHaveAttribute('role', 'status');
  await panel.getByTestId('toggle-setup').click();
  await expect(panel.getByTestId('kpi-card').first()).toBeVisible({ timeout: 60_000 });
  await openPanel(panel);

  // The KPI cards' trends are recharts lines too, named pictures rather than keyboard stops.
  const sparklines = panel.locator('[data-testid="kpi-card"] .ll-sparkline');
  const drawn = sparklines.filter({ has: panel.locator('.recharts-surface .recharts-line-curve') });
  await expect(drawn.first()).toBeVisible();
  await expect(drawn.first()).toHaveAttribute('role', 'img');
  await expect(drawn.first().locator('.recharts-surface')).not.toHaveAttribute('tabindex', /.*/);

  // Every chart figure holds one recharts surface, named by the figure's label.
  const charts = panel.locator('[data-testid^="view-"] [data-testid="chart"]');
  await expect.poll(() => charts.count()).toBeGreaterThanOrEqual(6);
  const surfaces = await charts.evaluateAll((figures) =>
    figures.map((figure) => {
      const surface = figure.querySelector('svg.recharts-surface');
      return {
        drawn: surface !== null && figure.querySelectorAll('.recharts-surface').length === 1,
        named: surface?.getAttribute('aria-label') === figure.getAttribute('aria-label'),
        focusable: surface?.getAttribute('tabindex') === '0',
      };
    }),
  );
  expect(surfaces.every((s) => s.drawn && s.named && s.focusable)).toBe(true);
  // Bars are drawn from the aggregated rows: the funnel has one bar per step, not one per lead.
  const funnel = panel.getByTestId('view-funnel');
  const viewRows = await funnel
    .locator('table.ll-table:not([data-testid="chart-table"]) tbody tr')
    .evaluateAll((rows) =>
      rows.map((row) => [row.querySelector('th')?.textContent ?? '', row.querySelector('td')?.textContent ?? '']),
    );
  expect(viewRows.length).toBeGreaterThan(2);
  await expect(funnel.locator('.recharts-bar-rectangle')).toHaveCount(viewRows.length);

  // The table alternative: the same steps and counts as the view's table.
  const funnelChart = funnel.getByTestId('chart');
  await funnelChart.getByRole('button', { name: 'Show as table' }).click();
  await expect(funnelChart).toHaveAttribute('data-shown', 'table');
  const chartRows = await funnelChart
    .getByTestId('chart-table')
    .locator('tbody tr')
    .evaluateAll((rows) =>
      rows.map((row) => [...row.querySelectorAll('th, td')].map((cell) => cell.textContent ?? '')),
    );
  expect(chartRows).toEqual(viewRows);
  await funnelChart.getByRole('button', { name: 'Show as chart' }).click();
  await expect(funnelChart.locator('.recharts-surface')).toBeVisible();

  // By keyboard: Tab from the toggle reaches the chart; focus shows the first step, the right arrow the next.
  await funnelChart.getByRole('button', { name: 'Show as table' }).focus();
  await panel.keyboard.press('Tab');
  const focused = panel.locator(':focus');
  await expect(focused).toHaveAttribute('role', 'application');
  await expect(focused).toHaveAttribute('aria-label', (await funnelChart.getAttribute('aria-label')) ?? '');
  const tooltip = funnelChart.getByTestId('chart-tooltip');
  await expect(tooltip).toBeVisible();
  await expect(tooltip).toContainText(viewRows[0]?.[0] ?? '');
  await expect(tooltip).toContainText(viewRows[0]?.[1] ?? '');
  await panel.keyboard.press('ArrowRight');
  await expect(tooltip).toContainText(viewRows[1]?.[0] ?? '');
  await expect(tooltip).toContainText(viewRows[1]?.[1] ?? '');
  await expect(tooltip).toHaveAttribute('dir', 'ltr');

  // Hebrew: the toggle is translated, the first step sits on the right, and the tooltip is right to left, inside
  // the chart, with the same figures.
  await panel.evaluate(async () => {
    const { chrome } = globalThis as unknown as {
      chrome: { storage: { local: { set(items: object): Promise<void> } } };
    };
    await chrome.storage.local.set({ settings: { version: 1, language: 'he' } });
  });
  await expect(panel.locator('html')).toHaveAttribute('dir', 'rtl');
  // A fresh page in Hebrew, so the keyboard starts from the first step again.
  const hebrew = await extension.context.newPage();
  await hebrew.goto(extension.extensionUrl('sidepanel.html'));
  await openPanel(hebrew);
  await expect(hebrew.locator('html')).toHaveAttribute('dir', 'rtl');
  const hebrewFunnel = hebrew.getByTestId('view-funnel');
  const hebrewChart = hebrewFunnel.getByTestId('chart');
  await expect(hebrewChart.getByRole('button', { name: 'הצגה כטבלה' })).toBeVisible();
  const bars = hebrewFunnel.locator('.recharts-bar-rectangle');
  const first = await bars.first().boundingBox();
  const last = await bars.last().boundingBox();
  expect(first && last && first.x > last.x).toBe(true);
  const hebrewRows = await hebrewFunnel
    .locator('table.ll-table:not([data-testid="chart-table"]) tbody tr')
    .evaluateAll((rows) =>
      rows.map((row) => [row.querySelector('th')?.textContent ?? '', row.querySelector('td')?.textContent ?? '']),
    );
  // Focus shows the first step (on the right); the left arrow moves on in the reading direction.
  await hebrewChart.locator('.recharts-surface').focus();
  const hebrewTooltip = hebrewChart.getByTestId('chart-tooltip');
  await expect(hebrewTooltip).toContainText(hebrewRows[0]?.[0] ?? '');
  await hebrew.keyboard.press('ArrowLeft');
  await expect(hebrewTooltip).toBeVisible();
  await expect(hebrewTooltip).toHaveAttribute('dir', 'rtl');
  await expect(hebrewTooltip).toContainText('לידים');
  await expect(hebrewTooltip).toContainText(hebrewRows[1]?.[0] ?? '');
  await expect(hebrewTooltip).toContainText(hebrewRows[1]?.[1] ?? '');
  const box = await hebrewTooltip.boundingBox();
  const chartBox = await hebrewChart.boundingBox();
  expect(box && chartBox && box.x >= chartBox.x - 1 && box.x + box.width <= chartBox.x + chartBox.width + 1).toBe(true);
  await hebrew.evaluate(async () => {
    const { chrome } = globalThis as unknown as {
      chrome: { storage: { local: { set(items: object): Promise<void> } } };
    };
    await chrome.storage.local.set({ settings: { version: 1, language: 'en' } });
  });
});
