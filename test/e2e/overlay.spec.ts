import type { Page } from '@playwright/test';
import type { RunningPortal } from '../fake-hubspot/server';
import { readCache } from './cache';
import { connectAndSync, syncNow } from './connect';
import { expect, test } from './fixtures';
import { type BadgeModel, besideAttribute, OverlayDom } from './overlay-dom';
import { screenshot } from './screenshot';

// Badges and timers where reps work, on the production build, against the local portal's replicas under their real
// host names, after a real sync. The overlay sits in closed shadow roots: it is read through the DevTools protocol
// (overlay-dom.ts), and clicked with the real mouse.

/** A contact's name as the portal has it (what the badge's accessible name and the card's heading show). */
function nameOf(portal: RunningPortal, id: string): string {
  const contact = portal.admin.record('contacts', id);
  return `${contact?.props.firstname ?? ''} ${contact?.props.lastname ?? ''}`.trim();
}

/** The record page's strip, once it is there. */
async function stripOf(dom: OverlayDom): Promise<BadgeModel> {
  let strip: BadgeModel | undefined;
  await expect
    .poll(async () => {
      strip = (await dom.badges()).find((badge) => badge.variant === 'strip');
      return strip !== undefined;
    })
    .toBe(true);
  return strip as BadgeModel;
}

const strip = async (dom: OverlayDom) => (await dom.badges()).find((badge) => badge.variant === 'strip');
/** Distinct leads the background tells one tab about per minute (lib/background/tab-lead-budget.ts). */
const TAB_LEADS_A_MINUTE = 200;

