import type { Page } from '@playwright/test';
import type { RunningPortal } from '../fake-hubspot/server';
import { syncNow } from './connect';
import { expect, test } from './fixtures';
import { type BadgeModel, type Control, isInside, OverlayDom } from './overlay-dom';

// Attacks on the overlays from the page they sit in (issue #14): a page script — the site's own, an XSS on it,
// another extension's content script in the main world — trying to read lead data off LeadLens's elements, to press
// its buttons, and to make it badge things the page puts in front of it. Everything the "page" does here runs in the
// page's main world (`page.evaluate`, or a node the DevTools protocol resolved there); what the user does is a real
// mouse click (trusted). Run alone with `npx playwright test -g attack`.

/** Long enough for a mark to reach the background and its write to reach the portal, had either been made. */
const SETTLE_MS = 3_000;

/** A user's pause to read a control before clicking it: the card counts no CRM-writing click within 500 ms. */
const READ_MS = 700;

/** A fresh lead with a running open timer, in the cache. */
async function freshLead(portal: RunningPortal, options: Page, tag: string) {
  const lead = portal.admin.createLead({
    firstname: 'Tova',
    lastname: 'Attack',
    email: `tova.${tag}@fresh-lead.example`,
  });
  await syncNow(options);
  return lead;
}

/** Writes of a lead status for this contact that reached the portal. */
function leadStatusWrites(portal: RunningPortal, contactId: string) {
  return portal.admin
    .writeLog()
    .filter((entry) => JSON.stringify(entry.body ?? '').includes('hs_lead_status'))
    .filter((entry) => entry.path.includes(contactId) || JSON.stringify(entry.body).includes(`"${contactId}"`));
}

async function stripOf(dom: OverlayDom): Promise<BadgeModel> {
  let strip: BadgeModel | undefined;
  await expect
    .poll(async () => {
      strip = (await dom.badges()).find((badge) => badge.variant === 'strip' && !badge.timer.hidden);
      return strip !== undefined;
    })
    .toBe(true);
  return strip as BadgeModel;
}

const timerShows = async (dom: OverlayDom) =>
  (await dom.badges()).some((badge) => badge.variant === 'strip' && !badge.timer.hidden);

async function cardButton(dom: OverlayDom, name: string): Promise<Control> {
  let found: Control | undefined;
  await expect
    .poll(async () => {
      found = (await dom.card())?.buttons.find((button) => button.name === name);
      return found !== undefined;
    })
    .toBe(true);
  return found as Control;
}

/** What a page script can see of LeadLens: its elements, their shadow roots if open, their attributes. */
function pageView(page: Page) {
  return page.evaluate(() => {
    const ours = [...document.querySelectorAll('*')].filter(
      (element) => element.localName.startsWith('leadlens-') || element.hasAttribute('data-leadlens'),
    );
    const name = (element: Element) => `${element.localName}[${element.getAttribute('data-leadlens')}]`;
    return {
      hosts: ours.map(name),
      open: ours.filter((element) => element.shadowRoot !== null).map(name),
      // `style` is left out: the card's position in pixels is no lead data, and its digits could look like an id.
      attributes: ours.flatMap((element) =>
        [...element.attributes]
          .filter((attribute) => attribute.name !== 'style')
          .map((attribute) => ({ name: attribute.name, value: attribute.value })),
      ),
    };
  });
}

