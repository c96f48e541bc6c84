// "Answered in mail but not logged" (issue #6): who counts as us, when a reply counts, and each site's thread read
// from the local portal's page replicas (the same replicas selectors.test.ts loads).
import https from 'node:https';
import { TZDate } from '@date-fns/tz';
import { Window } from 'happy-dom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedInAddress } from '../../../lib/overlay/gmail/selectors';
import { gmailThreadMessages } from '../../../lib/overlay/gmail/thread';
import type { WallClock } from '../../../lib/overlay/mail-date';
import { type AddressKind, answeredInMail, isOurAddress, type MailMessage } from '../../../lib/overlay/mail-thread';
import { readingPane } from '../../../lib/overlay/outlook/selectors';
import { outlookThreadMessages } from '../../../lib/overlay/outlook/thread';
import { queryAll } from '../../../lib/overlay/selector';
import type { CrmRecord } from '../../fake-hubspot/store';
import { type RunningPortal, startPortal } from '../../fake-hubspot/server';

const MIN = 60_000;
const since = Date.parse('2026-06-10T12:00:30Z');
const inbound = { timer: { kind: 'inbound' as const, since } };
// The lead is dana@example.com; everyone else on these threads is us.
const ours = (address: string) => address !== 'dana@example.com';

describe('answeredInMail', () => {
  const reply = (at: number, from = 'rep@northwind-demo.com'): MailMessage => ({ from, at });
  const lead: MailMessage = { from: 'dana@example.com', at: since - 30_000 };
  const now = since + 60 * MIN;

  it('is our last message, dated after the lead’s — including in the same minute, which clients print alone', () => {
    expect(answeredInMail([lead, reply(since + 5 * MIN)], inbound, ours, now)).toBe(since + 5 * MIN);
    expect(answeredInMail([lead, reply(since - 30_000)], inbound, ours, now)).toBe(since - 30_000);
  });

  it.each([
    ['no timer', [lead, reply(since + MIN)], {}],
    ['an open timer (no inbound message waits)', [lead, reply(since + MIN)], { timer: { kind: 'open', since } }],
    ['the lead wrote last', [reply(since - 10 * MIN), lead], inbound],
    ['our reply is older than the lead’s message', [lead, reply(since - 2 * MIN)], inbound],
    ['the reply has no readable date', [lead, { from: 'rep@northwind-demo.com' }], inbound],
    ['the reply has no sender', [lead, { at: since + MIN }], inbound],
    ['an empty thread', [], inbound],
    // A date read in the wrong time zone lands hours away; one from the future cannot be a reply.
    ['the reply is dated in the future', [lead, reply(now + 5 * MIN)], inbound],
    // A sequence e-mail: in the mailbox it looks like ours, but HubSpot has it (automated, so the timer still runs).
    [
      'HubSpot has an outbound touch in that minute',
      [lead, reply(since + 5 * MIN)],
      { ...inbound, lastOutboundAt: since + 5 * MIN + 20_000 },
    ],
  ] as const)('is null when %s', (_, messages, context) => {
    expect(answeredInMail(messages, context, ours, now)).toBeNull();
  });

  it('is null when the sender is not ours', () => {
    expect(answeredInMail([lead, reply(since + MIN)], inbound, () => false, now)).toBeNull();
  });

  it('counts a reply in the minute of an outbound touch HubSpot logged before the lead wrote', () => {
    expect(answeredInMail([lead, reply(since)], { ...inbound, lastOutboundAt: since - 20_000 }, ours, now)).toBe(since);
  });

  it('counts a reply after an older outbound touch', () => {
    expect(
      answeredInMail([lead, reply(since + 5 * MIN)], { ...inbound, lastOutboundAt: since - 60 * MIN }, ours, now),
    ).toBe(since + 5 * MIN);
  });
});

describe('isOurAddress', () => {
  const kinds: Record<string, AddressKind> = {
    'dana@example.com': 'lead',
    'other.lead@example.org': 'lead',
    'rina@northwind-demo.com': 'other',
    'noreply@github.com': 'other',
  };
  const kindOf = (address: string) => kinds[address] ?? 'unknown';

  it('without the signed-in address: anyone known to be no lead; never a lead, never an address not looked up yet', () => {
    const isOurs = isOurAddress(kindOf);
    expect(isOurs('rina@northwind-demo.com')).toBe(true);
    expect(isOurs('Rina@Northwind-Demo.com')).toBe(true);
    expect(isOurs('dana@example.com')).toBe(false);
    expect(isOurs('other.lead@example.org')).toBe(false);
    expect(isOurs('new.person@example.net')).toBe(false);
  });

  it('with it: that address and colleagues on its company domain, not strangers', () => {
    const isOurs = isOurAddress(kindOf, 'rep@northwind-demo.com');
    expect(isOurs('rep@northwind-demo.com')).toBe(true);
    expect(isOurs('rina@northwind-demo.com')).toBe(true);
    expect(isOurs('colleague.not.asked@northwind-demo.com')).toBe(true);
    expect(isOurs('noreply@github.com')).toBe(false);
    expect(isOurs('dana@example.com')).toBe(false);
  });

  it('on a free-mail domain only the address itself is ours', () => {
    const isOurs = isOurAddress(() => 'other', 'me@gmail.com');
    expect(isOurs('me@gmail.com')).toBe(true);
    expect(isOurs('someone.else@gmail.com')).toBe(false);
  });

  it('reads the signed-in address from Gmail’s title, the last one when the subject holds another', () => {
    expect(signedInAddress('Inbox (3) - rep@northwind-demo.com - Gmail')).toBe('rep@northwind-demo.com');
    expect(signedInAddress('Re: write to a - b@c.com - x - Rep@Northwind-Demo.com - Gmail')).toBe(
      'rep@northwind-demo.com',
    );
    expect(signedInAddress('Gmail')).toBeUndefined();
  });
});

// --- The replicas ----------------------------------------------------------------------------------------------------

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
    const owner = portal.admin.store.owners.find((o) => o.id === contact.props.hubspot_owner_id);
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
    const owner = portal.admin.store.owners.find((o) => o.id === contact.props.hubspot_owner_id);
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
