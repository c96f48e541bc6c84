// "Answered in mail but not logged" (issue #6): each site's thread read from the local portal's page replicas (the
// same replicas selectors.test.ts loads). Who counts as us and when a reply counts: test/unit/overlay/mail-thread.test.ts.
import https from 'node:https';
import { TZDate } from '@date-fns/tz';
import { Window } from 'happy-dom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedInAddress } from '../../../lib/overlay/gmail/selectors';
import { gmailThreadMessages } from '../../../lib/overlay/gmail/thread';
import type { WallClock } from '../../../lib/overlay/mail-date';
import { answeredInMail, isOurAddress } from '../../../lib/overlay/mail-thread';
import { readingPane } from '../../../lib/overlay/outlook/selectors';
import { outlookThreadMessages } from '../../../lib/overlay/outlook/thread';
import { queryAll } from '../../../lib/overlay/selector';
import type { CrmRecord } from '../../fake-hubspot/store';
import { type RunningPortal, startPortal } from '../../fake-hubspot/server';

const MIN = 60_000;

let portal: RunningPortal;
const window = new Window();
// The replicas print times in New York, as a user there sees them; the browser's zone is New York in these tests.
const newYork = (clock: WallClock) =>
  new TZDate(clock.year, clock.month - 1, clock.day, clock.hour, clock.minute, 'America/New_York').getTime();
const minuteOf = (at: number) => Math.floor(at / MIN) * MIN;

function fetchPage(host: string, path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    https
      .get(
        {
          host: '127.0.0.1',
          port: portal.tlsPort,
          path,
          servername: host,
          headers: { Host: host },
          rejectUnauthorized: false,
        },
        (response) => {
          let body = '';
          response.setEncoding('utf8');
          response.on('data', (chunk: string) => {
            body += chunk;
          });
          response.on('end', () => resolve(body));
        },
      )
      .on('error', reject);
  });
}

type VNode = string | [string, Record<string, string>, ...VNode[]];

function build(doc: Document, node: unknown): Node {
  if (typeof node === 'string') return doc.createTextNode(node);
  const [tag, attributes, ...children] = node as [string, Record<string, string>, ...VNode[]];
  const element = doc.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  for (const child of children) element.append(build(doc, child));
  return element;
}

/** A contact with a thread of at least one inbound and one outbound e-mail, and those e-mails as the replica shows them. */
function leadWithThread(): { contact: CrmRecord; emails: CrmRecord[] } {
  const { store } = portal.admin;
  const now = portal.admin.now();
  for (const contact of store.list('contacts')) {
    if (contact.archived || !contact.props.email) continue;
    const emails = store
      .associatedIds('contacts', contact.id, 'emails')
      .map((id) => store.get('emails', id))
      .filter((email): email is CrmRecord => email !== undefined && Date.parse(email.props.hs_timestamp ?? '') <= now)
      .sort((a, b) => Date.parse(a.props.hs_timestamp ?? '') - Date.parse(b.props.hs_timestamp ?? ''))
      .slice(-20);
    const directions = new Set(emails.map((email) => email.props.hs_email_direction));
    if (emails.length >= 2 && directions.has('INCOMING_EMAIL') && directions.has('EMAIL')) return { contact, emails };
  }
  throw new Error('the seeded portal has no two-way thread');
}

async function gmailThread(contactId: number, query = '') {
  const threadId = `18c${contactId.toString(16).padStart(13, '0')}`;
  const location = `/mail/u/0/#inbox/${threadId}${query}`;
  const json = await fetchPage('mail.google.com', `/__replica/view?location=${encodeURIComponent(location)}`);
  const view = JSON.parse(json) as { title: string; body: unknown };
  const doc = window.document.implementation.createHTMLDocument() as unknown as Document;
  doc.body.append(build(doc, view.body));
  doc.title = view.title;
  return doc;
}

async function outlookPane(contactId: number, query = '') {
  const id = `AAQkADAwATM0MDAAMS${Buffer.from(`lead-${contactId}`).toString('base64url')}`;
  const html = await fetchPage('outlook.office.com', `/mail/inbox/id/${encodeURIComponent(id)}${query}`);
  const doc = new window.DOMParser().parseFromString(html, 'text/html') as unknown as Document;
  const pane = queryAll(doc.body, readingPane, () => undefined)[0];
  if (!pane) throw new Error('no reading pane');
  return pane;
}

beforeAll(async () => {
  portal = await startPortal({ contacts: 300, seed: 7 });
}, 60_000);

afterAll(async () => {
  await portal.close();
});