test('attack: a page script finds no open shadow root on LeadLens and no lead id or SLA in any attribute', async ({
  connected: { extension, options },
  portal,
}) => {
  test.setTimeout(120_000);
  const lead = await freshLead(portal, options, String(test.info().testId));

  // A record page (the strip, with a running timer) with its card open, then a list of leads.
  const record = await extension.context.newPage();
  await record.goto(`https://app.hubspot.com/contacts/${portal.portalId}/record/0-1/${lead.id}`);
  const recordDom = await OverlayDom.open(record);
  const strip = await stripOf(recordDom);
  expect(strip.timer.state).toBe('ok');
  await recordDom.hover(strip.button);
  await expect.poll(async () => (await recordDom.card())?.visible).toBe(true);

  const list = await extension.context.newPage();
  await list.goto(`https://app.hubspot.com/contacts/${portal.portalId}/objects/0-1/views/all/list`);
  const listDom = await OverlayDom.open(list);
  const rowIds = await list
    .locator('tr[data-row-key]')
    .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-row-key') ?? ''));
  await expect.poll(async () => (await listDom.badges()).length).toBe(rowIds.length);

  for (const [page, ids, emails] of [
    [record, [lead.id], [`tova.${test.info().testId}@fresh-lead.example`]],
    [list, rowIds, []],
  ] as const) {
    const seen = await pageView(page);
    // Plain elements, never custom elements (whose names a page could define first).
    expect(seen.hosts).toContain('span[badge]');
    expect(seen.hosts).toContain('div[overlay]');
    for (const host of seen.hosts) expect(host).toMatch(/^(span|div)\[(badge|card|overlay)\]$/);
    expect(seen.open).toEqual([]);
    const names = seen.attributes.map((attribute) => attribute.name);
    for (const leaky of ['data-lead-id', 'data-sla', 'data-answered']) expect(names).not.toContain(leaky);
    const values = seen.attributes.map((attribute) => attribute.value);
    // No id of a badged lead as a number in any value, no SLA state, no address.
    const numbers = new Set(values.flatMap((value) => value.match(/\d+/g) ?? []));
    for (const id of ids) expect(numbers.has(id)).toBe(false);
    for (const value of values) expect(value).not.toMatch(/^(ok|due|overdue|mail)$/);
    for (const email of emails) expect(values.join(' ').toLowerCase()).not.toContain(email.toLowerCase());
  }
});

test('attack: scripted clicks and events from the page open nothing, mark nothing and write nothing', async ({
  connected: { extension, options },
  portal,
}) => {
  test.setTimeout(120_000);
  await options.getByTestId('not-a-lead-status').selectOption('UNQUALIFIED');
  await expect(options.getByTestId('not-a-lead-status')).toHaveValue('UNQUALIFIED');
  const lead = await freshLead(portal, options, `scripted-${test.info().testId}`);

  const page = await extension.context.newPage();
  await page.goto(`https://app.hubspot.com/contacts/${portal.portalId}/record/0-1/${lead.id}`);
  const dom = await OverlayDom.open(page);
  const strip = await stripOf(dom);

  // Everything a page script can do to the badge: click its host, send it pointer and key events, and, where a
  // shadow root is reachable, press every button inside it and inside the card — "Not a lead" and its confirm.
  await page.evaluate(async () => {
    const pause = () => new Promise((resolve) => setTimeout(resolve, 100));
    const press = (root: ParentNode | null | undefined, text?: string) => {
      for (const button of root?.querySelectorAll('button') ?? []) {
        if (text === undefined || button.textContent === text) button.click();
      }
    };
    for (const host of document.querySelectorAll<HTMLElement>('[data-leadlens="badge"]')) {
      host.click();
      for (const type of ['mouseover', 'mouseenter', 'focus', 'focusin']) host.dispatchEvent(new Event(type));
      for (const key of ['Enter', ' ']) host.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true }));
      host.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true }));
      press(host.shadowRoot);
      await pause();
      const card = document.querySelector('[data-leadlens="card"]');
      press(card?.shadowRoot, 'Not a lead');
      await pause();
      press(card?.shadowRoot, 'Confirm: not a lead');
    }
  });
  await page.waitForTimeout(SETTLE_MS);
  expect((await dom.card())?.visible ?? false).toBe(false);
  expect(await timerShows(dom)).toBe(true);
  expect(leadStatusWrites(portal, lead.id)).toEqual([]);

  // The user opens the card; the page then gets hold of its buttons (the DevTools protocol resolves them into the
  // page's own world, as a script that found them would hold them) and clicks them.
  await dom.click(strip.button);
  const notALead = await cardButton(dom, 'Not a lead');
  await dom.scriptedClick(notALead);
  await page.waitForTimeout(500);
  expect((await dom.card())?.buttons.map((button) => button.name)).not.toContain('Confirm: not a lead');
  // The user asks to mark it; the page clicks the confirm control for them.
  await page.waitForTimeout(READ_MS);
  await dom.click(notALead);
  await dom.scriptedClick(await cardButton(dom, 'Confirm: not a lead'));
  await page.waitForTimeout(SETTLE_MS);
  expect(await timerShows(dom)).toBe(true);
  expect(leadStatusWrites(portal, lead.id)).toEqual([]);
  expect(portal.admin.record('contacts', lead.id)?.props.hs_lead_status).not.toBe('UNQUALIFIED');
});

