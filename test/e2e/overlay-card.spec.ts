import { readCache } from './cache';
import type { Page } from '@playwright/test';
import type { RunningPortal } from '../fake-hubspot/server';
import { syncNow } from './connect';
import { expect, test } from './fixtures';
import { type BadgeModel, isInside, OverlayDom } from './overlay-dom';

// Issue #6 on the production build: the lead card's stage dates and touches, the record strip's last touch and open
// deals, the card from the keyboard, and "answered in mail, not logged in HubSpot" on Gmail and Outlook threads.

/** Open deal value per cached lead, summed as the background does (open deals only), read from IndexedDB. */
async function openDealValues(extensionPage: Page): Promise<Array<[string, number]>> {
  const [leads, deals] = await Promise.all([
    readCache<{ id: string; archived?: boolean }>(extensionPage, 'leads'),
    readCache<{ amount: number; isClosed: boolean; leadIds: string[] }>(extensionPage, 'deals'),
  ]);
  const live = new Set(leads.filter((lead) => !lead.archived).map((lead) => lead.id));
  const sums = new Map<string, number>();
  for (const deal of deals) {
    if (deal.isClosed) continue;
    for (const id of deal.leadIds) if (live.has(id)) sums.set(id, (sums.get(id) ?? 0) + deal.amount);
  }
  return [...sums].filter(([, sum]) => sum > 0);
}

/** The page's strip (a record's, or a mail thread's lead card), once it is there; `where` narrows it. */
async function stripOf(dom: OverlayDom, where: (badge: BadgeModel) => boolean = () => true): Promise<BadgeModel> {
  let strip: BadgeModel | undefined;
  await expect
    .poll(async () => {
      strip = (await dom.badges()).find((badge) => badge.variant === 'strip' && where(badge));
      return strip !== undefined;
    })
    .toBe(true);
  return strip as BadgeModel;
}

/** The strip as it is now (its timer, note and name change while the page is open). */
async function currentStrip(dom: OverlayDom, where: (badge: BadgeModel) => boolean = () => true) {
  return (await dom.badges()).find((badge) => badge.variant === 'strip' && where(badge));
}

const cardVisible = async (dom: OverlayDom) => (await dom.card())?.visible ?? false;

/** The replicas print mail times in New York; the user these tests play sits there, so the browser's zone is too. */
async function inNewYork(page: Page): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setTimezoneOverride', { timezoneId: 'America/New_York' });
}

/** A fresh lead who wrote again after our first answer: an inbound timer runs. Stage date as HubSpot sets it. */
async function leadWaitingForUs(portal: RunningPortal, options: Page, tag: string) {
  // The portal is shared by a worker's tests: each lead needs its own address.
  const lead = portal.admin.createLead({
    firstname: 'Yael',
    lastname: 'Inbound',
    email: `yael.inbound.${tag}@fresh-lead.example`,
  });
  const contact = portal.admin.store.get('contacts', Number(lead.id));
  if (!contact) throw new Error('created lead vanished');
  const now = portal.admin.now();
  portal.admin.store.update(contact, { hs_lifecyclestage_lead_date: new Date(now).toISOString() }, now, 'CALCULATED');
  const answer = portal.admin.logEmail({ contactId: lead.id, direction: 'out', subject: 'Re: your inquiry' });
  // The lead's message must come strictly after our answer for the inbound timer to run.
  await new Promise((resolve) => setTimeout(resolve, 5));
  const again = portal.admin.logEmail({ contactId: lead.id, direction: 'in', subject: 'Re: Re: your inquiry' });
  await syncNow(options);
  const at = (record: { properties: Record<string, unknown> }) => Date.parse(String(record.properties.hs_timestamp));
  return { id: lead.id, name: 'Yael Inbound', stageDate: now, lastOutbound: at(answer), lastInbound: at(again) };
}