const badgeCount = async (dom: OverlayDom) => (await dom.badges()).length;

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
  connected: { extension, options },
  portal,
}) => {
  // The background tells one tab about at most 200 distinct leads a minute (issue #14): this inbox shows more, and
  // the rest are badged once the minute has passed, which this test waits for at its end.
  test.setTimeout(200_000);
  const known = await cachedLeadEmails(options);

  const gmail = await extension.context.newPage();
  // More rows than the portal has threads, so senders who are no leads fill the rest.
  await gmail.goto('https://mail.google.com/mail/u/0/#inbox?rows=400');
  await expect(gmail.locator('tr[role="row"]')).toHaveCount(400);
  // The visible chips: each row repeats its sender in a hidden summary (div.afn), which gets no badge.
  const chipEmails = await gmail
    .locator('div[role="main"] span[email]')
    .evaluateAll((chips) =>
      chips.filter((chip) => !chip.closest('div.afn')).map((chip) => (chip.getAttribute('email') ?? '').toLowerCase()),
    );
  const expected = chipEmails.filter((email) => known.has(email)).length;
  expect(expected).toBeGreaterThan(0);
  expect(expected).toBeLessThan(chipEmails.length); // the replica mixes in senders who are no leads
  const gmailDom = await OverlayDom.open(gmail);
  const knownOnPage = new Set(chipEmails.filter((email) => known.has(email)));
  expect(knownOnPage.size).toBeGreaterThan(TAB_LEADS_A_MINUTE);
  // In the first minute the tab is told about at most 200 leads: badges come for some addresses, each beside a known
  // lead's chip, and no more distinct addresses than that (an address is one lead, or more when contacts share it).
  await expect.poll(() => badgeCount(gmailDom)).toBeGreaterThan(TAB_LEADS_A_MINUTE / 2);
  const besideKnown = async () => besideAttribute(await gmailDom.badges(), 'email').every((email) => known.has(email));
  expect(await besideKnown()).toBe(true);
  expect(new Set(besideAttribute(await gmailDom.badges(), 'email')).size).toBeLessThanOrEqual(TAB_LEADS_A_MINUTE);
  expect(await badgeCount(gmailDom)).toBeLessThan(expected);

  // A fresh lead's open timer runs: its text changes from one second to the next.
  const running = (await gmailDom.badges()).find((badge) => badge.timer.state !== null && !badge.timer.hidden);
  if (!running) throw new Error('no badge with a running timer on the inbox');
  const timerOf = async () =>
    (await gmailDom.badges()).find((badge) => badge.host.backendNodeId === running.host.backendNodeId)?.timer.text;
  await expect.poll(timerOf, { timeout: 3_000 }).not.toBe(running.timer.text);

  // The hover card opens from the mouse and from the keyboard, and closes with Escape.
  await gmailDom.hover(running.button);
  await expect.poll(async () => (await gmailDom.card())?.visible).toBe(true);
  await screenshot(gmail, 'gmail-badges');
  const card = await gmailDom.card();
  expect(card?.title).not.toBe('');
  // The record link is built from the account's uiDomain and portal id.
  expect(card?.links.find((link) => link.name === 'Open in HubSpot')?.href).toMatch(
    new RegExp(`^https://app\\.hubspot\\.com/contacts/${portal.portalId}/record/0-1/\\d+$`),
  );
  await gmail.mouse.move(0, 0);
  await expect.poll(async () => (await gmailDom.card())?.visible).toBe(false);
  await gmailDom.focus(running.button);
  await expect.poll(async () => (await gmailDom.card())?.visible).toBe(true);
  await gmail.keyboard.press('Escape');
  await expect.poll(async () => (await gmailDom.card())?.visible).toBe(false);

  const list = await extension.context.newPage();
  await list.goto(`https://app.hubspot.com/contacts/${portal.portalId}/objects/0-1/views/all/list`);
  const listDom = await OverlayDom.open(list);
  await expect.poll(() => badgeCount(listDom)).toBe(await list.locator('tr[data-row-key]').count());

  const record = await extension.context.newPage();
  const openLead = portal.truth.demo.openTimerLeadIds[0] ?? '';
  await record.goto(`https://app.hubspot.com/contacts/${portal.portalId}/record/0-1/${openLead}`);
  const recordStrip = await stripOf(await OverlayDom.open(record));
  // The lead is named by the badge itself (its host carries nothing about it).
  expect(recordStrip.label).toContain(`Lead ${nameOf(portal, openLead)}`);
  expect(recordStrip.timer.state).toMatch(/ok|due|overdue/);
  await screenshot(record, 'hubspot-record');
  await screenshot(list, 'hubspot-list');

  const outlook = await extension.context.newPage();
  await outlook.goto('https://outlook.office.com/mail/inbox');
  const outlookDom = await OverlayDom.open(outlook);
  await expect.poll(() => badgeCount(outlookDom)).toBe(await outlook.locator('[data-convid]').count());
  await screenshot(outlook, 'outlook-list');

  // Back on the inbox: the leads held back by the tab's bound were asked again, not taken for strangers.
  await expect.poll(() => badgeCount(gmailDom), { timeout: 100_000, intervals: [5_000] }).toBe(expected);
  expect(await besideKnown()).toBe(true);
});

test('untrusted names stay inert text, truncated; bidirectional overrides are dropped', async ({
  connected: { extension },
  portal,
}) => {
  test.setTimeout(120_000);
  const page = await extension.context.newPage();
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  const dom = await OverlayDom.open(page);
  const { htmlNameIds, rtlOverrideNameIds, longNameId } = portal.truth.mess;
  for (const id of [htmlNameIds[0], rtlOverrideNameIds[0], longNameId]) {
    if (!id) continue;
    const name = nameOf(portal, id);
    await page.goto(`https://app.hubspot.com/contacts/${portal.portalId}/record/0-1/${id}`);
    const shownStrip = await stripOf(dom);
    await dom.focus(shownStrip.button);
    await expect.poll(async () => (await dom.card())?.visible).toBe(true);
    const card = await dom.card();
    // The card is this lead's: its address is the contact's.
    expect(card?.text).toContain(portal.admin.record('contacts', id)?.props.email ?? '');
    const shown = card?.title ?? '';
    const clean = name.replace(/[\u202a-\u202e\u2066-\u2069]/g, '');
    expect(shown.length).toBeLessThanOrEqual(80);
    expect(shown.replace(/…$/, '')).toBe(clean.slice(0, shown.replace(/…$/, '').length));
    expect(shown).not.toMatch(/[\u202a-\u202e]/);
    // Inert: no element was created from the name inside our UI.
    expect(card?.tags).not.toContain('img');
  }
  expect(htmlNameIds.length).toBeGreaterThan(0);
  expect(dialogs).toEqual([]);
});

