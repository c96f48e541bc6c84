// Every site selector against the page replicas of the local portal (test/fixtures/replicas), with the count each
// page must yield, computed from what the replica rendered for the seeded data.
import https from 'node:https';
import { Window } from 'happy-dom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningPortal, startPortal } from '../../fake-hubspot/server';
import type { SiteAdapter } from '../../../lib/overlay/anchors';
import { gmailAnchors } from '../../../lib/overlay/gmail/anchors';
import { person, listRow, threadMessage } from '../../../lib/overlay/gmail/selectors';
import { hubspotAnchors } from '../../../lib/overlay/hubspot/anchors';
import { recordHeading, recordLink } from '../../../lib/overlay/hubspot/selectors';
import { outlookAnchors } from '../../../lib/overlay/outlook/anchors';
import { listItem, persona, readingPane } from '../../../lib/overlay/outlook/selectors';
import { queryAll } from '../../../lib/overlay/selector';

let portal: RunningPortal;
// The portal needs Node's own URL, so the DOM is a happy-dom window of its own rather than the test environment.
const window = new Window();

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

interface LoadedPage {
  doc: Document;
  location: Location;
}

/** The replica's first render (what the browser gets before any script runs), at its real URL. */
async function load(url: string): Promise<LoadedPage> {
  const parsed = new URL(url);
  const html = await fetchPage(parsed.host, parsed.pathname + parsed.search);
  const doc = new window.DOMParser().parseFromString(html, 'text/html') as unknown as Document;
  return { doc, location: parsed as unknown as Location };
}

function anchorsOf(adapter: SiteAdapter, page: LoadedPage) {
  return adapter.anchorsIn(page.doc.body, page.location, { portalId: portal.portalId });
}

const silent = () => undefined;

beforeAll(async () => {
  portal = await startPortal({ contacts: 400, seed: 11 });
}, 60_000);

afterAll(async () => {
  await portal.close();
});

describe('Gmail selectors', () => {
  it('inbox: one row and one visible person chip per row, a chip anchor each, none in the hidden summaries', async () => {
    // Gmail's hash never reaches the server: the replica renders its default 50 rows, as for #inbox.
    const page = await load('https://mail.google.com/mail/u/0/');
    const rows = queryAll(page.doc.body, listRow, silent);
    expect(rows).toHaveLength(50);
    // Each row shows its sender once and repeats it in its hidden summary (div.afn), as the real rows do.
    expect(queryAll(page.doc.body, person, silent)).toHaveLength(100);
    const anchors = anchorsOf(gmailAnchors, page);
    expect(anchors).toHaveLength(50);
    expect(anchors.every((anchor) => anchor.variant === 'chip' && anchor.placement === 'before')).toBe(true);
    expect(anchors.some((anchor) => anchor.element.closest('div.afn'))).toBe(false);
    expect(anchors[0]?.keys[0]).toEqual({ email: rows[0]?.querySelector('[email]')?.getAttribute('email') });
  });

  it('opened thread: sender and recipient chips per message, and one lead card under the subject', async () => {
    const inbox = await load('https://mail.google.com/mail/u/0/');
    const firstLeadRow = queryAll(inbox.doc.body, listRow, silent)[0];
    const threadPath = firstLeadRow?.getAttribute('data-nav')?.replace('#', '') ?? '';
    const json = await fetchPage(
      'mail.google.com',
      `/__replica/view?location=${encodeURIComponent(`/mail/u/0/#${threadPath}`)}`,
    );
    expect(json).toContain('data-message-id');
    // The replica's script builds the thread from this JSON with DOM calls; build the same DOM here.
    const view = JSON.parse(json) as { body: unknown };
    const doc = window.document.implementation.createHTMLDocument() as unknown as Document;
    doc.body.append(build(doc, view.body));
    const location = new URL(`https://mail.google.com/mail/u/0/#${threadPath}`) as unknown as Location;
    const messages = queryAll(doc.body, threadMessage, silent);
    expect(messages.length).toBeGreaterThan(0);
    const anchors = gmailAnchors.anchorsIn(doc.body, location, {});
    const chips = anchors.filter((anchor) => anchor.variant === 'chip');
    const strips = anchors.filter((anchor) => anchor.variant === 'strip');
    expect(chips).toHaveLength(messages.length * 2);
    expect(strips).toHaveLength(1);
    expect(strips[0]?.element.tagName).toBe('H2');
    const leadEmail = firstLeadRow?.querySelector('[email]')?.getAttribute('email');
    expect(strips[0]?.keys.map((key) => ('email' in key ? key.email : ''))).toContain(leadEmail);
  });

  it('a person outside the list rows and thread messages gets no chip', async () => {
    const page = await load('https://mail.google.com/mail/u/0/');
    const before = anchorsOf(gmailAnchors, page).length;
    const address = page.doc.querySelector('[email]')?.getAttribute('email') ?? '';
    const main = page.doc.querySelector('div[role="main"]');
    for (const parent of [page.doc.body, main]) {
      const injected = page.doc.createElement('span');
      injected.setAttribute('email', address);
      parent?.append(injected);
    }
    expect(anchorsOf(gmailAnchors, page)).toHaveLength(before);
    expect(gmailAnchors.anchorsIn(page.doc.body.lastElementChild as Element, page.location, {})).toHaveLength(0);
  });

  it("the fallback's row and message classes count only inside the main region, where Gmail puts them", async () => {
    const page = await load('https://mail.google.com/mail/u/0/');
    // Rows without their role (2014 captures): only the fallback `tr.zA` finds them, and it still does in main.
    for (const row of page.doc.querySelectorAll('tr[role="row"]')) row.removeAttribute('role');
    const before = anchorsOf(gmailAnchors, page).length;
    expect(before).toBe(50);
    expect(queryAll(page.doc.body, listRow, silent)).toHaveLength(50);
    const address = page.doc.querySelector('[email]')?.getAttribute('email') ?? '';
    // A page forges Gmail's classes outside the main region: a row, an expanded and a collapsed message.
    const forged = page.doc.createElement('div');
    forged.innerHTML = `<table><tbody><tr class="zA"><td><span email="${address}"></span></td></tr></tbody></table>
      <div class="adn"><span email="${address}"></span></div><div class="adf"><span email="${address}"></span></div>`;
    page.doc.body.append(forged);
    expect(anchorsOf(gmailAnchors, page)).toHaveLength(before);
    expect(gmailAnchors.anchorsIn(forged, page.location, {})).toHaveLength(0);
    expect(queryAll(page.doc.body, listRow, silent)).toHaveLength(50);
  });

  it('falls back to data-hovercard-id when the email attribute disappears, and warns without personal data', async () => {
    const page = await load('https://mail.google.com/mail/u/0/');
    for (const chip of page.doc.querySelectorAll('[email]')) chip.removeAttribute('email');
    const warnings: string[] = [];
    const found = queryAll(page.doc.body, person, (message) => warnings.push(message));
    expect(found).toHaveLength(100);
    expect(warnings).toEqual(['LeadLens: selector gmail.person found nothing; its fallback found 100']);
    expect(warnings.join()).not.toMatch(/@/);
  });
});

