import { test as base, type Page } from '@playwright/test';
import { type RunningPortal, startPortal } from '../fake-hubspot/server';
import { type LaunchedExtension, launchWithExtension } from '../support/browser';

interface Fixtures {
  extension: LaunchedExtension;
  /** An extension page opened in a tab (popup, options and side panel all work as tabs). */
  openExtensionPage(path: string): Promise<Page>;
}

interface WorkerFixtures {
  portal: RunningPortal;
}

/**
 * Every test gets a fresh browser profile with the production build loaded; the local portal is shared by the tests
 * of a worker (it is read-only for them unless a test says otherwise) and every mapped host name points at it.
 */
export const test = base.extend<Fixtures, WorkerFixtures>({
  portal: [
    // biome-ignore lint/correctness/noEmptyPattern: Playwright's fixture signature requires the destructuring.
    async ({}, use) => {
      const portal = await startPortal({ contacts: 300, seed: 7 });
      await use(portal);
      await portal.close();
    },
    { scope: 'worker' },
  ],
  extension: async ({ portal }, use) => {
    const extension = await launchWithExtension({ tlsPort: portal.tlsPort });
    await use(extension);
    await extension.context.close();
  },
  openExtensionPage: async ({ extension }, use) => {
    await use(async (path) => {
      const page = await extension.context.newPage();
      await page.goto(extension.extensionUrl(path));
      return page;
    });
  },
});

export const expect = test.expect;
