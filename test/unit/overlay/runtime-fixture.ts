// What the overlay runtime tests share: a lead, a site adapter that anchors on `data-lead` elements, a runtime built
// as mountOverlay builds it (with a clock and a ticker the test drives), and a way to see inside closed shadow roots.
// The roots stay closed: `attachShadow` is wrapped in the test to keep the root it returns, as the page cannot; no
// production code opens a root or offers a hook for it.
import { vi } from 'vitest';
import { HoverCard } from '../../../components/overlay/hover-card';
import type { OverlayRuntime } from '../../../components/overlay/runtime';
import { type Language, translator } from '../../../lib/i18n';
import type { Anchor, SiteAdapter } from '../../../lib/overlay/anchors';
import { elapsedMinutes } from '../../../lib/overlay/badge-model';
import { createLeadLookup, type LeadAnswer, type LeadRequest } from '../../../lib/overlay/lead-lookup';
import { ResourceCounts } from '../../../lib/overlay/resources';
import { createTicker } from '../../../lib/overlay/ticker';

/** The lead as the overlay receives it (named through the runtime, so a move of its declaration does not matter). */
export type Lead = Parameters<OverlayRuntime['card']['show']>[1];

export const NOW = Date.parse('2026-11-22T12:00:00Z');

export function leadFor(email: string, id = email.split('@')[0] ?? email): Lead {
  return {
    id,
    email,
    name: `Lead ${id}`,
    stage: 'lead',
    effectiveSource: 'organic_search',
    temperature: 'hot',
    slaMinutes: 5,
    openDealValue: 0,
    timer: { kind: 'open', since: NOW - 60_000 },
  };
}

/**
 * Anchors on elements with `data-lead` (its addresses, comma-separated, in order) and `data-variant` (chip when
 * absent): the shape every site adapter gives, without any site's selectors.
 */
export const testAdapter: SiteAdapter = {
  site: 'gmail',
  anchorsIn(root) {
    const elements = [...(root.matches('[data-lead]') ? [root] : []), ...root.querySelectorAll('[data-lead]')];
    return elements.map(
      (element): Anchor => ({
        element,
        keys: (element.getAttribute('data-lead') ?? '').split(',').map((email) => ({ email })),
        variant: element.getAttribute('data-variant') === 'strip' ? 'strip' : 'chip',
      }),
    );
  },
};

/** `count` rows, each with one anchor for `lead-<i>@acme.example`; returns the anchors. */
export function addRows(count: number, parent: Element = document.body, from = 0): HTMLElement[] {
  const anchors: HTMLElement[] = [];
  for (let index = from; index < from + count; index++) {
    const row = document.createElement('div');
    row.className = 'row';
    const anchor = document.createElement('span');
    anchor.dataset.lead = `lead-${index}@acme.example`;
    anchor.textContent = `Lead ${index}`;
    row.append(anchor);
    parent.append(row);
    anchors.push(anchor);
  }
  return anchors;
}

/** A clock for the ticker whose timeouts fire only when the test says so, and can be counted. */
export function manualClock(start = NOW) {
  let now = start;
  let nextId = 1;
  const pending = new Map<number, () => void>();
  return {
    now: () => now,
    setTimeout: (callback: () => void) => {
      const id = nextId++;
      pending.set(id, callback);
      return id;
    },
    clearTimeout: (handle: unknown) => {
      pending.delete(handle as number);
    },
    get pending() {
      return pending.size;
    },
    /** Moves time on and fires what was due (the ticker's one timeout a second). */
    advance(ms: number) {
      now += ms;
      const due = [...pending.values()];
      pending.clear();
      for (const callback of due) callback();
    },
  };
}

export interface RuntimeOptions {
  language?: Language;
  /** The background's answer to one look-up message; default: every asked address is a lead. */
  answer?: (request: LeadRequest) => LeadAnswer<Lead> | Promise<LeadAnswer<Lead>>;
  portal?: OverlayRuntime['portal'];
}

