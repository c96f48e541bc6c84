import type { RunningPortal } from '../fake-hubspot/server';
import { syncNow } from './connect';
import { expect, test } from './fixtures';

// Issue #20 on the production build: a manager chooses reps in the side panel's team queue and sees every lead of
// theirs that is overdue now (owner, wait, a link to the record), and nobody else's; the popup shows the same queue.

const HOUR = 3_600_000;

/** A new lead of this owner, created `agoMs` ago as HubSpot would have stamped it. */
function leadOf(portal: RunningPortal, ownerId: string, tag: string, agoMs: number) {
  const lead = portal.admin.createLead({
    firstname: 'Queue',
    lastname: tag,
    email: `queue.${tag}.${Math.random().toString(36).slice(2, 8)}@fresh-lead.example`,
    ownerId,
  });
  const contact = portal.admin.store.get('contacts', Number(lead.id));
  if (!contact) throw new Error('created lead vanished');
  const now = portal.admin.now();
  portal.admin.store.update(contact, { createdate: new Date(now - agoMs).toISOString() }, now, 'CALCULATED');
  return String(lead.id);
}

test('the team queue lists the followed reps’ overdue leads with owner, wait and link, in the panel and popup', async ({
  connected: { extension, options },
  portal,
}) => {
  test.setTimeout(400_000);
  const [followed, other] = portal.admin.store.owners;
  if (!followed || !other) throw new Error('the portal needs two owners');
  const followedName = `${followed.firstName} ${followed.lastName}`;
  const overdue = leadOf(portal, followed.id, 'overdue', 2 * HOUR);
  const fresh = leadOf(portal, followed.id, 'fresh', 60_000);
  const othersLead = leadOf(portal, other.id, 'others', 2 * HOUR);
  await syncNow(options);

  const panel = await extension.context.newPage();
  await panel.goto(extension.extensionUrl('sidepanel.html'));
  const queue = panel.getByTestId('team-queue');
  await expect(queue).toBeVisible({ timeout: 60_000 });
  await expect(queue).toContainText('Choose the reps whose overdue leads you want to see.');
  await queue.getByTestId('team-queue-reps').getByRole('checkbox', { name: followedName, exact: true }).check();

  const row = queue.locator(`[data-testid="team-queue-row"][data-lead="${overdue}"]`);
  await expect(row).toBeVisible({ timeout: 30_000 });
  await expect(row).toContainText(followedName);
  // Two hours on the wall clock (no business hours are set): the wait says so.
  await expect(row.getByTestId('team-queue-waited')).toContainText(/^(1h 5\dm|2h)/);
  await expect(row.getByRole('link')).toHaveAttribute(
    'href',
    `https://app.hubspot.com/contacts/${portal.portalId}/record/0-1/${overdue}`,
  );
  // Not yet overdue, or another rep's: not in the queue. Every row is the followed rep's.
  await expect(queue.locator(`[data-lead="${fresh}"]`)).toHaveCount(0);
  await expect(queue.locator(`[data-lead="${othersLead}"]`)).toHaveCount(0);
  const owners = await queue.getByTestId('team-queue-row').locator('td:first-of-type').allTextContents();
  expect(owners.length).toBeGreaterThan(0);
  expect(new Set(owners)).toEqual(new Set([followedName]));
  const count = await queue.getByTestId('team-queue-row').count();
  await expect(queue.getByTestId('team-queue-count')).toHaveText(
    count === 1 ? '1 overdue lead' : `${count} overdue leads`,
  );

  // The popup shows the queue to a manager who follows someone: the longest waits, at most five.
  const popup = await extension.context.newPage();
  await popup.goto(extension.extensionUrl('popup.html'));
  const popupQueue = popup.getByTestId('team-queue');
  await expect(popupQueue.getByTestId('team-queue-count')).toHaveText(
    count === 1 ? '1 overdue lead' : `${count} overdue leads`,
  );
  const shown = await popupQueue.getByTestId('team-queue-row').count();
  expect(shown).toBe(Math.min(5, count));

  // Answered: after the next sync the lead leaves the queue.
  portal.admin.logEmail({ contactId: overdue, direction: 'out', subject: 'Re: your inquiry' });
  await syncNow(options);
  await panel.reload();
  await expect(panel.getByTestId('team-queue')).toBeVisible({ timeout: 60_000 });
  // Read again: either the rest of the queue or none at all.
  await expect(panel.getByTestId('team-queue').getByTestId(/^team-queue-(count|empty)$/)).toBeVisible({
    timeout: 30_000,
  });
  await expect(panel.locator(`[data-testid="team-queue-row"][data-lead="${overdue}"]`)).toHaveCount(0);
});
