import type { SiteHealth } from '../health';
import type { SiteSelector } from '../selector';
import { outlookView } from './page';

// Outlook on the web (docs/SITES.md, "Outlook on the web"; public proofs of concept 2024). Hashed class names change
// often and are never used; people are read from attributes (`title`, `aria-label`) that carry the address.

/**
 * Message list items, inside the message list only: a page script's `[data-convid]` elsewhere (another extension's
 * widget, an XSS) must not make a known place whose personas get badges. An option lives in a listbox (ARIA's
 * required context, and the list as docs/SITES.md describes it, 2024–2026).
 */
export const listItem: SiteSelector = {
  name: 'outlook.listItem',
  primary: '[role="listbox"] div[role="option"][data-convid]',
  // Unverified which container survives a redesign: the list box, or Outlook's main region (2024 proofs of concept).
  fallback: '[role="listbox"] [data-convid], [role="main"] [data-convid]',
};

/** The enclosing list item of a re-rendered piece of one, by the same rule as `listItem`. */
export function listItemAround(element: Element): Element | null {
  const item = element.closest('[data-convid]');
  if (!item) return null;
  return item.matches(listItem.primary) || (listItem.fallback !== undefined && item.matches(listItem.fallback))
    ? item
    : null;
}

/**
 * The reading pane: one message (`MailReadCompose`) or a conversation (`ConversationContainer`, 2025 templates of the
 * English interface, whose conversation pane has neither `MailReadCompose` nor a main region of its own).
 */
export const readingPane: SiteSelector = {
  name: 'outlook.readingPane',
  primary: '[data-app-section="MailReadCompose"], [data-app-section="ConversationContainer"]',
  // 2025 templates: the conversation pane's own id; 2024 proofs of concept: a message body in the main region.
  fallback: '#ConversationReadingPaneContainer, [role="main"] [role="document"]',
};

/** The reading pane around a piece of it (a re-rendered persona), by the same rule as `readingPane`. */
export function readingPaneAround(element: Element): Element | null {
  return element.closest(readingPane.primary) ?? (readingPane.fallback ? element.closest(readingPane.fallback) : null);
}

/**
 * A message's recipients as text ("To: recipient@example.com", German "An: …"), with no address in any attribute
 * (2025 templates). Read only inside the reading pane.
 */
export const recipientWell: SiteSelector = {
  name: 'outlook.recipientWell',
  primary: '[data-testid="RecipientWell"]',
};

/**
 * The displayed name of a persona: inside an addressed persona in the 2025 templates (`From: <address>`), alone in a
 * collapsed card of a conversation, where it is all there is of the sender (capture 2023). A hashed class, but the
 * same in both, two years apart; read only inside the reading pane, and a name alone is badged only when it is one
 * cached lead's and nobody else's on the thread (outlook/anchors.ts), so a wrong guess costs a missing badge.
 */
export const personaName: SiteSelector = {
  name: 'outlook.personaName',
  primary: 'span.OZZZK',
};

/** Persona buttons and spans whose title or accessible name holds an address. */
export const persona: SiteSelector = {
  name: 'outlook.persona',
  primary: '[title*="@"], [aria-label*="@"]',
};

/** One message of the reading pane's conversation. */
export const paneMessage: SiteSelector = {
  name: 'outlook.paneMessage',
  // Unverified on the live site: an item id per message, as the replica models it (2026-11).
  primary: '[data-item-id]',
  // 2025 public scripts: each message is `[aria-label="Email message"]` (English UI only).
  fallback: '[aria-label="Email message"]',
};

/** A message's sent time ("Tue 6/10/2026 8:05 AM"); its `title`, when present, holds the same or more. */
export const messageDate: SiteSelector = {
  name: 'outlook.messageDate',
  // 2024–2025 public scripts and extensions read `[data-testid="SentReceivedSavedTime"]`.
  primary: '[data-testid="SentReceivedSavedTime"]',
  fallback: 'time[datetime]',
};

/** The sender's persona: its accessible name starts with "From:" in English; otherwise it is the first persona. */
export const messageSender: SiteSelector = {
  name: 'outlook.messageSender',
  primary: '[aria-label^="From:"][aria-label*="@"], [aria-label^="From:"][title*="@"]',
};

/**
 * What this module expects on a loaded page (checked against the captures and the replica on the date below): a mail
 * view whose message list shows options has senders in them.
 */
export const outlookHealth: SiteHealth = {
  checked: '2026-12-02',
  expectations: [
    { name: 'outlook.list', view: (location) => outlookView(location).kind !== 'other', loaded: '[role="option"]' },
  ],
};