/** Every address asked is a lead. */
export function answerAll(request: LeadRequest): LeadAnswer<Lead> {
  return { views: request.emails.map((email) => leadFor(email)) };
}

/** A runtime as mountOverlay builds it, for one tab (`stop` is the tab's end). */
export function testRuntime(options: RuntimeOptions = {}) {
  const tab = new AbortController();
  const clock = manualClock();
  const requests: LeadRequest[] = [];
  const marks: Array<[string, string]> = [];
  const answer = options.answer ?? answerAll;
  const lookup = createLeadLookup<Lead>({
    fetch: async (request) => {
      requests.push(request);
      return answer(request);
    },
    keysOf: (lead) => [{ email: lead.email.toLowerCase() }, { contactId: lead.id }],
  });
  let current: OverlayRuntime;
  const card = new HoverCard(() => current, tab.signal);
  const build = (language: Language): OverlayRuntime => ({
    language,
    dir: language === 'he' ? 'rtl' : 'ltr',
    t: translator(language),
    now: clock.now,
    ticker: createTicker(clock),
    lookup,
    rules: { openWithinDays: 30, inboundWithinDays: 14 },
    minutesBetween: elapsedMinutes,
    ...(options.portal ? { portal: options.portal } : {}),
    resources: new ResourceCounts(),
    card,
    mark: async (mark, lead) => {
      marks.push([mark, lead.id]);
    },
  });
  current = build(options.language ?? 'en');
  return {
    runtime: () => current,
    card,
    clock,
    lookup,
    requests,
    marks,
    /** A language change: a new runtime with the same ticker, look-up and counts, as mountOverlay makes. */
    setLanguage(language: Language) {
      current = { ...current, language, dir: language === 'he' ? 'rtl' : 'ltr', t: translator(language) };
    },
    stop: () => tab.abort(),
  };
}

/** Keeps the closed roots our hosts attach, so a test can look inside them; the roots stay closed to the page. */
export function captureClosedRoots() {
  const roots = new Map<Element, { root: ShadowRoot; mode: ShadowRootMode }>();
  const attach = HTMLElement.prototype.attachShadow;
  vi.spyOn(HTMLElement.prototype, 'attachShadow').mockImplementation(function (this: HTMLElement, init) {
    const root = attach.call(this, init);
    roots.set(this, { root, mode: init.mode });
    return root;
  });
  const rootOf = (host: Element): ShadowRoot => {
    const entry = roots.get(host);
    if (!entry) throw new Error('no root was attached to this host');
    return entry.root;
  };
  return {
    rootOf,
    modeOf: (host: Element) => roots.get(host)?.mode,
    /**
     * The element that has focus, looked for inside our roots. (happy-dom's `ShadowRoot.activeElement` throws when
     * focus is in another shadow tree, so it is only asked of the root the document says holds focus.)
     */
    focused(): Element | null {
      let active: Element | null = document.activeElement;
      for (;;) {
        const inner = active ? roots.get(active)?.root.activeElement : null;
        if (!inner || inner === active) return active;
        active = inner;
      }
    },
    /** The button a badge host holds. */
    badgeButton(host: Element): HTMLButtonElement {
      const button = rootOf(host).querySelector('button');
      if (!button) throw new Error('badge without a button');
      return button;
    },
  };
}

/** Our badge hosts in the page, in document order. */
export function badgeHosts(root: ParentNode = document): HTMLElement[] {
  return [...root.querySelectorAll<HTMLElement>('[data-leadlens="badge"]')];
}

/** `vi.waitFor` with room for a loaded machine: happy-dom and the overlay's slices take their time. */
export function until(check: () => void): Promise<void> {
  return vi.waitFor(check, { timeout: 10_000, interval: 10 });
}

// Taken before any test fakes the timers, so waiting for the page's tasks still works under fake ones.
const realSetTimeout = globalThis.setTimeout;

/** Resolves after the page overlay's queued tasks (message-channel slices, the observer's frame) have run. */
export function settle(): Promise<void> {
  return new Promise((resolve) => realSetTimeout(resolve, 20));
}