test('the card is a named dialog with stage dates and touches, opened and left from the keyboard', async ({
  connected: { extension, options },
  portal,
}) => {
  test.setTimeout(120_000);
  const lead = await leadWaitingForUs(portal, options, String(test.info().testId));

  const page = await extension.context.newPage();
  await page.goto(`https://app.hubspot.com/contacts/${portal.portalId}/record/0-1/${lead.id}`);
  const dom = await OverlayDom.open(page);
  const strip = await stripOf(dom);
  // The lead is named by the badge itself (its host carries nothing about it).
  expect(strip.label).toMatch(new RegExp(`^Lead ${lead.name}, `));
  expect(strip.timer.state).toMatch(/ok|due|overdue/);
  const format = (at: number, style: Intl.DateTimeFormatOptions) =>
    page.evaluate(([instant, options]) => new Intl.DateTimeFormat('en-US', options).format(instant), [
      at,
      style,
    ] as const);
  const dateTime = { dateStyle: 'medium', timeStyle: 'short' } as const;
  // The strip's last touch is the later of the two, formatted in the user's language.
  expect(strip.text).toContain(`last touch ${await format(lead.lastInbound, dateTime)}`);

  /** Focus inside LeadLens's UI, as "badge" or "card: <control>". */
  const focus = async () => {
    const focused = await dom.focused();
    return focused ? (focused.where === 'badge' ? 'badge' : `card: ${focused.name}`) : null;
  };
  const expanded = async () => (await currentStrip(dom))?.expanded;

  // Focus shows the card (a dialog named by the lead); Enter moves focus into it, onto its close button.
  await dom.focus(strip.button);
  await expect.poll(() => cardVisible(dom)).toBe(true);
  expect((await dom.card())?.title).toBe(lead.name);
  expect(await expanded()).toBe('true');
  await page.keyboard.press('Enter');
  await expect.poll(focus).toBe('card: Close');
  const card = await dom.card();
  expect(card?.visible).toBe(true);

  // Stage dates, last inbound and last outbound, in the user's language.
  expect(card?.rows['Stage dates']).toBe(`Lead · ${await format(lead.stageDate, { dateStyle: 'medium' })}`);
  expect(card?.rows['Last inbound']).toBe(await format(lead.lastInbound, dateTime));
  expect(card?.rows['Last outbound']).toBe(await format(lead.lastOutbound, dateTime));
  expect(card?.rows['Open deals']).toBe('$0');

  // Tab walks the card's actions in order and wraps; Shift+Tab wraps back.
  for (const control of ['Open in HubSpot', 'Snooze 1 h', 'Snooze until tomorrow', 'Not a lead', 'Close']) {
    await page.keyboard.press('Tab');
    await expect.poll(focus).toBe(`card: ${control}`);
  }
  await page.keyboard.press('Shift+Tab');
  await expect.poll(focus).toBe('card: Not a lead');

  // Escape closes the card and puts focus back on the badge, without opening it again.
  await page.keyboard.press('Escape');
  await expect.poll(() => cardVisible(dom)).toBe(false);
  await expect.poll(focus).toBe('badge');
  expect(await expanded()).toBe('false');
  await page.waitForTimeout(300);
  expect(await cardVisible(dom)).toBe(false);

  // Space opens it too; the close button closes it and returns focus.
  await page.keyboard.press('Space');
  await expect.poll(focus).toBe('card: Close');
  await page.keyboard.press('Enter');
  await expect.poll(() => cardVisible(dom)).toBe(false);
  await expect.poll(focus).toBe('badge');

  // Tab from a focused badge whose card shows goes into the card, not past it.
  await dom.blur(strip.button);
  await dom.focus(strip.button);
  await expect.poll(() => cardVisible(dom)).toBe(true);
  await page.keyboard.press('Tab');
  await expect.poll(focus).toBe('card: Close');
});

test('the record strip shows open deal value in the portal currency', async ({
  connected: { extension, options },
  portal,
}) => {
  test.setTimeout(120_000);
  const [withDeals] = await openDealValues(options);
  expect(withDeals).toBeDefined();
  const [id, sum] = withDeals ?? ['', 0];
  const currency = portal.admin.store.account.companyCurrency;
  const page = await extension.context.newPage();
  await page.goto(`https://app.hubspot.com/contacts/${portal.portalId}/record/0-1/${id}`);
  const strip = await stripOf(await OverlayDom.open(page));
  const contact = portal.admin.record('contacts', id);
  expect(strip.label).toContain(`Lead ${`${contact?.props.firstname ?? ''} ${contact?.props.lastname ?? ''}`.trim()}`);
  const money = new Intl.NumberFormat('en-US', { style: 'currency', currency, maximumFractionDigits: 0 }).format(sum);
  expect(strip.text).toContain(`${money} in open deals`);
});

