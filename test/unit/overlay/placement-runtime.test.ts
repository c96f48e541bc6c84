// @vitest-environment happy-dom
// Where badges go: right after their anchor, one per anchor however often the page is scanned, back in place when
// the site drops them, gone with their anchor; in the reading direction of the UI's language, and the card beside
// its badge on the side the text starts from (right-aligned in Hebrew), inside the viewport.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type PageOverlay, runPageOverlay } from '../../../components/overlay/page-overlay';
import type { Language } from '../../../lib/i18n';
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

let page: AbortController;
let tab: ReturnType<typeof testRuntime>;
let roots: ReturnType<typeof captureClosedRoots>;

function start(language: Language = 'en'): PageOverlay {
  tab = testRuntime({ language });
  return runPageOverlay(testAdapter, tab.runtime, page.signal);
}

beforeEach(() => {
  page = new AbortController();
  roots = captureClosedRoots();
});

afterEach(() => {
  page.abort();
  tab.stop();
  vi.restoreAllMocks();
  document.body.replaceChildren();
});

describe('badges beside their anchors', () => {
  it('puts each badge right after its anchor, in the same parent, in a closed root', async () => {
    const anchors = addRows(3);
    start();
    await until(() => expect(badgeHosts()).toHaveLength(3));
    for (const anchor of anchors) {
      const host = anchor.nextElementSibling as HTMLElement;
      expect(host.dataset.leadlens).toBe('badge');
      expect(host.parentElement).toBe(anchor.parentElement);
      expect(roots.modeOf(host)).toBe('closed');
      expect(roots.badgeButton(host).getAttribute('aria-label')).toContain(
        `Lead ${anchor.dataset.lead?.split('@')[0]}`,
      );
    }
  });

  it('gives a lead one badge per anchor: two places, two badges; rescans and moved rows add none', async () => {
    const [row] = addRows(1);
    const heading = document.createElement('h2');
    heading.dataset.lead = 'lead-0@acme.example';
    heading.dataset.variant = 'strip';
    document.body.prepend(heading);
    const overlay = start();
    await until(() => expect(badgeHosts()).toHaveLength(2));
    const [stripHost, chipHost] = badgeHosts();
    expect(heading.nextElementSibling).toBe(stripHost);
    expect(row?.nextElementSibling).toBe(chipHost);
    expect(roots.rootOf(stripHost as Element).querySelector('button')?.className).toBe('strip');
    expect(roots.rootOf(chipHost as Element).querySelector('button')?.className).toBe('chip');

    overlay.rescan();
    await settle();
    // The site moves the row (the observer reports it as added again), and re-renders an unrelated part.
    document.body.append(row?.parentElement as Element);
    document.body.append(document.createElement('div'));
    await settle();
    overlay.rescan();
    await settle();
    expect(badgeHosts()).toHaveLength(2);
    expect(overlay.badges()).toHaveLength(2);
    expect(tab.runtime().resources.snapshot().badges).toBe(2);
    expect(row?.nextElementSibling).toBe(chipHost);
  });

  it('puts a badge back when the site drops it, and forgets it when its anchor goes', async () => {
    const [first, second] = addRows(2);
    const overlay = start();
    await until(() => expect(badgeHosts()).toHaveLength(2));
    const dropped = first?.nextElementSibling as Element;
    dropped.remove();
    tab.clock.advance(1000);
    expect(first?.nextElementSibling).toBe(dropped);

    second?.parentElement?.remove();
    tab.clock.advance(1000);
    expect(overlay.badges()).toHaveLength(1);
    expect(tab.runtime().resources.snapshot().badges).toBe(1);
  });

  it('badges a re-rendered row again at once, from memory, and drops the old one', async () => {
    const [anchor] = addRows(1);
    const overlay = start();
    await until(() => expect(badgeHosts()).toHaveLength(1));
    tab.requests.length = 0;
    // The site replaces the row with a new element for the same person (our node is not copied).
    const row = anchor?.parentElement as Element;
    const fresh = document.createElement('div');
    const again = document.createElement('span');
    again.dataset.lead = 'lead-0@acme.example';
    fresh.append(again);
    row.replaceWith(fresh);
    await until(() => expect(again.nextElementSibling?.getAttribute('data-leadlens')).toBe('badge'));
    tab.clock.advance(1000);
    expect(badgeHosts()).toHaveLength(1);
    expect(overlay.badges()).toHaveLength(1);
    expect(tab.requests).toEqual([]);
  });

  it('moves the badge of a row the site re-rendered to the new row, built once, and builds one for a new person', async () => {
    const rows = addRows(3);
    const overlay = start();
    await until(() => expect(badgeHosts()).toHaveLength(3));
    const before = badgeHosts();
    const attached = () => vi.mocked(HTMLElement.prototype.attachShadow).mock.calls.length;
    const built = attached();
    // The site redraws its list: new rows for the same first two people, the third replaced by someone new.
    document.body.replaceChildren();
    const redrawn = addRows(2);
    const [newcomer] = addRows(1, document.body, 7);
    await until(() => expect(badgeHosts()).toHaveLength(3));
    expect(redrawn.map((anchor) => anchor.nextElementSibling)).toEqual(before.slice(0, 2));
    expect(newcomer?.nextElementSibling).not.toBe(before[2]);
    expect(attached()).toBe(built + 1);
    tab.clock.advance(1000);
    expect(overlay.badges()).toHaveLength(3);
    expect(tab.runtime().resources.snapshot().badges).toBe(3);
    expect(rows.every((anchor) => !anchor.isConnected)).toBe(true);
  });
});