describe('threads of the replicas', () => {
  it('Gmail: every message’s sender and time, to the minute, oldest first', async () => {
    const { contact, emails } = leadWithThread();
    // A lead without an owner is answered by the portal's first owner, as the replicas show it (the lead the portal's
    // clock picks can be one, depending on the hour).
    const owner =
      portal.admin.store.owners.find((o) => o.id === contact.props.hubspot_owner_id) ?? portal.admin.store.owners[0];
    const doc = await gmailThread(contact.id);
    const messages = gmailThreadMessages(doc.body, newYork, () => undefined);
    expect(messages).toEqual(
      emails.map((email) => ({
        from: email.props.hs_email_direction === 'INCOMING_EMAIL' ? contact.props.email?.toLowerCase() : owner?.email,
        at: minuteOf(Date.parse(email.props.hs_timestamp ?? '')),
      })),
    );
  });

  it('Gmail: a reply sent from the mailbox is the last message, ours by the title’s address, and answers the lead', async () => {
    const { contact, emails } = leadWithThread();
    const before = portal.admin.now();
    const doc = await gmailThread(contact.id, '?unloggedReply=1');
    const messages = gmailThreadMessages(doc.body, newYork, () => undefined);
    expect(messages).toHaveLength(emails.length + 1);
    const sentAt = messages[messages.length - 1]?.at ?? Number.NaN;
    // Sent "now", as the page printed it: the minute of the request (a minute may turn meanwhile).
    expect([minuteOf(before), minuteOf(portal.admin.now())]).toContain(sentAt);
    const self = signedInAddress(doc.title);
    expect(self).toBe('rep@northwind-demo.com');
    const leadAddress = contact.props.email?.toLowerCase() ?? '';
    const isOurs = isOurAddress((address) => (address === leadAddress ? 'lead' : 'unknown'), self);
    const lastInbound = emails.filter((email) => email.props.hs_email_direction === 'INCOMING_EMAIL').at(-1);
    const context = { timer: { kind: 'inbound' as const, since: Date.parse(lastInbound?.props.hs_timestamp ?? '') } };
    const now = portal.admin.now();
    expect(answeredInMail(messages, context, isOurs, now)).toBe(sentAt);
    // The same thread without the unlogged reply: nothing to say.
    const plain = gmailThreadMessages((await gmailThread(contact.id)).body, newYork, () => undefined);
    const lastLogged = Date.parse(
      emails.filter((e) => e.props.hs_email_direction === 'EMAIL').at(-1)?.props.hs_timestamp ?? '',
    );
    expect(answeredInMail(plain, { ...context, lastOutboundAt: lastLogged }, isOurs, now)).toBeNull();
  });

  it('Gmail: the date falls back to any titled element when span.g3 is renamed, and says so once', async () => {
    const { contact, emails } = leadWithThread();
    const doc = await gmailThread(contact.id);
    for (const date of doc.querySelectorAll('span.g3')) date.classList.remove('g3');
    const warnings: string[] = [];
    const messages = gmailThreadMessages(doc.body, newYork, (message) => warnings.push(message));
    expect(messages.map((message) => message.at)).toEqual(
      emails.map((email) => minuteOf(Date.parse(email.props.hs_timestamp ?? ''))),
    );
    expect(new Set(warnings)).toEqual(
      new Set(['LeadLens: selector gmail.messageDate found nothing; its fallback found 1']),
    );
  });

  it('Outlook: the reading pane’s senders and times, and the unlogged reply last', async () => {
    const { contact, emails } = leadWithThread();
    // A lead without an owner is answered by the portal's first owner, as the replicas show it (the lead the portal's
    // clock picks can be one, depending on the hour).
    const owner =
      portal.admin.store.owners.find((o) => o.id === contact.props.hubspot_owner_id) ?? portal.admin.store.owners[0];
    const messages = outlookThreadMessages(await outlookPane(contact.id), 'mdy', newYork, () => undefined);
    expect(messages).toEqual(
      emails.map((email) => ({
        from: email.props.hs_email_direction === 'INCOMING_EMAIL' ? contact.props.email?.toLowerCase() : owner?.email,
        at: minuteOf(Date.parse(email.props.hs_timestamp ?? '')),
      })),
    );
    const before = portal.admin.now();
    const withReply = outlookThreadMessages(
      await outlookPane(contact.id, '?unloggedReply=1'),
      'mdy',
      newYork,
      () => undefined,
    );
    expect(withReply.slice(0, -1)).toEqual(messages);
    expect(withReply.at(-1)?.from).toBe(owner?.email);
    expect([minuteOf(before), minuteOf(portal.admin.now())]).toContain(withReply.at(-1)?.at);
  });
});