describe('HubSpot selectors', () => {
  it('contacts list: a chip beside each of the 25 record links', async () => {
    const page = await load(`https://app.hubspot.com/contacts/${portal.portalId}/objects/0-1/views/all/list`);
    const rows = page.doc.querySelectorAll('tr[data-row-key]').length;
    expect(rows).toBe(25);
    expect(queryAll(page.doc.body, recordLink, silent)).toHaveLength(rows);
    const anchors = anchorsOf(hubspotAnchors, page);
    expect(anchors).toHaveLength(rows);
    expect(anchors[0]?.keys[0]).toEqual({
      contactId: page.doc.querySelector('tr[data-row-key]')?.getAttribute('data-row-key'),
    });
  });

  it('contact record: one strip under the name, keyed by the id in the URL', async () => {
    const id = portal.truth.demo.openTimerLeadIds[0] ?? '';
    const page = await load(`https://app.hubspot.com/contacts/${portal.portalId}/record/0-1/${id}`);
    expect(queryAll(page.doc.body, recordHeading, silent)).toHaveLength(1);
    const strips = anchorsOf(hubspotAnchors, page).filter((anchor) => anchor.variant === 'strip');
    expect(strips).toEqual([
      { element: page.doc.querySelector('main h1'), keys: [{ contactId: id }], variant: 'strip' },
    ]);
  });

  it("anchors nothing until the connected portal is known, and never for another portal's links", async () => {
    const page = await load(`https://app.hubspot.com/contacts/${portal.portalId}/objects/0-1/views/all/list`);
    expect(hubspotAnchors.anchorsIn(page.doc.body, page.location, {})).toHaveLength(0);
    // A page script adds links to guessed ids under a foreign portal: none is anchored beside the page's own.
    const rows = page.doc.querySelectorAll('tr[data-row-key]').length;
    const foreign = page.doc.createElement('a');
    foreign.setAttribute(
      'href',
      `/contacts/999999/record/0-1/${page.doc.querySelector('tr[data-row-key]')?.getAttribute('data-row-key')}`,
    );
    page.doc.body.append(foreign);
    expect(anchorsOf(hubspotAnchors, page)).toHaveLength(rows);
    expect(hubspotAnchors.anchorsIn(foreign, page.location, { portalId: portal.portalId })).toHaveLength(0);
    // Nor a record page of another portal.
    const id = portal.truth.demo.openTimerLeadIds[0] ?? '';
    const record = await load(`https://app.hubspot.com/contacts/${portal.portalId}/record/0-1/${id}`);
    const elsewhere = new URL(`https://app.hubspot.com/contacts/999999/record/0-1/${id}`) as unknown as Location;
    expect(hubspotAnchors.anchorsIn(record.doc.body, elsewhere, { portalId: portal.portalId })).toHaveLength(0);
  });

  it("deals board: a chip per deal card, keyed by the deal (its primary contact's badge), none by contact", async () => {
    const page = await load(`https://app.hubspot.com/contacts/${portal.portalId}/objects/0-3/views/all/board`);
    const dealLinks = [...page.doc.querySelectorAll(`a[href*="/record/0-3/"]`)];
    expect(dealLinks.length).toBeGreaterThan(0);
    expect(queryAll(page.doc.body, recordLink, silent)).toHaveLength(dealLinks.length);
    const anchors = anchorsOf(hubspotAnchors, page);
    expect(anchors.map((anchor) => anchor.element)).toEqual(dealLinks);
    expect(anchors.map((anchor) => anchor.keys)).toEqual(
      dealLinks.map((link) => [{ dealId: /\/record\/0-3\/(\d+)/.exec(link.getAttribute('href') ?? '')?.[1] }]),
    );
    // Another portal's deals get nothing, as its contacts do.
    expect(hubspotAnchors.anchorsIn(page.doc.body, page.location, { portalId: portal.portalId + 1 })).toHaveLength(0);
  });
});

