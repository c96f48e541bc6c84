import { type Browser, browser } from 'wxt/browser';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { directionOf, type LanguageSetting, resolveLanguage } from '../../lib/i18n/language';
import { type OverlayKey, overlayTranslator } from '../../lib/i18n/overlay';
import { callBackground } from '../../lib/messaging/client';
import type { LeadContext, LeadMark } from '../../lib/messaging/protocol';
import type { SiteAdapter } from '../../lib/overlay/anchors';
import { isLayoutQuery, layoutHealth } from '../../lib/overlay/health';
import { type LeadClock, leadClockFor, wallClock } from '../../lib/overlay/lead-clock';
import { defaultTimerRules, type TimerRules } from '../../lib/metrics/lead-view';
import { createLeadLookup } from '../../lib/overlay/lead-lookup';
import { warmFormats } from '../../lib/overlay/format';
import { isOverlayRefresh, skewedClock } from '../../lib/overlay/refresh-signal';
import { ResourceCounts } from '../../lib/overlay/resources';
import { createTicker } from '../../lib/overlay/ticker';
import { HoverCard } from './hover-card';
import { type PageOverlay, runPageOverlay } from './page-overlay';
import type { OverlayRuntime } from './runtime';
import { mountStatusPill } from './status-pill';

// The content scripts' shared start: one runtime per tab, a page overlay per in-app page view (torn down on
// navigation through its AbortSignal), and a small status pill that speaks only when there is something to say.
// Content scripts read no extension storage (issue #14: the background locks storage.local to its own pages): the
// language, the clock's skew, the portal and the rep's marks all come from the background, by message; the
// background tells open tabs to ask again (OVERLAY_REFRESH) after a sync, a settings change, a mark or a connection
// change.

