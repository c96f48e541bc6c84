// @vitest-environment happy-dom
// Cleanup: a page view's overlay gives back everything it took when its signal aborts (badges, the observer, the
// ticker's subscription and timeout, answers still on their way), and a single-page app's navigation starts a fresh
// page view without leaving stale badges, an open card, or one more listener per navigation. The status pill
// publishes the counts the end-to-end leak test reads; here they are read inside its closed root.
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { ContentScriptContext } from 'wxt/utils/content-script-context';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { mountOverlay } from '../../../components/overlay/mountOverlay';
import { runPageOverlay } from '../../../components/overlay/page-overlay';
import type { LeadRequest } from '../../../lib/overlay/lead-lookup';
import {
  addRows,
  badgeHosts,
  captureClosedRoots,
  leadFor,
  settle,
  testAdapter,
  testRuntime,
  until,
} from './runtime-fixture';

const gate = vi.hoisted(() => ({ trusted: true }));
vi.mock('../../../lib/overlay/trusted-event', () => ({ isTrustedEvent: () => gate.trusted }));

/** The background as the content script reaches it; `leadContext` may be held back to answer late. */
const background = vi.hoisted(() => ({
  held: null as null | { release: () => void },
  holdNext: false,
  calls: [] as string[],
}));
vi.mock('../../../lib/messaging/client', () => ({
  callBackground: async (type: string, payload: unknown) => {
    background.calls.push(type);
    if (type === 'ping') {
      return {
        version: 'test',
        startedAt: 0,
        connected: true,
        portal: { portalId: 48151623, uiDomain: 'app.hubspot.com', currency: 'USD' },
        language: 'en',
      };
    }
    if (type === 'leadContext') {
      const { emails = [] } = payload as Partial<LeadRequest>;
      const reply = { leads: emails.map((email) => leadFor(email)) };
      if (!background.holdNext) return reply;
      background.holdNext = false;
      return new Promise((resolve) => {
        background.held = { release: () => resolve(reply) };
      });
    }
    throw new Error(`unexpected message ${type}`);
  },
}));

let roots: ReturnType<typeof captureClosedRoots>;
/** The mounted tab's context, ended after each test even when it fails. */
let mounted: ContentScriptContext | null = null;

beforeEach(() => {
  gate.trusted = true;
  background.held = null;
  background.holdNext = false;
  background.calls.length = 0;
  roots = captureClosedRoots();
});

afterEach(() => {
  mounted?.abort();
  mounted = null;
  fakeBrowser.reset();
  vi.useRealTimers();
  vi.restoreAllMocks();
  document.body.replaceChildren();
  for (const host of document.querySelectorAll('[data-leadlens]')) host.remove();
});

describe('a page view aborted', () => {
  it('takes down its badges and gives back the observer, the ticker and its timeout', async () => {
    const tab = testRuntime();
    const page = new AbortController();
    const batches = vi.fn();
    const overlay = runPageOverlay(testAdapter, tab.runtime, page.signal, batches);
    addRows(3);
    await until(() => expect(badgeHosts()).toHaveLength(3));
    expect(tab.runtime().resources.snapshot()).toEqual({ observers: 1, listeners: 0, ticks: 1, badges: 3 });
    expect(tab.runtime().ticker.size).toBe(1);
    expect(tab.clock.pending).toBe(1);

    page.abort();
    expect(badgeHosts()).toHaveLength(0);
    expect(overlay.badges()).toHaveLength(0);
    expect(tab.runtime().resources.snapshot()).toEqual({ observers: 0, listeners: 0, ticks: 0, badges: 0 });
    expect(tab.runtime().ticker.size).toBe(0);
    expect(tab.clock.pending).toBe(0);
    // Nothing of it runs any more: the observer reports no new rows, a rescan does nothing.
    tab.requests.length = 0;
    batches.mockClear();
    addRows(2, document.body, 10);
    overlay.rescan();
    await settle();
    expect(batches).not.toHaveBeenCalled();
    expect(tab.requests).toEqual([]);
    expect(badgeHosts()).toHaveLength(0);
    tab.stop();
  });

  it('places nothing from an answer that arrives after it ended, and does not ask again for what was unanswered', async () => {
    let release: () => void = () => undefined;
    const tab = testRuntime({
      answer: (request) =>
        new Promise((resolve) => {
          release = () => resolve({ views: request.emails.slice(0, 1).map((email) => leadFor(email)), limited: true });
        }),
    });
    addRows(2);
    const page = new AbortController();
    runPageOverlay(testAdapter, tab.runtime, page.signal);
    await until(() => expect(tab.requests).toHaveLength(1));
    page.abort();
    release();
    await settle();
    expect(badgeHosts()).toHaveLength(0);
    expect(tab.runtime().resources.snapshot().badges).toBe(0);
    tab.clock.advance(20_000);
    await settle();
    expect(tab.requests).toHaveLength(1);
    tab.stop();
  });
});

