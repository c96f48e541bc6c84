import { readCache } from './cache';
import type { Page } from '@playwright/test';
import { connectAndSync, syncNow } from './connect';
import { expect, test } from './fixtures';

// Alerts on the production build after a real sync: I name myself in the options page, a lead of mine comes in
// through HubSpot and waits past the SLA, and the toolbar button counts it and a notification tells of it.

const MIN = 60_000;
const DAY = 86_400_000;

type ChromeForPage = {
  action: { getBadgeText(details: object): Promise<string> };
  notifications: { getAll(): Promise<Record<string, unknown>>; clear(id: string): Promise<boolean> };
};

const badgeText = (page: Page) =>
  page.evaluate(() => (globalThis as unknown as { chrome: ChromeForPage }).chrome.action.getBadgeText({}));
const notificationIds = (page: Page) =>
  page.evaluate(async () =>
    Object.keys(await (globalThis as unknown as { chrome: ChromeForPage }).chrome.notifications.getAll()),
  );

/**
 * An owner of the synced portal with no timer that a one-day rule would show (no lead created, no message received
 * in the last day), read from the extension's cache: with that rule, only the lead this test adds can count.
 */
async function quietOwner(extensionPage: Page): Promise<string> {
  const [owners, leads, touches] = await Promise.all([
    readCache<{ id: string }>(extensionPage, 'owners'),
    readCache<{ id: string; ownerId?: string; createdAt: number }>(extensionPage, 'leads'),
    readCache<{ direction: string; at: number; leadIds: string[] }>(extensionPage, 'touches'),
  ]);
  const since = Date.now() - DAY;
  const ownerOf = new Map(leads.map((lead) => [lead.id, lead.ownerId]));
  const busy = new Set<string | undefined>(leads.filter((lead) => lead.createdAt >= since).map((l) => l.ownerId));
  for (const touch of touches)
    if (touch.direction === 'in' && touch.at >= since) for (const id of touch.leadIds) busy.add(ownerOf.get(id));
  const ownerId = owners.map((owner) => owner.id).find((id) => !busy.has(id));
  if (!ownerId) throw new Error('every owner of the test portal has a lead or message from the last day');
  return ownerId;
}

test('my overdue lead is counted on the toolbar button and told in one notification', async ({ extension, portal }) => {
  test.setTimeout(60_000);
  const options = await connectAndSync(extension, portal);
  const ownerId = await quietOwner(options);

  // Who I am and which leads show timers, as a rep sets them in the settings.
  const alerts = options.getByTestId('alert-settings');
  await expect(alerts.getByTestId('alerts-myOwner').locator(`option[value="${ownerId}"]`)).toHaveCount(1);
  await alerts.getByTestId('alerts-myOwner').selectOption(ownerId);
  await alerts.getByTestId('alerts-openWithinDays').fill('1');
  await alerts.getByTestId('alerts-inboundWithinDays').fill('1');
  await alerts.getByTestId('alerts-save').click();
  await expect(alerts.getByTestId('alerts-status')).toHaveText('Saved.');
  await expect.poll(() => badgeText(options)).toBe('');

  // A web form creates a lead for me in HubSpot. The API cannot backdate a creation (neither can HubSpot's), so the
  // portal's own record is moved an hour back: the lead has waited past the 5-minute SLA when it is synced.
  const created = portal.admin.createLead({ ownerId, firstname: 'Alerted', lastname: 'Lead' });
  const record = portal.admin.record('contacts', created.id);
  if (!record) throw new Error('the portal lost the lead it created');
  record.createdAt = Date.now() - 60 * MIN;
  try {
    await syncNow(options);
    await expect.poll(() => badgeText(options), { timeout: 15_000 }).toBe('1');
    await expect.poll(() => notificationIds(options)).toContain(`leadlens-lead:${created.id}`);

    // Once per waiting episode: dismissed, it does not come back with the next sync, and the count stays.
    await options.evaluate(
      (id) => (globalThis as unknown as { chrome: ChromeForPage }).chrome.notifications.clear(id),
      `leadlens-lead:${created.id}`,
    );
    await syncNow(options);
    // The check follows the sync within milliseconds; give it ample time before asserting an absence.
    await options.waitForTimeout(1_500);
    expect(await badgeText(options)).toBe('1');
    expect(await notificationIds(options)).not.toContain(`leadlens-lead:${created.id}`);
  } finally {
    // The portal is shared by the worker's other tests.
    portal.admin.archive('contacts', created.id);
  }
});
