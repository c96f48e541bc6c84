import {
  type Anchor,
  type AnchorScope,
  isLeadLensNode,
  type MailThread,
  type SiteAdapter,
} from '../../lib/overlay/anchors';
import type { LeadContext } from '../../lib/messaging/protocol';
import { observeAddedElements } from '../../lib/overlay/batched-observer';
import { type AddressKind, answeredInMail, isOurAddress } from '../../lib/overlay/mail-thread';
import { LeadBadge } from './badge';
import type { OverlayRuntime } from './runtime';

// One page view's overlay: finds anchors, asks for their leads, places badges, keeps them ticking, and tears
// everything down when `signal` aborts (in-app navigation, extension reload). One observer, one ticker
// subscription, however many badges.

export interface PageOverlay {
  badges(): readonly LeadBadge[];
  /** Re-render every badge (language or settings changed). */
  refresh(): void;
  /**
   * Ask the cache again for every badged lead (a sync wrote new data, a rep marked one); a lead that vanished loses
   * its badge. Anchors the background left unanswered (its per-tab bound) are asked again too.
   */
  reload(): Promise<void>;
  /** Look for anchors in the whole page again (the connected portal became known: HubSpot anchors only for it). */
  rescan(): void;
  /** Applies a lead's new marks to its badges at once, before the cache's answer confirms them. */
  patchLead(id: string, patch: Pick<LeadContext, 'snoozedUntil' | 'notALead'>): void;
}

/** How often anchors the background left unanswered are asked again: its bound counts leads per minute. */
const RETRY_UNANSWERED_MS = 15_000;

/** Where anchors may go, from what the background said: HubSpot anchors only for the connected portal. */
function scopeOf(runtime: OverlayRuntime): AnchorScope {
  return runtime.portal ? { portalId: runtime.portal.portalId } : {};
}

