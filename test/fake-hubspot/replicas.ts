// Page replicas of HubSpot, Gmail, Outlook on the web and a partner landing page, rendered at request time from the
// generated portal. Each view is a tree of [tag, attributes, ...children] built once: the server turns it into
// escaped HTML for the first load, and /__replica/view sends it as JSON for the page's script to rebuild with DOM
// calls on in-app navigation (Gmail's Trusted Types forbid innerHTML). Structure follows docs/SITES.md; the shells and
// their dated "modelled on" notes live in test/fixtures/replicas/.
import { readFileSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { fileURLToPath } from 'node:url';
import type { CrmRecord, PortalStore } from './store.ts';

export type Site = 'hubspot' | 'gmail' | 'outlook' | 'partner';
export type VNode = string | [string, Record<string, string>, ...VNode[]];

export interface PageContext {
  store: PortalStore;
  now(): number;
  portalId: number;
}

interface View {
  status: number;
  title: string;
  body: VNode;
}

const FIXTURES = fileURLToPath(new URL('../fixtures/replicas/', import.meta.url));
const HOSTS: Record<string, Site> = {
  'app.hubspot.com': 'hubspot',
  'app-eu1.hubspot.com': 'hubspot',
  'app-na2.hubspot.com': 'hubspot',
  'mail.google.com': 'gmail',
  'outlook.office.com': 'outlook',
  'outlook.office365.com': 'outlook',
  'outlook.live.com': 'outlook',
  'www.example-partner.com': 'partner',
};

/** The replica a host name serves, or null for the API hosts. */
export function pageSiteOf(hostname: string): Site | null {
  return HOSTS[hostname.toLowerCase()] ?? null;
}

const shells = new Map<string, string>();
function fixture(name: string): string {
  let text = shells.get(name);
  if (text === undefined) {
    text = readFileSync(`${FIXTURES}${name}`, 'utf8');
    shells.set(name, text);
  }
  return text;
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) =>
    c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '"' ? '&quot;' : '&#39;',
  );
}

const VOID_ELEMENTS = new Set(['input', 'br', 'img', 'meta', 'hr']);

export function toHtml(node: VNode): string {
  if (typeof node === 'string') return escapeHtml(node);
  const [tag, attrs, ...children] = node;
  let out = `<${tag}`;
  for (const [name, value] of Object.entries(attrs)) out += ` ${name}="${escapeHtml(value)}"`;
  out += '>';
  if (VOID_ELEMENTS.has(tag)) return out;
  for (const child of children) out += toHtml(child);
  return `${out}</${tag}>`;
}

const h = (tag: string, attrs: Record<string, string> = {}, ...children: VNode[]): VNode => [tag, attrs, ...children];

// --- Shared data helpers ----------------------------------------------------------------------------------------

function fullName(contact: CrmRecord): string {
  const name = `${contact.props.firstname ?? ''} ${contact.props.lastname ?? ''}`.trim();
  return name || contact.props.email || `Contact ${contact.id}`;
}

function shortDate(ms: number): string {
  return new Date(ms).toLocaleDateString('en-US', { month: 'short', day: 'numeric', timeZone: 'America/New_York' });
}

function longDate(ms: number): string {
  return new Date(ms).toLocaleString('en-US', {
    weekday: 'short',
    month: 'short',
    day: 'numeric',
    year: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    timeZone: 'America/New_York',
  });
}

/** Outlook's reading-pane time (SentReceivedSavedTime, public scripts 2024–2025): "Tue 6/10/2026 8:05 AM". */
function outlookDate(ms: number): string {
  return new Date(ms)
    .toLocaleString('en-US', {
      weekday: 'short',
      month: 'numeric',
      day: 'numeric',
      year: 'numeric',
      hour: 'numeric',
      minute: '2-digit',
      timeZone: 'America/New_York',
    })
    .replace(/,/g, '');
}

/**
 * A reply that is in the mailbox but was never logged to HubSpot, as when a rep answers from Gmail or Outlook without
 * HubSpot's add-in: `?unloggedReply=1` on a thread's route appends one from the lead's owner, sent now. Test-only,
 * for "answered in mail but not logged" (issue #6); no engagement is created.
 */
interface UnloggedReply {
  at: number;
  text: string;
}

function unloggedReplyOf(ctx: PageContext, query: URLSearchParams): UnloggedReply | null {
  return query.get('unloggedReply') === '1' ? { at: ctx.now(), text: 'Thanks, I will call you in ten minutes.' } : null;
}

