// Selector health: each site module's expectations on a loaded page, and the popup's question to the content script.
import { Window } from 'happy-dom';
import { describe, expect, it } from 'vitest';
import { gmailAnchors } from '../../../lib/overlay/gmail/anchors';
import { isLayoutQuery, LAYOUT_QUERY, layoutHealth, layoutHealthSchema } from '../../../lib/overlay/health';
import { hubspotAnchors } from '../../../lib/overlay/hubspot/anchors';
import { outlookAnchors } from '../../../lib/overlay/outlook/anchors';
import type { SiteAdapter } from '../../../lib/overlay/anchors';

const window = new Window();
const at = (url: string) => new URL(url) as unknown as Location;

/** A document built by hand from elements and attributes (no site markup). */
function page(build: (doc: Document) => void): Document {
  const doc = new window.DOMParser().parseFromString(
    '<!doctype html><body></body>',
    'text/html',
  ) as unknown as Document;
  build(doc);
  return doc;
}

function el(doc: Document, parent: Element, tag: string, attributes: Record<string, string> = {}, text = ''): Element {
  const element = doc.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  if (text) element.textContent = text;
  parent.append(element);
  return element;
}

function gmailInbox(withPeople: boolean): Document {
  return page((doc) => {
    const body = el(doc, el(doc, el(doc, doc.body, 'div', { role: 'main' }), 'table'), 'tbody');
    for (let row = 0; row < 3; row += 1) {
      const tr = el(doc, body, 'tr', { class: 'zA', role: 'row' });
      el(doc, tr, 'td');
      const sender = el(doc, el(doc, tr, 'td'), 'div', { class: 'yW' });
      el(doc, sender, 'span', withPeople ? { email: `p${row}@example.com`, name: 'P' } : { name: 'P' }, 'P');
      el(doc, tr, 'td', {}, 'Subject');
    }
  });
}

const health = (adapter: SiteAdapter, doc: Document, url: string, portalId?: number) => {
  const { health: spec } = adapter;
  if (!spec) throw new Error(`${adapter.site} states no expectations`);
  return layoutHealth({ ...adapter, health: spec }, doc, at(url), portalId === undefined ? {} : { portalId });
};

describe('layoutHealth', () => {
  it('every site module states its expectations, with the date its selectors were checked', () => {
    for (const adapter of [gmailAnchors, outlookAnchors, hubspotAnchors]) {
      expect(adapter.health?.checked).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(adapter.health?.expectations.length).toBeGreaterThan(0);
    }
  });

  it('Gmail: rows with senders read; the same rows without the attributes that name people do not', () => {
    const inbox = 'https://mail.google.com/mail/u/0/#inbox';
    expect(health(gmailAnchors, gmailInbox(true), inbox)).toEqual({
      state: 'readable',
      site: 'gmail',
      checked: '2026-12-02',
      expectation: 'gmail.list',
    });
    expect(health(gmailAnchors, gmailInbox(false), inbox).state).toBe('unreadable');
  });

  it('makes no claim on an empty inbox, another view, or HubSpot before the portal is known', () => {
    const empty = page((doc) => el(doc, doc.body, 'div', { role: 'main' }, 'No new mail!'));
    expect(health(gmailAnchors, empty, 'https://mail.google.com/mail/u/0/#inbox').state).toBe('idle');
    expect(health(gmailAnchors, gmailInbox(false), 'https://mail.google.com/tasks').state).toBe('idle');
    const list = page((doc) => {
      const tr = el(doc, el(doc, el(doc, doc.body, 'table'), 'tbody'), 'tr');
      el(doc, el(doc, tr, 'td'), 'a', { href: '/contacts/42/record/0-1/7' }, 'Dana');
      el(doc, tr, 'td', {}, 'dana@example.com');
    });
    const index = 'https://app.hubspot.com/contacts/42/objects/0-1/views/all/list';
    expect(health(hubspotAnchors, list, index).state).toBe('idle');
    expect(health(hubspotAnchors, list, index, 42).state).toBe('readable');
    // Another portal's links are not ours to read: the page shows records and none is found.
    expect(health(hubspotAnchors, list, index.replace('/42/', '/43/'), 43).state).toBe('unreadable');
  });

  it('Outlook: options in the list with a sender read; options without one do not', () => {
    const list = (title: string) =>
      page((doc) => {
        const option = el(doc, el(doc, doc.body, 'div', { role: 'listbox' }), 'div', {
          role: 'option',
          'data-convid': 'x',
        });
        el(doc, option, 'span', { title }, 'Dana');
      });
    const url = 'https://outlook.office.com/mail/inbox';
    expect(health(outlookAnchors, list('dana@example.com'), url).state).toBe('readable');
    expect(health(outlookAnchors, list('Dana'), url).state).toBe('unreadable');
  });
});

describe('the popup’s question', () => {
  it('is answered only for our own extension pages', () => {
    const query = { type: LAYOUT_QUERY };
    expect(isLayoutQuery(query, { id: 'ours' }, 'ours')).toBe(true);
    expect(isLayoutQuery(query, { id: 'ours', tab: { id: 3 } }, 'ours')).toBe(false);
    expect(isLayoutQuery(query, { id: 'theirs' }, 'ours')).toBe(false);
    expect(isLayoutQuery({ type: 'other' }, { id: 'ours' }, 'ours')).toBe(false);
  });

  it('the popup takes only a well-formed answer', () => {
    expect(layoutHealthSchema.safeParse({ state: 'unreadable', site: 'gmail', checked: '2026-12-02' }).success).toBe(
      true,
    );
    expect(layoutHealthSchema.safeParse({ state: 'unreadable', site: 'gmail', checked: '<b>x</b>' }).success).toBe(
      false,
    );
    expect(layoutHealthSchema.safeParse({ state: 'broken', site: 'gmail', checked: '2026-12-02' }).success).toBe(false);
  });
});
