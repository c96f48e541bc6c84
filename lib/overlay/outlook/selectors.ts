import type { SiteSelector } from '../selector';

// Outlook on the web (SITES.md; public proofs of concept 2024). Hashed class names change often and are never used;
// people are read from attributes (`title`, `aria-label`) that carry the address.

/** Message list items. */
export const listItem: SiteSelector = {
  name: 'outlook.listItem',
  primary: 'div[role="option"][data-convid]',
  fallback: '[data-convid]',
};

/** The reading pane. */
export const readingPane: SiteSelector = {
  name: 'outlook.readingPane',
  primary: '[data-app-section="MailReadCompose"]',
  fallback: '[role="main"] [role="document"]',
};

/** Persona buttons and spans whose title or accessible name holds an address. */
export const persona: SiteSelector = {
  name: 'outlook.persona',
  primary: '[title*="@"], [aria-label*="@"]',
};
