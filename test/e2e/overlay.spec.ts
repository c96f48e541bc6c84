import type { Page } from '@playwright/test';
import { readCache } from './cache';
import { connectAndSync, syncNow } from './connect';
import { expect, test } from './fixtures';
import { screenshot } from './screenshot';

// Badges and timers where reps work, on the production build, against the local portal's replicas under their real
// host names, after a real sync.

const badges = (page: Page) => page.locator('leadlens-badge');

/**
 * Addresses of the leads in the extension's cache, read with plain IndexedDB from an extension page. Whether the
 * cache equals the portal is the sync's test; here the question is whether every cached lead on the page is badged.
 */
async function cachedLeadEmails(extensionPage: Page): Promise<Set<string>> {
  const leads = await readCache<{ emails?: string[]; archived?: boolean }>(extensionPage, 'leads');
  const emails = leads.filter((lead) => !lead.archived).flatMap((lead) => lead.emails ?? []);
  return new Set(emails.map((email) => email.toLowerCase()));
}

test('known leads get a badge and a live timer on Gmail, HubSpot and Outlook; strangers get nothing', async ({
  extension,
  portal,
}) => {
  test.setTimeout(120_000);
  const options = await connectAndSync(extension, portal);
  const known = await cachedLeadEmails(options);

  const gmail = await extension.context.newPage();
  // More rows than the portal has threads, so senders who are no leads fill the rest.
  await gmail.goto('https://mail.google.com/mail/u/0/#inbox?rows=400');
  await expect(gmail.locator('tr[role="row"]')).toHaveCount(400);
  const chipEmails = await gmail
    .locator('div[role="main"] span[email]')
    .evaluateAll((chips) => chips.map((chip) => (chip.getAttribute('email') ?? '').toLowerCase()));
  const expected = chipEmails.filter((email) => known.has(email)).length;
  expect(expected).toBeGreaterThan(0);
  expect(expected).toBeLessThan(chipEmails.length); // the replica mixes in senders who are no leads
  await expect(badges(gmail)).toHaveCount(expected);
  // Every badge sits right after a chip of a known lead.
  const beside = await badges(gmail).evaluateAll((hosts) =>
    hosts.map((host) => (host.previousElementSibling?.getAttribute('email') ?? '').toLowerCase()),
  );
  expect(beside.every((email) => known.has(email))).toBe(true);

  // A fresh lead's open timer runs: its text changes from one second to the next.
  const running = gmail.locator('leadlens-badge[data-sla]').first();
  await expect(running).toBeVisible();
  const timer = running.getByRole('timer');
  const first = await timer.textContent();
  await expect(timer).not.toHaveText(first ?? '', { timeout: 3_000 });

  // The hover card opens from the mouse and from the keyboard, and closes with Escape.
  await running.getByRole('button').hover();
  const card = gmail.getByTestId('leadlens-card');
  await expect(card).toBeVisible();
  await screenshot(gmail, 'gmail-badges');
  await expect(card.getByRole('heading')).not.toBeEmpty();
  // The record link is built from the account's uiDomain and portal id.
  await expect(card.getByRole('link', { name: 'Open in HubSpot' })).toHaveAttribute(
    'href',
    new RegExp(`^https://app\\.hubspot\\.com/contacts/${portal.portalId}/record/0-1/\\d+$`),
  );
  await gmail.mouse.move(0, 0);
  await expect(card).toBeHidden();
  await running.getByRole('button').focus();
  await expect(card).toBeVisible();
  await gmail.keyboard.press('Escape');
  await expect(card).toBeHidden();

  const list = await extension.context.newPage();
  await list.goto(`https://app.hubspot.com/contacts/${portal.portalId}/objects/0-1/views/all/list`);
  await expect(badges(list)).toHaveCount(await list.locator('tr[data-row-key]').count());

  const record = await extension.context.newPage();
  const openLead = portal.truth.demo.openTimerLeadIds[0] ?? '';
  await record.goto(`https://app.hubspot.com/contacts/${portal.portalId}/record/0-1/${openLead}`);
  const strip = record.locator('leadlens-badge[data-variant="strip"]');
  await expect(strip).toHaveAttribute('data-lead-id', openLead);
  await expect(strip).toHaveAttribute('data-sla', /ok|due|overdue/);
  await screenshot(record, 'hubspot-record');
  await screenshot(list, 'hubspot-list');

  const outlook = await extension.context.newPage();
  await outlook.goto('https://outlook.office.com/mail/inbox');
  await expect(badges(outlook)).toHaveCount(await outlook.locator('[data-convid]').count());
  await screenshot(outlook, 'outlook-list');
});

