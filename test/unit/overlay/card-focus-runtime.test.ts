// @vitest-environment happy-dom
// The hover card and the keyboard: hover or focus on a badge shows it without taking focus; a click, Enter or Tab
// from the badge moves focus into it, Tab stays among its controls, Escape closes it and puts focus back on the badge
// (which must not reopen it). Only the user's own events count: the trust gate is replaced here (happy-dom's events
// are all untrusted), and so is the clickjacking guard (happy-dom lays nothing out).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LeadBadge } from '../../../components/overlay/badge';
import { captureClosedRoots, leadFor, testRuntime } from './runtime-fixture';

const gate = vi.hoisted(() => ({ trusted: true }));
vi.mock('../../../lib/overlay/trusted-event', () => ({ isTrustedEvent: () => gate.trusted }));
vi.mock('../../../lib/overlay/click-guard', () => ({ checkCardClick: () => ({ ok: true }) }));

let tab: ReturnType<typeof testRuntime>;
let roots: ReturnType<typeof captureClosedRoots>;

/** Two badges in a page and the card they share. */
function setup() {
  tab = testRuntime({ portal: { uiDomain: 'app.hubspot.com', portalId: 48151623 } });
  const badges = ['dana@acme.example', 'noa@acme.example'].map((email) => {
    const badge = new LeadBadge(leadFor(email), 'chip', tab.runtime);
    document.body.append(badge.host);
    return badge;
  });
  const [first, second] = badges.map((badge) => roots.badgeButton(badge.host)) as [
    HTMLButtonElement,
    HTMLButtonElement,
  ];
  const cardRoot = roots.rootOf(tab.card.host);
  const card = cardRoot.querySelector<HTMLElement>('[role="dialog"]') as HTMLElement;
  const controls = () => [...card.querySelectorAll<HTMLElement>('button, a[href]')].filter((item) => !item.hidden);
  const control = (name: string) => controls().find((item) => item.textContent === name);
  const focusedInCard = () => {
    const active = roots.focused();
    return active && card.contains(active) ? active : null;
  };
  return { first, second, card, controls, control, focusedInCard };
}

function key(target: Element, name: string, init: KeyboardEventInit = {}): KeyboardEvent {
  const event = new KeyboardEvent('keydown', { key: name, bubbles: true, cancelable: true, composed: true, ...init });
  target.dispatchEvent(event);
  return event;
}

const shown = () => !tab.card.host.hidden;

beforeEach(() => {
  gate.trusted = true;
  roots = captureClosedRoots();
});

afterEach(() => {
  tab.stop();
  vi.useRealTimers();
  vi.restoreAllMocks();
  document.body.replaceChildren();
});

describe('opening the card', () => {
  it('hover shows the card for that badge without taking focus; aria-expanded follows', () => {
    const { first, second, focusedInCard } = setup();
    first.dispatchEvent(new MouseEvent('mouseenter'));
    expect(shown()).toBe(true);
    expect(tab.card.lead?.email).toBe('dana@acme.example');
    expect(first.getAttribute('aria-expanded')).toBe('true');
    expect(focusedInCard()).toBeNull();
    second.dispatchEvent(new MouseEvent('mouseenter'));
    expect(tab.card.lead?.email).toBe('noa@acme.example');
    expect(first.getAttribute('aria-expanded')).toBe('false');
    expect(second.getAttribute('aria-expanded')).toBe('true');
  });

  it('focus on a badge previews the card; Tab from it moves focus to the card’s first control', () => {
    const { first, focusedInCard, controls } = setup();
    first.focus();
    expect(shown()).toBe(true);
    expect(focusedInCard()).toBeNull();
    const shiftTab = key(first, 'Tab', { shiftKey: true });
    expect(shiftTab.defaultPrevented).toBe(false);
    const tabKey = key(first, 'Tab');
    expect(tabKey.defaultPrevented).toBe(true);
    expect(focusedInCard()).toBe(controls()[0]);
    expect(controls()[0]?.getAttribute('aria-label')).toBe('Close');
  });

  it('Tab from a badge whose card is not showing is left to the browser', () => {
    const { first, second, focusedInCard } = setup();
    expect(key(first, 'Tab').defaultPrevented).toBe(false);
    second.dispatchEvent(new MouseEvent('mouseenter'));
    expect(key(first, 'Tab').defaultPrevented).toBe(false);
    expect(focusedInCard()).toBeNull();
  });

  it('a click (Enter or Space on the button) opens the card with focus inside', () => {
    const { first, focusedInCard, controls } = setup();
    first.click();
    expect(shown()).toBe(true);
    expect(focusedInCard()).toBe(controls()[0]);
  });

  it('a page script’s hover, focus, click and keys open nothing', () => {
    const { first, focusedInCard } = setup();
    gate.trusted = false;
    first.dispatchEvent(new MouseEvent('mouseenter'));
    first.focus();
    first.click();
    key(first, 'Tab');
    expect(shown()).toBe(false);
    expect(focusedInCard()).toBeNull();
  });
});

