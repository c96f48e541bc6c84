import { describe, expect, it } from 'vitest';
import { LEAD_LOOKUP_BATCH, type MessageType, routes } from '../../../lib/messaging/protocol';
import { createDispatcher, type Handlers } from '../../../lib/messaging/server';
import type { SenderPolicy } from '../../../lib/messaging/sender';

// Issue 14, "One door to the background": what a content-script world (ours on a compromised renderer, say) may ask
// for. docs/SECURITY.md names these three routes and the screenful bound; a route opened to content scripts, or a
// bound dropped from the schema, must fail here, not only in the end-to-end attack spec.

const policy: SenderPolicy = {
  extensionId: 'ours',
  extensionOrigin: 'chrome-extension://ours/',
  contentHosts: ['mail.google.com'],
};
const contentScript = { id: 'ours', url: 'https://mail.google.com/mail/u/0/#inbox', tab: { id: 7 } };

/** Every handler answers "reached", so a reply tells whether the dispatcher let the request through. */
const reached = Object.fromEntries(
  Object.keys(routes).map((type) => [type, async () => 'reached']),
) as unknown as Handlers;
const dispatch = createDispatcher(reached, policy);

const ids = (count: number) => Array.from({ length: count }, (_, index) => String(index + 1));

describe('what a content script may send', () => {
  it('is ping, leadContext, markLead and logReply, and nothing else', () => {
    const open = (Object.keys(routes) as MessageType[]).filter((type) => routes[type].audience === 'content');
    expect(open.sort()).toEqual(['leadContext', 'logReply', 'markLead', 'ping']);
  });

  it('every other route is refused for the sender, before its request is read', async () => {
    for (const type of Object.keys(routes) as MessageType[]) {
      if (routes[type].audience === 'content') continue;
      expect(await dispatch({ type, payload: {} }, contentScript), type).toEqual({
        ok: false,
        error: 'this message is only accepted from LeadLens pages',
      });
    }
  });

  it('a lead look-up of more than a screenful is refused, by address, id or name', async () => {
    expect(LEAD_LOOKUP_BATCH).toBe(100);
    for (const key of ['contactIds', 'emails', 'names'] as const) {
      const within = await dispatch({ type: 'leadContext', payload: { [key]: ids(100) } }, contentScript);
      expect(within, key).toEqual({ ok: true, data: 'reached' });
      const bulk = await dispatch({ type: 'leadContext', payload: { [key]: ids(101) } }, contentScript);
      expect(bulk.ok, key).toBe(false);
      expect(bulk.ok ? '' : bulk.error, key).toMatch(/^invalid leadContext request/);
    }
  });
});