function timestampOf(record: CrmRecord): number {
  const at = Date.parse(record.props.hs_timestamp ?? '');
  return Number.isFinite(at) ? at : record.createdAt;
}

function ownerName(ctx: PageContext, ownerId: string | null | undefined): string {
  const owner = ctx.store.owners.find((o) => o.id === ownerId);
  return owner ? `${owner.firstName} ${owner.lastName}` : 'No owner';
}

interface MailThread {
  contact: CrmRecord;
  latest: CrmRecord;
}

/** Conversations with leads, newest first: each contact's latest e-mail, walking e-mails from the newest id. */
function recentThreads(ctx: PageContext, count: number): MailThread[] {
  const emails = ctx.store.list('emails');
  const seen = new Set<number>();
  const out: MailThread[] = [];
  for (let i = emails.length - 1; i >= 0 && out.length < count; i--) {
    const email = emails[i];
    if (!email || email.archived || timestampOf(email) > ctx.now()) continue;
    const contactId = ctx.store.associatedIds('emails', email.id, 'contacts')[0];
    if (contactId === undefined || seen.has(contactId)) continue;
    const contact = ctx.store.get('contacts', contactId);
    if (!contact || contact.archived || !contact.props.email) continue;
    seen.add(contactId);
    out.push({ contact, latest: email });
  }
  return out;
}

function threadEmails(ctx: PageContext, contact: CrmRecord): CrmRecord[] {
  return ctx.store
    .associatedIds('contacts', contact.id, 'emails')
    .map((id) => ctx.store.get('emails', id))
    .filter((e): e is CrmRecord => e !== undefined && timestampOf(e) <= ctx.now())
    .sort((a, b) => timestampOf(a) - timestampOf(b))
    .slice(-20);
}

// Mail that is not from leads, so overlays meet addresses the CRM does not know.
const NOISE_SENDERS: readonly (readonly [string, string, string])[] = [
  ['GitHub', 'noreply@github.com', '[leadlens] Pull request review requested'],
  ['Calendly', 'notifications@calendly.com', 'New event: Intro call'],
  ['Stripe', 'receipts@stripe.com', 'Your receipt from Northwind'],
  ['Google Workspace', 'workspace-noreply@google.com', 'Your storage is almost full'],
];

// --- Gmail ---------------------------------------------------------------------------------------------------------

/** Gmail's thread ids are 16 hex digits; ours encode the contact so a thread URL can be resolved. */
function gmailThreadId(contactId: number): string {
  return `18c${contactId.toString(16).padStart(13, '0')}`;
}

function gmailSender(name: string, email: string, unread: boolean): VNode {
  return h(
    'span',
    { class: 'bA4' },
    h('span', { class: unread ? 'zF' : 'yP', email, name, 'data-hovercard-id': email }, name),
  );
}

function gmailInbox(ctx: PageContext, rows: number): View {
  const threads = recentThreads(ctx, rows);
  const trs: VNode[] = [];
  for (let i = 0; i < rows; i++) {
    const thread = threads[i];
    let sender: [string, string];
    let subject: string;
    let snippet: string;
    let at: number;
    let threadId: string;
    if (thread) {
      sender = [fullName(thread.contact), thread.contact.props.email ?? ''];
      subject = thread.latest.props.hs_email_subject ?? '(no subject)';
      snippet = thread.latest.props.hs_email_text ?? '';
      at = timestampOf(thread.latest);
      threadId = gmailThreadId(thread.contact.id);
    } else {
      const noise = NOISE_SENDERS[i % NOISE_SENDERS.length] ?? ['Someone', 'someone@example.com', 'Hello'];
      sender = [noise[0], noise[1]];
      subject = noise[2];
      snippet = 'This message is not from a lead.';
      at = ctx.now() - (i + 1) * 3_600_000;
      threadId = `19f${String(i).padStart(13, '0')}`;
    }
    const unread = i % 3 === 0;
    // The row's one-line summary for screen readers (captures 2014, 2019, 2024): visually hidden, first in the sender
    // cell, named by the checkbox's aria-labelledby, and repeating the sender's chip.
    const summaryId = `:${i.toString(36)}s`;
    trs.push(
      h(
        'tr',
        { class: unread ? 'zA zE' : 'zA yO', role: 'row', tabindex: '-1', 'data-nav': `#inbox/${threadId}` },
        h('td', { class: 'PF xY' }),
        h(
          'td',
          { class: 'oZ-x3 xY' },
          h('div', { role: 'checkbox', 'aria-checked': 'false', 'aria-labelledby': summaryId }),
        ),
        h(
          'td',
          { class: 'yX xY', role: 'gridcell' },
          h(
            'div',
            { class: 'afn', id: summaryId },
            unread ? 'unread, ' : '',
            gmailSender(sender[0], sender[1], unread),
            `, ${subject}, ${shortDate(at)}, ${snippet}`,
          ),
          h('div', { class: 'yW' }, gmailSender(sender[0], sender[1], unread)),
        ),
        h(
          'td',
          { class: 'xY a4W' },
          h(
            'div',
            { class: 'xS', role: 'link' },
            h('div', { class: 'y6' }, h('span', { class: 'bog' }, h('span', {}, subject))),
            h('span', { class: 'y2' }, ` - ${snippet}`),
          ),
          h('span', {
            'data-thread-id': `#thread-f:${BigInt(`0x${threadId}`).toString()}`,
            'data-legacy-thread-id': threadId,
            hidden: '',
          }),
        ),
        h('td', { class: 'xW xY' }, h('span', { title: longDate(at) }, h('span', {}, shortDate(at)))),
      ),
    );
  }
  return {
    status: 200,
    title: 'Inbox - rep@northwind-demo.com - Gmail',
    body: gmailFrame(h('div', { class: 'Cp' }, h('table', { class: 'F cf zt', role: 'grid' }, h('tbody', {}, ...trs)))),
  };
}

