// The content script's view of the cache: leads by address or contact id, asked of the background in one message
// per batch of the page's observer, remembered for a minute so a re-rendered row is badged in the same frame, without a round
// trip. Unknown keys are remembered too, so an address that is no lead costs one question a minute, not one a frame.

export type LeadKey = { email: string } | { contactId: string };

export interface LeadRequest {
  emails: string[];
  contactIds: string[];
}

export interface LeadLookup<View> {
  /** A view already known (fresh or stale), `null` for a key known to be no lead, `undefined` when never asked. */
  peek(key: LeadKey): View | null | undefined;
  /** Resolves when the key's answer is known; many calls in one frame make one request. */
  get(key: LeadKey): Promise<View | null>;
  /** Forget everything, e.g. after a sync wrote new data; the next `get` asks again. */
  invalidate(): void;
}

export interface LookupOptions<View> {
  fetch(request: LeadRequest): Promise<View[]>;
  /** Keys a returned view answers: its addresses and its id. */
  keysOf(view: View): LeadKey[];
  now?: () => number;
  ttlMs?: number;
  schedule?: (flush: () => void) => void;
}

export function keyString(key: LeadKey): string {
  return 'email' in key ? `e:${key.email.trim().toLowerCase()}` : `c:${key.contactId}`;
}

interface Entry<View> {
  view: View | null;
  at: number;
}

export function createLeadLookup<View>(options: LookupOptions<View>): LeadLookup<View> {
  const now = options.now ?? (() => Date.now());
  const ttl = options.ttlMs ?? 60_000;
  // Callers already batch per animation frame (the page's observer); a microtask gathers one frame's keys without
  // waiting for another frame.
  const schedule = options.schedule ?? ((flush) => queueMicrotask(flush));
  const known = new Map<string, Entry<View>>();
  const waiting = new Map<string, { key: LeadKey; resolvers: Array<(view: View | null) => void> }>();
  let scheduled = false;

  const flush = async () => {
    scheduled = false;
    const batch = [...waiting.values()];
    waiting.clear();
    const request: LeadRequest = { emails: [], contactIds: [] };
    for (const { key } of batch) {
      if ('email' in key) request.emails.push(key.email.trim().toLowerCase());
      else request.contactIds.push(key.contactId);
    }
    let views: View[] = [];
    try {
      views = await options.fetch(request);
    } catch {
      // The background is unreachable (extension reloading, worker starting): keep what we knew, answer from it, and
      // ask again on the next call — a badge from the cache beats no badge.
      for (const { key, resolvers } of batch) {
        const stale = known.get(keyString(key))?.view ?? null;
        for (const resolve of resolvers) resolve(stale);
      }
      return;
    }
    const at = now();
    const byKey = new Map<string, View>();
    for (const view of views) for (const key of options.keysOf(view)) byKey.set(keyString(key), view);
    for (const { key, resolvers } of batch) {
      const view = byKey.get(keyString(key)) ?? null;
      known.set(keyString(key), { view, at });
      for (const resolve of resolvers) resolve(view);
    }
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
    invalidate() {
      for (const entry of known.values()) entry.at = Number.NEGATIVE_INFINITY;
    },
  };
}
