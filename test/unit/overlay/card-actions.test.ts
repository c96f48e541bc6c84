// @vitest-environment happy-dom
// The badge and its card as a page script meets them: closed shadow roots, nothing about the lead on the hosts, and
// handlers that act only on trusted events (the gate `isTrustedEvent` is replaced here: happy-dom's events are all
// untrusted). "Not a lead" may write to HubSpot, so it takes a second trusted click on a confirm control.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LeadBadge } from '../../../components/overlay/badge';
import { HoverCard } from '../../../components/overlay/hover-card';
import type { OverlayRuntime } from '../../../components/overlay/runtime';
import { translator } from '../../../lib/i18n';
import type { LeadContext, LeadMark } from '../../../lib/messaging/protocol';
import { elapsedMinutes } from '../../../lib/overlay/badge-model';
import { defaultTimerRules } from '../../../lib/metrics/lead-view';
import type { CardTiming } from '../../../lib/overlay/click-guard';
import { createLeadLookup } from '../../../lib/overlay/lead-lookup';
import { ResourceCounts } from '../../../lib/overlay/resources';
import { createTicker } from '../../../lib/overlay/ticker';

const gate = vi.hoisted(() => ({
  trusted: true,
  /** What the clickjacking guard answers; happy-dom lays nothing out, so it is replaced like the trust gate. */
  deliberate: true,
  asked: [] as Array<{ host: Element; timing: CardTiming }>,
}));
vi.mock('../../../lib/overlay/trusted-event', () => ({ isTrustedEvent: () => gate.trusted }));
vi.mock('../../../lib/overlay/click-guard', () => ({
  checkCardClick: (host: Element, timing: CardTiming) => {
    gate.asked.push({ host, timing });
    return gate.deliberate ? { ok: true } : { ok: false, reason: 'transparent' };
  },
}));

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

/** Shadow roots as they are attached, so the test can look inside closed ones (the page cannot). */
const roots: Array<{ host: Element; root: ShadowRoot; mode: ShadowRootMode }> = [];

function setup() {
  const marks: Array<[LeadMark, string]> = [];
  const controller = new AbortController();
  let runtime: OverlayRuntime;
  const card = new HoverCard(() => runtime, controller.signal);
  runtime = {
    language: 'en',
    dir: 'ltr',
    t: translator('en'),
    now: () => now,
    ticker: createTicker(),
    lookup: createLeadLookup<LeadContext>({ fetch: async () => ({ views: [] }), keysOf: () => [] }),
    rules: defaultTimerRules,
    minutesBetween: elapsedMinutes,
    portal: { uiDomain: 'app.hubspot.com', portalId: 48151623 },
    resources: new ResourceCounts(),
    card,
    mark: async (mark, marked) => {
      marks.push([mark, marked.id]);
    },
  };
  const badge = new LeadBadge(lead, 'strip', () => runtime);
  document.body.append(badge.host);
  const shadowOf = (host: Element) => roots.find((entry) => entry.host === host)?.root;
  const badgeButton = shadowOf(badge.host)?.querySelector('button') as HTMLButtonElement;
  const cardRoot = shadowOf(card.host) as ShadowRoot;
  const button = (name: string) =>
    [...cardRoot.querySelectorAll('button')].find((candidate) => candidate.textContent === name);
  return { marks, card, badge, badgeButton, cardRoot, button, stop: () => controller.abort() };
}

beforeEach(() => {
  gate.trusted = true;
  gate.deliberate = true;
  gate.asked.length = 0;
  const attach = HTMLElement.prototype.attachShadow;
  vi.spyOn(HTMLElement.prototype, 'attachShadow').mockImplementation(function (this: HTMLElement, init) {
    const root = attach.call(this, init);
    roots.push({ host: this, root, mode: init.mode });
    return root;
  });
});

afterEach(() => {
  vi.restoreAllMocks();
  roots.length = 0;
  document.body.replaceChildren();
  document.documentElement.querySelector('[data-leadlens="card"]')?.remove();
});

