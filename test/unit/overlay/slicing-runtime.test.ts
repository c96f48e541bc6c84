// @vitest-environment happy-dom
// How the page overlay turns a page's anchors into look-ups and badges: one round of messages a scan (at most 100 keys
// each, the most the background accepts), nothing asked twice, the tab's lead budget (`limited`) never taken for
// "no lead", and the placing itself cut into slices short enough not to hold the site's main thread.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type PageOverlay, runPageOverlay } from '../../../components/overlay/page-overlay';
import { LEAD_LOOKUP_BATCH } from '../../../lib/messaging/protocol';
import type { LeadRequest } from '../../../lib/overlay/lead-lookup';
import {
  addRows,
  answerAll,
  badgeHosts,
  captureClosedRoots,
  leadFor,
  settle,
  testAdapter,
  testRuntime,
  until,
} from './runtime-fixture';

let page: AbortController;
let tab: ReturnType<typeof testRuntime> | null = null;

function start(runtime: ReturnType<typeof testRuntime>): PageOverlay {
  tab = runtime;
  return runPageOverlay(testAdapter, runtime.runtime, page.signal);
}

const connectedBadges = () => badgeHosts().length;

beforeEach(() => {
  page = new AbortController();
  captureClosedRoots();
});

afterEach(() => {
  page.abort();
  tab?.stop();
  tab = null;
  vi.restoreAllMocks();
  document.body.replaceChildren();
  performance.clearMeasures('leadlens:batch');
});

describe('look-up batches', () => {
  it('asks for a page of 250 anchors in messages of at most 100 keys, once each, and badges every one', async () => {
    addRows(250);
    const runtime = testRuntime();
    start(runtime);
    await until(() => expect(connectedBadges()).toBe(250));
    expect(runtime.requests.map((request) => request.emails.length)).toEqual([
      LEAD_LOOKUP_BATCH,
      LEAD_LOOKUP_BATCH,
      250 - 2 * LEAD_LOOKUP_BATCH,
    ]);
    const asked = runtime.requests.flatMap((request) => request.emails);
    expect(new Set(asked).size).toBe(250);
  });

  it('asks only for the new addresses of rows the site adds; a known address is badged from memory', async () => {
    addRows(3);
    const runtime = testRuntime();
    start(runtime);
    await until(() => expect(connectedBadges()).toBe(3));
    runtime.requests.length = 0;
    // A re-rendered row of a known lead and a row of a new one arrive in one batch of the observer.
    const again = document.createElement('span');
    again.dataset.lead = 'lead-1@acme.example';
    document.body.append(again);
    addRows(1, document.body, 3);
    await until(() => expect(connectedBadges()).toBe(5));
    expect(runtime.requests).toEqual([{ emails: ['lead-3@acme.example'], contactIds: [] }]);
  });
});