describe('single-page navigation (mountOverlay)', () => {
  /** A mail list of `count` rows; the inbox of a single-page mail client. */
  function showList(from: number, count: number) {
    document.body.replaceChildren();
    const list = document.createElement('main');
    document.body.append(list);
    addRows(count, list, from);
  }

  async function mount() {
    vi.spyOn(fakeBrowser.i18n, 'getUILanguage').mockReturnValue('en');
    const addListener = vi.spyOn(fakeBrowser.runtime.onMessage, 'addListener');
    const ctx = new ContentScriptContext('leadlens-test');
    mounted = ctx;
    await mountOverlay(ctx, testAdapter, 'overlay.gmail.ready');
    const pillHost = document.querySelector('[data-leadlens="overlay"]') as Element;
    const pill = roots.rootOf(pillHost).querySelector<HTMLElement>('[data-testid="leadlens-overlay"]') as HTMLElement;
    const cardHost = document.querySelector<HTMLElement>('[data-leadlens="card"]') as HTMLElement;
    const counts = () => ({ ...pill.dataset });
    /** Whether the background's refresh signal still reaches this tab's overlay. */
    const hearsBackground = () =>
      addListener.mock.calls.some(([listener]) => fakeBrowser.runtime.onMessage.hasListener(listener));
    return { ctx, pillHost, pill, cardHost, counts, hearsBackground };
  }

  async function navigate(hash: string, event: 'popstate' | 'hashchange') {
    history.pushState(null, '', hash);
    window.dispatchEvent(new Event(event));
    await settle();
  }

  it('drops the old page’s badges and card, badges the new page, and holds no more than one page’s worth', async () => {
    history.replaceState(null, '', '/mail/#inbox');
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    showList(0, 3);
    const { ctx, pillHost, cardHost, counts, hearsBackground } = await mount();
    await until(() => expect(badgeHosts()).toHaveLength(3));
    await until(() => expect(counts().connected).toBe('true'));
    const first = counts();
    expect(first).toMatchObject({ observers: '1', ticks: '1', badges: '3' });
    expect(hearsBackground()).toBe(true);
    // One timeout a second for every timer on the page, whatever the number of badges.
    expect(vi.getTimerCount()).toBe(1);
    roots.badgeButton(badgeHosts()[0] as Element).dispatchEvent(new MouseEvent('mouseenter'));
    expect(cardHost.hidden).toBe(false);

    // A thread opens: the site swaps its content and the URL, in either order; popstate or hashchange says so.
    const views = [
      ['#inbox/thread-1', 'popstate', 10, 1],
      ['#inbox', 'hashchange', 0, 3],
      ['#sent', 'popstate', 20, 5],
      ['#inbox', 'hashchange', 0, 3],
      ['#inbox/thread-2', 'popstate', 30, 2],
    ] as const;
    for (const [hash, event, from, count] of views) {
      showList(from, count);
      await navigate(hash, event);
      await until(() => expect(badgeHosts()).toHaveLength(count));
      await until(() => expect(counts().badges).toBe(String(count)));
      expect(cardHost.hidden).toBe(true);
      expect(counts()).toEqual({ ...first, badges: String(count) });
      expect(vi.getTimerCount()).toBe(1);
    }
    expect(badgeHosts().map((host) => host.previousElementSibling?.getAttribute('data-lead'))).toEqual([
      'lead-30@acme.example',
      'lead-31@acme.example',
    ]);

    // The tab's end (extension reloaded): everything goes, and nothing listens any more.
    ctx.abort();
    expect(badgeHosts()).toHaveLength(0);
    expect([pillHost.isConnected, cardHost.isConnected]).toEqual([false, false]);
    expect(counts()).toMatchObject({ observers: '0', ticks: '0', badges: '0', listeners: '0' });
    expect(vi.getTimerCount()).toBe(0);
    expect(hearsBackground()).toBe(false);
    background.calls.length = 0;
    showList(40, 2);
    await navigate('#later', 'popstate');
    expect(badgeHosts()).toHaveLength(0);
    expect(background.calls).toEqual([]);
  });

  it('an answer for the old page that arrives after the navigation adds no second badge', async () => {
    history.replaceState(null, '', '/mail/#inbox');
    showList(0, 1);
    background.holdNext = true;
    await mount();
    await until(() => expect(background.held).not.toBeNull());
    // The list stays in the page under the opened thread, as a mail client keeps it.
    await navigate('#inbox/thread-1', 'popstate');
    await until(() => expect(badgeHosts()).toHaveLength(1));
    background.held?.release();
    await settle();
    await settle();
    expect(badgeHosts()).toHaveLength(1);
  });
});
