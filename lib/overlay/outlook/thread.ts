import { type DateOrder, localInstant, parseMailDate, type WallClock } from '../mail-date';
import type { MailMessage } from '../mail-thread';
import { addressIn, queryAll, type SelectorWarning } from '../selector';
import { messageDate, messageSender, paneMessage, persona } from './selectors';

// The reading pane's conversation as messages, oldest first as Outlook lists them by default. Pure over a DOM:
// tested on the replica's reading pane (test/integration/overlay/mail-thread.test.ts).

const warned = new Set<string>();
const warnOnce: SelectorWarning = (message) => {
  if (warned.has(message)) return;
  warned.add(message);
  console.warn(message);
};

export function personaAddress(element: Element): string | undefined {
  return addressIn(element.getAttribute('title')) ?? addressIn(element.getAttribute('aria-label'));
}

function dateOf(
  message: Element,
  order: DateOrder,
  toInstant: (clock: WallClock) => number,
  warn: SelectorWarning,
): number | undefined {
  for (const element of queryAll(message, messageDate, warn)) {
    const iso = element.getAttribute('datetime');
    if (iso && Number.isFinite(Date.parse(iso))) return Date.parse(iso);
    const clock = parseMailDate(element.getAttribute('title'), order) ?? parseMailDate(element.textContent, order);
    if (clock) return toInstant(clock);
  }
  return undefined;
}

export function outlookThreadMessages(
  pane: ParentNode,
  order: DateOrder = 'mdy',
  toInstant: (clock: WallClock) => number = localInstant,
  warn: SelectorWarning = warnOnce,
): MailMessage[] {
  return queryAll(pane, paneMessage, warn).map((message) => {
    const sender = queryAll(message, messageSender, () => undefined)[0] ?? queryAll(message, persona, warn)[0];
    const from = sender ? personaAddress(sender) : undefined;
    const at = dateOf(message, order, toInstant, warn);
    return { ...(from ? { from } : {}), ...(at !== undefined ? { at } : {}) };
  });
}
