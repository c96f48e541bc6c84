// Each site module against real captures of the sites (shared/realdom/fixtures, described in docs/SITES.md, "What the
// real captures showed"): every person a capture shows in a list row, a thread's message header or the reading pane
// is found, exactly once per row or header, and nobody in a row's hidden summary or a message's avatar. The captures
// are read where they are kept, next to the repository (`../shared/realdom`), never copied into it; the frames they
// sit in on the live page (a main region, a table, a pane) are built here by hand. Without the captures this file
// says so in one line.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Window } from 'happy-dom';
import { describe, expect, it } from 'vitest';
import type { Anchor } from '../../../lib/overlay/anchors';
import { gmailAnchors } from '../../../lib/overlay/gmail/anchors';
import { gmailThreadMessages } from '../../../lib/overlay/gmail/thread';
import { layoutHealth } from '../../../lib/overlay/health';
import { localInstant, parseMailDate } from '../../../lib/overlay/mail-date';
import { outlookAnchors } from '../../../lib/overlay/outlook/anchors';
import { readingPane } from '../../../lib/overlay/outlook/selectors';
import { outlookThreadMessages } from '../../../lib/overlay/outlook/thread';
import { queryAll } from '../../../lib/overlay/selector';

const REPO = fileURLToPath(new URL('../../../', import.meta.url));
const FIXTURES = join(REPO, '..', 'shared', 'realdom', 'fixtures');
const present = existsSync(FIXTURES);

const window = new Window();
const silent = () => undefined;
const read = (name: string) => readFileSync(join(FIXTURES, name), 'utf8');
const page = (url: string) => new URL(url) as unknown as Location;
const inbox = page('https://mail.google.com/mail/u/0/#inbox');
const thread = page('https://mail.google.com/mail/u/0/#inbox/16f438e906b36dac');
const outlookList = page('https://outlook.office.com/mail/inbox');
const outlookMessage = page('https://outlook.office.com/mail/inbox/id/AAMkAGI2');

function emptyDocument(): Document {
  return new window.DOMParser().parseFromString(
    '<!doctype html><html><body></body></html>',
    'text/html',
  ) as unknown as Document;
}

/** An element built by hand with its attributes, put under `parent`. */
function frame(parent: Element, tag: string, attributes: Record<string, string> = {}): Element {
  const element = parent.ownerDocument.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  parent.append(element);
  return element;
}

const chips = (anchors: Anchor[]) => anchors.filter((anchor) => anchor.variant === 'chip');
const emailOf = (anchor: Anchor) =>
  'email' in (anchor.keys[0] ?? {}) ? (anchor.keys[0] as { email: string }).email : undefined;

/** Every anchored element once: a second chip on one person would be a second badge. */
function expectOncePerElement(anchors: Anchor[]): void {
  const elements = chips(anchors).map((anchor) => anchor.element);
  expect(new Set(elements).size).toBe(elements.length);
}

