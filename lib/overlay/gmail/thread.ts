import { localInstant, parseMailDate, type WallClock } from '../mail-date';
import type { MailMessage } from '../mail-thread';
import { queryAll, type SelectorWarning } from '../selector';
import { addressOfPerson, messageDate, messageSender, threadMessagesIn } from './selectors';

// An opened Gmail thread as messages, oldest first as Gmail shows them (its last message is always expanded). Pure
// over a DOM: tested on the replica's thread (test/integration/overlay/mail-thread.test.ts).

const warned = new Set<string>();
/** The thread is read on every batch of the page's observer: a selector's fallback is reported once per page. */
const warnOnce: SelectorWarning = (message) => {
  if (warned.has(message)) return;
  warned.add(message);
  console.warn(message);
};

function dateOf(message: Element, toInstant: (clock: WallClock) => number, warn: SelectorWarning): number | undefined {
  for (const element of queryAll(message, messageDate, warn)) {
    const clock = parseMailDate(element.getAttribute('title'));
    if (clock) return toInstant(clock);
  }
  return undefined;
}

export function gmailThreadMessages(
  thread: ParentNode,
  toInstant: (clock: WallClock) => number = localInstant,
  warn: SelectorWarning = warnOnce,
): MailMessage[] {
  // Collapsed messages count as much as expanded ones: the thread's order, not only what is open, says who wrote last.
  return threadMessagesIn(thread, warn).map((message) => {
    const sender = queryAll(message, messageSender, warn)[0];
    const from = sender ? addressOfPerson(sender) : undefined;
    const at = dateOf(message, toInstant, warn);
    return { ...(from ? { from } : {}), ...(at !== undefined ? { at } : {}) };
  });
}
