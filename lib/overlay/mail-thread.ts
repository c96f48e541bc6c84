import type { LeadContext } from '../messaging/protocol';

// "Answered in mail but not logged" (issue #6): an opened Gmail or Outlook thread ends with our reply, after the
// lead's message that started the inbound timer, and HubSpot has no outbound touch since. Pure: each site reads its
// thread into `MailMessage`s (lib/overlay/<site>/thread.ts), and this decides.

export interface MailMessage {
  /** The sender's address, lower-cased. */
  from?: string;
  /** When the client says it was sent, to the minute (clients print no seconds). */
  at?: number;
}

const MINUTE = 60_000;

/** Free-mail domains: two people there are no team, so only the signed-in address itself counts as ours. */
const PUBLIC_MAIL = new Set([
  'gmail.com',
  'googlemail.com',
  'outlook.com',
  'hotmail.com',
  'live.com',
  'msn.com',
  'yahoo.com',
  'icloud.com',
  'me.com',
  'proton.me',
  'protonmail.com',
  'walla.co.il',
]);

function domainOf(address: string): string {
  return address.slice(address.lastIndexOf('@') + 1);
}

/** What the cache says of an address: a lead, known to be no lead, or not asked yet. */
export type AddressKind = 'lead' | 'other' | 'unknown';

/**
 * Who counts as "us". With the signed-in address (Gmail shows it in the title), that address and colleagues on its
 * own company domain; without it, anyone the cache knows is no lead. A lead — this one or another on the thread —
 * never, and an address not looked up yet neither: the note waits for the answer rather than guess.
 */
export function isOurAddress(kindOf: (address: string) => AddressKind, self?: string): (address: string) => boolean {
  const me = self?.toLowerCase();
  return (address) => {
    const sender = address.toLowerCase();
    const kind = kindOf(sender);
    if (kind === 'lead') return false;
    if (!me) return kind === 'other';
    if (sender === me) return true;
    const domain = domainOf(me);
    return !PUBLIC_MAIL.has(domain) && domainOf(sender) === domain;
  };
}

/**
 * When our unlogged reply was sent, or null. Only an inbound timer qualifies (the lead wrote, HubSpot knows no
 * answer); the thread's last message must be ours, dated in or after the minute of the lead's message, not in the
 * future (a date read in the wrong time zone), and not an outbound touch HubSpot has — an automated sequence e-mail
 * looks like ours in the mailbox, but HubSpot has it and rightly does not count it as an answer.
 */
export function answeredInMail(
  messages: readonly MailMessage[],
  lead: Pick<LeadContext, 'timer' | 'lastOutboundAt'>,
  isOurs: (address: string) => boolean,
  now: number,
): number | null {
  const timer = lead.timer;
  if (timer?.kind !== 'inbound') return null;
  const latest = messages[messages.length - 1];
  if (latest?.from === undefined || latest.at === undefined || !isOurs(latest.from)) return null;
  const minuteOf = (at: number) => Math.floor(at / MINUTE) * MINUTE;
  if (latest.at < minuteOf(timer.since) || latest.at > now + MINUTE) return null;
  // An outbound touch from before the lead's message cannot be the reply shown after it; one from after it (an
  // automated send, or the timer would have stopped) is this reply unless the reply is from a later minute.
  const logged = lead.lastOutboundAt;
  if (logged !== undefined && logged >= timer.since && minuteOf(logged) >= minuteOf(latest.at)) return null;
  return latest.at;
}
