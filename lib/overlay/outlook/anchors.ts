import type { Anchor, SiteAdapter } from '../anchors';
import { dateOrderOf } from '../mail-date';
import { queryAll } from '../selector';
import { outlookView } from './page';
import { listItem, listItemAround, persona, readingPane } from './selectors';
import { outlookThreadMessages, personaAddress } from './thread';

// Outlook on the web: a chip beside the sender persona of every message-list item and beside each person in the
// reading pane; a lead card under the reading pane's subject for its first person who is a known lead.

export const outlookAnchors: SiteAdapter = {
  site: 'outlook',
  anchorsIn(root, location) {
    const anchors: Anchor[] = [];
    const scopes = [...queryAll(root, listItem, () => undefined), ...queryAll(root, readingPane, () => undefined)];
    // A batch may also be a piece inside a list item or the pane (a re-rendered persona).
    // Only a list item inside the list counts (`listItemAround`), as for the query above.
    const within = listItemAround(root) ?? root.closest(readingPane.primary);
    if (within) scopes.push(within);
    const seen = new Set<Element>();
    for (const scope of scopes) {
      for (const element of queryAll(scope, persona)) {
        if (seen.has(element)) continue;
        seen.add(element);
        const email = personaAddress(element);
        if (email) anchors.push({ element, keys: [{ email }], variant: 'chip' });
      }
    }
    if (outlookView(location).kind === 'message') {
      const pane = queryAll(root, readingPane, () => undefined)[0];
      const heading = pane?.querySelector('[role="heading"]');
      if (pane && heading) {
        const keys = queryAll(pane, persona)
          .map(personaAddress)
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