test('answered in mail but not logged: Gmail and Outlook threads say so until HubSpot has the reply', async ({
  connected: { extension, options },
  portal,
}) => {
  test.setTimeout(150_000);
  const lead = await leadWaitingForUs(portal, options, String(test.info().testId));
  const recordUrl = `https://app.hubspot.com/contacts/${portal.portalId}/record/0-1/${lead.id}`;
  const threadId = `18c${Number(lead.id).toString(16).padStart(13, '0')}`;

  const gmail = await extension.context.newPage();
  await inNewYork(gmail);
  // The thread as HubSpot knows it: the lead wrote last, nothing to say.
  await gmail.goto(`https://mail.google.com/mail/u/0/#inbox/${threadId}`);
  const gmailDom = await OverlayDom.open(gmail);
  const named = new RegExp(`^Lead ${lead.name}, `);
  const strip = await stripOf(gmailDom);
  expect(strip.label).toMatch(named);
  expect(strip.timer.state).toMatch(/ok|due|overdue/);
  expect(strip.answered?.shown).toBe(false);

  // The rep answers from the mailbox; HubSpot never hears of it.
  await gmail.evaluate((id) => {
    location.hash = `#inbox/${id}?unloggedReply=1`;
  }, threadId);
  await expect.poll(async () => (await currentStrip(gmailDom))?.answered?.shown).toBe(true);
  const answered = await currentStrip(gmailDom);
  expect(answered?.label).toMatch(named);
  expect(answered?.answered?.text).toContain('Answered in mail, not logged in HubSpot');
  expect(answered?.answered?.link).toMatchObject({ name: 'Open the record to log it', href: recordUrl });
  expect(answered?.label).toMatch(/Answered in mail, not logged in HubSpot/);
  // The card says it too, with the link.
  await gmailDom.focus(answered?.button ?? strip.button);
  await expect
    .poll(async () => (await gmailDom.card())?.answeredNote?.link)
    .toMatchObject({
      name: 'Open the record to log it',
      href: recordUrl,
    });
  expect((await gmailDom.card())?.visible).toBe(true);
  await gmail.keyboard.press('Escape');

  const outlook = await extension.context.newPage();
  await inNewYork(outlook);
  const conversation = `AAQkADAwATM0MDAAMS${Buffer.from(`lead-${lead.id}`).toString('base64url')}`;
  await outlook.goto(`https://outlook.office.com/mail/inbox/id/${encodeURIComponent(conversation)}`);
  const outlookDom = await OverlayDom.open(outlook);
  const inPane = (badge: BadgeModel) => isInside(badge, 'data-app-section', 'MailReadCompose');
  const pane = await stripOf(outlookDom, inPane);
  expect(pane.label).toMatch(named);
  expect(pane.answered?.shown).toBe(false);
  await outlook.goto(`https://outlook.office.com/mail/inbox/id/${encodeURIComponent(conversation)}?unloggedReply=1`);
  await expect.poll(async () => (await currentStrip(outlookDom, inPane))?.answered?.shown).toBe(true);
  // The link's address needs the portal's ids, which a new page's overlay may receive a moment after the note.
  await expect.poll(async () => (await currentStrip(outlookDom, inPane))?.answered?.link?.href).toBe(recordUrl);
  const answeredPane = await currentStrip(outlookDom, inPane);
  expect(answeredPane?.label).toMatch(named);

  // Logged at last: after the sync, HubSpot has the answer, the timer stops and the note goes, on the open page.
  portal.admin.logEmail({ contactId: lead.id, direction: 'out', subject: 'Re: Re: your inquiry' });
  await syncNow(options);
  await expect.poll(async () => (await currentStrip(gmailDom))?.timer.hidden, { timeout: 10_000 }).toBe(true);
  expect((await currentStrip(gmailDom))?.answered?.shown).toBe(false);
});

test('"Not a lead", confirmed, hides the timer and, with a status chosen in the settings, sets it in HubSpot', async ({
  connected: { extension, options },
  portal,
}) => {
  test.setTimeout(120_000);
  await options.getByTestId('not-a-lead-status').selectOption('UNQUALIFIED');
  await expect(options.getByTestId('not-a-lead-status')).toHaveValue('UNQUALIFIED');
  const lead = await leadWaitingForUs(portal, options, `status-${test.info().testId}`);
  expect(portal.admin.record('contacts', lead.id)?.props.hs_lead_status).not.toBe('UNQUALIFIED');

  const page = await extension.context.newPage();
  await page.goto(`https://app.hubspot.com/contacts/${portal.portalId}/record/0-1/${lead.id}`);
  const dom = await OverlayDom.open(page);
  const strip = await stripOf(dom);
  expect(strip.timer.state).toMatch(/ok|due|overdue/);
  await dom.focus(strip.button);
  await page.keyboard.press('Enter');
  await expect.poll(async () => (await dom.card())?.title).toBe(lead.name);
  const button = async (name: string) => {
    const found = (await dom.card())?.buttons.find((candidate) => candidate.name === name);
    if (!found) throw new Error(`no "${name}" button in the card`);
    return found;
  };
  // It writes to HubSpot, so it asks first: the action, then its confirm control, both real clicks, each on a control
  // the user has had time to see (the card's clickjacking guard counts no click within 500 ms of it appearing).
  await page.waitForTimeout(700);
  await dom.click(await button('Not a lead'));
  await page.waitForTimeout(700);
  await dom.click(await button('Confirm: not a lead'));
  await expect.poll(async () => (await currentStrip(dom))?.timer.hidden).toBe(true);
  await expect
    .poll(() => portal.admin.record('contacts', lead.id)?.props.hs_lead_status, { timeout: 30_000 })
    .toBe('UNQUALIFIED');
});
