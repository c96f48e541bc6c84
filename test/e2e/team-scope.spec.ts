import { expect, type Page, test } from '@playwright/test';
import { type RunningPortal, startPortal } from '../fake-hubspot/server';
import { type LaunchedExtension, launchWithExtension } from '../support/browser';
import { busiestOwners, reassignContact } from '../support/portal-owners';
import { readCache } from './cache';
import { syncNow } from './connect';
import { besideAttribute, OverlayDom } from './overlay-dom';

// Issue #23 on the production build: a rep connects as a rep (their HubSpot sign-in address names their owner), and
// from the first sync on the cache holds only their leads; a re-assignment in HubSpot moves a lead in and out; a
// colleague's lead on a page is looked up on demand, labelled, and kept only for the lifetime the rep set.

interface Cached {
  id: string;
  ownerId?: string;
  leadIds?: string[];
}

function emailOf(portal: RunningPortal, ownerId: string): string {
  const email = portal.admin.store.owners.find((owner) => owner.id === ownerId)?.email;
  if (!email) throw new Error(`owner ${ownerId} has no e-mail`);
  return email;
}

function liveContactsOf(portal: RunningPortal, ownerId: string): string[] {
  return portal.admin
    .records('contacts')
    .filter((contact) => !contact.archived && contact.props.hubspot_owner_id === ownerId)
    .map((contact) => String(contact.id));
}

/** Types the token, chooses "I'm a rep" with this sign-in address, and connects, as a rep would. */
async function connectAsRep(options: Page, portal: RunningPortal, email: string): Promise<void> {
  await options.getByTestId('token-input').fill(portal.token);
  await options.getByTestId('connect-role-rep').check();
  await options.getByTestId('connect-owner-email').fill(email);
  await options.getByTestId('connect').click();
}

async function withRep<T>(seed: number, run: (extension: LaunchedExtension, portal: RunningPortal) => Promise<T>) {
  const portal = await startPortal({ contacts: 300, seed });
  const extension = await launchWithExtension({ tlsPort: portal.tlsPort });
  try {
    return await run(extension, portal);
  } finally {
    await extension.context.close();
    await portal.close();
  }
}

test('a rep’s cache holds only their leads from the first sync on, and a re-assignment moves a lead in and out', async () => {
  test.setTimeout(180_000);
  await withRep(23, async (extension, portal) => {
    const { me, colleague } = busiestOwners(portal);
    const options = await extension.context.newPage();
    await options.goto(extension.extensionUrl('options.html'));

    // An address that is no owner of this portal is refused with the reason, and nothing is kept.
    await connectAsRep(options, portal, 'nobody@not-an-owner.example');
    await expect(options.getByTestId('connect-error')).toHaveAttribute('data-reason', 'ownerNotFound');
    await expect(options.getByTestId('connect-panel')).toHaveAttribute('data-connected', 'false');

    // The address as typed in another case still names the owner.
    await options.getByTestId('connect-owner-email').fill(emailOf(portal, me).toUpperCase());
    await options.getByTestId('connect').click();
    await expect(options.getByTestId('connect-panel')).toHaveAttribute('data-connected', 'true', { timeout: 30_000 });
    await expect(options.getByTestId('sync-panel')).toHaveAttribute('data-full-done', 'true', { timeout: 90_000 });
    await expect(options.getByTestId('cache-scope-mine')).toBeChecked();

    const mine = new Set(liveContactsOf(portal, me));
    const skipped = new Set((await readCache<{ id: string }>(options, 'skipped')).map((row) => row.id));
    const leads = await readCache<Cached>(options, 'leads');
    expect(leads.length).toBeGreaterThan(5);
    // Only my leads, and all of them (a malformed one is listed, never silently missing).
    expect(leads.every((lead) => lead.ownerId === me)).toBe(true);
    for (const id of mine) expect(leads.some((lead) => lead.id === id) || skipped.has(id)).toBe(true);
    // Deals and engagements are those of my leads; a colleague's contact was never copied, not even by a first whole
    // sync.
    const cachedLeads = new Set(leads.map((lead) => lead.id));
    const history = [...(await readCache<Cached>(options, 'deals')), ...(await readCache<Cached>(options, 'touches'))];
    expect(history.length).toBeGreaterThan(0);
    expect(history.every((row) => (row.leadIds ?? []).some((id) => cachedLeads.has(id)))).toBe(true);
    expect(leads.length).toBeLessThan(portal.admin.records('contacts').length / 2);

    const away = leads.find((lead) => !skipped.has(lead.id))?.id ?? '';
    const arriving = liveContactsOf(portal, colleague).find((id) => !skipped.has(id)) ?? '';
    await reassignContact(portal, away, colleague);
    await reassignContact(portal, arriving, me);
    await syncNow(options);
    const after = await readCache<Cached>(options, 'leads');
    expect(after.some((lead) => lead.id === away)).toBe(false);
    expect(after.find((lead) => lead.id === arriving)?.ownerId).toBe(me);
    expect(after.every((lead) => lead.ownerId === me)).toBe(true);
  });
});

