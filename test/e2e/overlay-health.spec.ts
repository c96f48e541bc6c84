import type { Page } from '@playwright/test';
import type { LaunchedExtension } from '../support/browser';
import { expect, test } from './fixtures';
import { OverlayDom } from './overlay-dom';

// Selector health (issue 19): when the Gmail replica's markup changes so that nobody in its rows can be read — the
// `email` and hovercard attributes gone, as after a redesign — the popup says LeadLens cannot read this Gmail layout,
// with the date its selectors were last checked. Before the change it says nothing of the sort.

async function popupOver(extension: LaunchedExtension, site: Page): Promise<Page> {
  // The popup opened as a tab speaks about the tab used last before it: the site's.
  await site.bringToFront();
  const popup = await extension.context.newPage();
  await popup.goto(extension.extensionUrl('popup.html'));
  await expect(popup.getByTestId('background-status')).toBeVisible();
  return popup;
}

test('the popup says when LeadLens cannot read the Gmail layout, and not before', async ({
  connected: { extension },
}) => {
  const gmail = await extension.context.newPage();
  await gmail.goto('https://mail.google.com/mail/u/0/#inbox?rows=20');
  await expect(gmail.locator('tr[role="row"]')).toHaveCount(20);
  const dom = await OverlayDom.open(gmail);
  await expect.poll(async () => (await dom.badges()).length).toBeGreaterThan(0);

  const before = await popupOver(extension, gmail);
  // The notice would have come with the first answer; give it the time the second case gets.
  await before.waitForTimeout(1_000);
  await expect(before.getByTestId('layout-unreadable')).toHaveCount(0);
  await before.close();

  // Gmail "changes its layout": the rows stay, the attributes that name people go.
  await gmail.evaluate(() => {
    for (const chip of document.querySelectorAll('[email], [data-hovercard-id]')) {
      chip.removeAttribute('email');
      chip.removeAttribute('data-hovercard-id');
    }
  });
  const after = await popupOver(extension, gmail);
  const notice = after.getByTestId('layout-unreadable');
  await expect(notice).toBeVisible();
  await expect(notice).toHaveAttribute('data-site', 'gmail');
  await expect(notice).toContainText("LeadLens can't read this Gmail layout");
  await expect(notice).toContainText('December 2, 2026');
});