function gmailFrame(main: VNode): VNode {
  return h(
    'div',
    { class: 'nH' },
    h(
      'header',
      { class: 'gb_' },
      h('form', { role: 'search' }, h('input', { 'aria-label': 'Search mail', name: 'q' })),
    ),
    h(
      'div',
      { class: 'aeN', role: 'navigation' },
      h('a', { href: '#inbox', class: 'J-Ke n0', 'data-nav': '#inbox' }, 'Inbox'),
      h('a', { href: '#sent', class: 'J-Ke n0', 'data-nav': '#sent' }, 'Sent'),
    ),
    h('div', { role: 'main', class: 'nH bkK' }, main),
  );
}

function gmailThread(ctx: PageContext, threadId: string, reply: UnloggedReply | null): View {
  const contactId = /^18c[0-9a-f]{13}$/.test(threadId) ? Number.parseInt(threadId.slice(3), 16) : Number.NaN;
  const contact = ctx.store.get('contacts', contactId);
  if (!contact || contact.archived) {
    return {
      status: 404,
      title: 'Gmail',
      body: gmailFrame(h('div', { class: 'aeF' }, 'The conversation could not be found.')),
    };
  }
  const emails = threadEmails(ctx, contact);
  const rep = ctx.store.owners.find((o) => o.id === contact.props.hubspot_owner_id) ?? ctx.store.owners[0];
  const repName = rep ? `${rep.firstName} ${rep.lastName}` : 'Rep';
  const repEmail = rep?.email ?? 'rep@northwind-demo.com';
  const shown = emails.map((email) => ({
    id: email.id,
    inbound: email.props.hs_email_direction === 'INCOMING_EMAIL',
    at: timestampOf(email),
    text: email.props.hs_email_text ?? '',
  }));
  // Ids above every engagement's, so the unlogged reply's message id never collides with a logged one.
  if (reply) shown.push({ id: 9_000_000_000 + contact.id, inbound: false, at: reply.at, text: reply.text });
  const messages = shown.map((email) => {
    const inbound = email.inbound;
    const [fromName, fromEmail] = inbound ? [fullName(contact), contact.props.email ?? ''] : [repName, repEmail];
    const [toName, toEmail] = inbound ? [repName, repEmail] : [fullName(contact), contact.props.email ?? ''];
    return h(
      'div',
      { class: 'adn ads', 'data-message-id': `#msg-f:${email.id}`, 'data-legacy-message-id': email.id.toString(16) },
      h(
        'div',
        { class: 'gs' },
        h(
          'table',
          { class: 'cf gJ' },
          h(
            'tbody',
            {},
            h(
              'tr',
              {},
              h(
                'td',
                { class: 'gF gK' },
                h('span', { class: 'gD', email: fromEmail, name: fromName, 'data-hovercard-id': fromEmail }, fromName),
              ),
              h('td', { class: 'gH' }, h('span', { class: 'g3', title: longDate(email.at) }, shortDate(email.at))),
            ),
          ),
        ),
        h(
          'div',
          { class: 'hb' },
          'to ',
          h('span', { class: 'g2', email: toEmail, name: toName, 'data-hovercard-id': toEmail }, toName),
        ),
        h('div', { class: 'a3s aiL' }, email.text),
      ),
    );
  });
  const subject = emails[0]?.props.hs_email_subject ?? '(no subject)';
  return {
    status: 200,
    title: `${subject} - rep@northwind-demo.com - Gmail`,
    body: gmailFrame(h('div', { class: 'nH' }, h('h2', { class: 'hP' }, subject), ...messages)),
  };
}