if (!present) {
  describe('real captures', () => {
    it('did not run', () => {
      console.info(
        `Real-capture tests did not run: no captures at ${FIXTURES} (public captures of Gmail and Outlook, kept beside the repository and never in it; docs/SITES.md says where they come from).`,
      );
    });
  });
} else {
  describe('Gmail on real captures', () => {
    it("2014 inbox (16 rows): each row's visible sender once, nothing from the rows' hidden summaries", () => {
      const doc = new window.DOMParser().parseFromString(
        read('gmail-2014-inbox.inboxsdk.html'),
        'text/html',
      ) as unknown as Document;
      const rows = [...doc.querySelectorAll('tr.zA')];
      expect(rows.length).toBeGreaterThanOrEqual(16);
      expect(doc.querySelectorAll('div.afn span[email]').length).toBeGreaterThan(0);
      const anchors = gmailAnchors.anchorsIn(doc.body, inbox, {});
      expectOncePerElement(anchors);
      for (const row of rows) {
        const shown = [...row.querySelectorAll('span[email]')].filter((chip) => !chip.closest('div.afn'));
        expect(shown.length).toBeGreaterThan(0);
        const inRow = anchors.filter((anchor) => row.contains(anchor.element)).map((anchor) => anchor.element);
        expect(inRow).toEqual(shown);
      }
      expect(anchors.some((anchor) => anchor.element.closest('div.afn'))).toBe(false);
      // The module's stated expectation holds on the real page: the popup would not call it unreadable.
      const health = gmailAnchors.health;
      if (!health) throw new Error('the Gmail module states no expectations');
      expect(layoutHealth({ ...gmailAnchors, health }, doc, inbox, {}).state).toBe('readable');
    });

    it('2019 (Russian) and 2024 rows, in a list table of the main region: the visible sender once each', () => {
      const doc = emptyDocument();
      const tbody = frame(frame(frame(doc.body, 'div', { role: 'main' }), 'table'), 'tbody');
      tbody.innerHTML =
        read('gmail-2019-inbox-row.ru.html') + JSON.parse(`"${read('gmail-2024-inbox-row.jsstr').trim()}"`);
      const rows = [...tbody.querySelectorAll('tr.zA')];
      expect(rows).toHaveLength(2);
      const anchors = gmailAnchors.anchorsIn(doc.body, inbox, {});
      expectOncePerElement(anchors);
      expect(rows.map((row) => anchors.filter((anchor) => row.contains(anchor.element)).map(emailOf))).toEqual([
        ['whitepeak@mail.ru'],
        ['no-reply@spotify.com'],
      ]);
      expect(anchors.some((anchor) => anchor.element.closest('div.afn'))).toBe(false);
    });

    it('2020 thread of three collapsed messages: each sender once, and the thread reader reads all three', () => {
      const doc = emptyDocument();
      const main = frame(doc.body, 'div', { role: 'main' });
      frame(main, 'h2', { class: 'hP' }).textContent = 'Письмо';
      frame(main, 'div').innerHTML = read('gmail-2020-thread-collapsed.ru.html');
      const anchors = gmailAnchors.anchorsIn(doc.body, thread, {});
      expectOncePerElement(anchors);
      const shown = [...main.querySelectorAll('span[email]')];
      expect(shown).toHaveLength(3);
      expect(chips(anchors).map((anchor) => anchor.element)).toEqual(shown);
      expect(anchors.some((anchor) => anchor.element.tagName === 'IMG')).toBe(false);
      expect(gmailThreadMessages(main, localInstant, silent).map((message) => message.from)).toEqual([
        'whitepeak@mail.ru',
        'whitepeak@mail.ru',
        'whitepeak@mail.ru',
      ]);
      // The thread's lead card reads its people from the collapsed messages too.
      const strip = anchors.find((anchor) => anchor.variant === 'strip');
      expect(strip?.keys).toEqual([{ email: 'whitepeak@mail.ru' }]);
    });

    it('2025 expanded message header: the sender and the recipient once each, not the avatar; its date is read', () => {
      const doc = emptyDocument();
      const main = frame(doc.body, 'div', { role: 'main' });
      frame(main, 'h2', { class: 'hP' }).textContent = 'Subject';
      const message = frame(main, 'div', { class: 'adn ads', 'data-message-id': '#msg-f:1' });
      message.innerHTML = read('gmail-2025-message-header.html');
      const anchors = gmailAnchors.anchorsIn(doc.body, thread, {});
      expectOncePerElement(anchors);
      expect(chips(anchors).map(emailOf)).toEqual(['vinod.jptnp@gmail.com', 'jiitengg2026@googlegroups.com']);
      expect(chips(anchors).map((anchor) => anchor.element.tagName)).toEqual(['SPAN', 'SPAN']);
      const [read0] = gmailThreadMessages(main, localInstant, silent);
      expect(read0?.from).toBe('vinod.jptnp@gmail.com');
      expect(read0?.at).toBe(new Date(2025, 7, 20, 13, 19).getTime());
    });
  });

  describe('Outlook on real captures', () => {
    /** The 2023 card as the conversation pane holds it (the pane's container is the 2025 templates'). */
    function collapsedCard(extra?: (pane: Element) => void) {
      const doc = emptyDocument();
      const pane = frame(doc.body, 'div', { 'data-app-section': 'ConversationContainer' });
      pane.innerHTML = read('outlook-2023-collapsed-preview.html');
      extra?.(pane);
      return { doc, pane };
    }

    it('2023 collapsed card: the sender shown by name only is looked up by name, and its date is read', () => {
      const { doc, pane } = collapsedCard();
      const anchors = outlookAnchors.anchorsIn(doc.body, outlookList, {});
      expect(anchors.map((anchor) => anchor.keys)).toEqual([[{ name: 'victor lin' }]]);
      expect(anchors[0]?.element.textContent).toBe('Victor Lin');
      const dates = [...pane.querySelectorAll('div')]
        .filter((element) => element.children.length === 0)
        .map((element) => parseMailDate(element.textContent))
        .filter((clock) => clock !== undefined);
      expect(dates).toEqual([{ year: 2023, month: 5, day: 10, hour: 15, minute: 25 }]);
    });

    it('2023 collapsed card: the name is left alone when someone else on the thread with an address shows it', () => {
      const { doc } = collapsedCard((pane) => {
        // Hand-written: an expanded message's persona of another Victor Lin, as the 2025 templates draw personas.
        const persona = frame(pane, 'span', { 'aria-label': 'From: Victor Lin <victor.lin@other.example>' });
        frame(persona, 'span', { class: 'OZZZK' }).textContent = 'Víctor LIN';
      });
      const anchors = outlookAnchors.anchorsIn(doc.body, outlookList, {});
      expect(anchors.map((anchor) => anchor.keys)).toEqual([[{ email: 'victor.lin@other.example' }]]);
    });

    it('2025 conversation pane (English): the From persona once, inside the adapter’s scopes; its message is read', () => {
      const doc = emptyDocument();
      doc.body.innerHTML = read('outlook-2025-reading-pane-en.mailvelope-derived.html');
      const anchors = outlookAnchors.anchorsIn(doc.body, outlookMessage, {});
      expectOncePerElement(anchors);
      expect(chips(anchors).map(emailOf)).toEqual(['sender@example.com']);
      expect(chips(anchors)[0]?.element.getAttribute('aria-label')).toBe('From: sender@example.com');
      const pane = queryAll(doc.body, readingPane, silent)[0] as Element;
      expect(outlookThreadMessages(pane, 'mdy', localInstant, silent).map((message) => message.from)).toEqual([
        'sender@example.com',
      ]);
      // A piece of the pane re-rendered on its own is still inside the scopes.
      const persona = chips(anchors)[0]?.element as Element;
      expect(outlookAnchors.anchorsIn(persona, outlookList, {}).map(emailOf)).toEqual(['sender@example.com']);
    });

    it('2025 reading pane (German): the sender persona and the recipient written as text, once each', () => {
      const doc = emptyDocument();
      doc.body.innerHTML = read('outlook-2025-reading-pane-de.mailvelope-derived.html');
      const anchors = outlookAnchors.anchorsIn(doc.body, outlookMessage, {});
      expectOncePerElement(anchors);
      expect(chips(anchors).map(emailOf)).toEqual(['sender@example.com', 'recipient@example.com']);
      // The list's option shows no person: nothing there.
      const option = doc.querySelector('[role="option"]') as Element;
      expect(anchors.some((anchor) => option.contains(anchor.element))).toBe(false);
    });
  });
}
