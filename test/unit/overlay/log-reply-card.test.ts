// @vitest-environment happy-dom
// "Log this reply" in the card (issue #20), held to the trust boundary of "Not a lead": offered only on "answered in
// mail, not logged" and only for a key that can create e-mails; the action and its confirm each need a trusted click
// the clickjacking guard accepts; Cancel has the focus; a key that cannot gets a line naming the scopes instead.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LeadBadge } from '../../../components/overlay/badge';
import { HoverCard } from '../../../components/overlay/hover-card';
import type { OverlayRuntime } from '../../../components/overlay/runtime';
import { translator } from '../../../lib/i18n';
import type { LeadContext } from '../../../lib/messaging/protocol';
import { defaultTimerRules } from '../../../lib/metrics/lead-view';
import { elapsedMinutes } from '../../../lib/overlay/badge-model';
import { createLeadLookup } from '../../../lib/overlay/lead-lookup';
import { ResourceCounts } from '../../../lib/overlay/resources';
import { createTicker } from '../../../lib/overlay/ticker';

const gate = vi.hoisted(() => ({ trusted: true, deliberate: true }));
vi.mock('../../../lib/overlay/trusted-event', () => ({ isTrustedEvent: () => gate.trusted }));
vi.mock('../../../lib/overlay/click-guard', () => ({
  checkCardClick: () => (gate.deliberate ? { ok: true } : { ok: false, reason: 'transparent' }),
}));

const now = Date.parse('2026-12-03T09:00:00Z');
const sentAt = now - 10 * 60_000;
let nextId = 0;

const roots: Array<{ host: Element; root: ShadowRoot }> = [];

function setup(logReply: OverlayRuntime['logReply']) {
  const lead: LeadContext = {
    id: `lead-${++nextId}`,
    email: 'dana@acme.example',
    name: 'Dana Levi',
    stage: 'lead',
    effectiveSource: 'organic_search',
    temperature: 'hot',
    slaMinutes: 5,
    openDealValue: 0,
    timer: { kind: 'inbound', since: now - 30 * 60_000 },
  };
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
    mark: async () => undefined,
    ...(logReply ? { logReply } : {}),
  };
  const badge = new LeadBadge(lead, 'strip', () => runtime);
  document.body.append(badge.host);
  const shadowOf = (host: Element) => roots.find((entry) => entry.host === host)?.root;
  const badgeButton = shadowOf(badge.host)?.querySelector('button') as HTMLButtonElement;
  const cardRoot = shadowOf(card.host) as ShadowRoot;
  const button = (name: string) =>
    [...cardRoot.querySelectorAll('button')].find((candidate) => candidate.textContent === name);
  return { lead, badge, badgeButton, cardRoot, button, stop: () => controller.abort() };
}

beforeEach(() => {
  gate.trusted = true;
  gate.deliberate = true;
  const attach = HTMLElement.prototype.attachShadow;
  vi.spyOn(HTMLElement.prototype, 'attachShadow').mockImplementation(function (this: HTMLElement, init) {
    const root = attach.call(this, init);
    roots.push({ host: this, root });
    return root;
  });
});

afterEach(() => {
  vi.restoreAllMocks();
  roots.length = 0;
  document.body.replaceChildren();
  document.documentElement.querySelector('[data-leadlens="card"]')?.remove();
});

describe('Log this reply in the card', () => {
  it('is offered only beside "answered in mail, not logged"', () => {
    const send = vi.fn(async () => true);
    const { badge, badgeButton, button, stop } = setup({ can: true, send });
    badgeButton.click();
    expect(button('Log this reply')).toBeUndefined();
    badge.setAnsweredInMail(sentAt);
    badgeButton.click();
    expect(button('Log this reply')).toBeDefined();
    stop();
  });

  it('asks first, and sends only on a trusted, deliberate click on Confirm; Cancel goes back', async () => {
    const send = vi.fn(async () => true);
    const { lead, badge, badgeButton, cardRoot, button, stop } = setup({ can: true, send });
    badge.setAnsweredInMail(sentAt);
    badgeButton.click();
    gate.trusted = false;
    button('Log this reply')?.click();
    expect(button('Confirm: log the reply')).toBeUndefined();
    gate.trusted = true;
    gate.deliberate = false;
    button('Log this reply')?.click();
    expect(button('Confirm: log the reply')).toBeUndefined();
    gate.deliberate = true;
    button('Log this reply')?.click();
    expect(cardRoot.textContent).toContain('as a sent e-mail? The timer stops at the next sync.');
    expect(cardRoot.activeElement?.textContent).toBe('Cancel');
    button('Cancel')?.click();
    expect(button('Confirm: log the reply')).toBeUndefined();
    button('Log this reply')?.click();
    gate.deliberate = false;
    button('Confirm: log the reply')?.click();
    expect(send).not.toHaveBeenCalled();
    gate.deliberate = true;
    button('Confirm: log the reply')?.click();
    expect(send).toHaveBeenCalledWith(lead, sentAt);
    expect(send).toHaveBeenCalledTimes(1);
    await vi.waitFor(() =>
      expect(cardRoot.querySelector('[data-testid="leadlens-card-log-status"]')?.textContent).toBe(
        'Reply queued for HubSpot; the timer stops at the next sync.',
      ),
    );
    // Queued once: not offered again for the same reply.
    expect(button('Log this reply')).toBeUndefined();
    stop();
  });

  it('logs a reply printed in the minute of the lead’s message just after that message, so it answers it', async () => {
    const send = vi.fn(async () => true);
    const { lead, badge, badgeButton, button, stop } = setup({ can: true, send });
    const since = lead.timer?.since ?? 0;
    // The thread prints the reply at the start of the lead's own minute.
    badge.setAnsweredInMail(Math.floor(since / 60_000) * 60_000);
    badgeButton.click();
    button('Log this reply')?.click();
    button('Confirm: log the reply')?.click();
    expect(send).toHaveBeenCalledWith(lead, since + 1000);
    await vi.waitFor(() => expect(button('Log this reply')).toBeUndefined());
    stop();
  });

  it('for a key that cannot create e-mails, offers no action and names the scopes it needs', () => {
    const send = vi.fn(async () => true);
    const { badge, badgeButton, cardRoot, button, stop } = setup({
      can: false,
      lacking: [['crm.objects.contacts.write', 'sales-email-read']],
      send,
    });
    badge.setAnsweredInMail(sentAt);
    badgeButton.click();
    expect(button('Log this reply')).toBeUndefined();
    expect(cardRoot.querySelector('[data-testid="leadlens-card-log-needs"]')?.textContent).toBe(
      'Logging replies needs the key scopes crm.objects.contacts.write, sales-email-read.',
    );
    stop();
  });
});