function gmailView(ctx: PageContext, hash: string): View {
  const route = hash.replace(/^#/, '') || 'inbox';
  const [pathPart = 'inbox', query = ''] = route.split('?');
  const segments = pathPart.split('/');
  if (segments[0] === 'inbox' && segments[1])
    return gmailThread(ctx, segments[1], unloggedReplyOf(ctx, new URLSearchParams(query)));
  const rows = Number(new URLSearchParams(query).get('rows') ?? '50');
  return gmailInbox(ctx, Math.max(0, Math.min(5000, Number.isFinite(rows) ? Math.floor(rows) : 50)));
}

// --- Outlook on the web -----------------------------------------------------------------------------------------------

function outlookId(contactId: number): string {
  return `AAQkADAwATM0MDAAMS${Buffer.from(`lead-${contactId}`).toString('base64url')}`;
}

function outlookContactOf(ctx: PageContext, id: string): CrmRecord | undefined {
  if (!id.startsWith('AAQkADAwATM0MDAAMS')) return undefined;
  const decoded = Buffer.from(id.slice('AAQkADAwATM0MDAAMS'.length), 'base64url').toString('utf8');
  const match = /^lead-(\d+)$/.exec(decoded);
  return match ? ctx.store.get('contacts', Number(match[1])) : undefined;
}

function outlookPersona(name: string, email: string, role: string): VNode {
  return h(
    'span',
    {
      role: 'button',
      tabindex: '0',
      class: 'lpc-hoverTarget',
      'aria-label': `${role}${name} <${email}>`,
      title: email,
    },
    h('span', { class: 'OZZZK' }, name),
  );
}

function outlookView(ctx: PageContext, pathname: string, query: URLSearchParams): View {
  const rowsParam = query.get('rows');
  const reply = unloggedReplyOf(ctx, query);
  const match = /^\/mail(?:\/0)?\/inbox(?:\/id\/([^/]+))?\/?$/.exec(pathname);
  const rows = Math.max(0, Math.min(2000, Number(rowsParam ?? '40') || 40));
  const threads = recentThreads(ctx, rows);
  const selected = match?.[1] ? decodeURIComponent(match[1]) : null;
  const options = threads.map((thread) => {
    const id = outlookId(thread.contact.id);
    const name = fullName(thread.contact);
    const subject = thread.latest.props.hs_email_subject ?? '(no subject)';
    return h(
      'div',
      {
        role: 'option',
        'data-convid': id,
        'aria-selected': String(id === selected),
        'aria-label': `${name} ${subject} ${shortDate(timestampOf(thread.latest))}`,
        'data-nav': `/mail/inbox/id/${encodeURIComponent(id)}`,
        tabindex: '-1',
      },
      h('div', { class: 'XG5Jd' }, h('span', { title: thread.contact.props.email ?? '' }, name)),
      h('div', { class: 'IjzWp' }, h('span', { class: 'TtcXM' }, subject)),
      h('div', { class: 'FqgPc' }, h('span', {}, thread.latest.props.hs_email_text ?? '')),
      h('span', { class: '_rWRU', title: longDate(timestampOf(thread.latest)) }, shortDate(timestampOf(thread.latest))),
    );
  });
  const list = h('div', { role: 'listbox', 'aria-label': 'Message list', class: 'customScrollBar jEpCF' }, ...options);
  let pane: VNode = h('div', { 'data-app-section': 'MailReadCompose', class: 'empty' }, 'Select an item to read');
  let status = match ? 200 : 404;
  if (selected) {
    const contact = outlookContactOf(ctx, selected);
    if (!contact || contact.archived) {
      status = 404;
      pane = h('div', { 'data-app-section': 'MailReadCompose' }, 'This message could not be found.');
    } else {
      const rep = ctx.store.owners.find((o) => o.id === contact.props.hubspot_owner_id) ?? ctx.store.owners[0];
      const emails = threadEmails(ctx, contact);
      pane = h(
        'div',
        { 'data-app-section': 'MailReadCompose', 'aria-label': 'Reading Pane' },
        h(
          'div',
          { role: 'heading', 'aria-level': '2', class: 'JdFsz' },
          emails[0]?.props.hs_email_subject ?? '(no subject)',
        ),
        ...[
          ...emails.map((email) => ({
            id: email.id,
            inbound: email.props.hs_email_direction === 'INCOMING_EMAIL',
            at: timestampOf(email),
            text: email.props.hs_email_text ?? '',
          })),
          ...(reply ? [{ id: 9_000_000_000 + contact.id, inbound: false, ...reply }] : []),
        ].map((email) => {
          const inbound = email.inbound;
          const lead = outlookPersona(fullName(contact), contact.props.email ?? '', inbound ? 'From: ' : 'To: ');
          const repPersona = outlookPersona(
            rep ? `${rep.firstName} ${rep.lastName}` : 'Rep',
            rep?.email ?? '',
            inbound ? 'To: ' : 'From: ',
          );
          return h(
            'div',
            { class: 'wide-content-host', 'data-item-id': String(email.id) },
            h(
              'div',
              { class: 'l8Tnu' },
              inbound ? lead : repPersona,
              ' → ',
              inbound ? repPersona : lead,
              h('div', { 'data-testid': 'SentReceivedSavedTime', class: 'AL_OM' }, outlookDate(email.at)),
            ),
            h('div', { class: 'XbIp4 jmmB7 GNqVo', 'aria-label': 'Message body' }, email.text),
          );
        }),
      );
    }
  }
  return {
    status,
    title: 'Mail - Rep - Outlook',
    body: h(
      'div',
      { id: 'MainModule' },
      h(
        'div',
        { role: 'navigation', 'aria-label': 'Folder pane' },
        h('a', { href: '/mail/inbox', 'data-nav': '/mail/inbox' }, 'Inbox'),
      ),
      h('div', { role: 'main', class: 'mainPane' }, h('div', { class: 'messageList' }, list), pane),
    ),
  };
}

// --- HubSpot -------------------------------------------------------------------------------------------------------

function hubspotFrame(ctx: PageContext, main: VNode): VNode {
  const pid = String(ctx.portalId);
  return h(
    'div',
    { class: 'private-layout' },
    h(
      'nav',
      { 'aria-label': 'Main navigation', class: 'navigation-bar' },
      h('a', { href: `/contacts/${pid}/objects/0-1/views/all/list` }, 'Contacts'),
      h('a', { href: `/contacts/${pid}/objects/0-3/views/all/board` }, 'Deals'),
    ),
    h('main', { class: 'private-page' }, main),
  );
}

function recordLink(ctx: PageContext, typeId: string, id: number, text: string): VNode {
  return h('a', { href: `/contacts/${ctx.portalId}/record/${typeId}/${id}`, class: 'private-link' }, text);
}

function contactRecord(ctx: PageContext, contact: CrmRecord): View {
  const p = contact.props;
  const touches: CrmRecord[] = [];
  for (const type of ['emails', 'calls', 'meetings', 'notes', 'tasks'] as const) {
    for (const id of ctx.store.associatedIds('contacts', contact.id, type)) {
      const touch = ctx.store.get(type, id);
      if (touch) touches.push(touch);
    }
  }
  touches.sort((a, b) => timestampOf(b) - timestampOf(a));
  const deals = ctx.store.associatedIds('contacts', contact.id, 'deals');
  const companies = ctx.store.associatedIds('contacts', contact.id, 'companies');
  const field = (label: string, value: string | null | undefined): VNode =>
    h('div', { class: 'property' }, h('dt', {}, label), h('dd', {}, value ?? '--'));
  return {
    status: 200,
    title: `${fullName(contact)} | HubSpot`,
    body: hubspotFrame(
      ctx,
      h(
        'div',
        { class: 'record-page', 'data-object-type-id': '0-1', 'data-record-id': String(contact.id) },
        h(
          'aside',
          { class: 'record-left-sidebar' },
          h('h1', { class: 'record-name' }, fullName(contact)),
          h('div', { class: 'record-email' }, p.email ?? ''),
          h(
            'dl',
            { class: 'about-this-contact' },
            field('Email', p.email),
            field('Phone number', p.phone),
            field('Contact owner', ownerName(ctx, p.hubspot_owner_id)),
            field('Lifecycle stage', p.lifecyclestage),
            field('Lead status', p.hs_lead_status),
            field('Original source', p.hs_analytics_source),
            field('Create date', new Date(contact.createdAt).toISOString()),
          ),
        ),
        h(
          'section',
          { class: 'record-timeline', 'aria-label': 'Activity' },
          h('h2', {}, 'Activity'),
          h(
            'ul',
            {},
            ...touches.slice(0, 30).map((touch) =>
              h(
                'li',
                {
                  class: 'timeline-item',
                  'data-engagement-type': touch.type,
                  'data-engagement-id': String(touch.id),
                },
                h('time', { datetime: new Date(timestampOf(touch)).toISOString() }, longDate(timestampOf(touch))),
                ' ',
                touch.props.hs_email_subject ??
                  touch.props.hs_call_title ??
                  touch.props.hs_meeting_title ??
                  touch.props.hs_note_body ??
                  touch.props.hs_task_subject ??
                  touch.type,
              ),
            ),
          ),
        ),
        h(
          'aside',
          { class: 'record-right-sidebar' },
          h('h2', {}, `Deals (${deals.length})`),
          h(
            'ul',
            {},
            ...deals.map((id) =>
              h('li', {}, recordLink(ctx, '0-3', id, ctx.store.get('deals', id)?.props.dealname ?? `Deal ${id}`)),
            ),
          ),
          h('h2', {}, `Companies (${companies.length})`),
          h(
            'ul',
            {},
            ...companies.map((id) =>
              h('li', {}, recordLink(ctx, '0-2', id, ctx.store.get('companies', id)?.props.name ?? `Company ${id}`)),
            ),
          ),
        ),
      ),
    ),
  };
}

function otherRecord(ctx: PageContext, record: CrmRecord, typeId: string): View {
  const title =
    record.type === 'deals'
      ? (record.props.dealname ?? `Deal ${record.id}`)
      : (record.props.name ?? `Company ${record.id}`);
  const contacts = ctx.store.associatedIds(record.type, record.id, 'contacts');
  const details: VNode[] =
    record.type === 'deals'
      ? [
          h('div', {}, `Amount: ${record.props.amount ?? '--'}`),
          h('div', {}, `Stage: ${record.props.dealstage ?? '--'}`),
          h('div', {}, `Close date: ${record.props.closedate ?? '--'}`),
        ]
      : [h('div', {}, `Domain: ${record.props.domain ?? '--'}`)];
  return {
    status: 200,
    title: `${title} | HubSpot`,
    body: hubspotFrame(
      ctx,
      h(
        'div',
        { class: 'record-page', 'data-object-type-id': typeId, 'data-record-id': String(record.id) },
        h('h1', { class: 'record-name' }, title),
        ...details,
        h('h2', {}, `Contacts (${contacts.length})`),
        h(
          'ul',
          {},
          ...contacts.map((id) => {
            const contact = ctx.store.get('contacts', id);
            return h('li', {}, recordLink(ctx, '0-1', id, contact ? fullName(contact) : `Contact ${id}`));
          }),
        ),
      ),
    ),
  };
}

function contactList(ctx: PageContext, page: number): View {
  const pageSize = 25;
  const contacts = ctx.store.list('contacts');
  const rows: VNode[] = [];
  let skipped = 0;
  for (let i = contacts.length - 1; i >= 0 && rows.length < pageSize; i--) {
    const contact = contacts[i];
    if (!contact || contact.archived || contact.createdAt > ctx.now()) continue;
    if (skipped++ < page * pageSize) continue;
    rows.push(
      h(
        'tr',
        { 'data-test-id': 'table-row', 'data-row-key': String(contact.id) },
        h('td', {}, h('input', { type: 'checkbox', 'aria-label': 'Select row' })),
        h('td', { class: 'name-cell' }, recordLink(ctx, '0-1', contact.id, fullName(contact))),
        h('td', {}, contact.props.email ?? '--'),
        h('td', {}, ownerName(ctx, contact.props.hubspot_owner_id)),
        h('td', {}, contact.props.lifecyclestage ?? '--'),
        h('td', {}, contact.props.hs_lead_status ?? '--'),
        h('td', {}, longDate(contact.createdAt)),
      ),
    );
  }
  const next = `/contacts/${ctx.portalId}/objects/0-1/views/all/list?page=${page + 1}`;
  return {
    status: 200,
    title: 'Contacts | HubSpot',
    body: hubspotFrame(
      ctx,
      h(
        'div',
        { class: 'index-page', 'data-object-type-id': '0-1' },
        h('h1', {}, 'Contacts'),
        h(
          'table',
          { role: 'grid', class: 'index-table' },
          h(
            'thead',
            {},
            h(
              'tr',
              {},
              ...['', 'Name', 'Email', 'Contact owner', 'Lifecycle stage', 'Lead status', 'Create date'].map((t) =>
                h('th', {}, t),
              ),
            ),
          ),
          h('tbody', {}, ...rows),
        ),
        h('a', { href: next, class: 'pagination-next' }, 'Next'),
      ),
    ),
  };
}

function dealBoard(ctx: PageContext, pipelineId: string): View {
  const pipeline = ctx.store.pipelines.find((p) => p.id === pipelineId) ?? ctx.store.pipelines[0];
  const byStage = new Map<string, CrmRecord[]>();
  const deals = ctx.store.list('deals');
  for (let i = deals.length - 1; i >= 0; i--) {
    const deal = deals[i];
    if (!deal || deal.archived || deal.props.pipeline !== pipeline?.id || deal.createdAt > ctx.now()) continue;
    const list = byStage.get(deal.props.dealstage ?? '') ?? [];
    if (list.length < 20) list.push(deal);
    byStage.set(deal.props.dealstage ?? '', list);
  }
  return {
    status: 200,
    title: 'Deals | HubSpot',
    body: hubspotFrame(
      ctx,
      h(
        'div',
        { class: 'board-page', 'data-object-type-id': '0-3', 'data-pipeline-id': pipeline?.id ?? '' },
        h('h1', {}, pipeline?.label ?? 'Deals'),
        h(
          'div',
          { class: 'board', role: 'list' },
          ...(pipeline?.stages ?? []).map((stage) =>
            h(
              'section',
              { class: 'board-column', 'data-stage-id': stage.id, role: 'listitem' },
              h('h2', {}, stage.label),
              ...(byStage.get(stage.id) ?? []).map((deal) =>
                h(
                  'div',
                  { class: 'board-card', 'data-deal-id': String(deal.id) },
                  recordLink(ctx, '0-3', deal.id, deal.props.dealname ?? `Deal ${deal.id}`),
                  h('div', { class: 'card-amount' }, deal.props.amount ? `$${deal.props.amount}` : '--'),
                ),
              ),
            ),
          ),
        ),
      ),
    ),
  };
}

function hubspotView(ctx: PageContext, url: URL): View {
  const parts = url.pathname.split('/').filter(Boolean);
  const notFound: View = {
    status: 404,
    title: 'Page not found | HubSpot',
    body: hubspotFrame(ctx, h('h1', {}, 'This page could not be found')),
  };
  if (parts[0] !== 'contacts' || parts[1] === undefined) {
    if (parts.length === 0) return contactList(ctx, 0);
    return notFound;
  }
  if (parts[1] !== String(ctx.portalId)) {
    return {
      status: 403,
      title: 'HubSpot',
      body: hubspotFrame(ctx, h('h1', {}, "You don't have access to this account")),
    };
  }
  const [, , kind, a, b, c, d] = parts;
  // /contacts/{portalId}/record/{typeId}/{id}, and the legacy /contact/{id}, /company/{id}, /deal/{id}.
  const legacy: Record<string, string> = { contact: '0-1', company: '0-2', deal: '0-3' };
  const typeId = kind === 'record' ? a : kind ? legacy[kind] : undefined;
  const idText = kind === 'record' ? b : a;
  if (typeId && idText && /^\d+$/.test(idText)) {
    const type = typeId === '0-1' ? 'contacts' : typeId === '0-2' ? 'companies' : typeId === '0-3' ? 'deals' : null;
    const record = type ? ctx.store.get(type, Number(idText)) : undefined;
    if (!record || record.archived) return notFound;
    return record.type === 'contacts' ? contactRecord(ctx, record) : otherRecord(ctx, record, typeId);
  }
  if (kind === 'objects' && b === 'views' && c) {
    if (a === '0-1' && d === 'list')
      return contactList(ctx, Math.max(0, Number(url.searchParams.get('page') ?? '0') || 0));
    if (a === '0-3' && d === 'board') return dealBoard(ctx, url.searchParams.get('pipeline') ?? 'default');
  }
  return notFound;
}

// --- Partner landing page --------------------------------------------------------------------------------------------

function partnerView(ctx: PageContext, url: URL): View {
  const speakers = ctx.store
    .list('contacts')
    .filter((c) => !c.archived && c.props.email && c.props.hs_analytics_source_data_1 === 'www.example-partner.com')
    .slice(0, 3);
  const fallback = ctx.store
    .list('contacts')
    .filter((c) => !c.archived && c.props.email?.includes('@'))
    .slice(0, 3);
  const people = speakers.length >= 2 ? speakers : fallback;
  const tab = url.hash.replace('#', '') || 'agenda';
  const tabs = ['agenda', 'speakers', 'register'].map((t) =>
    h('a', { href: `#${t}`, 'data-nav': `#${t}`, 'aria-current': String(t === tab) }, t[0]?.toUpperCase() + t.slice(1)),
  );
  const content: VNode =
    tab === 'speakers'
      ? h(
          'ul',
          {},
          ...people.map((p) =>
            h('li', {}, `${fullName(p)} — `, h('a', { href: `mailto:${p.props.email ?? ''}` }, p.props.email ?? '')),
          ),
        )
      : tab === 'register'
        ? h(
            'p',
            {},
            'Questions? Write to ',
            h('a', { href: 'mailto:events@example-partner.com' }, 'events@example-partner.com'),
            '.',
          )
        : h(
            'p',
            {},
            `Join ${people.map(fullName).join(', ')} for the Q4 launch. Contact our hosts at `,
            people.map((p) => p.props.email ?? '').join(', '),
            ' or events@example-partner.com.',
          );
  return {
    status: url.pathname === '/webinar' || url.pathname === '/' ? 200 : 404,
    title: 'Q4 Launch webinar | Example Partner',
    body: h(
      'div',
      { class: 'landing' },
      h('h1', {}, 'Q4 Launch: answering every lead in five minutes'),
      h('nav', {}, ...tabs),
      h('section', { id: 'content' }, content),
      h('footer', {}, `utm_campaign=${url.searchParams.get('utm_campaign') ?? ''}`),
    ),
  };
}

// --- Serving -------------------------------------------------------------------------------------------------------

/** The view for a location on a site; Gmail's route is in the hash, which a first load never sends. */
export function renderView(site: Site, url: URL, ctx: PageContext): View {
  if (site === 'gmail') return gmailView(ctx, url.hash || '#inbox');
  if (site === 'outlook') return outlookView(ctx, url.pathname, url.searchParams);
  if (site === 'partner') return partnerView(ctx, url);
  return hubspotView(ctx, url);
}

const SHELL: Record<Site, string> = {
  hubspot: 'hubspot.html',
  gmail: 'gmail.html',
  outlook: 'outlook.html',
  partner: 'partner.html',
};

function headersFor(site: Site, type: string): Record<string, string> {
  const headers: Record<string, string> = { 'Content-Type': type, 'Cache-Control': 'no-store' };
  // Gmail enforces Trusted Types: a script that assigns innerHTML throws there, and must throw here too.
  if (site === 'gmail') headers['Content-Security-Policy'] = "require-trusted-types-for 'script'";
  return headers;
}

export function handlePage(site: Site, url: URL, response: ServerResponse, ctx: PageContext): void {
  if (url.pathname === '/__replica/app.js') {
    const script = fixture('replica.js');
    response.writeHead(200, headersFor(site, 'text/javascript;charset=utf-8'));
    response.end(script);
    return;
  }
  if (url.pathname === '/__replica/view') {
    const location = url.searchParams.get('location') ?? '/';
    const view = renderView(site, new URL(location, url.origin), ctx);
    const text = JSON.stringify(view);
    response.writeHead(200, headersFor(site, 'application/json;charset=utf-8'));
    response.end(text);
    return;
  }
  if (url.pathname === '/favicon.ico') {
    response.writeHead(204);
    response.end();
    return;
  }
  if (site === 'gmail' && !url.pathname.startsWith('/mail/')) {
    response.writeHead(302, { Location: '/mail/u/0/#inbox' });
    response.end();
    return;
  }
  if (site === 'outlook' && (url.pathname === '/' || url.pathname === '/mail' || url.pathname === '/mail/')) {
    response.writeHead(302, { Location: '/mail/inbox' });
    response.end();
    return;
  }
  const view = renderView(site, url, ctx);
  const html = fixture(SHELL[site])
    .replace('{{title}}', () => escapeHtml(view.title))
    .replace('{{location}}', () => escapeHtml(url.pathname + url.search + (site === 'gmail' ? '#inbox' : '')))
    // A function, so "$&" in a lead's name is not read as a replacement pattern.
    .replace('{{app}}', () => toHtml(view.body));
  response.writeHead(view.status, headersFor(site, 'text/html;charset=utf-8'));
  response.end(html);
}
