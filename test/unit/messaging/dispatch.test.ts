import { describe, expect, it } from 'vitest';
import { routes } from '../../../lib/messaging/protocol';
import { createDispatcher, type Handlers, joinHandlers } from '../../../lib/messaging/server';
import { refusalReason, type SenderPolicy } from '../../../lib/messaging/sender';

const policy: SenderPolicy = {
  extensionId: 'ours',
  extensionOrigin: 'chrome-extension://ours/',
  contentHosts: ['mail.google.com', 'app.hubspot.com'],
};

describe('refusalReason', () => {
  it.each([
    [{ id: 'ours', url: 'chrome-extension://ours/popup.html' }, 'extension', null],
    [{ id: 'ours', url: 'chrome-extension://ours/popup.html' }, 'content', null],
    [{ id: 'ours', url: 'https://mail.google.com/mail/u/0/#inbox' }, 'content', null],
    [{ id: 'ours', url: 'https://mail.google.com/mail/u/0/#inbox' }, 'extension', /only accepted from LeadLens pages/],
    [{ id: 'ours', url: 'https://evil.example/' }, 'content', /does not run on \(evil\.example\)/],
    [{ id: 'other', url: 'chrome-extension://other/x.html' }, 'content', /another extension/],
    [{ id: 'ours' }, 'content', /unknown page/],
  ] as const)('%o asking for %s', (sender, audience, expected) => {
    const reason = refusalReason(sender, audience, policy);
    if (expected === null) expect(reason).toBeNull();
    else expect(reason).toMatch(expected);
  });
});

describe('createDispatcher', () => {
  // Every other route fails loudly, so a test that reached one by mistake cannot pass.
  const handlers = Object.fromEntries(
    Object.keys(routes).map((type) => [
      type,
      async () => {
        throw new Error(`unexpected ${type}`);
      },
    ]),
  ) as unknown as Handlers;
  handlers.ping = async () => ({ version: '9', startedAt: 1, connected: false });
  handlers.connectionStatus = async () => {
    throw new Error('store unavailable');
  };
  const dispatch = createDispatcher(handlers, policy);
  const page = { id: 'ours', url: 'chrome-extension://ours/options.html' };

  it('answers a valid request with the handler data', async () => {
    expect(await dispatch({ type: 'ping', payload: {} }, page)).toEqual({
      ok: true,
      data: { version: '9', startedAt: 1, connected: false },
    });
  });

  it('rejects malformed envelopes and unknown types without calling a handler', async () => {
    expect(await dispatch('ping', page)).toEqual({ ok: false, error: 'malformed message' });
    expect(await dispatch({ type: 'dropTables', payload: {} }, page)).toEqual({
      ok: false,
      error: 'unknown message type: dropTables',
    });
  });

  it('rejects a payload that does not match its schema', async () => {
    const reply = await dispatch({ type: 'ping', payload: 'not an object' }, page);
    expect(reply.ok).toBe(false);
  });

  it('refuses a page-only message from a content script', async () => {
    const reply = await dispatch(
      { type: 'connectionStatus', payload: {} },
      { id: 'ours', url: 'https://mail.google.com/' },
    );
    expect(reply).toEqual({ ok: false, error: 'this message is only accepted from LeadLens pages' });
  });

  it('turns a handler failure into an error reply', async () => {
    expect(await dispatch({ type: 'connectionStatus', payload: {} }, page)).toEqual({
      ok: false,
      error: 'store unavailable',
    });
  });
});

describe('joinHandlers', () => {
  const ping: Pick<Handlers, 'ping'> = { ping: async () => ({ version: '9', startedAt: 1, connected: false }) };
  const rest = Object.fromEntries(
    Object.keys(routes)
      .filter((type) => type !== 'ping')
      .map((type) => [type, async () => ({ done: true })]),
  ) as unknown as Omit<Handlers, 'ping'>;

  it('joins the services’ slices into the one map', async () => {
    const joined = joinHandlers(ping, rest);
    expect(Object.keys(joined).sort()).toEqual(Object.keys(routes).sort());
    expect(await joined.ping({}, {})).toEqual({ version: '9', startedAt: 1, connected: false });
  });

  it('does not compile with a type handled twice or by no slice', () => {
    // @ts-expect-error `ping` is handled twice
    expect(() => joinHandlers(ping, rest, ping)).not.toThrow();
    // @ts-expect-error `ping` is handled by no slice
    expect(() => joinHandlers(rest)).not.toThrow();
  });
});
