import type { SiteHealth } from '../health';
import { queryAll, type SelectorWarning, type SiteSelector } from '../selector';
import { gmailView } from './page';

// Gmail's page (docs/SITES.md, "Gmail"; gmail.js and InboxSDK 2019–2025, seen again 2026-09). Class names are
// perishable and appear only in fallbacks; the `email` attribute on people has been stable for a decade.

/** Every person chip: inbox-row senders, a thread's sender and recipients. The `email` attribute holds the address. */
export const person: SiteSelector = {
  name: 'gmail.person',
  primary: 'span[email]',
  // 2026-09: hovercards carry the address in data-hovercard-id where a chip lacks `email`. Spans only: avatar images
  // (`img.ajn`) carry it too (captures 2025), and a badge beside an avatar would duplicate the sender's.
  fallback: 'span[data-hovercard-id*="@"]',
};

/**
 * Where Gmail shows the people LeadLens badges: the list's rows and the messages of an opened thread (in the thread
 * view or the reading pane), whose header holds the sender (`td.gF span.gD`) and recipients (`span.hb span.g2`).
 * A person anywhere else — a page script's injected `span[email]`, another extension's widget — gets no badge: the
 * overlay must not answer "is this address a lead?" for whatever a page puts in front of it. Checked with
 * `closest()`, primary first; rows are matched by role as the list's own accessibility tree has them (2019–2026).
 */
export const personScope: SiteSelector = {
  name: 'gmail.personScope',
  primary: 'div[role="main"] tr[role="row"], div[role="main"] [data-message-id]',
  // Captures: 2014 rows `tr.zA` had no role; an expanded message is `div.adn` (2019–2025); collapsed messages of a
  // thread (2020) are `div.adf` with no message id. Inside the main region only, like the primary: class names
  // alone are forgeable, and a page's `<tr class="zA">` elsewhere must not become a known place.
  fallback: 'div[role="main"] tr.zA, div[role="main"] div.adn, div[role="main"] div.adf',
};

/**
 * A row's visually hidden one-line summary (captures 2014, 2019, 2024: the row's `aria-labelledby` points at it),
 * which repeats the sender's chip: badging it would put a second, invisible badge in every row.
 */
const HIDDEN_ROW_SUMMARY = 'div.afn';

/**
 * A message's body (`.a3s`, gmail.js and InboxSDK 2019–2025): what a sender wrote, not a header. A chip in it is the
 * sender's markup, and badging it would answer "is this a lead?" for whatever an e-mail contains.
 */
const MESSAGE_BODY = '.a3s';

/**
 * True when a person chip sits where Gmail shows people (`personScope`): a list row or a message header, not a row's
 * hidden summary or a message's body.
 */
export function inPersonScope(chip: Element): boolean {
  if (chip.closest(HIDDEN_ROW_SUMMARY) || chip.closest(MESSAGE_BODY)) return false;
  if (chip.closest(personScope.primary)) return true;
  return personScope.fallback !== undefined && chip.closest(personScope.fallback) !== null;
}

/** Inbox and search rows. */
export const listRow: SiteSelector = {
  name: 'gmail.listRow',
  primary: 'div[role="main"] tr[role="row"]',
  // 2026-09: rows are `tr.zA` (unread `.zE`, read `.yO`); in the main region, as `personScope` takes them.
  fallback: 'div[role="main"] tr.zA',
};

/** One expanded message of an opened thread. */
export const threadMessage: SiteSelector = {
  name: 'gmail.threadMessage',
  primary: '[data-message-id]',
  // 2025: each message is a `div.adn`.
  fallback: 'div.adn',
};

/**
 * One collapsed message of an opened thread: a card with its sender and date, but no message id and no `div.adn`
 * (capture 2020: `div.adf.ads`, in a `div.kv[role=listitem]` or, for the card a thread shows last, without one). A
 * thread shows its older messages so and its last expanded: both kinds are its messages. Class names only, as nothing
 * else marks the card; read only inside the main region (the thread card's and the thread reader's root).
 */
export const collapsedMessage: SiteSelector = {
  name: 'gmail.collapsedMessage',
  primary: 'div.adf.ads',
  // The card without its second class (unseen; older or newer layouts).
  fallback: 'div.adf',
};

/**
 * Every message of an opened thread under `root`, expanded and collapsed, in the page's order; only the outermost of
 * nested matches (a message's own parts may carry ids too).
 */
export function threadMessagesIn(root: ParentNode, warn?: SelectorWarning): Element[] {
  const all = [...queryAll(root, threadMessage, warn), ...queryAll(root, collapsedMessage, warn)];
  const unique = [...new Set(all)];
  return unique
    .filter((message) => !unique.some((other) => other !== message && other.contains(message)))
    .sort((a, b) => (a.compareDocumentPosition(b) & NODE_FOLLOWING ? -1 : 1));
}

/** `Node.DOCUMENT_POSITION_FOLLOWING`, spelt out: `Node` is not a global outside a page (tests, the worker). */
const NODE_FOLLOWING = 4;

export function addressOfPerson(element: Element): string | undefined {
  const attribute = element.getAttribute('email') ?? element.getAttribute('data-hovercard-id') ?? '';
  return attribute.includes('@') ? attribute.trim().toLowerCase() : undefined;
}

/** The sender of one thread message: first in its header, before the recipients (`span.g2` under `.hb`). */
export const messageSender: SiteSelector = {
  name: 'gmail.messageSender',
  // 2019–2025 (gmail.js, InboxSDK): `span.gD[email]` inside `td.gF`.
  primary: 'span.gD[email]',
  fallback: '[email]',
};

/** A thread message's date: the full timestamp is the `title` of the short date ("8:05 AM (2 hours ago)"). */
export const messageDate: SiteSelector = {
  name: 'gmail.messageDate',
  // 2019–2025 (gmail.js `dom.email.date`): `span.g3[title]` in the header's `td.gH`.
  primary: 'span.g3[title]',
  // Any titled element of the message; only one whose title reads as a date is taken.
  fallback: '[title]',
};

/**
 * The signed-in account's address, which Gmail puts in the tab's title ("Inbox (3) - dana@example.com - Gmail",
 * "Subject - dana@example.com - Gmail"; observed 2019–2026). The last " - address - " wins: a subject may hold one.
 */
export function signedInAddress(title: string): string | undefined {
  const matches = [...title.matchAll(/ - ([^\s@]+@[^\s@]+\.[^\s@]+) - /g)];
  return matches[matches.length - 1]?.[1]?.toLowerCase();
}

/**
 * What this module expects on a loaded page (checked against the real captures and the replica on the date below):
 * a list that shows mail rows — table rows of several cells in the main region, whatever their classes and
 * attributes — has senders; an opened thread with its subject has people. An empty inbox has no such rows.
 */
export const gmailHealth: SiteHealth = {
  checked: '2026-12-02',
  expectations: [
    {
      name: 'gmail.list',
      view: (location) => gmailView(location).kind === 'list',
      loaded: 'div[role="main"] table tr > td + td + td',
    },
    { name: 'gmail.thread', view: (location) => gmailView(location).kind === 'thread', loaded: 'div[role="main"] h2' },
  ],
};