describe("the tab's lead budget (limited replies)", () => {
  /** The background answers only `budget` leads, then says `limited`, until `open()` lifts the bound. */
  function budgeted(budget: number) {
    let bounded = true;
    return {
      answer: (request: LeadRequest) => {
        if (!bounded) return answerAll(request);
        const views = request.emails.slice(0, budget).map((email) => leadFor(email));
        return { views, limited: request.emails.length > budget };
      },
      open: () => {
        bounded = false;
      },
    };
  }

  it('leaves anchors it was not answered about bare, not "no lead", and asks again on the retry tick', async () => {
    addRows(5);
    const bound = budgeted(2);
    const runtime = testRuntime({ answer: bound.answer });
    start(runtime);
    await until(() => expect(connectedBadges()).toBe(2));
    await settle();
    expect(connectedBadges()).toBe(2);
    // Not remembered as "no lead": the look-up has no answer for them at all.
    expect(runtime.lookup.peek({ email: 'lead-4@acme.example' })).toBeUndefined();
    bound.open();
    runtime.requests.length = 0;
    runtime.clock.advance(1000);
    await until(() => expect(connectedBadges()).toBe(5));
    expect(runtime.requests.flatMap((request) => request.emails).sort()).toEqual([
      'lead-2@acme.example',
      'lead-3@acme.example',
      'lead-4@acme.example',
    ]);
  });

  it('asks again about unanswered anchors at most every 15 seconds, and only those still in the page', async () => {
    const anchors = addRows(4);
    const bound = budgeted(1);
    const runtime = testRuntime({ answer: bound.answer });
    start(runtime);
    await until(() => expect(connectedBadges()).toBe(1));
    await settle();
    // The first tick asks at once (lead-1 fits the budget this time); the next 14 seconds ask nothing.
    runtime.clock.advance(1000);
    await until(() => expect(connectedBadges()).toBe(2));
    runtime.requests.length = 0;
    for (let second = 1; second < 15; second++) runtime.clock.advance(1000);
    await settle();
    expect(runtime.requests).toEqual([]);
    anchors[3]?.closest('.row')?.remove();
    runtime.clock.advance(1000);
    await settle();
    expect(runtime.requests.flatMap((request) => request.emails)).toEqual(['lead-2@acme.example']);
  });

  it('reload asks again about unanswered anchors, and keeps a badge the limited reply left out', async () => {
    addRows(3);
    let bounded = false;
    const runtime = testRuntime({
      answer: (request) =>
        bounded
          ? { views: [], limited: true }
          : { views: request.emails.slice(0, 2).map((email) => leadFor(email)), limited: true },
    });
    const overlay = start(runtime);
    await until(() => expect(connectedBadges()).toBe(2));
    await settle();
    bounded = true;
    runtime.lookup.invalidate();
    runtime.requests.length = 0;
    await overlay.reload();
    await settle();
    // The badged leads (by contact id) and the unanswered anchor (by address) are all asked again.
    expect(runtime.requests.flatMap((request) => [...request.emails, ...request.contactIds]).sort()).toEqual([
      'lead-0',
      'lead-1',
      'lead-2@acme.example',
    ]);
    expect(connectedBadges()).toBe(2);
  });

  it('reload takes down the badge of a lead the background answered is gone', async () => {
    addRows(2);
    let gone = false;
    const runtime = testRuntime({
      answer: (request) => ({
        views: [...request.emails, ...request.contactIds.map((id) => `${id}@acme.example`)]
          .filter((email) => !(gone && email === 'lead-0@acme.example'))
          .map((email) => leadFor(email)),
      }),
    });
    const overlay = start(runtime);
    await until(() => expect(connectedBadges()).toBe(2));
    gone = true;
    runtime.lookup.invalidate();
    await overlay.reload();
    expect(connectedBadges()).toBe(1);
    expect(runtime.runtime().resources.snapshot().badges).toBe(1);
  });
});

describe('slices', () => {
  it("places a hundred known leads in several short slices, none longer than the site's frame can spare", async () => {
    const anchors = addRows(100);
    const runtime = testRuntime();
    // Known before the page view starts (a re-rendered inbox): every anchor is answered from memory.
    await Promise.all(anchors.map((anchor) => runtime.lookup.get({ email: anchor.dataset.lead ?? '' })));
    // A slow page: every reading of the clock costs 0.05 ms, so the slice budget runs out after a few badges.
    let fake = performance.now();
    vi.spyOn(performance, 'now').mockImplementation(() => {
      fake += 0.05;
      return fake;
    });
    start(runtime);
    const firstTask = connectedBadges();
    await until(() => expect(connectedBadges()).toBe(100));
    expect(firstTask).toBeLessThan(100);
    const slices = performance.getEntriesByName('leadlens:batch');
    expect(slices.length).toBeGreaterThan(3);
    for (const slice of slices) expect(slice.duration).toBeLessThan(2);
    // In the page's order, each right after its anchor.
    expect(anchors.every((anchor) => anchor.nextElementSibling?.getAttribute('data-leadlens') === 'badge')).toBe(true);
  });

  it("puts a page view's first badges in the page with the first slice, not after the whole list is built", async () => {
    addRows(100);
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const runtime = testRuntime({
      answer: async (request) => {
        await held;
        return answerAll(request);
      },
    });
    // The same slow page: building a hundred badges spans many slices and more than the 32 ms built badges may wait.
    let fake = performance.now();
    vi.spyOn(performance, 'now').mockImplementation(() => {
      fake += 0.01;
      return fake;
    });
    let atFirst: number | undefined;
    const watch = new MutationObserver(() => {
      atFirst ??= connectedBadges() > 0 ? connectedBadges() : undefined;
    });
    watch.observe(document.body, { childList: true, subtree: true });
    start(runtime);
    await until(() => expect(runtime.requests).toHaveLength(1));
    // The site adds rows while the look-up is under way: their scan is still going (a slice at a time) when the
    // answer comes, so the answered leads wait in the queue rather than being placed at once.
    addRows(1000, document.body, 100);
    await until(() => expect(performance.getEntriesByName('leadlens:batch').length).toBeGreaterThan(0));
    release();
    await until(() => expect(connectedBadges()).toBe(1100));
    watch.disconnect();
    expect(atFirst).toBeGreaterThan(0);
    expect(atFirst).toBeLessThan(10);
  });
});
