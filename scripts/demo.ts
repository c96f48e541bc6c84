// `npm run demo`: build LeadLens, start the local HubSpot portal, open Chromium with LeadLens loaded and every
// HubSpot / mail host mapped to the portal, connect through the settings page as a user would, and open the
// HubSpot list, a record and the Gmail inbox. With a display it stays open until Ctrl+C; without one it runs
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
    console.log(`demo: no display, ran headless; screenshots saved in ${shots}`);
  }
  await extension.context.close();
  await portal.close();
}

main().catch((error: unknown) => {
  console.error(`demo: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
