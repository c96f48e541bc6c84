// `npm run demo`: build LeadLens, start the local HubSpot portal, open Chromium with LeadLens loaded and every
// HubSpot / mail host mapped to the portal, connect through the settings page as a user would, and open the
// HubSpot list, a record, the Gmail inbox and the ROI panel (with the demo portal's adoption date and example costs
// and assumptions stored as its team setup). With a display it stays open until Ctrl+C; without one it runs
// headless, saves screenshots and prints where.
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { startPortal } from '../test/fake-hubspot/server';
import { launchWithExtension } from '../test/support/browser';

function argValue(name: string, fallback: string): string {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? (process.argv[index + 1] ?? fallback) : fallback;
}

/** Types the token into the settings page and connects, as a user would; waits for the first full sync. */
async function connect(page: Page, token: string): Promise<void> {
  await page.getByTestId('token-input').pressSequentially(token, { delay: 15 });
  await page.getByTestId('connect').click();
  await page.locator('[data-testid="connect-panel"][data-connected="true"]').waitFor({ timeout: 60_000 });
  await page.locator('[data-testid="sync-panel"][data-full-done="true"]').waitFor({ timeout: 180_000 });
}

/**
 * The team setup the panel needs for figures: the demo portal's adoption date, and example costs and assumptions a
 * manager would enter (they are examples, said so when the demo starts; the setup changes them).
 */
async function storeDemoSetup(page: Page, adoptionDate: string): Promise<void> {
  await page.evaluate(async (date) => {
    const { chrome } = globalThis as unknown as {
      chrome: { storage: { local: { set(items: Record<string, unknown>): Promise<void> } } };
    };
    await chrome.storage.local.set({
      teamSettings: {
        adoptionDate: date,
        licensePerMonth: 400,
        implementationCost: 2500,
        hourlyCost: 45,
        manualHoursSavedPerMonth: 10,
        grossMarginPct: 60,
        attributionPct: 50,
      },
    });
  }, adoptionDate);
}

/** Waits until the panel shows figures for the current data and its views have drawn. */
async function panelReady(panel: Page): Promise<void> {
  await panel.getByTestId('kpi-cards').waitFor({ timeout: 120_000 });
  await panel.locator('[data-testid="roi-panel"][data-busy="false"]').waitFor({ timeout: 120_000 });
  await panel.getByTestId('view-dataQuality').waitFor({ timeout: 60_000 });
}

async function main(): Promise<void> {
  const contacts = Number(argValue('contacts', '3000'));
  const headed = process.env.HEADED === '1' || (process.env.HEADED !== '0' && Boolean(process.env.DISPLAY));
  const shots = resolve(argValue('screenshots', '.output/demo'));

  if (!process.argv.includes('--no-build')) {
    console.log('demo: building LeadLens…');
    execFileSync('npx', ['wxt', 'build'], { stdio: 'inherit' });
  }
  const portal = await startPortal({ contacts, seed: 1, tlsPort: Number(argValue('tls-port', '0')) });
  console.log(
    `demo: portal ${portal.portalId} with ${contacts} contacts at ${portal.httpsUrl} (token ${portal.token})`,
  );

  const extension = await launchWithExtension({ tlsPort: portal.tlsPort, headed });
  const options = await extension.context.newPage();
  await options.goto(extension.extensionUrl('options.html'));
  console.log('demo: connecting LeadLens to the demo portal through its settings page…');
  await connect(options, portal.token);
  console.log('demo: connected, first sync done');
  await storeDemoSetup(options, portal.truth.adoptionDate);
  console.log(
    `demo: ROI panel set up with the portal's adoption date ${portal.truth.adoptionDate} and example costs and assumptions (change them in its Setup)`,
  );

  const base = `https://app.hubspot.com/contacts/${portal.portalId}`;
  // A fresh lead whose open timer is running: the most telling record to open first.
  const firstContact = portal.truth.demo.openTimerLeadIds[0];
  const views: Array<[string, string]> = [
    ['hubspot-list', `${base}/objects/0-1/views/all/list`],
    ...(firstContact ? ([['hubspot-record', `${base}/record/0-1/${firstContact}`]] as Array<[string, string]>) : []),
    ['gmail-inbox', 'https://mail.google.com/mail/u/0/#inbox'],
  ];
  const pages: Page[] = [];
  for (const [, url] of views) {
    const page = await extension.context.newPage();
    await page.goto(url);
    pages.push(page);
  }
  // The side panel's page in a tab of its own (a side panel cannot be opened without a user's click).
  const panel = await extension.context.newPage();
  await panel.setViewportSize({ width: 900, height: 1400 });
  await panel.goto(extension.extensionUrl('sidepanel.html'));

  if (headed) {
    console.log('demo: running — close the browser or press Ctrl+C to stop');
    await new Promise<void>((resolveClosed) => {
      extension.context.on('close', () => resolveClosed());
      process.once('SIGINT', () => resolveClosed());
    });
  } else {
    mkdirSync(shots, { recursive: true });
    await options.screenshot({ path: `${shots}/options.png` });
    for (const [index, page] of pages.entries()) {
      const name = views[index]?.[0] ?? `page-${index}`;
      await page.waitForTimeout(1500);
      await page.screenshot({ path: `${shots}/${name}.png` });
    }
    await panelReady(panel);
    await panel.screenshot({ path: `${shots}/roi-panel.png` });
    console.log(`demo: no display, ran headless; screenshots saved in ${shots}`);
  }
  await extension.context.close();
  await portal.close();
}

main().catch((error: unknown) => {
  console.error(`demo: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
