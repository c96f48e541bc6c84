import { readCache } from './cache';
import type { Page } from '@playwright/test';
import type { RunningPortal } from '../fake-hubspot/server';
import { connectAndSync, syncNow } from './connect';
import { expect, test } from './fixtures';

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
  extension,
  portal,
}) => {
  test.setTimeout(120_000);
  const options = await connectAndSync(extension, portal);
  const lead = await leadWaitingForUs(portal, options, String(test.info().testId));

  const page = await extension.context.newPage();
  await page.goto(`https://app.hubspot.com/contacts/${portal.portalId}/record/0-1/${lead.id}`);
  const strip = page.locator('leadlens-badge[data-variant="strip"]');
  await expect(strip).toHaveAttribute('data-lead-id', lead.id);
  await expect(strip).toHaveAttribute('data-sla', /ok|due|overdue/);
  const format = (at: number, style: Intl.DateTimeFormatOptions) =>
    page.evaluate(([instant, options]) => new Intl.DateTimeFormat('en-US', options).format(instant), [
      at,
      style,
    ] as const);
  const dateTime = { dateStyle: 'medium', timeStyle: 'short' } as const;
  // The strip's last touch is the later of the two, formatted in the user's language.
  await expect(strip.getByRole('button')).toContainText(`last touch ${await format(lead.lastInbound, dateTime)}`);

  // Focus shows the card; Enter moves focus into it, onto its close button.
  const badge = strip.getByRole('button');
  await badge.focus();
  const card = page.getByRole('dialog', { name: lead.name });
  await expect(card).toBeVisible();
  await expect(badge).toHaveAttribute('aria-expanded', 'true');
  await page.keyboard.press('Enter');
  const close = card.getByRole('button', { name: 'Close' });
  await expect(close).toBeFocused();
  await expect(close).toBeVisible();

  // Stage dates, last inbound and last outbound, in the user's language.
  const row = (term: string) => card.locator('dt', { hasText: term }).locator('xpath=following-sibling::dd[1]');
  await expect(row('Stage dates')).toHaveText(`Lead · ${await format(lead.stageDate, { dateStyle: 'medium' })}`);
  await expect(row('Last inbound')).toHaveText(await format(lead.lastInbound, dateTime));
  await expect(row('Last outbound')).toHaveText(await format(lead.lastOutbound, dateTime));
  await expect(row('Open deals')).toHaveText('$0');

  // Tab walks the card's actions in order and wraps; Shift+Tab wraps back.
  const order = [
    card.getByRole('link', { name: 'Open in HubSpot' }),
    card.getByRole('button', { name: 'Snooze 1 h' }),
    card.getByRole('button', { name: 'Snooze until tomorrow' }),
    card.getByRole('button', { name: 'Not a lead' }),
    close,
  ];
  for (const control of order) {
    await page.keyboard.press('Tab');
    await expect(control).toBeFocused();
  }
  await page.keyboard.press('Shift+Tab');
  await expect(card.getByRole('button', { name: 'Not a lead' })).toBeFocused();

  // Escape closes the card and puts focus back on the badge, without opening it again.
  await page.keyboard.press('Escape');
  await expect(card).toBeHidden();
  await expect(badge).toBeFocused();
  await expect(badge).toHaveAttribute('aria-expanded', 'false');
  await page.waitForTimeout(300);
  await expect(card).toBeHidden();

  // Space opens it too; the close button closes it and returns focus.
  await page.keyboard.press('Space');
  await expect(close).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(card).toBeHidden();
  await expect(badge).toBeFocused();

  // Tab from a focused badge whose card shows goes into the card, not past it.
  await badge.blur();
  await badge.focus();
  await expect(card).toBeVisible();
  await page.keyboard.press('Tab');
  await expect(close).toBeFocused();
});

test('the record strip shows open deal value in the portal currency', async ({ extension, portal }) => {
  test.setTimeout(120_000);
  const options = await connectAndSync(extension, portal);
  const [withDeals] = await openDealValues(options);
  expect(withDeals).toBeDefined();
  const [id, sum] = withDeals ?? ['', 0];
  const currency = portal.admin.store.account.companyCurrency;
  const page = await extension.context.newPage();
  await page.goto(`https://app.hubspot.com/contacts/${portal.portalId}/record/0-1/${id}`);
  const strip = page.locator('leadlens-badge[data-variant="strip"]');
  await expect(strip).toHaveAttribute('data-lead-id', id);
  const money = new Intl.NumberFormat('en-US', { style: 'currency', currency, maximumFractionDigits: 0 }).format(sum);
  await expect(strip.getByRole('button')).toContainText(`${money} in open deals`);
});

