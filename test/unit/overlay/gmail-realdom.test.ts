// Gmail's person scope on real captures of the site (shared/realdom/fixtures; docs/SITES.md, Gmail, "What the real
// captures showed"): one chip per visible sender of a row (not the row's hidden summary), every person of a thread's
// messages, and no avatar. The captures are read where they are kept, never copied into the project; without them this file skips.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Window } from 'happy-dom';
import { describe, expect, it } from 'vitest';
import { gmailAnchors } from '../../../lib/overlay/gmail/anchors';

const FIXTURES = '/work/shared/realdom/fixtures';
const window = new Window();

function parse(html: string): Document {
  return new window.DOMParser().parseFromString(html, 'text/html') as unknown as Document;
}

/** Table rows parse only inside a table; each capture is put in the frame Gmail gives it, built here, not copied. */
function inMain(doc: Document, inner: string, wrapper: 'table' | 'message'): Element {
  const main = doc.createElement('div');
  main.setAttribute('role', 'main');
  main.innerHTML =
    wrapper === 'table'
      ? `<table><tbody>${inner}</tbody></table>`
      : `<div class="adn ads" data-message-id="#msg-f:1">${inner}</div>`;
  doc.body.append(main);
  return main;
}

const inbox = new URL('https://mail.google.com/mail/u/0/#inbox') as unknown as Location;
const thread = new URL('https://mail.google.com/mail/u/0/#inbox/16f438e906b36dac') as unknown as Location;
const read = (name: string) => readFileSync(join(FIXTURES, name), 'utf8');

describe.skipIf(!existsSync(FIXTURES))('Gmail person scope on real captures', () => {
  it("2014 inbox: one chip per visible sender, none from the rows' hidden summaries", () => {
    const doc = parse(read('gmail-2014-inbox.inboxsdk.html'));
    const visible = doc.querySelectorAll('tr.zA div.yW span[email]').length;
    expect(doc.querySelectorAll('div.afn span[email]').length).toBeGreaterThan(0);
    const anchors = gmailAnchors.anchorsIn(doc.body, inbox, {});
    expect(visible).toBeGreaterThanOrEqual(16);
    expect(anchors).toHaveLength(visible);
    expect(anchors.every((anchor) => anchor.element.closest('div.yW') !== null)).toBe(true);
  });

  it('2019 and 2024 rows: the visible sender only', () => {
    const doc = parse('');
    inMain(doc, read('gmail-2019-inbox-row.ru.html'), 'table');
    inMain(doc, JSON.parse(`"${read('gmail-2024-inbox-row.jsstr').trim()}"`) as string, 'table');
    const anchors = gmailAnchors.anchorsIn(doc.body, inbox, {});
    expect(anchors.map((anchor) => (anchor.keys[0] as { email: string }).email)).toEqual([
      'whitepeak@mail.ru',
      'no-reply@spotify.com',
    ]);
  });

  it('2020 collapsed thread messages and a 2025 message header: every person, no avatar', () => {
    // The capture is the thread's part only; Gmail shows it inside its main region, where the fallback looks.
    const doc = parse('');
    const main = doc.createElement('div');
    main.setAttribute('role', 'main');
    main.innerHTML = read('gmail-2020-thread-collapsed.ru.html');
    doc.body.append(main);
    expect(gmailAnchors.anchorsIn(doc.body, thread, {})).toHaveLength(3);
    const header = inMain(parse(''), read('gmail-2025-message-header.html'), 'message');
    const people = gmailAnchors.anchorsIn(header, thread, {}).filter((anchor) => anchor.variant === 'chip');
    expect(people.map((anchor) => anchor.element.tagName)).toEqual(['SPAN', 'SPAN']);
  });
});
