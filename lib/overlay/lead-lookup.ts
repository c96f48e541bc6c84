import { LEAD_LOOKUP_BATCH } from '../messaging/protocol';
import { displayNameKey } from './display-name';

// The content script's view of the cache: leads by address or contact id, asked of the background in one message
// per batch of the page's observer (split into messages of at most LEAD_LOOKUP_BATCH keys, the most the background
// accepts), remembered for a minute so a re-rendered row is badged in the same frame, without a round trip. Unknown
// keys are remembered too, so an address that is no lead costs one question a minute, not one a frame — but only
// when the background really answered: a key it left out because this tab reached its per-minute bound of leads is
// not "no lead", and is asked again later.

/**
 * Who a badge is for. A `name` is a display name shown without an address (Outlook's collapsed cards): the background
 * answers it only when exactly one cached lead has that name. A `dealId` (a deal row or board card) answers with the
 * deal's primary contact, when that is a lead.
 */
export type LeadKey = { email: string } | { contactId: string } | { name: string } | { dealId: string };

export interface LeadRequest {
  emails: string[];
  contactIds: string[];
  /** Display-name keys (`displayNameKey`); sent only when there are some. */
  names?: string[];
  /** Deal ids; sent only when there are some. */
  dealIds?: string[];
}

/** One reply of the background: the leads it found, and whether it left some out (the tab's per-minute bound). */
export interface LeadAnswer<View> {
  views: View[];
  limited?: boolean;
  /** Which lead (by contact id, among `views`) each name asked for is: only names that one lead has. */
  named?: Array<{ name: string; id: string }>;
  /** The background could not look names up yet (its index is being built): not "no lead", ask again later. */
  namesUnread?: boolean;
  /** Which lead (by contact id, among `views`) each deal asked for is the primary contact of. */
  dealLeads?: Array<{ dealId: string; id: string }>;
}

export interface LeadLookup<View> {
  /** A view already known (fresh or stale), `null` for a key known to be no lead, `undefined` when never asked. */
  peek(key: LeadKey): View | null | undefined;
  /**
   * Resolves when the key's answer is known; many calls in one frame make one request. `undefined` means the
   * background gave no answer for it (its bound was reached, or it is unreachable and nothing was known): ask later.
   */
  get(key: LeadKey): Promise<View | null | undefined>;
  /** Forget everything (a sync wrote new data), or only one lead's keys (a rep marked it); the next `get` asks. */
  invalidate(view?: View): void;
}

export interface LookupOptions<View> {
  fetch(request: LeadRequest): Promise<LeadAnswer<View>>;
  /** Keys a returned view answers: its addresses and its id. */
  keysOf(view: View): LeadKey[];
  now?: () => number;
  ttlMs?: number;
  schedule?: (flush: () => void) => void;
  /** Keys per message; the background refuses larger requests. */
  batchSize?: number;
}

export function keyString(key: LeadKey): string {
  if ('email' in key) return `e:${key.email.trim().toLowerCase()}`;
  if ('name' in key) return `n:${displayNameKey(key.name)}`;
  return 'dealId' in key ? `d:${key.dealId}` : `c:${key.contactId}`;
}

interface Entry<View> {
  view: View | null;
  at: number;
}

type Waiting<View> = { key: LeadKey; resolvers: Array<(view: View | null | undefined) => void> };

export function createLeadLookup<View>(options: LookupOptions<View>): LeadLookup<View> {
  const now = options.now ?? (() => Date.now());
  const ttl = options.ttlMs ?? 60_000;
  const batchSize = Math.max(1, options.batchSize ?? LEAD_LOOKUP_BATCH);
  // Callers already batch per animation frame (the page's observer); a microtask gathers one frame's keys without
  // waiting for another frame.
  const schedule = options.schedule ?? ((flush) => queueMicrotask(flush));
  const known = new Map<string, Entry<View>>();
  const waiting = new Map<string, Waiting<View>>();
  let scheduled = false;

  /** What we knew before, for a key the background did not answer this time. */
  const fallback = (key: LeadKey): View | null | undefined => known.get(keyString(key))?.view;

  const ask = async (batch: Array<Waiting<View>>) => {
    const request: LeadRequest = { emails: [], contactIds: [] };
    const names: string[] = [];
    const dealIds: string[] = [];
    for (const { key } of batch) {
      if ('email' in key) request.emails.push(key.email.trim().toLowerCase());
      else if ('name' in key) names.push(displayNameKey(key.name));
      else if ('dealId' in key) dealIds.push(key.dealId);
      else request.contactIds.push(key.contactId);
    }
    if (names.length > 0) request.names = names;
    if (dealIds.length > 0) request.dealIds = dealIds;
    let answer: LeadAnswer<View>;
    try {
      answer = await options.fetch(request);
    } catch {
      // The background is unreachable (extension reloading, worker starting): keep what we knew, answer from it, and
      // ask again on the next call — a badge from the cache beats no badge.
      for (const { key, resolvers } of batch) for (const resolve of resolvers) resolve(fallback(key));
      return;
    }
    const at = now();
    const byKey = new Map<string, View>();
    for (const view of answer.views) for (const key of options.keysOf(view)) byKey.set(keyString(key), view);
    // A name is never one of a view's own keys: two leads may share it, and only the background knows they do not.
    for (const { name, id } of answer.named ?? []) {
      const view = byKey.get(keyString({ contactId: id }));
      if (view !== undefined) byKey.set(keyString({ name }), view);
    }
    for (const { dealId, id } of answer.dealLeads ?? []) {
      const view = byKey.get(keyString({ contactId: id }));
      if (view !== undefined) byKey.set(keyString({ dealId }), view);
    }
    for (const { key, resolvers } of batch) {
      const id = keyString(key);
      const view = byKey.get(id);
      const unread = answer.limited || (answer.namesUnread === true && 'name' in key);
      if (view === undefined && unread) {
        // Left out by the tab's bound, not found absent: remembering "no lead" would hide a lead for a minute.
        for (const resolve of resolvers) resolve(fallback(key));
        continue;
      }
      known.set(id, { view: view ?? null, at });
      for (const resolve of resolvers) resolve(view ?? null);
    }
  };

  const flush = async () => {
    scheduled = false;
    const batch = [...waiting.values()];
    waiting.clear();
    const messages: Array<Promise<void>> = [];
    for (let start = 0; start < batch.length; start += batchSize) {
      messages.push(ask(batch.slice(start, start + batchSize)));
    }
    await Promise.all(messages);
  };

  const forget = (key: LeadKey) => {
    const entry = known.get(keyString(key));
    if (entry) entry.at = Number.NEGATIVE_INFINITY;
  };

  return {
    peek(key) {
      return known.get(keyString(key))?.view;
    },
    get(key) {
      const id = keyString(key);
      const entry = known.get(id);
      if (entry && now() - entry.at < ttl) return Promise.resolve(entry.view);
      return new Promise((resolve) => {
        const pending = waiting.get(id) ?? { key, resolvers: [] };
        pending.resolvers.push(resolve);
        waiting.set(id, pending);
        if (!scheduled) {
          scheduled = true;
          schedule(() => void flush());
        }
      });
    },
    invalidate(view) {
      if (view === undefined) {
        for (const entry of known.values()) entry.at = Number.NEGATIVE_INFINITY;
        return;
      }
      for (const key of options.keysOf(view)) forget(key);
    },
  };
}