describe('badge and card against page scripts', () => {
  it("attach closed shadow roots, and put nothing about the lead in the page's DOM", () => {
    const { badge, card, badgeButton, stop } = setup();
    expect(roots.map((entry) => entry.mode)).toEqual(['closed', 'closed']);
    expect(badge.host.shadowRoot).toBeNull();
    expect(card.host.shadowRoot).toBeNull();
    badgeButton.click();
    badge.setAnsweredInMail(now - 1000);
    for (const host of [badge.host, card.host]) {
      const attributes = [...host.attributes].map((attribute) => `${attribute.name}=${attribute.value}`).join(' ');
      expect(attributes).not.toMatch(/4242|dana|Levi|sla|answered|ok|due|overdue/i);
    }
    // Inside, the timer runs and the note shows, as the tests read them through the DevTools protocol.
    expect(badgeButton.querySelector('.timer')?.getAttribute('data-state')).toBe('ok');
    expect(badgeButton.getAttribute('aria-label')).toMatch(/Dana Levi/);
    stop();
  });

  it('ignore untrusted clicks: the card does not open and no action runs', () => {
    const { badgeButton, card, button, marks, stop } = setup();
    gate.trusted = false;
    badgeButton.click();
    badgeButton.dispatchEvent(new Event('mouseenter'));
    expect(card.host.hidden).toBe(true);
    gate.trusted = true;
    badgeButton.click();
    expect(card.host.hidden).toBe(false);
    gate.trusted = false;
    for (const name of ['Snooze 1 h', 'Snooze until tomorrow', 'Not a lead']) button(name)?.click();
    expect(button('Confirm: not a lead')).toBeUndefined();
    expect(marks).toEqual([]);
    stop();
  });

  it('"Not a lead" asks first: only a trusted click on Confirm marks the lead; Cancel goes back', () => {
    const { badgeButton, card, cardRoot, button, marks, stop } = setup();
    badgeButton.click();
    button('Not a lead')?.click();
    expect(marks).toEqual([]);
    expect(cardRoot.textContent).toContain('Not a lead? Their timer stops');
    expect(cardRoot.activeElement?.textContent).toBe('Cancel');
    button('Cancel')?.click();
    expect(button('Confirm: not a lead')).toBeUndefined();
    expect(cardRoot.activeElement?.textContent).toBe('Not a lead');
    button('Not a lead')?.click();
    gate.trusted = false;
    button('Confirm: not a lead')?.click();
    expect(marks).toEqual([]);
    gate.trusted = true;
    button('Confirm: not a lead')?.click();
    expect(marks).toEqual([['notALead', '4242']]);
    expect(card.host.hidden).toBe(true);
    stop();
  });

  it('"Not a lead" and its confirm act only when the clickjacking guard says the card was plainly shown', () => {
    const { badgeButton, card, cardRoot, button, marks, stop } = setup();
    badgeButton.click();
    gate.deliberate = false;
    button('Not a lead')?.click();
    expect(button('Confirm: not a lead')).toBeUndefined();
    expect(cardRoot.querySelector('[role="status"]')?.textContent).toBe(
      'Please click again: the card had only just appeared or moved.',
    );
    // The guard is asked about this card's host, at the place the card put it.
    const asked = gate.asked.at(-1);
    expect(asked?.host).toBe(card.host);
    expect(`${asked?.timing.placed.left}px`).toBe(card.host.style.left);
    expect(`${asked?.timing.placed.top}px`).toBe(card.host.style.top);
    gate.deliberate = true;
    button('Not a lead')?.click();
    gate.deliberate = false;
    button('Confirm: not a lead')?.click();
    button('Confirm: not a lead')?.click();
    expect(marks).toEqual([]);
    // The confirm's own time is the one judged: it was shown after the actions were.
    const [notALeadAsk, confirmAsk] = gate.asked.slice(-3);
    expect(confirmAsk?.timing.controlShownAt).toBeGreaterThanOrEqual(notALeadAsk?.timing.controlShownAt ?? 0);
    gate.deliberate = true;
    button('Confirm: not a lead')?.click();
    expect(marks).toEqual([['notALead', '4242']]);
    stop();
  });

  it('snoozes are local and act on one trusted click, without the guard', () => {
    const { badgeButton, button, marks, stop } = setup();
    badgeButton.click();
    button('Snooze 1 h')?.click();
    badgeButton.click();
    button('Snooze until tomorrow')?.click();
    expect(marks).toEqual([
      ['snooze1h', '4242'],
      ['snoozeTomorrow', '4242'],
    ]);
    expect(gate.asked).toEqual([]);
    stop();
  });

  it('hides the timer for a lead the background says is snoozed or not a lead', () => {
    const { badge, badgeButton, stop } = setup();
    badge.lead = { ...lead, snoozedUntil: now + 60_000 };
    badge.render();
    expect(badgeButton.querySelector('.timer')?.hasAttribute('hidden')).toBe(true);
    badge.lead = { ...lead, notALead: true };
    badge.render();
    expect(badgeButton.querySelector('.timer')?.hasAttribute('hidden')).toBe(true);
    badge.lead = lead;
    badge.render();
    expect(badgeButton.querySelector('.timer')?.hasAttribute('hidden')).toBe(false);
    stop();
  });
});