export async function mountOverlay(
  ctx: ContentScriptContext,
  adapter: SiteAdapter,
  readyKey: OverlayKey,
): Promise<void> {
  // A stopped worker starts on the first message (~100-200 ms here) and then opens its database and reads what a
  // look-up needs. Asked as the page starts to load, it is nearer ready when the page shows people; the overlay itself
  // waits for the parsed document (its pill and its observer need a body).
  if (document.readyState === 'loading') {
    void callBackground('ping', {}).catch(() => undefined);
    await new Promise<void>((resolve) => {
      document.addEventListener('DOMContentLoaded', () => resolve(), { once: true, signal: ctx.signal });
    });
    if (ctx.signal.aborted) return;
  }
  const resources = new ResourceCounts();
  const ticker = createTicker();
  // Until the background answers: the browser's language, no skew, no portal (so HubSpot anchors nothing yet).
  let languageSetting: LanguageSetting = 'auto';
  let clockSkewMs = 0;
  let connected: boolean | null = null;
  let portal: OverlayRuntime['portal'];
  // The team's rules of which leads show timers come with the background's status; the defaults until it answers.
  let rules: TimerRules = defaultTimerRules;
  let asOf: number | undefined;
  // The team's clock (business minutes when set) comes with the status too; wall-clock minutes until then.
  let clock: LeadClock = wallClock;

  // The badges' formatters are built while the first look-up is under way (lib/overlay/format.ts `warmFormats`).
  let formatsWarm = false;
  const lookup = createLeadLookup<LeadContext>({
    fetch: async (request) => {
      const asked = callBackground('leadContext', request);
      if (!formatsWarm) {
        formatsWarm = true;
        warmFormats(runtime.language);
      }
      const reply = await asked;
      return {
        views: reply.leads,
        ...(reply.limited ? { limited: true } : {}),
        ...(reply.named ? { named: reply.named } : {}),
        ...(reply.namesUnread ? { namesUnread: true } : {}),
        ...(reply.dealLeads ? { dealLeads: reply.dealLeads } : {}),
      };
    },
    keysOf: (lead) => [{ email: lead.email.toLowerCase() }, { contactId: lead.id }],
  });

  // In-app navigation: a new page view gets a fresh overlay, the old one is aborted with all it held.
  let page: PageOverlay | null = null;
  let pageController: AbortController | null = null;
  let href = location.href;

  const mark = async (kind: LeadMark, lead: LeadContext): Promise<void> => {
    try {
      const reply = await callBackground('markLead', { contactId: lead.id, mark: kind });
      if (!reply.done) return;
      // Shown at once from the reply, then confirmed by the cache's own answer for this lead.
      page?.patchLead(lead.id, {
        ...(reply.snoozedUntil !== undefined ? { snoozedUntil: reply.snoozedUntil } : {}),
        ...(reply.notALead !== undefined ? { notALead: reply.notALead } : {}),
      });
      lookup.invalidate(lead);
      await page?.reload();
    } catch {
      // Refused or unreachable: the badge stays as it was, which is what the rep sees; they can try again.
    }
  };

  // "Log this reply" (issue #20): what the background said the key can do; the card offers the action only then.
  let logReplyCapability: { can: boolean; lacking?: string[][] } | undefined;
  const sendReply = async (lead: LeadContext, sentAt: number): Promise<boolean> => {
    try {
      return (await callBackground('logReply', { contactId: lead.id, sentAt })).queued;
    } catch {
      return false;
    }
  };

  const now = skewedClock(() => clockSkewMs);
  const tabSignal = ctx.signal;
  let runtime: OverlayRuntime;
  const card = new HoverCard(() => runtime, tabSignal);
  const makeRuntime = (): OverlayRuntime => {
    const language = resolveLanguage(languageSetting, browser.i18n.getUILanguage());
    return {
      language,
      dir: directionOf(language),
      t: overlayTranslator(language),
      now,
      ticker,
      lookup,
      rules,
      minutesBetween: clock.minutesBetween,
      ...(clock.business ? { business: clock.business } : {}),
      ...(portal ? { portal } : {}),
      ...(asOf !== undefined ? { asOf } : {}),
      resources,
      card,
      mark,
      ...(logReplyCapability ? { logReply: { ...logReplyCapability, send: sendReply } } : {}),
    };
  };
  runtime = makeRuntime();

  // The status pill: present on every overlaid page (tests and support look for it), visible only when LeadLens
  // has something to say (not connected). Its root is closed like the badges'; its data-* counts (resources, for
  // the leak test) and connection state are not about any lead.
  const status = mountStatusPill(adapter.site, tabSignal);
  const renderStatus = () => {
    const { pill, dot, text } = status;
    pill.dir = runtime.dir;
    pill.lang = runtime.language;
    pill.dataset.connected = connected === null ? 'unknown' : String(connected);
    dot.dataset.state = connected ? 'ok' : 'bad';
    text.textContent = connected === false ? runtime.t('overlay.notConnected') : runtime.t(readyKey);
    pill.hidden = connected !== false;
  };
  resources.subscribe((counts) => {
    for (const [kind, count] of Object.entries(counts)) status.pill.dataset[kind] = String(count);
  });

  const startPage = () => {
    pageController?.abort();
    card.close();
    pageController = new AbortController();
    page = runPageOverlay(adapter, () => runtime, pageController.signal, checkLocation);
  };
  const checkLocation = () => {
    if (location.href === href) return;
    href = location.href;
    startPage();
  };

  // Connection, record links, language, clock skew and the cache's "as of" come from the background; asked again
  // whenever it says something changed.
  const refreshStatus = () => {
    const before = { portalId: portal?.portalId, language: runtime.language };
    return callBackground('ping', {})
      .then((reply) => {
        connected = reply.connected;
        portal = reply.portal;
        asOf = reply.asOf;
        rules = reply.timerRules ?? defaultTimerRules;
        languageSetting = reply.language ?? 'auto';
        clockSkewMs = reply.clockSkewMs ?? 0;
        logReplyCapability = reply.logReply;
        clock = leadClockFor(reply.clock);
      })
      .catch(() => {
        // Unreachable background: keep badges from what we knew; say nothing new.
        connected ??= false;
      })
      .finally(() => {
        runtime = makeRuntime();
        renderStatus();
        const portalId = portal?.portalId;
        // HubSpot anchors only for the connected portal: once it is known, the page is scanned again; another
        // portal (or none) starts the page view over, so no badge of the previous one stays.
        if (portalId !== before.portalId) {
          if (before.portalId === undefined) page?.rescan();
          else startPage();
        } else if (runtime.language !== before.language) {
          page?.refresh();
        }
      });
  };
  void refreshStatus();
  renderStatus();

  // The background's "something changed" (a sync, settings, a mark, the connection): what the cache answered may be
  // out of date, and so may the status.
  const onMessage = (
    message: unknown,
    sender: Browser.runtime.MessageSender,
    sendResponse: (response: unknown) => void,
  ): undefined => {
    // The popup asks whether this page's layout reads (selector health): answered from the page as it is now.
    if (isLayoutQuery(message, sender, browser.runtime.id)) {
      const { health } = adapter;
      sendResponse(
        health
          ? layoutHealth({ ...adapter, health }, document, location, portal ? { portalId: portal.portalId } : {})
          : null,
      );
      return undefined;
    }
    // Only our own extension can reach a content script's onMessage; checked so it stays so if that ever changes.
    if (!isOverlayRefresh(message, sender, browser.runtime.id)) return undefined;
    lookup.invalidate();
    void refreshStatus().then(() => page?.reload());
    return undefined;
  };
  browser.runtime.onMessage.addListener(onMessage);
  tabSignal.addEventListener('abort', () => browser.runtime.onMessage.removeListener(onMessage), { once: true });
  resources.take('listeners', tabSignal);

  // Once per tab, not per page view: one per navigation piled up on the tab's signal (counted for the leak test).
  tabSignal.addEventListener('abort', () => pageController?.abort(), { once: true });
  resources.take('listeners', tabSignal);
  for (const type of ['hashchange', 'popstate'] as const) {
    ctx.addEventListener(window, type, checkLocation);
    resources.take('listeners', tabSignal);
  }
  // Chromium's Navigation API reports pushState navigations, which fire no event of their own.
  const navigation = (globalThis as { navigation?: EventTarget }).navigation;
  navigation?.addEventListener('currententrychange', checkLocation, { signal: tabSignal });
  if (navigation) resources.take('listeners', tabSignal);
  startPage();
}