test('a colleague’s lead on a page is looked up, labelled as such, and kept only for the lifetime the rep set', async () => {
  test.setTimeout(180_000);
  await withRep(23, async (extension, portal) => {
    const { me } = busiestOwners(portal);
    const options = await extension.context.newPage();
    await options.goto(extension.extensionUrl('options.html'));
    await connectAsRep(options, portal, emailOf(portal, me));
    await expect(options.getByTestId('sync-panel')).toHaveAttribute('data-full-done', 'true', { timeout: 90_000 });

    // A lifetime of 0.01 h (36 s), set in the options as a rep would shorten it.
    await options.getByTestId('cache-scope-lifetime').fill('0.01');
    await options.getByTestId('cache-scope-lifetime-save').click();
    await expect(options.getByRole('status').filter({ hasText: 'Looked-up leads are kept' })).toBeVisible();

    const colleagues = new Set(
      portal.admin
        .records('contacts')
        .filter((contact) => !contact.archived && contact.props.hubspot_owner_id !== me)
        .flatMap((contact) => (contact.props.email ? [contact.props.email.toLowerCase()] : [])),
    );
    const gmail = await extension.context.newPage();
    await gmail.goto('https://mail.google.com/mail/u/0/#inbox?rows=30');
    const dom = await OverlayDom.open(gmail);
    const lookedUp = async () => {
      const badges = await dom.badges();
      return badges.filter((badge, index) => {
        const email = besideAttribute(badges, 'email')[index] ?? '';
        return colleagues.has(email) && badge.label.includes('looked up in HubSpot');
      });
    };
    await expect.poll(async () => (await lookedUp()).length, { timeout: 30_000 }).toBeGreaterThan(0);
    const first = (await lookedUp())[0];
    const email = first?.after?.attributes.email?.toLowerCase() ?? '';
    expect(email).not.toBe('');

    // The card says it is not one of mine and until when it is kept.
    await dom.hover(first?.button ?? { backendNodeId: 0 });
    await expect.poll(async () => (await dom.card())?.visible).toBe(true);
    expect((await dom.card())?.text).toContain('Not one of my leads: looked up in HubSpot, kept until');

    // Kept in the cache for the lifetime set, not 24 hours; no colleague became a cached lead.
    const row = async () =>
      (await readCache<{ key: string; expiresAt: number }>(options, 'lookups')).find(
        (entry) => entry.key === `email:${email}`,
      );
    const kept = await row();
    expect(kept).toBeDefined();
    const left = (kept?.expiresAt ?? 0) - Date.now();
    expect(left).toBeGreaterThan(0);
    expect(left).toBeLessThanOrEqual(36_000);
    expect((await readCache<Cached>(options, 'leads')).every((lead) => lead.ownerId === me)).toBe(true);
    // The contact reads that asked HubSpot for this address (the write log holds every request with a body).
    const readsFor = () =>
      portal.admin
        .writeLog()
        .filter((entry) => entry.path.includes('/contacts/batch/read') && JSON.stringify(entry.body).includes(email))
        .length;
    const readsAfterFirst = readsFor();
    expect(readsAfterFirst).toBeGreaterThan(0);

    // Within the lifetime a reload asks HubSpot nothing new for it; after it, the lead is looked up again.
    await gmail.reload();
    const reloaded = await OverlayDom.open(gmail);
    await expect.poll(async () => (await reloaded.badges()).length, { timeout: 30_000 }).toBeGreaterThan(0);
    expect((await row())?.expiresAt).toBe(kept?.expiresAt);
    expect(readsFor()).toBe(readsAfterFirst);
    await gmail.waitForTimeout(Math.max(0, (kept?.expiresAt ?? 0) - Date.now()) + 1_000);
    await gmail.reload();
    await OverlayDom.open(gmail);
    await expect
      .poll(async () => (await row())?.expiresAt ?? 0, { timeout: 30_000 })
      .toBeGreaterThan(kept?.expiresAt ?? 0);
    expect(readsFor()).toBeGreaterThan(readsAfterFirst);
  });
});