test('attack: "Not a lead" writes only after the user\'s own click on it and on its confirm control', async ({
  connected: { extension, options },
  portal,
}) => {
  test.setTimeout(120_000);
  await options.getByTestId('not-a-lead-status').selectOption('UNQUALIFIED');
  await expect(options.getByTestId('not-a-lead-status')).toHaveValue('UNQUALIFIED');
  const lead = await freshLead(portal, options, `confirm-${test.info().testId}`);

  const page = await extension.context.newPage();
  await page.goto(`https://app.hubspot.com/contacts/${portal.portalId}/record/0-1/${lead.id}`);
  const dom = await OverlayDom.open(page);
  const strip = await stripOf(dom);
  await dom.click(strip.button);

  // A real click on "Not a lead" alone writes nothing: it asks.
  await page.waitForTimeout(READ_MS);
  await dom.click(await cardButton(dom, 'Not a lead'));
  const confirm = await cardButton(dom, 'Confirm: not a lead');
  expect((await dom.card())?.text).toContain('Not a lead? Their timer stops');
  await page.waitForTimeout(SETTLE_MS);
  expect(await timerShows(dom)).toBe(true);
  expect(leadStatusWrites(portal, lead.id)).toEqual([]);

  // Cancel goes back; nothing was marked.
  await dom.click(await cardButton(dom, 'Cancel'));
  await cardButton(dom, 'Not a lead');
  expect(await timerShows(dom)).toBe(true);

  // The action and its confirm, both real clicks on controls shown long enough to be read: the lead is marked and
  // its status written, once.
  await page.waitForTimeout(READ_MS);
  await dom.click(await cardButton(dom, 'Not a lead'));
  expect(confirm.name).toBe('Confirm: not a lead');
  await page.waitForTimeout(READ_MS);
  await dom.click(await cardButton(dom, 'Confirm: not a lead'));
  await expect.poll(() => timerShows(dom)).toBe(false);
  await expect
    .poll(() => portal.admin.record('contacts', lead.id)?.props.hs_lead_status, { timeout: 30_000 })
    .toBe('UNQUALIFIED');
  expect(leadStatusWrites(portal, lead.id)).toHaveLength(1);
});

test("attack: links with another portal's id get no badge", async ({ connected: { extension }, portal }) => {
  test.setTimeout(120_000);

  // HubSpot: the page adds a link under a foreign portal id for every lead of the list, and a few more ids.
  const list = await extension.context.newPage();
  await list.goto(`https://app.hubspot.com/contacts/${portal.portalId}/objects/0-1/views/all/list`);
  const listDom = await OverlayDom.open(list);
  const rows = await list.locator('tr[data-row-key]').count();
  await expect.poll(async () => (await listDom.badges()).length).toBe(rows);
  await list.evaluate(() => {
    const box = document.createElement('div');
    box.setAttribute('data-attack', 'foreign-portal');
    const ids = [...document.querySelectorAll('tr[data-row-key]')].map((row) => row.getAttribute('data-row-key'));
    for (const id of [...ids, '1', '2', '3']) {
      const link = document.createElement('a');
      link.href = `/contacts/999999/record/0-1/${id}`;
      link.textContent = `contact ${id}`;
      box.append(link);
    }
    (document.querySelector('main') ?? document.body).append(box);
  });
  await list.waitForTimeout(SETTLE_MS);
  const listBadges = await listDom.badges();
  expect(listBadges.filter((badge) => isInside(badge, 'data-attack'))).toEqual([]);
  expect(listBadges).toHaveLength(rows);
});