test('answered in mail but not logged: Gmail and Outlook threads say so until HubSpot has the reply', async ({
  extension,
  portal,
}) => {
  test.setTimeout(150_000);
  const options = await connectAndSync(extension, portal);
  const lead = await leadWaitingForUs(portal, options, String(test.info().testId));
  const recordUrl = `https://app.hubspot.com/contacts/${portal.portalId}/record/0-1/${lead.id}`;
  const threadId = `18c${Number(lead.id).toString(16).padStart(13, '0')}`;

  const gmail = await extension.context.newPage();
  await inNewYork(gmail);
  // The thread as HubSpot knows it: the lead wrote last, nothing to say.
  await gmail.goto(`https://mail.google.com/mail/u/0/#inbox/${threadId}`);
  const strip = gmail.locator('leadlens-badge[data-variant="strip"]');
  await expect(strip).toHaveAttribute('data-lead-id', lead.id);
  await expect(strip).toHaveAttribute('data-sla', /ok|due|overdue/);
  await expect(strip).not.toHaveAttribute('data-answered', /.*/);
  await expect(strip.getByTestId('leadlens-answered')).toBeHidden();

  // The rep answers from the mailbox; HubSpot never hears of it.
  await gmail.evaluate((id) => {
    location.hash = `#inbox/${id}?unloggedReply=1`;
  }, threadId);
  await expect(strip).toHaveAttribute('data-answered', 'mail');
  const note = strip.getByTestId('leadlens-answered');
  await expect(note).toBeVisible();
  await expect(note).toContainText('Answered in mail, not logged in HubSpot');
  await expect(note.getByRole('link', { name: 'Open the record to log it' })).toHaveAttribute('href', recordUrl);
  await expect(strip.getByRole('button')).toHaveAttribute('aria-label', /Answered in mail, not logged in HubSpot/);
  // The card says it too, with the link.
  await strip.getByRole('button').focus();
  const cardNote = gmail.getByTestId('leadlens-card').getByTestId('leadlens-card-answered');
  await expect(cardNote).toBeVisible();
  await expect(cardNote.getByRole('link', { name: 'Open the record to log it' })).toHaveAttribute('href', recordUrl);
  await gmail.keyboard.press('Escape');

  const outlook = await extension.context.newPage();
  await inNewYork(outlook);
  const conversation = `AAQkADAwATM0MDAAMS${Buffer.from(`lead-${lead.id}`).toString('base64url')}`;
  await outlook.goto(`https://outlook.office.com/mail/inbox/id/${encodeURIComponent(conversation)}`);
  const pane = outlook.locator('[data-app-section="MailReadCompose"] leadlens-badge[data-variant="strip"]');
  await expect(pane).toHaveAttribute('data-lead-id', lead.id);
  await expect(pane).not.toHaveAttribute('data-answered', /.*/);
  await outlook.goto(`https://outlook.office.com/mail/inbox/id/${encodeURIComponent(conversation)}?unloggedReply=1`);
  await expect(pane).toHaveAttribute('data-lead-id', lead.id);
  await expect(pane).toHaveAttribute('data-answered', 'mail');
  await expect(pane.getByTestId('leadlens-answered').getByRole('link')).toHaveAttribute('href', recordUrl);

  // Logged at last: after the sync, HubSpot has the answer, the timer stops and the note goes, on the open page.
  portal.admin.logEmail({ contactId: lead.id, direction: 'out', subject: 'Re: Re: your inquiry' });
  await syncNow(options);
  await expect(strip).not.toHaveAttribute('data-sla', /.*/, { timeout: 10_000 });
  await expect(strip).not.toHaveAttribute('data-answered', /.*/);
  await expect(strip.getByTestId('leadlens-answered')).toBeHidden();
});

test('"Not a lead" hides the timer and, with a status chosen in the settings, sets it in HubSpot', async ({
  extension,
  portal,
}) => {
  test.setTimeout(120_000);
  const options = await connectAndSync(extension, portal);
  await options.getByTestId('not-a-lead-status').selectOption('UNQUALIFIED');
  await expect(options.getByTestId('not-a-lead-status')).toHaveValue('UNQUALIFIED');
  const lead = await leadWaitingForUs(portal, options, `status-${test.info().testId}`);
  expect(portal.admin.record('contacts', lead.id)?.props.hs_lead_status).not.toBe('UNQUALIFIED');

  const page = await extension.context.newPage();
  await page.goto(`https://app.hubspot.com/contacts/${portal.portalId}/record/0-1/${lead.id}`);
  const strip = page.locator('leadlens-badge[data-variant="strip"]');
  await expect(strip).toHaveAttribute('data-sla', /ok|due|overdue/);
  await strip.getByRole('button').focus();
  await page.keyboard.press('Enter');
  await page.getByRole('dialog', { name: lead.name }).getByRole('button', { name: 'Not a lead' }).click();
  await expect(strip).not.toHaveAttribute('data-sla', /.+/);
  await expect
    .poll(() => portal.admin.record('contacts', lead.id)?.props.hs_lead_status, { timeout: 30_000 })
    .toBe('UNQUALIFIED');
});
