import { test as base, type Page } from '@playwright/test';
import { type RunningPortal, startPortal } from '../fake-hubspot/server';
import { type LaunchedExtension, launchWithExtension } from '../support/browser';
import { connectAndSync } from './connect';

interface Connected {
  /** The spec file's browser, connected to the portal and synced once. */
  extension: LaunchedExtension;
  /** An options page of it, opened for this test. */
  options: Page;
}

interface Fixtures {
  extension: LaunchedExtension;
  /** An extension page opened in a tab (popup, options and side panel all work as tabs). */
  openExtensionPage(path: string): Promise<Page>;
  connected: Connected;
  /** Closes the previous spec file's shared browser before a test of another file starts. */
  leaveOtherFiles: undefined;
}

interface WorkerFixtures {
  portal: RunningPortal;
  sharedBrowser: SharedBrowser;
}

/**
 * One browser per spec file for the tests that take `connected`: launched, connected and fully synced by the file's
 * first such test (in its time), then reused by the others, and closed when a test of another file starts. A failed
 * test ends its worker, so the tests after it get a new one.
 */
class SharedBrowser {
  private current: { file: string; extension: LaunchedExtension } | undefined;

  constructor(private readonly portal: RunningPortal) {}

  async of(file: string): Promise<LaunchedExtension> {
    if (this.current?.file === file) return this.current.extension;
    await this.close();
    const extension = await launchWithExtension({ tlsPort: this.portal.tlsPort });
    try {
      await (await connectAndSync(extension, this.portal)).close();
    } catch (error) {
      await extension.context.close();
      throw error;
    }
    this.current = { file, extension };
    return extension;
  }

  async leaveAllBut(file: string): Promise<void> {
    if (this.current && this.current.file !== file) await this.close();
  }

  async close(): Promise<void> {
    const closing = this.current;
    this.current = undefined;
    await closing?.extension.context.close();
  }
}

/**
 * `extension` is a fresh browser profile with the production build loaded, for tests that need one: connecting,
 * disconnecting, languages, the first sync. `connected` is the spec file's shared, already connected browser, for
 * tests that only open pages in it and make their own leads: each gets a new options page, and every page it opened
 * is closed after it. The local portal is shared by the tests of a worker (read-only for them unless a test says
 * otherwise) and every mapped host name points at it.
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
  sharedBrowser: [
    async ({ portal }, use) => {
      const shared = new SharedBrowser(portal);
      await use(shared);
      await shared.close();
    },
    { scope: 'worker' },
  ],
  leaveOtherFiles: [
    async ({ sharedBrowser }, use, testInfo) => {
      await sharedBrowser.leaveAllBut(testInfo.file);
      await use(undefined);
    },
    { auto: true },
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
  connected: async ({ sharedBrowser }, use, testInfo) => {
    const extension = await sharedBrowser.of(testInfo.file);
    const before = new Set(extension.context.pages());
    const options = await extension.context.newPage();
    await options.goto(extension.extensionUrl('options.html'));
    await use({ extension, options });
    await Promise.all(
      extension.context
        .pages()
        .filter((page) => !before.has(page))
        .map((page) => page.close()),
    );
  },
});

export const expect = test.expect;