describe('Outlook selectors', () => {
  it('message list: a persona chip per list item', async () => {
    const page = await load('https://outlook.office.com/mail/inbox');
    const items = queryAll(page.doc.body, listItem, silent);
    expect(items).toHaveLength(40);
    const anchors = anchorsOf(outlookAnchors, page);
    expect(anchors).toHaveLength(items.length);
    expect(anchors[0]?.keys[0]).toEqual({ email: items[0]?.querySelector('[title*="@"]')?.getAttribute('title') });
  });

  it('a list item a page forges outside the message list gets no chip, nor do pieces of it', async () => {
    const page = await load('https://outlook.office.com/mail/inbox');
    const before = anchorsOf(outlookAnchors, page).length;
    const address = page.doc.querySelector('[data-convid] [title*="@"]')?.getAttribute('title') ?? '';
    expect(address).toContain('@');
    const forged = page.doc.createElement('div');
    forged.innerHTML = `<div role="option" data-convid="forged-1"><span title="${address}">A</span></div>
      <div data-convid="forged-2"><span aria-label="From: A <${address}>">A</span></div>`;
    page.doc.body.append(forged);
    expect(anchorsOf(outlookAnchors, page)).toHaveLength(before);
    expect(queryAll(page.doc.body, listItem, silent)).toHaveLength(40);
    for (const piece of forged.querySelectorAll('span')) {
      expect(outlookAnchors.anchorsIn(piece, page.location, { portalId: portal.portalId })).toHaveLength(0);
    }
    // A piece re-rendered inside a real list item is still anchored.
    const real = page.doc.querySelector('[role="listbox"] [data-convid] [title*="@"]') as Element;
    expect(outlookAnchors.anchorsIn(real, page.location, { portalId: portal.portalId })).toHaveLength(1);
  });

  it('falls back to any [data-convid] in the message list or the main region when the option role goes', async () => {
    const page = await load('https://outlook.office.com/mail/inbox');
    for (const item of page.doc.querySelectorAll('[data-convid]')) item.removeAttribute('role');
    const warnings: string[] = [];
    expect(queryAll(page.doc.body, listItem, (message) => warnings.push(message))).toHaveLength(40);
    expect(warnings).toEqual(['LeadLens: selector outlook.listItem found nothing; its fallback found 40']);
    expect(anchorsOf(outlookAnchors, page)).toHaveLength(40);
  });

  it('reading pane: two personas per message, and a lead card under the subject', async () => {
    const list = await load('https://outlook.office.com/mail/inbox');
    const convId = queryAll(list.doc.body, listItem, silent)[0]?.getAttribute('data-convid') ?? '';
    const page = await load(`https://outlook.office.com/mail/inbox/id/${encodeURIComponent(convId)}`);
    const pane = queryAll(page.doc.body, readingPane, silent)[0];
    expect(pane).toBeDefined();
    const messages = pane?.querySelectorAll('[data-item-id]').length ?? 0;
    expect(messages).toBeGreaterThan(0);
    expect(queryAll(pane as Element, persona, silent)).toHaveLength(messages * 2);
    const anchors = anchorsOf(outlookAnchors, page);
    expect(anchors.filter((anchor) => anchor.variant === 'chip')).toHaveLength(40 + messages * 2);
    expect(anchors.filter((anchor) => anchor.variant === 'strip')).toHaveLength(1);
  });
});

type VNode = string | [string, Record<string, string>, ...VNode[]];

function build(doc: Document, node: unknown): Node {
  if (typeof node === 'string') return doc.createTextNode(node);
  const [tag, attributes, ...children] = node as [string, Record<string, string>, ...VNode[]];
  const element = doc.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  for (const child of children) element.append(build(doc, child));
  return element;
}