export function runPageOverlay(
  adapter: SiteAdapter,
  runtime: () => OverlayRuntime,
  signal: AbortSignal,
  onBatch?: () => void,
): PageOverlay {
  const placed = new Map<Element, LeadBadge>();
  // Anchors whose badge goes before them (a list row's clipping cell), also when the ticker puts a dropped badge back.
  const first = new WeakSet<Element>();
  const putBeside = (element: Element, host: Element) => {
    if (first.has(element)) element.before(host);
    else element.after(host);
  };
  const asked = new WeakSet<Element>();
  // A mail thread's lead card and how to read its thread: re-read on every batch of the observer, because a reply
  // sent while the thread is open arrives as added nodes.
  const threads = new Map<LeadBadge, () => MailThread>();
  // Anchors whose leads the background did not answer (this tab's bound of leads a minute, or no background): not
  // "no lead", so they are asked again later rather than left bare for the page's lifetime.
  const unanswered = new Set<Anchor>();
  let lastRetry = 0;

  const checkThread = (badge: LeadBadge) => {
    const read = threads.get(badge);
    if (!read) return;
    const { lookup, now } = runtime();
    const { messages, self } = read();
    const own = badge.lead.email.toLowerCase();
    const kindOf = (address: string): AddressKind => {
      if (address === own) return 'lead';
      const known = lookup.peek({ email: address });
      return known ? 'lead' : known === null ? 'other' : 'unknown';
    };
    badge.setAnsweredInMail(answeredInMail(messages, badge.lead, isOurAddress(kindOf, self), now()));
  };
  const checkThreads = () => {
    for (const badge of threads.keys()) checkThread(badge);
  };

  // Badges are built off the page and put into it together: each insertion into the site's layout costs the
  // browser a style, layout and paint pass at the next frame, so a hundred badges inserted a few per slice were a
  // dozen full frames of the site's rendering (most of an inbox's time to badge); built first and inserted in one
  // go, they are one. Built badges wait at most WAIT_MS, so a long list still shows progress.
  const WAIT_MS = 32;
  const built: Array<{ anchor: Anchor; badge: LeadBadge }> = [];
  let builtSince = 0;
  let inserted = 0;
  let inserting = false;
  /** Whether this page view has put a badge into the page yet; see `drain`. */
  let showsBadges = false;
  /** Puts built badges into the page while the slice lasts; true when none is left. */
  const insertBuilt = (sliceStart: number): boolean => {
    while (inserted < built.length) {
      const { anchor, badge } = built[inserted++] as (typeof built)[number];
      if (anchor.element.isConnected && !badge.host.isConnected) {
        putBeside(anchor.element, badge.host);
        showsBadges = true;
        // Marks when a badge became visible, for the overlay benchmark (read through the DevTools protocol).
        performance.mark('leadlens:badge', { detail: { variant: anchor.variant } });
      }
      if (performance.now() - sliceStart >= SLICE_MS) break;
    }
    if (inserted < built.length) return false;
    built.length = 0;
    inserted = 0;
    return true;
  };
  // Badges of anchors the site took out of the page, by lead: a re-rendered list (Gmail redraws its rows on every
  // folder switch and refresh, mostly the same senders) gets them back instead of new ones. Building a hundred badges
  // was most of an inbox's own work, and spread over slices it let the site render a frame or two in between.
  const byLead = new Map<string, Set<Element>>();
  const reusable = (lead: LeadContext, variant: Anchor['variant']): [Element, LeadBadge] | undefined => {
    for (const element of byLead.get(lead.id) ?? []) {
      const badge = placed.get(element);
      if (badge && !element.isConnected && !badge.host.isConnected && badge.variant === variant)
        return [element, badge];
    }
    return undefined;
  };
  const forgetPlaced = (element: Element, badge: LeadBadge) => {
    placed.delete(element);
    threads.delete(badge);
    byLead.get(badge.lead.id)?.delete(element);
  };
  const place = (anchor: Anchor, lead: LeadContext) => {
    if (signal.aborted || !anchor.element.isConnected || placed.has(anchor.element)) return;
    const old = reusable(lead, anchor.variant);
    let badge: LeadBadge;
    if (old) {
      [, badge] = old;
      forgetPlaced(...old);
      if (badge.lead !== lead) {
        badge.lead = lead;
        badge.render();
      }
    } else {
      badge = new LeadBadge(lead, anchor.variant, runtime);
      runtime().resources.add('badges', 1);
    }
    if (built.length === 0) builtSince = performance.now();
    built.push({ anchor, badge });
    placed.set(anchor.element, badge);
    const anchors = byLead.get(lead.id) ?? new Set<Element>();
    anchors.add(anchor.element);
    byLead.set(lead.id, anchors);
    if (anchor.placement === 'before') first.add(anchor.element);
    if (anchor.thread) {
      threads.set(badge, anchor.thread);
      checkThread(badge);
    }
  };

  // Placing a hundred badges at once would be one long task on the site's main thread; the queue places them in
  // slices of SLICE_MS (leaving room for the insertion below within 2 ms) and yields between slices (a message-channel task, not a frame, so little latency is added).
  const SLICE_MS = 1.2;
  const queue: Array<[Anchor, LeadContext]> = [];
  const channel = new MessageChannel();
  let drainScheduled = false;
  // Elements the observer reported, scanned for anchors within the slices too: a re-rendered inbox adds a hundred
  // rows in one batch, and finding their anchors at once was itself more than a slice.
  const roots: Element[] = [];
  let nextRoot = 0;
  const drain = (sliceStart = performance.now()) => {
    drainScheduled = false;
    if (signal.aborted) return;
    if (inserting) {
      if (!insertBuilt(sliceStart)) {
        scheduleDrain();
        return;
      }
      inserting = false;
    }
    while (nextRoot < roots.length && !signal.aborted) {
      scan(roots[nextRoot++] as Element);
      if (performance.now() - sliceStart >= SLICE_MS) break;
    }
    if (nextRoot === roots.length) {
      roots.length = 0;
      nextRoot = 0;
    }
    let item = performance.now() - sliceStart < SLICE_MS ? queue.shift() : undefined;
    while (item && !signal.aborted) {
      place(item[0], item[1]);
      if (performance.now() - sliceStart >= SLICE_MS) break;
      item = queue.shift();
    }
    if (signal.aborted) return;
    // A page view's first badges go in with the first slice that built one: on a page just loaded or opened, the
    // first lead on the screen is what the rep waits for, and one more frame of layout is cheap beside that wait.
    const waited = built.length > 0 && (!showsBadges || performance.now() - builtSince >= WAIT_MS);
    if (built.length > 0 && ((queue.length === 0 && roots.length === 0) || waited)) {
      inserting = !insertBuilt(sliceStart);
    }
    if (inserting || queue.length > 0 || roots.length > 0) scheduleDrain();
  };
  const scheduleDrain = () => {
    if (drainScheduled) return;
    drainScheduled = true;
    channel.port2.postMessage(null);
  };
  channel.port1.onmessage = () => {
    const start = performance.now();
    drain(start);
    // Main-thread time of each slice, for the overlay benchmark; User Timing costs nothing when nobody reads it.
    performance.measure('leadlens:batch', { start, end: performance.now() });
  };
  signal.addEventListener('abort', () => channel.port1.close(), { once: true });
  // One reply from the background resolves many look-ups within one task; they share one slice, which ends with
  // the task (a message-channel task marks its end).
  let burst: { start: number; end: number } | null = null;
  const burstEnd = new MessageChannel();
  burstEnd.port1.onmessage = () => {
    if (burst) performance.measure('leadlens:batch', { start: burst.start, end: burst.end });
    burst = null;
  };
  signal.addEventListener('abort', () => burstEnd.port1.close(), { once: true });
  /** A lead that arrived from the background: placed at once while the slice lasts, else behind the queue. */
  const enqueue = (anchor: Anchor, lead: LeadContext) => {
    const now = performance.now();
    if (burst === null) {
      burst = { start: now, end: now };
      burstEnd.port2.postMessage(null);
    }
    if (drainScheduled || queue.length > 0 || now - burst.start >= SLICE_MS) {
      queue.push([anchor, lead]);
      scheduleDrain();
      return;
    }
    place(anchor, lead);
    if (!insertBuilt(burst.start)) {
      inserting = true;
      scheduleDrain();
    }
    burst.end = performance.now();
  };

  /**
   * The first candidate known to be a lead, from memory when possible so a re-rendered row is badged at once;
   * `undefined` when none is and some candidate went unanswered.
   */
  const resolve = async (anchor: Anchor): Promise<LeadContext | null | undefined> => {
    const { lookup } = runtime();
    let unknown = false;
    for (const key of anchor.keys) {
      const known = lookup.peek(key);
      const lead = known === undefined ? await lookup.get(key) : known;
      if (lead) return lead;
      if (lead === undefined) unknown = true;
    }
    return unknown ? undefined : null;
  };

  const attach = (anchors: Anchor[]) => {
    for (const anchor of anchors) {
      if (asked.has(anchor.element)) continue;
      asked.add(anchor.element);
      const { lookup } = runtime();
      const cached = anchor.keys.map((key) => lookup.peek(key)).find((lead) => lead);
      if (cached) queue.push([anchor, cached]);
      else
        void resolve(anchor).then((lead) => {
          if (lead) enqueue(anchor, lead);
          else if (lead === undefined && !signal.aborted) unanswered.add(anchor);
        });
    }
  };

  /** Asks again for the anchors left unanswered that are still in the page. */
  const retryUnanswered = () => {
    const again = [...unanswered].filter((anchor) => anchor.element.isConnected);
    unanswered.clear();
    for (const anchor of again) asked.delete(anchor.element);
    attach(again);
  };

  const scan = (root: Element) => attach(adapter.anchorsIn(root, location, scopeOf(runtime())));

  scan(document.body);
  drain();
  observeAddedElements(
    document.body,
    (added) => {
      const start = performance.now();
      for (const element of added) if (!isLeadLensNode(element)) roots.push(element);
      checkThreads();
      onBatch?.();
      // Badges already known are placed in this same frame, as far as the slice allows.
      drain(start);
      performance.measure('leadlens:batch', { start, end: performance.now() });
    },
    signal,
  );
  runtime().resources.take('observers', signal);

  // The ticker's own clock is this browser's; the badges count on HubSpot's (`runtime.now`, skew applied).
  runtime().ticker.subscribe(() => {
    const now = runtime().now();
    if (unanswered.size > 0 && now - lastRetry >= RETRY_UNANSWERED_MS) {
      lastRetry = now;
      retryUnanswered();
    }
    for (const [anchor, badge] of placed) {
      if (badge.host.isConnected) {
        badge.tick(now);
      } else if (anchor.isConnected) {
        // The site re-rendered the anchor's surroundings and dropped our node: put it back.
        putBeside(anchor, badge.host);
      } else {
        forgetPlaced(anchor, badge);
        runtime().resources.add('badges', -1);
      }
    }
  }, signal);
  runtime().resources.take('ticks', signal);

  signal.addEventListener(
    'abort',
    () => {
      built.length = 0;
      inserted = 0;
      roots.length = 0;
      for (const badge of placed.values()) badge.host.remove();
      runtime().resources.add('badges', -placed.size);
      placed.clear();
      byLead.clear();
      threads.clear();
      unanswered.clear();
    },
    { once: true },
  );

  return {
    badges: () => [...placed.values()],
    refresh: () => {
      for (const badge of placed.values()) badge.render();
      checkThreads();
    },
    rescan: () => {
      if (signal.aborted) return;
      roots.push(document.body);
      scheduleDrain();
    },
    patchLead: (id, patch) => {
      for (const badge of placed.values()) {
        if (badge.lead.id !== id) continue;
        badge.lead = { ...badge.lead, ...patch };
        badge.render();
      }
    },
    reload: async () => {
      retryUnanswered();
      const { lookup } = runtime();
      await Promise.all(
        [...placed].map(async ([anchor, badge]) => {
          const lead = await lookup.get({ contactId: badge.lead.id });
          // Unanswered (the tab's bound): keep the badge as it was rather than take it down.
          if (signal.aborted || lead === undefined) return;
          if (lead) {
            badge.lead = lead;
            badge.render();
            checkThread(badge);
          } else {
            badge.host.remove();
            forgetPlaced(anchor, badge);
            runtime().resources.add('badges', -1);
          }
        }),
      );
    },
  };
}
