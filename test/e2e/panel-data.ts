import { expect, type Page } from '@playwright/test';
import type { RunningPortal } from '../fake-hubspot/server';

// Helpers for specs that need the ROI panel showing figures: the team settings written as the setup would save
// them (adoption date of the portal's truth, costs, margin and attribution), and the panel waited for until every
// view has drawn.

interface ChromeStorage {
  chrome: { storage: { local: { set(items: Record<string, unknown>): Promise<void> } } };
}

/** Stores team settings with which every KPI and the ROI have their inputs. */
export async function storeTeamSettings(extensionPage: Page, portal: RunningPortal): Promise<void> {
  await extensionPage.evaluate(async (adoptionDate) => {
    const { chrome } = globalThis as unknown as ChromeStorage;
    await chrome.storage.local.set({
      teamSettings: {
        adoptionDate,
        licensePerMonth: 400,
        implementationCost: 2500,
        hourlyCost: 45,
        manualHoursSavedPerMonth: 10,
        grossMarginPct: 60,
        attributionPct: 50,
      },
    });
  }, portal.truth.adoptionDate);
}

/** Sets the interface language in every open LeadLens view (as the language select does). */
export async function setLanguage(extensionPage: Page, language: 'en' | 'he'): Promise<void> {
  await extensionPage.evaluate(async (value) => {
    const { chrome } = globalThis as unknown as ChromeStorage;
    await chrome.storage.local.set({ settings: { version: 1, language: value } });
  }, language);
  await expect(extensionPage.locator('html')).toHaveAttribute('dir', language === 'he' ? 'rtl' : 'ltr');
}

/** Waits until the panel shows the figures for the current data and every view below the cards has drawn. */
export async function waitForFigures(panel: Page): Promise<void> {
  await expect(panel.getByTestId('kpi-cards')).toBeVisible({ timeout: 60_000 });
  await expect(panel.getByTestId('roi-panel')).toHaveAttribute('data-busy', 'false', { timeout: 60_000 });
  await expect(panel.getByTestId('view-dataQuality')).toBeVisible({ timeout: 30_000 });
}

/** Opens everything the screen folds away (formulas, tables, the missing leads), as printing does. */
export async function expandAll(page: Page): Promise<void> {
  await page.evaluate(() => {
    for (const details of document.querySelectorAll('details')) details.open = true;
  });
}
