import type { Anchor, SiteAdapter } from '../anchors';
import { queryAll } from '../selector';
import { gmailView } from './page';
import {
  addressOfPerson,
  gmailHealth,
  inPersonScope,
  listRow,
  person,
  signedInAddress,
  threadMessagesIn,
} from './selectors';
import { gmailThreadMessages } from './thread';

// Gmail: a chip beside every person in the site's known places (inbox-row senders, a thread's senders and
// recipients; see `personScope`); in an opened thread, a lead card under the subject for the thread's first person
// who is a known lead.

function threadCard(root: Element, location: Location): Anchor | null {
  if (gmailView(location).kind !== 'thread') return null;
  const main = root.closest('[role="main"]') ?? root.querySelector('[role="main"]');
  const subject = main?.querySelector('h2');
  if (!main || !subject) return null;
  const keys = threadMessagesIn(main, () => undefined)
    .flatMap((message) => queryAll(message, person))
    .map(addressOfPerson)
    .filter((email): email is string => email !== undefined)
    .filter((email, index, all) => all.indexOf(email) === index)
    .map((email) => ({ email }));
  if (keys.length === 0) return null;
  const thread = () => {
    const self = signedInAddress(main.ownerDocument.title);
    return { messages: gmailThreadMessages(main), ...(self ? { self } : {}) };
  };
  return { element: subject, keys, variant: 'strip', thread };
}

export const gmailAnchors: SiteAdapter = {
  site: 'gmail',
  health: gmailHealth,
  anchorsIn(root, location) {
    const anchors: Anchor[] = [];
    for (const chip of queryAll(root, person)) {
      if (!inPersonScope(chip)) continue;
      const email = addressOfPerson(chip);
      if (!email) continue;
      const inRow = chip.closest(listRow.primary) ?? (listRow.fallback ? chip.closest(listRow.fallback) : null);
      anchors.push({ element: chip, keys: [{ email }], variant: 'chip', ...(inRow ? { placement: 'before' } : {}) });
    }
    const card = threadCard(root, location);
    if (card) anchors.push(card);
    return anchors;
  },
};
