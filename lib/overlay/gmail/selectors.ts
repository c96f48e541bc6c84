import type { SiteSelector } from '../selector';

// Gmail's page (SITES.md; gmail.js and InboxSDK 2019–2025, observed again 2026-09). Class names are perishable and
// appear only in fallbacks; the `email` attribute on people has been stable for a decade.

/** Every person chip: inbox-row senders, a thread's sender and recipients. The `email` attribute holds the address. */
export const person: SiteSelector = {
  name: 'gmail.person',
  primary: 'span[email]',
  // 2026-09: hovercards carry the address in data-hovercard-id where a chip lacks `email`.
  fallback: '[data-hovercard-id*="@"]',
};

/** Inbox and search rows. */
export const listRow: SiteSelector = {
  name: 'gmail.listRow',
  primary: 'div[role="main"] tr[role="row"]',
  // 2026-09: rows are `tr.zA` (unread `.zE`, read `.yO`).
  fallback: 'tr.zA',
};

/** One message of an opened thread. */
export const threadMessage: SiteSelector = {
  name: 'gmail.threadMessage',
  primary: '[data-message-id]',
  // 2025: each message is a `div.adn`.
  fallback: 'div.adn',
};

export function addressOfPerson(element: Element): string | undefined {
  const attribute = element.getAttribute('email') ?? element.getAttribute('data-hovercard-id') ?? '';
  return attribute.includes('@') ? attribute.trim().toLowerCase() : undefined;
}
