import type { Anchor, SiteAdapter } from '../anchors';
import { displayNameKey, isDisplayName } from '../display-name';
import { dateOrderOf } from '../mail-date';
import { addressIn, queryAll } from '../selector';
import { outlookView } from './page';
import {
  listItem,
  outlookHealth,
  listItemAround,
  persona,
  personaName,
  readingPane,
  readingPaneAround,
  recipientWell,
} from './selectors';
import { outlookThreadMessages, personaAddress } from './thread';

// Outlook on the web: a chip beside the sender persona of every message-list item and beside each person in the
// reading pane (personas, recipients shown as text, and senders a collapsed card shows by name only); a lead card
// under the reading pane's subject for its first person who is a known lead. Only those two known places: a persona
// anywhere else on the page gets nothing.

const silent = () => undefined;
const ADDRESSED = persona.primary;

/** Recipients written as text in the pane's recipient wells: the element holding each address in its own text. */
function textRecipients(pane: Element): Array<{ element: Element; email: string }> {
  const out: Array<{ element: Element; email: string }> = [];
  for (const well of queryAll(pane, recipientWell, silent)) {
    for (const element of [well, ...well.querySelectorAll('*')]) {
      if (element.matches(ADDRESSED) || element.closest(ADDRESSED)) continue;
      const own = [...element.childNodes]
        .filter((node) => node.nodeType === 3)
        .map((node) => node.textContent ?? '')
        .join(' ');
      const email = addressIn(own);
      if (email) out.push({ element, email });
    }
  }
  return out;
}

/** What a persona shows as the person's name: its name span, else its label without the "From:" and the address. */
function shownName(element: Element): string {
  const span = element.matches(personaName.primary) ? element : element.querySelector(personaName.primary);
  const text = span?.textContent?.trim();
  if (text && !text.includes('@')) return text;
  const label = element.getAttribute('aria-label') ?? '';
  return label
    .replace(/^[^:<>@]{1,20}:\s*/, '')
    .replace(/<?[^\s<>]+@[^\s<>]+>?/g, '')
    .trim();
}

/**
 * Senders shown by name only (a collapsed card of the conversation). One gets a name key only when nobody else on
 * the thread who has an address shows the same name: then the name may be that other person's, and it is left alone.
 * The background answers a name only when exactly one cached lead has it.
 */
function nameOnlySenders(pane: Element, addressed: readonly Element[]): Anchor[] {
  const namesWithAddress = new Set(addressed.map(shownName).filter(isDisplayName).map(displayNameKey));
  const anchors: Anchor[] = [];
  for (const element of queryAll(pane, personaName, silent)) {
    if (element.closest(ADDRESSED) || element.querySelector(ADDRESSED)) continue;
    const name = element.textContent ?? '';
    if (!isDisplayName(name) || namesWithAddress.has(displayNameKey(name))) continue;
    anchors.push({ element, keys: [{ name: displayNameKey(name) }], variant: 'chip' });
  }
  return anchors;
}

export const outlookAnchors: SiteAdapter = {
  site: 'outlook',
  health: outlookHealth,
  anchorsIn(root, location) {
    const anchors: Anchor[] = [];
    const items = queryAll(root, listItem, silent);
    const panes = queryAll(root, readingPane, silent);
    // A batch may also be a piece inside a list item or the pane (a re-rendered persona).
    // Only a list item inside the list counts (`listItemAround`), as for the query above.
    const item = listItemAround(root);
    if (item) items.push(item);
    const around = item ? null : readingPaneAround(root);
    if (around) panes.push(around);
    // Outermost panes only: the conversation pane's id and its container both match.
    const outer = panes.filter((pane) => !panes.some((other) => other !== pane && other.contains(pane)));
    const seen = new Set<Element>();
    const chip = (element: Element, email: string | undefined, placement?: 'before') => {
      if (seen.has(element) || !email) return;
      seen.add(element);
      anchors.push({ element, keys: [{ email }], variant: 'chip', ...(placement ? { placement } : {}) });
    };
    for (const scope of items) {
      for (const element of queryAll(scope, persona)) chip(element, personaAddress(element), 'before');
    }
    for (const pane of outer) {
      const addressed = queryAll(pane, persona);
      for (const element of addressed) chip(element, personaAddress(element));
      for (const { element, email } of textRecipients(pane)) chip(element, email);
      for (const anchor of nameOnlySenders(pane, addressed)) {
        if (seen.has(anchor.element)) continue;
        seen.add(anchor.element);
        anchors.push(anchor);
      }
    }
    if (outlookView(location).kind === 'message') {
      const pane = queryAll(root, readingPane, silent)[0];
      const heading = pane?.querySelector('[role="heading"]');
      if (pane && heading) {
        const keys = [
          ...queryAll(pane, persona).map(personaAddress),
          ...textRecipients(pane).map((recipient) => recipient.email),
        ]
          .filter((email): email is string => email !== undefined)
          .filter((email, index, all) => all.indexOf(email) === index)
          .map((email) => ({ email }));
        // Numeric dates follow the mailbox's language (month first in US English only); no signed-in address is
        // read: where Outlook shows it is unverified, so anyone who is not a known lead counts as us.
        const thread = () => ({
          messages: outlookThreadMessages(pane, dateOrderOf(pane.ownerDocument.documentElement.lang)),
        });
        if (keys.length > 0) anchors.push({ element: heading, keys, variant: 'strip', thread });
      }
    }
    return anchors;
  },
};