test('untrusted names stay inert text, truncated; bidirectional overrides are dropped', async ({
  extension,
  portal,
}) => {
  test.setTimeout(120_000);
  await connectAndSync(extension, portal);
  const page = await extension.context.newPage();
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  const { htmlNameIds, rtlOverrideNameIds, longNameId } = portal.truth.mess;
  for (const id of [htmlNameIds[0], rtlOverrideNameIds[0], longNameId]) {
    if (!id) continue;
    const contact = portal.admin.record('contacts', id);
    const name = `${contact?.props.firstname ?? ''} ${contact?.props.lastname ?? ''}`.trim();
    await page.goto(`https://app.hubspot.com/contacts/${portal.portalId}/record/0-1/${id}`);
    const strip = page.locator('leadlens-badge[data-variant="strip"]');
    await expect(strip).toHaveAttribute('data-lead-id', id);
    await strip.getByRole('button').focus();
    const heading = page.getByTestId('leadlens-card').getByRole('heading');
    await expect(heading).toBeVisible();
    const shown = (await heading.textContent()) ?? '';
    const clean = name.replace(/[\u202a-\u202e\u2066-\u2069]/g, '');
    expect(shown.length).toBeLessThanOrEqual(80);
    expect(shown.replace(/…$/, '')).toBe(clean.slice(0, shown.replace(/…$/, '').length));
    expect(shown).not.toMatch(/[\u202a-\u202e]/);
    // Inert: no element was created from the name inside our UI.
    expect(await page.getByTestId('leadlens-card').locator('img').count()).toBe(0);
  }
  expect(htmlNameIds.length).toBeGreaterThan(0);
  expect(dialogs).toEqual([]);
});

test('a new lead shows a running timer after a sync; a logged reply turns it off; an inbound message restarts it', async ({
  extension,
  portal,
}) => {
  test.setTimeout(120_000);
  const options = await connectAndSync(extension, portal);
  const lead = portal.admin.createLead({ firstname: 'Noa', lastname: 'Timer', email: 'noa.timer@fresh-lead.example' });
  await syncNow(options);

  const page = await extension.context.newPage();
  await page.goto(`https://app.hubspot.com/contacts/${portal.portalId}/record/0-1/${lead.id}`);
  const strip = page.locator('leadlens-badge[data-variant="strip"]');
  await expect(strip).toHaveAttribute('data-sla', 'ok');
  await expect(strip.getByRole('button')).toHaveAttribute('aria-label', /waiting for a first answer/);

  portal.admin.logEmail({ contactId: lead.id, direction: 'out', subject: 'Re: your inquiry' });
  await syncNow(options);
  await expect(strip).not.toHaveAttribute('data-sla', /.*/, { timeout: 10_000 });

  portal.admin.logEmail({ contactId: lead.id, direction: 'in', subject: 'Re: Re: your inquiry' });
  await syncNow(options);
  await expect(strip).toHaveAttribute('data-sla', 'ok', { timeout: 10_000 });
  await expect(strip.getByRole('button')).toHaveAttribute('aria-label', /their message waits/);
});

test('50 in-app navigations leave one observer, one ticker subscription, no extra listeners and no stray badges', async ({
  extension,
  portal,
}) => {
  test.setTimeout(120_000);
  await connectAndSync(extension, portal);
  const page = await extension.context.newPage();
  await page.goto(`https://app.hubspot.com/contacts/${portal.portalId}/objects/0-1/views/all/list`);
  const pill = page.getByTestId('leadlens-overlay');
  const rows = page.locator('tr[data-row-key]');
  await expect(badges(page)).toHaveCount(await rows.count());
  // Listeners on the tab's long-lived targets (window, the tab's signal, storage): counted, and as many after 50
  // navigations as after the first page (one per navigation used to pile up on the tab's signal).
  const listeners = Number(await pill.getAttribute('data-listeners'));
  expect(listeners).toBeGreaterThan(0);
  for (let step = 0; step < 50; step++) {
    const target = step % 2 === 0 ? 'Deals' : 'Contacts';
    await page.getByRole('navigation').getByRole('link', { name: target }).click();
    await expect(page).toHaveURL(target === 'Deals' ? /\/objects\/0-3\// : /\/objects\/0-1\//);
  }
  // Back on the contacts list (50th step): exactly the page's badges, and one of each resource.
  await expect(badges(page)).toHaveCount(await rows.count());
  await expect(pill).toHaveAttribute('data-observers', '1');
  await expect(pill).toHaveAttribute('data-ticks', '1');
  await expect(pill).toHaveAttribute('data-badges', String(await rows.count()));
  await expect(pill).toHaveAttribute('data-listeners', String(listeners));
});

test('badges and the card follow the language, right to left in Hebrew', async ({ extension, portal }) => {
  test.setTimeout(120_000);
  const options = await connectAndSync(extension, portal);
  const page = await extension.context.newPage();
  await page.goto(`https://app.hubspot.com/contacts/${portal.portalId}/objects/0-1/views/all/list`);
  const badge = badges(page).first();
  await expect(badge).toHaveAttribute('dir', 'ltr');
  await options.getByTestId('language-select').selectOption('he');
  await expect(badge).toHaveAttribute('dir', 'rtl');
  await expect(badge.getByRole('button')).toHaveAttribute('aria-label', /^ליד /);
});