test('a new lead shows a running timer after a sync; a logged reply turns it off; an inbound message restarts it', async ({
  connected: { extension, options },
  portal,
}) => {
  test.setTimeout(120_000);
  const lead = portal.admin.createLead({ firstname: 'Noa', lastname: 'Timer', email: 'noa.timer@fresh-lead.example' });
  await syncNow(options);

  const page = await extension.context.newPage();
  await page.goto(`https://app.hubspot.com/contacts/${portal.portalId}/record/0-1/${lead.id}`);
  const dom = await OverlayDom.open(page);
  const timerState = async () => {
    const shown = await strip(dom);
    return shown && !shown.timer.hidden ? shown.timer.state : null;
  };
  await expect.poll(timerState).toBe('ok');
  expect((await strip(dom))?.label).toMatch(/^Lead Noa Timer, .*waiting for a first answer/);

  portal.admin.logEmail({ contactId: lead.id, direction: 'out', subject: 'Re: your inquiry' });
  await syncNow(options);
  await expect.poll(timerState, { timeout: 10_000 }).toBeNull();

  portal.admin.logEmail({ contactId: lead.id, direction: 'in', subject: 'Re: Re: your inquiry' });
  await syncNow(options);
  await expect.poll(timerState, { timeout: 10_000 }).toBe('ok');
  expect((await strip(dom))?.label).toMatch(/their message waits/);
});

test('50 in-app navigations leave one observer, one ticker subscription, no extra listeners and no stray badges', async ({
  connected: { extension },
  portal,
}) => {
  test.setTimeout(120_000);
  const page = await extension.context.newPage();
  await page.goto(`https://app.hubspot.com/contacts/${portal.portalId}/objects/0-1/views/all/list`);
  const dom = await OverlayDom.open(page);
  const pill = async (name: string) => (await dom.pill())?.attributes[name];
  const rows = page.locator('tr[data-row-key]');
  await expect.poll(() => badgeCount(dom)).toBe(await rows.count());
  // Listeners on the tab's long-lived targets (window, the tab's signal, the runtime's messages): counted, and as
  // many after 50 navigations as after the first page (one per navigation used to pile up on the tab's signal).
  const listeners = Number(await pill('data-listeners'));
  expect(listeners).toBeGreaterThan(0);
  for (let step = 0; step < 50; step++) {
    const target = step % 2 === 0 ? 'Deals' : 'Contacts';
    await page.getByRole('navigation').getByRole('link', { name: target }).click();
    await expect(page).toHaveURL(target === 'Deals' ? /\/objects\/0-3\// : /\/objects\/0-1\//);
  }
  // Back on the contacts list (50th step): exactly the page's badges, and one of each resource.
  await expect.poll(() => badgeCount(dom)).toBe(await rows.count());
  await expect.poll(() => pill('data-observers')).toBe('1');
  await expect.poll(() => pill('data-ticks')).toBe('1');
  await expect.poll(() => pill('data-badges')).toBe(String(await rows.count()));
  await expect.poll(() => pill('data-listeners')).toBe(String(listeners));
});

// A fresh profile: the language it sets would stay for the tests after it.
test('badges and the card follow the language, right to left in Hebrew', async ({ extension, portal }) => {
  test.setTimeout(120_000);
  const options = await connectAndSync(extension, portal);
  const page = await extension.context.newPage();
  await page.goto(`https://app.hubspot.com/contacts/${portal.portalId}/objects/0-1/views/all/list`);
  const dom = await OverlayDom.open(page);
  const first = async () => (await dom.badges())[0];
  await expect.poll(async () => (await first())?.host.attributes.dir).toBe('ltr');
  await options.getByTestId('language-select').selectOption('he');
  await expect.poll(async () => (await first())?.host.attributes.dir).toBe('rtl');
  expect((await first())?.label).toMatch(/^ליד /);
});
