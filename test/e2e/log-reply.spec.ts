import type { Page } from '@playwright/test';
import type { RunningPortal } from '../fake-hubspot/server';
import { syncNow } from './connect';
import { expect, test } from './fixtures';

import { type Control, OverlayDom } from './overlay-dom';

// Issue #20 on the production build: "answered in mail, not logged" on a Gmail thread offers "Log this reply"; the
// rep's two real clicks (the action, then its confirm) write the reply to the local portal as an e-mail engagement
// through the outbox, and the next sync reads it back as a response: the lead's timer stops and the note goes.

/** A user's pause to read a control before clicking it: the card counts no CRM-writing click within 500 ms. */
const READ_MS = 700;

/** The replicas print mail times in New York; the user these tests play sits there, so the browser's zone is too. */
async function inNewYork(page: Page): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setTimezoneOverride', { timezoneId: 'America/New_York' });
}

/** A fresh lead who wrote again after our first answer: an inbound timer runs. */
async function leadWaitingForUs(portal: RunningPortal, options: Page, tag: string) {
  const lead = portal.admin.createLead({
    firstname: 'Noa',
    lastname: 'Reply',
    email: `noa.reply.${tag}@fresh-lead.example`,
  });
  portal.admin.logEmail({ contactId: lead.id, direction: 'out', subject: 'Re: your inquiry' });
  await new Promise((resolve) => setTimeout(resolve, 5));
  const again = portal.admin.logEmail({ contactId: lead.id, direction: 'in', subject: 'Re: Re: your inquiry' });
  await syncNow(options);
  return { id: String(lead.id), lastInbound: Date.parse(String(again.properties.hs_timestamp)) };
}

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

/** The e-mails the portal has on this contact, with their properties. */
function emailsOf(portal: RunningPortal, contactId: string) {
  return portal.admin.store
    .associatedIds('contacts', Number(contactId), 'emails')
    .map((id) => portal.admin.record('emails', id))
    .filter((email) => email !== undefined);
}

test('a reply answered in mail is logged with two real clicks, and the timer stops after the next sync', async ({
  connected: { extension, options },
  portal,
}) => {
  test.setTimeout(400_000);
  const lead = await leadWaitingForUs(portal, options, String(test.info().testId));
  const before = new Set(emailsOf(portal, lead.id).map((email) => email.id));
  const threadId = `18c${Number(lead.id).toString(16).padStart(13, '0')}`;

  const gmail = await extension.context.newPage();
  await inNewYork(gmail);
  await gmail.goto(`https://mail.google.com/mail/u/0/#inbox/${threadId}?unloggedReply=1`);
  const dom = await OverlayDom.open(gmail);
  const strip = async () => (await dom.badges()).find((badge) => badge.variant === 'strip');
  await expect.poll(async () => (await strip())?.answered?.shown).toBe(true);
  expect((await strip())?.timer.hidden).toBe(false);

  const button = (await strip())?.button;
  if (!button) throw new Error('no strip');
  await dom.click(button);
  // A script's click on the action does nothing: the card does not even ask.
  await gmail.waitForTimeout(READ_MS);
  const action = await cardButton(dom, 'Log this reply');
  await dom.scriptedClick(action);
  await gmail.waitForTimeout(READ_MS);
  expect((await dom.card())?.buttons.map((control) => control.name)).not.toContain('Confirm: log the reply');

  // The rep's own clicks: the action asks, the confirm queues the write.
  await dom.click(action);
  const confirm = await cardButton(dom, 'Confirm: log the reply');
  expect((await dom.card())?.text).toContain('as a sent e-mail? The timer stops at the next sync.');
  expect(emailsOf(portal, lead.id)).toHaveLength(before.size);
  await gmail.waitForTimeout(READ_MS);
  await dom.click(confirm);
  await expect.poll(async () => (await dom.card())?.text ?? '').toContain('Reply queued for HubSpot');

  // The outbox wrote it to HubSpot: an outgoing, sent e-mail on the dated path, after the lead's message.
  await expect.poll(() => emailsOf(portal, lead.id).length, { timeout: 30_000 }).toBe(before.size + 1);
  const logged = emailsOf(portal, lead.id).find((email) => !before.has(email.id));
  expect(logged?.props).toMatchObject({ hs_email_direction: 'EMAIL', hs_email_status: 'SENT' });
  expect(Date.parse(String(logged?.props.hs_timestamp))).toBeGreaterThan(lead.lastInbound);
  expect(
    portal.admin.writeLog().some((entry) => entry.method === 'POST' && entry.path === '/crm/objects/2026-09/emails'),
  ).toBe(true);

  // The next sync reads it back as a response: on the open page the timer stops and the note goes.
  await syncNow(options);
  await expect.poll(async () => (await strip())?.timer.hidden, { timeout: 15_000 }).toBe(true);
  expect((await strip())?.answered?.shown).toBe(false);
});
