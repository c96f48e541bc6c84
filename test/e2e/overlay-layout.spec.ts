import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { type BadgeModel, OverlayDom, within } from './overlay-dom';

// Badges in the sites' own layout (issue 19): the replicas draw Gmail's and Outlook's message lists as the real ones
// are laid out (fixed row heights, one-line cells that clip), so a badge that does not fit is cut off here as it
// would be there, and one that grows its row changes the row's height. Each badge of a list row must be whole inside
// the box that clips it and leave its row at its fixed height. Measured through the DevTools protocol (the badges
// live in closed shadow roots; their hosts are ordinary elements of the page's layout).

async function rowBadges(dom: OverlayDom, atLeast: number): Promise<BadgeModel[]> {
  let badges: BadgeModel[] = [];
  await expect
    .poll(async () => {
      badges = (await dom.badges()).filter((badge) => badge.variant === 'chip');
      return badges.length;
    })
    .toBeGreaterThanOrEqual(atLeast);
  return badges;
}

async function expectFitted(page: Page, rowHeight: number): Promise<number> {
  const dom = await OverlayDom.open(page);
  const badges = await rowBadges(dom, 5);
  for (const badge of badges) {
    const layout = await dom.layoutOf(badge.host);
    expect(layout.clip, 'a list badge sits in a cell that clips').not.toBeNull();
    expect(within(layout.host, layout.clip ?? layout.host), `badge clipped: ${JSON.stringify(layout)}`).toBe(true);
    expect(layout.rowHeight).toBeCloseTo(rowHeight, 0);
    // Whole and still readable: not squeezed to nothing to fit.
    expect(layout.host.right - layout.host.left).toBeGreaterThan(40);
  }
  return badges.length;
}

test('Gmail inbox rows keep their 40 px and every badge is whole inside its sender cell', async ({
  connected: { extension },
}) => {
  const gmail = await extension.context.newPage();
  await gmail.setViewportSize({ width: 1280, height: 900 });
  await gmail.goto('https://mail.google.com/mail/u/0/#inbox?rows=40');
  await expect(gmail.locator('tr[role="row"]')).toHaveCount(40);
  expect(await expectFitted(gmail, 40)).toBeGreaterThanOrEqual(5);
});

test('Outlook list rows keep their 72 px and every badge is whole inside its row', async ({
  connected: { extension },
}) => {
  const outlook = await extension.context.newPage();
  await outlook.setViewportSize({ width: 1280, height: 900 });
  await outlook.goto('https://outlook.office.com/mail/inbox');
  await expect(outlook.locator('[data-convid]').first()).toBeVisible();
  expect(await expectFitted(outlook, 72)).toBeGreaterThanOrEqual(5);
});