describe('focus inside the card', () => {
  it('Tab and Shift+Tab cycle among the card’s controls', () => {
    const { first, focusedInCard, controls } = setup();
    first.click();
    const all = controls();
    const [firstControl] = all;
    const lastControl = all.at(-1);
    expect(all.map((item) => item.textContent)).toEqual([
      '×',
      'Open in HubSpot',
      'Snooze 1 h',
      'Snooze until tomorrow',
      'Not a lead',
    ]);
    // Between controls the browser moves focus; only the ends wrap.
    expect(key(firstControl as HTMLElement, 'Tab').defaultPrevented).toBe(false);
    lastControl?.focus();
    expect(key(lastControl as HTMLElement, 'Tab').defaultPrevented).toBe(true);
    expect(focusedInCard()).toBe(firstControl);
    expect(key(firstControl as HTMLElement, 'Tab', { shiftKey: true }).defaultPrevented).toBe(true);
    expect(focusedInCard()).toBe(lastControl);
  });

  it('Escape closes the card and puts focus back on its badge, which does not reopen it', () => {
    const { first, focusedInCard, controls } = setup();
    first.click();
    key(controls()[2] as HTMLElement, 'Escape');
    expect(shown()).toBe(false);
    expect(focusedInCard()).toBeNull();
    expect(roots.focused()).toBe(first);
    expect(first.getAttribute('aria-expanded')).toBe('false');
  });

  it('the close button does the same', () => {
    const { first, control } = setup();
    first.click();
    control('×')?.click();
    expect(shown()).toBe(false);
    expect(roots.focused()).toBe(first);
  });

  it('Escape on the badge closes a previewed card; a script’s Escape closes nothing', () => {
    const { first, controls } = setup();
    first.dispatchEvent(new MouseEvent('mouseenter'));
    key(first, 'Escape');
    expect(shown()).toBe(false);
    first.click();
    gate.trusted = false;
    key(first, 'Escape');
    key(controls()[0] as HTMLElement, 'Escape');
    expect(shown()).toBe(true);
  });
});

describe('hiding', () => {
  it('waits 250 ms after the pointer leaves the badge, and stays while the pointer is in the card', () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const { first, card } = setup();
    first.dispatchEvent(new MouseEvent('mouseenter'));
    first.dispatchEvent(new MouseEvent('mouseleave'));
    vi.advanceTimersByTime(200);
    expect(shown()).toBe(true);
    card.dispatchEvent(new MouseEvent('mouseenter'));
    vi.advanceTimersByTime(1000);
    expect(shown()).toBe(true);
    // Focus leaving the card for the page asks to hide it too; the pointer in the card still wins.
    card.dispatchEvent(new FocusEvent('focusout', { relatedTarget: document.body }));
    vi.advanceTimersByTime(1000);
    expect(shown()).toBe(true);
    card.dispatchEvent(new MouseEvent('mouseleave'));
    vi.advanceTimersByTime(250);
    expect(shown()).toBe(false);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('stays open while focus is inside, and hides once focus leaves the card', () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const { first, controls } = setup();
    first.click();
    first.dispatchEvent(new MouseEvent('mouseleave'));
    vi.advanceTimersByTime(1000);
    expect(shown()).toBe(true);
    const outside = document.createElement('button');
    document.body.append(outside);
    (controls()[0] as HTMLElement).dispatchEvent(new FocusEvent('focusout', { bubbles: true, relatedTarget: outside }));
    outside.focus();
    vi.advanceTimersByTime(250);
    expect(shown()).toBe(false);
  });
});

describe('"Not a lead" takes two trusted clicks', () => {
  it('focus goes to Cancel, so a repeated Enter cancels; a script cannot confirm', () => {
    const { first, control, focusedInCard } = setup();
    first.click();
    control('Not a lead')?.click();
    expect(focusedInCard()?.textContent).toBe('Cancel');
    // A held Enter clicks the focused control again: Cancel, which goes back with focus on "Not a lead".
    (focusedInCard() as HTMLElement).click();
    expect(control('Confirm: not a lead')).toBeUndefined();
    expect(focusedInCard()?.textContent).toBe('Not a lead');
    control('Not a lead')?.click();
    gate.trusted = false;
    control('Confirm: not a lead')?.click();
    expect(tab.marks).toEqual([]);
    gate.trusted = true;
    control('Confirm: not a lead')?.click();
    expect(tab.marks).toEqual([['notALead', 'dana']]);
    expect(shown()).toBe(false);
    expect(roots.focused()).toBe(first);
  });

  it('Escape during the question marks nothing, and the card opens again at its actions', () => {
    const { first, control, focusedInCard } = setup();
    first.click();
    control('Not a lead')?.click();
    key(focusedInCard() as HTMLElement, 'Escape');
    expect(shown()).toBe(false);
    expect(tab.marks).toEqual([]);
    first.click();
    expect(control('Confirm: not a lead')).toBeUndefined();
    expect(control('Not a lead')).toBeDefined();
  });
});
