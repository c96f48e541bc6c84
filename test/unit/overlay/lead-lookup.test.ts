import { describe, expect, it } from 'vitest';
import { createLeadLookup, type LeadRequest } from '../../../lib/overlay/lead-lookup';

interface View {
  id: string;
  email: string;
}

function harness(answer: (request: LeadRequest) => View[] | Error) {
  const requests: LeadRequest[] = [];
  const flushes: Array<() => void> = [];
  let clock = 0;
  const lookup = createLeadLookup<View>({
    fetch: async (request) => {
      requests.push(request);
      const result = answer(request);
      if (result instanceof Error) throw result;
      return result;
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
});