test("attack: addresses a page puts outside Gmail's rows and messages get no badge", async ({
  connected: { extension },
}) => {
  test.setTimeout(120_000);

  // Gmail: the page writes known leads' addresses as `span[email]` outside the list's rows — in the body, and in
  // the main area next to the list.
  const gmail = await extension.context.newPage();
  await gmail.goto('https://mail.google.com/mail/u/0/#inbox');
  const gmailDom = await OverlayDom.open(gmail);
  await expect.poll(async () => (await gmailDom.badges()).length).toBeGreaterThan(0);
  await gmail.waitForTimeout(1_000);
  const before = await gmailDom.badges();
  const knownEmails = [...new Set(before.map((badge) => badge.after?.attributes.email ?? ''))].filter(Boolean);
  expect(knownEmails.length).toBeGreaterThan(0);
  await gmail.evaluate(
    (emails) => {
      for (const parent of [document.body, document.querySelector('div[role="main"]')]) {
        for (const email of emails) {
          const chip = document.createElement('span');
          chip.setAttribute('email', email);
          chip.setAttribute('data-attack', 'outside-rows');
          chip.textContent = email;
          parent?.append(chip);
        }
      }
    },
    knownEmails.slice(0, 10),
  );
  await gmail.waitForTimeout(SETTLE_MS);
  const after = await gmailDom.badges();
  expect(after.filter((badge) => badge.after?.attributes['data-attack'] !== undefined)).toEqual([]);
  expect(after).toHaveLength(before.length);
});

test('attack: custom elements a page defines first under LeadLens-like names never get hold of a closed root', async ({
  connected: { extension, options },
  portal,
}) => {
  test.setTimeout(120_000);
  const lead = await freshLead(portal, options, `elements-${test.info().testId}`);

  // Before any script of the page (and long before the content script at document_idle): the names LeadLens's hosts
  // once had, each with a constructor that keeps its ElementInternals, whose `shadowRoot` would be the closed root.
  const defineTraps = () => {
    const trap = window as unknown as { leadlensTrap: { names: string[]; internals: ElementInternals[] } };
    trap.leadlensTrap = { names: [], internals: [] };
    for (const name of ['leadlens-badge', 'leadlens-card', 'leadlens-overlay']) {
      customElements.define(
        name,
        class extends HTMLElement {
          constructor() {
            super();
            trap.leadlensTrap.names.push(name);
            trap.leadlensTrap.internals.push(this.attachInternals());
          }
        },
      );
    }
  };
  /** What the page got: constructed names, roots reached through the internals, and the card's words anywhere. */
  const caught = (page: Page) =>
    page.evaluate(() => {
      const trap = (window as unknown as { leadlensTrap?: { names: string[]; internals: ElementInternals[] } })
        .leadlensTrap;
      const roots = (trap?.internals ?? []).map((internals) => internals.shadowRoot).filter((root) => root !== null);
      const openRoots = [...document.querySelectorAll('*')].flatMap((element) =>
        element.shadowRoot ? [element.shadowRoot] : [],
      );
      const text = [document.documentElement, ...roots, ...openRoots].map((node) => node.textContent ?? '').join(' ');
      return {
        defined: trap !== undefined,
        names: trap?.names ?? [],
        roots: roots.length,
        cardWords: ['Open in HubSpot', 'Snooze 1 h', 'First answer'].filter((words) => text.includes(words)),
      };
    });

  // Gmail: the inbox's badges, and the card shown by a real hover on one.
  const gmail = await extension.context.newPage();
  await gmail.addInitScript(defineTraps);
  await gmail.goto('https://mail.google.com/mail/u/0/#inbox');
  const gmailDom = await OverlayDom.open(gmail);
  await expect.poll(async () => (await gmailDom.badges()).length).toBeGreaterThan(0);
  const chip = (await gmailDom.badges())[0] as BadgeModel;
  await gmailDom.hover(chip.button);
  await expect.poll(async () => (await gmailDom.card())?.visible).toBe(true);
  // The card is open and says what it says, inside; the page's traps were set and caught nothing.
  expect((await gmailDom.card())?.text).toContain('Open in HubSpot');
  expect(await caught(gmail)).toEqual({ defined: true, names: [], roots: 0, cardWords: [] });
  expect((await gmailDom.pill())?.shadowMode).toBe('closed');

  // HubSpot: the record's strip and its card, shown by a real hover too.
  const record = await extension.context.newPage();
  await record.addInitScript(defineTraps);
  await record.goto(`https://app.hubspot.com/contacts/${portal.portalId}/record/0-1/${lead.id}`);
  const recordDom = await OverlayDom.open(record);
  const strip = await stripOf(recordDom);
  await recordDom.hover(strip.button);
  await expect.poll(async () => (await recordDom.card())?.visible).toBe(true);

  expect((await recordDom.card())?.text).toContain('Open in HubSpot');
  expect(await caught(record)).toEqual({ defined: true, names: [], roots: 0, cardWords: [] });
  expect((await recordDom.pill())?.shadowMode).toBe('closed');
});

