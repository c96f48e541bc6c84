// "Answered in mail but not logged" (issue #6): who counts as us and when a reply counts. Each site's thread read
// from the local portal's page replicas is in test/integration/overlay/mail-thread.test.ts.
import { describe, expect, it } from 'vitest';
import { signedInAddress } from '../../../lib/overlay/gmail/selectors';
import { type AddressKind, answeredInMail, isOurAddress, type MailMessage } from '../../../lib/overlay/mail-thread';

const MIN = 60_000;
const since = Date.parse('2026-06-10T12:00:30Z');
const inbound = { timer: { kind: 'inbound' as const, since } };
// The lead is dana@example.com; everyone else on these threads is us.
const ours = (address: string) => address !== 'dana@example.com';

describe('answeredInMail', () => {
  const reply = (at: number, from = 'rep@northwind-demo.com'): MailMessage => ({ from, at });
  const lead: MailMessage = { from: 'dana@example.com', at: since - 30_000 };
  const now = since + 60 * MIN;

  it('is our last message, dated after the lead’s — including in the same minute, which clients print alone', () => {
    expect(answeredInMail([lead, reply(since + 5 * MIN)], inbound, ours, now)).toBe(since + 5 * MIN);
    expect(answeredInMail([lead, reply(since - 30_000)], inbound, ours, now)).toBe(since - 30_000);
  });

  it.each([
    ['no timer', [lead, reply(since + MIN)], {}],
    ['an open timer (no inbound message waits)', [lead, reply(since + MIN)], { timer: { kind: 'open', since } }],
    ['the lead wrote last', [reply(since - 10 * MIN), lead], inbound],
    ['our reply is older than the lead’s message', [lead, reply(since - 2 * MIN)], inbound],
    ['the reply has no readable date', [lead, { from: 'rep@northwind-demo.com' }], inbound],
    ['the reply has no sender', [lead, { at: since + MIN }], inbound],
    ['an empty thread', [], inbound],
    // A date read in the wrong time zone lands hours away; one from the future cannot be a reply.
    ['the reply is dated in the future', [lead, reply(now + 5 * MIN)], inbound],
    // A sequence e-mail: in the mailbox it looks like ours, but HubSpot has it (automated, so the timer still runs).
    [
      'HubSpot has an outbound touch in that minute',
      [lead, reply(since + 5 * MIN)],
      { ...inbound, lastOutboundAt: since + 5 * MIN + 20_000 },
    ],
  ] as const)('is null when %s', (_, messages, context) => {
    expect(answeredInMail(messages, context, ours, now)).toBeNull();
  });

  it('is null when the sender is not ours', () => {
    expect(answeredInMail([lead, reply(since + MIN)], inbound, () => false, now)).toBeNull();
  });

  it('counts a reply in the minute of an outbound touch HubSpot logged before the lead wrote', () => {
    expect(answeredInMail([lead, reply(since)], { ...inbound, lastOutboundAt: since - 20_000 }, ours, now)).toBe(since);
  });

  it('counts a reply after an older outbound touch', () => {
    expect(
      answeredInMail([lead, reply(since + 5 * MIN)], { ...inbound, lastOutboundAt: since - 60 * MIN }, ours, now),
    ).toBe(since + 5 * MIN);
  });
});

describe('isOurAddress', () => {
  const kinds: Record<string, AddressKind> = {
    'dana@example.com': 'lead',
    'other.lead@example.org': 'lead',
    'rina@northwind-demo.com': 'other',
    'noreply@github.com': 'other',
  };
  const kindOf = (address: string) => kinds[address] ?? 'unknown';

  it('without the signed-in address: anyone known to be no lead; never a lead, never an address not looked up yet', () => {
    const isOurs = isOurAddress(kindOf);
    expect(isOurs('rina@northwind-demo.com')).toBe(true);
    expect(isOurs('Rina@Northwind-Demo.com')).toBe(true);
    expect(isOurs('dana@example.com')).toBe(false);
    expect(isOurs('other.lead@example.org')).toBe(false);
    expect(isOurs('new.person@example.net')).toBe(false);
  });

  it('with it: that address and colleagues on its company domain, not strangers', () => {
    const isOurs = isOurAddress(kindOf, 'rep@northwind-demo.com');
    expect(isOurs('rep@northwind-demo.com')).toBe(true);
    expect(isOurs('rina@northwind-demo.com')).toBe(true);
    expect(isOurs('colleague.not.asked@northwind-demo.com')).toBe(true);
    expect(isOurs('noreply@github.com')).toBe(false);
    expect(isOurs('dana@example.com')).toBe(false);
  });

  it('on a free-mail domain only the address itself is ours', () => {
    const isOurs = isOurAddress(() => 'other', 'me@gmail.com');
    expect(isOurs('me@gmail.com')).toBe(true);
    expect(isOurs('someone.else@gmail.com')).toBe(false);
  });

  it('reads the signed-in address from Gmail’s title, the last one when the subject holds another', () => {
    expect(signedInAddress('Inbox (3) - rep@northwind-demo.com - Gmail')).toBe('rep@northwind-demo.com');
    expect(signedInAddress('Re: write to a - b@c.com - x - Rep@Northwind-Demo.com - Gmail')).toBe(
      'rep@northwind-demo.com',
    );
    expect(signedInAddress('Gmail')).toBeUndefined();
  });
});
