import { describe, expect, it } from 'vitest';
import { createLeadLookup, type LeadAnswer, type LeadRequest } from '../../../lib/overlay/lead-lookup';

interface View {
  id: string;
  email: string;
}

function harness(answer: (request: LeadRequest) => View[] | LeadAnswer<View> | Error) {
  const requests: LeadRequest[] = [];
  const flushes: Array<() => void> = [];
  let clock = 0;
  const lookup = createLeadLookup<View>({
    fetch: async (request) => {
      requests.push(request);
      const result = answer(request);
      if (result instanceof Error) throw result;
      return Array.isArray(result) ? { views: result } : result;
    },
    keysOf: (view) => [{ email: view.email }, { contactId: view.id }],
    now: () => clock,
    ttlMs: 1000,
    schedule: (flush) => flushes.push(flush),
  });
  const frame = async () => {
    for (const flush of flushes.splice(0)) flush();
    await new Promise((resolve) => setTimeout(resolve, 0));
  };
  return { lookup, requests, frame, advance: (ms: number) => (clock += ms) };
}

const dana = { id: '7', email: 'dana@acme.example' };

describe('createLeadLookup', () => {
  it('asks once per frame for every key requested in it, and answers each', async () => {
    const { lookup, requests, frame } = harness(() => [dana]);
    const answers = Promise.all([
      lookup.get({ email: 'Dana@Acme.example' }),
      lookup.get({ contactId: '7' }),
      lookup.get({ email: 'nobody@x.example' }),
      lookup.get({ email: 'dana@acme.example' }),
    ]);
    await frame();
    expect(await answers).toEqual([dana, dana, null, dana]);
    expect(requests).toEqual([{ emails: ['dana@acme.example', 'nobody@x.example'], contactIds: ['7'] }]);
  });

  it('answers from memory within the TTL, including "no lead", and asks again after it', async () => {
    const { lookup, requests, frame, advance } = harness(() => [dana]);
    const first = lookup.get({ email: 'nobody@x.example' });
    await frame();
    await first;
    expect(lookup.peek({ email: 'nobody@x.example' })).toBeNull();
    expect(await lookup.get({ email: 'nobody@x.example' })).toBeNull();
    expect(requests).toHaveLength(1);
    advance(1001);
    const again = lookup.get({ email: 'nobody@x.example' });
    await frame();
    await again;
    expect(requests).toHaveLength(2);
  });

  it('keeps answering from what it knew when the background is unreachable', async () => {
    let fail = false;
    const { lookup, frame, advance } = harness(() => (fail ? new Error('no background') : [dana]));
    const first = lookup.get({ contactId: '7' });
    await frame();
    expect(await first).toEqual(dana);
    fail = true;
    advance(5000);
    const stale = lookup.get({ contactId: '7' });
    await frame();
    expect(await stale).toEqual(dana);
    expect(lookup.peek({ contactId: '7' })).toEqual(dana);
  });

  it('invalidate makes the next get ask again', async () => {
    const { lookup, requests, frame } = harness(() => [dana]);
    const first = lookup.get({ contactId: '7' });
    await frame();
    await first;
    lookup.invalidate();
    const second = lookup.get({ contactId: '7' });
    await frame();
    await second;
    expect(requests).toHaveLength(2);
  });

  it('splits a large flush into messages of at most 100 keys, and answers every key', async () => {
    const { lookup, requests, frame } = harness((request) =>
      request.emails.includes('lead-150@x.example') ? [{ id: '150', email: 'lead-150@x.example' }] : [],
    );
    const answers = Promise.all(
      Array.from({ length: 250 }, (_, index) => lookup.get({ email: `lead-${index}@x.example` })),
    );
    await frame();
    const resolved = await answers;
    expect(requests.map((request) => request.emails.length + request.contactIds.length)).toEqual([100, 100, 50]);
    expect(resolved.filter((view) => view !== null)).toEqual([{ id: '150', email: 'lead-150@x.example' }]);
  });

  it('does not remember keys a limited reply left out as "no lead": they are asked again', async () => {
    let limited = true;
    const { lookup, requests, frame } = harness(() => (limited ? { views: [dana], limited: true } : [dana]));
    const first = Promise.all([lookup.get({ contactId: '7' }), lookup.get({ email: 'maybe@lead.example' })]);
    await frame();
    expect(await first).toEqual([dana, undefined]);
    expect(lookup.peek({ email: 'maybe@lead.example' })).toBeUndefined();
    // Within the TTL: the answered key comes from memory, the left-out key is asked again.
    limited = false;
    const again = lookup.get({ email: 'maybe@lead.example' });
    expect(await lookup.get({ contactId: '7' })).toEqual(dana);
    await frame();
    expect(await again).toBeNull();
    expect(requests).toHaveLength(2);
    expect(requests[1]).toEqual({ emails: ['maybe@lead.example'], contactIds: [] });
    expect(lookup.peek({ email: 'maybe@lead.example' })).toBeNull();
  });

  it('says "not answered" rather than "no lead" when the background is unreachable and nothing was known', async () => {
    const { lookup, frame } = harness(() => new Error('no background'));
    const first = lookup.get({ email: 'new@x.example' });
    await frame();
    expect(await first).toBeUndefined();
    expect(lookup.peek({ email: 'new@x.example' })).toBeUndefined();
  });

  it('invalidate(lead) asks again for that lead only', async () => {
    const other = { id: '8', email: 'omer@acme.example' };
    const { lookup, requests, frame } = harness(() => [dana, other]);
    const first = Promise.all([lookup.get({ contactId: '7' }), lookup.get({ contactId: '8' })]);
    await frame();
    await first;
    lookup.invalidate(dana);
    const second = Promise.all([lookup.get({ contactId: '7' }), lookup.get({ contactId: '8' })]);
    await frame();
    await second;
    expect(requests).toHaveLength(2);
    expect(requests[1]).toEqual({ emails: [], contactIds: ['7'] });
  });
});