test('attack: an invisible card slid under a decoy takes no "Not a lead" and writes nothing', async ({
  connected: { extension, options },
  portal,
}) => {
  test.setTimeout(120_000);
  await options.getByTestId('not-a-lead-status').selectOption('UNQUALIFIED');
  await expect(options.getByTestId('not-a-lead-status')).toHaveValue('UNQUALIFIED');
  const lead = await freshLead(portal, options, `clickjack-${test.info().testId}`);

  const page = await extension.context.newPage();
  await page.goto(`https://app.hubspot.com/contacts/${portal.portalId}/record/0-1/${lead.id}`);
  const dom = await OverlayDom.open(page);
  const strip = await stripOf(dom);

  // Page CSS beats `:host`: the card's host is made fully transparent, so what the user sees there is the page's
  // decoy, and their two real clicks — unhurried, as a user's — land on "Not a lead" and then where "Confirm" shows.
  await page.evaluate(() => {
    const style = document.createElement('style');
    style.textContent = '[data-leadlens="card"] { opacity: 0 !important; }';
    document.head.append(style);
  });
  await dom.click(strip.button);
  const notALead = await cardButton(dom, 'Not a lead');
  await page.waitForTimeout(READ_MS);
  await dom.click(notALead);
  await page.waitForTimeout(READ_MS);
  const card = await dom.card();
  // Refused: no confirm step, and the card says to click again (which the user, seeing only the decoy, cannot read).
  expect(card?.buttons.map((button) => button.name)).not.toContain('Confirm: not a lead');
  expect(card?.text).toContain('Please click again');
  await dom.click(notALead);
  await page.waitForTimeout(READ_MS);
  for (const button of (await dom.card())?.buttons ?? []) {
    if (button.name === 'Confirm: not a lead') await dom.click(button);
  }
  await page.waitForTimeout(SETTLE_MS);
  expect(await timerShows(dom)).toBe(true);
  expect(leadStatusWrites(portal, lead.id)).toEqual([]);
  expect(portal.admin.record('contacts', lead.id)?.props.hs_lead_status).not.toBe('UNQUALIFIED');

  // The same card, once the page's CSS is gone, takes the user's two clicks (the guard refuses only what it should).
  await page.evaluate(() => {
    for (const style of document.head.querySelectorAll('style')) {
      if (style.textContent?.includes('data-leadlens')) style.remove();
    }
  });
  await page.waitForTimeout(READ_MS);
  await dom.click(await cardButton(dom, 'Not a lead'));
  await page.waitForTimeout(READ_MS);
  await dom.click(await cardButton(dom, 'Confirm: not a lead'));
  await expect.poll(() => timerShows(dom)).toBe(false);
  await expect.poll(() => leadStatusWrites(portal, lead.id).length, { timeout: 30_000 }).toBe(1);
});
