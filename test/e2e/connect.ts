import { expect, type Page } from '@playwright/test';
import type { RunningPortal } from '../fake-hubspot/server';
import type { LaunchedExtension } from '../support/browser';

/**
 * Connects LeadLens as a user would — options page, type the token, Connect — and waits for the first full sync. The
 * browser gets its own token of the portal (`issueToken`): the previous test's requests, still in the default token's
 * window, would otherwise be a colleague's at work, and the limiter would start its shares small.
 */
export async function connectAndSync(extension: LaunchedExtension, portal: RunningPortal): Promise<Page> {
  const options = await extension.context.newPage();
  await options.goto(extension.extensionUrl('options.html'));
  await options.getByTestId('token-input').fill(portal.admin.issueToken());
  await options.getByTestId('connect').click();
  await expect(options.getByTestId('connect-panel')).toHaveAttribute('data-connected', 'true', { timeout: 30_000 });
  await expect(options.getByTestId('sync-panel')).toHaveAttribute('data-full-done', 'true', { timeout: 90_000 });
  return options;
}

/** Asks the background for a sync now (as "Sync now" does) and waits until it has finished. */
export async function syncNow(extensionPage: Page): Promise<void> {
  const send = (type: string) =>
    extensionPage.evaluate((messageType) => {
      const { chrome } = globalThis as unknown as {
        chrome: {
          runtime: { sendMessage(message: unknown): Promise<{ ok: boolean; data?: Record<string, unknown> }> };
        };
      };
      return chrome.runtime.sendMessage({ type: messageType, payload: {} });
    }, type);
  const before = await send('syncStatus');
  const lastBefore = before.data?.lastSuccessAt;
  await send('syncNow');
  // An incremental sync in a fresh worker may pace its searches from the limiter's careful start (a search a second,
  // growing), so a few records take some seconds. Until it ends the poll reads its progress, which a timeout
  // then shows as the received value: where the sync stopped.
  await expect
    .poll(
      async () => {
        const status = await send('syncStatus');
        const done = status.data?.running === false && status.data?.lastSuccessAt !== lastBefore;
        return done ? 'finished' : JSON.stringify(status.data?.progress ?? null);
      },
      { timeout: 60_000 },
    )
    .toBe('finished');
}
