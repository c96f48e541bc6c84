// @vitest-environment happy-dom
// What a page can do to LeadLens's hosts and styles before and after they exist (issue #14):
// - define `leadlens-*` custom elements first, so that its constructor runs on our host and `attachInternals()`
//   hands it the closed root: the hosts are plain `span`/`div`, which cannot be custom elements;
// - style the insides through `::part()`, or redefine a named font family with @font-face (a font whose glyphs
//   differ by unicode-range tells the page which characters are shown): no `part`, generic families only.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BADGE_CSS, LeadBadge, STRIP_HOST_CSS } from '../../../components/overlay/badge';
import { CARD_CSS, HoverCard } from '../../../components/overlay/hover-card';
import type { OverlayRuntime } from '../../../components/overlay/runtime';
import { mountStatusPill } from '../../../components/overlay/status-pill';
import { translator } from '../../../lib/i18n';
import { elapsedMinutes } from '../../../lib/overlay/badge-model';
import { defaultTimerRules } from '../../../lib/metrics/lead-view';
import type { LeadContext } from '../../../lib/messaging/protocol';
import { createLeadLookup } from '../../../lib/overlay/lead-lookup';
import { ResourceCounts } from '../../../lib/overlay/resources';
import { createTicker } from '../../../lib/overlay/ticker';

// Read from disk: vitest does not process CSS, so the pill's `?inline` import is empty here.
const pillCss = readFileSync(resolve('components/overlay/overlay.css'), 'utf8');

const now = Date.parse('2026-11-22T12:00:00Z');
const lead: LeadContext = {
  id: '4242',
  email: 'dana@acme.example',
  name: 'Dana Levi',
  stage: 'lead',
  effectiveSource: 'organic_search',
  temperature: 'hot',
  slaMinutes: 5,
  openDealValue: 0,
  timer: { kind: 'open', since: now - 60_000 },
};

/** The generic families CSS defines; a page's @font-face cannot take their names. */
const GENERIC = new Set(['system-ui', 'sans-serif', 'serif', 'monospace', 'cursive', 'fantasy', 'ui-sans-serif']);

/** Every family named in `font` and `font-family` declarations of a sheet. */
function familiesIn(css: string): string[] {
  const families: string[] = [];
  for (const match of css.matchAll(/font(-family)?\s*:\s*([^;}]+)/g)) {
    const [, family, value = ''] = match;
    if (value.trim() === 'inherit') continue;
    // In the `font` shorthand the family list follows the size (and optional /line-height).
    const list = family ? value : value.replace(/^.*?\d(?:px|em|rem|%)(?:\s*\/\s*[\d.]+(?:px|em|rem|%)?)?\s+/s, '');
    families.push(...list.split(',').map((name) => name.trim()));
  }
  return families;
}

function runtime(controller: AbortController): OverlayRuntime & { card: HoverCard } {
  let current: OverlayRuntime;
  const card = new HoverCard(() => current, controller.signal);
  current = {
    language: 'en',
    dir: 'ltr',
    t: translator('en'),
    now: () => now,
    ticker: createTicker(),
    lookup: createLeadLookup<LeadContext>({ fetch: async () => ({ views: [] }), keysOf: () => [] }),
    rules: defaultTimerRules,
    minutesBetween: elapsedMinutes,
    resources: new ResourceCounts(),
    card,
    mark: async () => undefined,
  };
  return { ...current, card };
}

afterEach(() => {
  for (const host of document.querySelectorAll('[data-leadlens]')) host.remove();
});

describe('hosts a page cannot make its own', () => {
  it('are plain span and div hosts marked only with data-leadlens, never the custom elements a page defined', () => {
    const constructed: string[] = [];
    for (const name of ['leadlens-badge', 'leadlens-card', 'leadlens-overlay']) {
      if (customElements.get(name)) continue;
      customElements.define(
        name,
        class extends HTMLElement {
          constructor() {
            super();
            constructed.push(name);
          }
        },
      );
    }
    const controller = new AbortController();
    const current = runtime(controller);
    const chip = new LeadBadge(lead, 'chip', () => current);
    const strip = new LeadBadge(lead, 'strip', () => current);
    const pill = mountStatusPill('gmail', controller.signal);
    document.body.append(chip.host, strip.host);
    expect(constructed).toEqual([]);
    expect([chip.host, strip.host, current.card.host, pill.host].map((host) => host.localName)).toEqual([
      'span',
      'span',
      'div',
      'div',
    ]);
    expect([chip.host, strip.host, current.card.host, pill.host].map((host) => host.dataset.leadlens)).toEqual([
      'badge',
      'badge',
      'card',
      'overlay',
    ]);
    // Beside the mark: the UI's direction and language on a badge, the card's place and hidden state; nothing else.
    const names = (host: Element) => [...host.attributes].map((attribute) => attribute.name).sort();
    expect(names(chip.host)).toEqual(['data-leadlens', 'dir', 'lang']);
    expect(names(strip.host)).toEqual(['data-leadlens', 'dir', 'lang']);
    expect(names(current.card.host)).toEqual(['data-leadlens', 'hidden']);
    expect(names(pill.host)).toEqual(['data-leadlens']);
    expect(pill.host.shadowRoot).toBeNull();
    controller.abort();
    expect(pill.host.isConnected).toBe(false);
  });
});

describe('styles the page cannot reach into', () => {
  it.each([
    ['badge', BADGE_CSS],
    ['strip host', STRIP_HOST_CSS],
    ['card', CARD_CSS],
    ['status pill', pillCss],
  ])('the %s sheet names generic font families only and exposes no part', (_name, css) => {
    expect(css).not.toMatch(/\bpart\b|::part/);
    for (const family of familiesIn(css)) {
      expect(family).not.toMatch(/["']/);
      expect(GENERIC.has(family), `font family ${family}`).toBe(true);
    }
  });

  it('the sheets do set a font (so the test above checks something)', () => {
    for (const css of [BADGE_CSS, CARD_CSS, pillCss]) expect(familiesIn(css)).toContain('system-ui');
  });

  it('no element inside a badge or the card carries a part attribute', () => {
    const roots: ShadowRoot[] = [];
    const attach = HTMLElement.prototype.attachShadow;
    HTMLElement.prototype.attachShadow = function (this: HTMLElement, init: ShadowRootInit) {
      const root = attach.call(this, init);
      roots.push(root);
      return root;
    };
    try {
      const controller = new AbortController();
      const current = runtime(controller);
      const badge = new LeadBadge(lead, 'strip', () => current);
      document.body.append(badge.host);
      current.card.show(badge.host, lead);
      expect(roots.length).toBeGreaterThanOrEqual(2);
      for (const root of roots) expect(root.querySelectorAll('[part]')).toHaveLength(0);
      controller.abort();
    } finally {
      HTMLElement.prototype.attachShadow = attach;
    }
  });
});