describe('reading direction', () => {
  it('a Hebrew UI gives badges right-to-left text after their anchor; a language change re-renders them', async () => {
    const [anchor] = addRows(1);
    const overlay = start('he');
    await until(() => expect(badgeHosts()).toHaveLength(1));
    const host = anchor?.nextElementSibling as HTMLElement;
    expect([host.dir, host.lang]).toEqual(['rtl', 'he']);
    tab.setLanguage('en');
    overlay.refresh();
    expect([host.dir, host.lang]).toEqual(['ltr', 'en']);
    tab.setLanguage('he');
    overlay.refresh();
    expect([host.dir, host.lang]).toEqual(['rtl', 'he']);
    expect(anchor?.nextElementSibling).toBe(host);
  });

  /** Opens the card for a badge whose button sits at `box` in a 1024 × 768 viewport; the card host's place. */
  async function cardBeside(language: Language, box: { left: number; right: number; top: number; bottom: number }) {
    addRows(1);
    start(language);
    await until(() => expect(badgeHosts()).toHaveLength(1));
    const button = roots.badgeButton(badgeHosts()[0] as Element);
    vi.spyOn(button, 'getBoundingClientRect').mockReturnValue(
      DOMRect.fromRect({ x: box.left, y: box.top, width: box.right - box.left, height: box.bottom - box.top }),
    );
    tab.card.show(button, leadFor('lead-0@acme.example'));
    return { left: tab.card.host.style.left, top: tab.card.host.style.top };
  }

  it.each([
    ['en', { left: 100, right: 180, top: 100, bottom: 120 }, { left: '100px', top: '126px' }],
    // Near the end of the line the 300 px card stays 8 px inside the viewport.
    ['en', { left: 900, right: 980, top: 100, bottom: 120 }, { left: '716px', top: '126px' }],
    // Right-to-left: the card's right edge meets the badge's.
    ['he', { left: 500, right: 580, top: 100, bottom: 120 }, { left: '280px', top: '126px' }],
    ['he', { left: 40, right: 120, top: 100, bottom: 120 }, { left: '8px', top: '126px' }],
    // No room below: above the badge.
    ['en', { left: 100, right: 180, top: 700, bottom: 720 }, { left: '100px', top: '374px' }],
  ] as const)('in %s, a badge at %j has its card at %j', async (language, box, expected) => {
    expect(await cardBeside(language, box)).toEqual(expected);
  });
});
