import { browser } from 'wxt/browser';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { createShadowRootUi } from 'wxt/utils/content-script-ui/shadow-root';
import { directionOf, type MessageKey, resolveLanguage, translator } from '../../lib/i18n';
import { callBackground } from '../../lib/messaging/client';
import type { SiteAdapter } from '../../lib/overlay/anchors';
import { defaultTimerRules, type LeadContext, type TimerRules } from '../../lib/overlay/badge-model';
import { CACHE_UPDATED_KEY } from '../../lib/overlay/cache-signal';
import { createLeadLookup } from '../../lib/overlay/lead-lookup';
import { elapsedMinutes, NOT_A_LEAD_KEY, repMarksFrom, SNOOZES_KEY } from '../../lib/overlay/rep-marks';
import { ResourceCounts } from '../../lib/overlay/resources';
import { createTicker } from '../../lib/overlay/ticker';
import { defaultAppSettings } from '../../lib/settings/schema';
import { loadSettings, watchSettings } from '../../lib/settings/storage';
import { HoverCard } from './hover-card';
import { type PageOverlay, runPageOverlay } from './page-overlay';
import type { OverlayRuntime } from './runtime';
import './overlay.css';

// The content scripts' shared start: one runtime per tab, a page overlay per in-app page view (torn down on
// navigation through its AbortSignal), and a small status pill that speaks only when there is something to say.

function endOfToday(now: number): number {
  const date = new Date(now);
  date.setHours(24, 0, 0, 0);
  return date.getTime();
}

export async function mountOverlay(
  ctx: ContentScriptContext,
  adapter: SiteAdapter,
  readyKey: MessageKey,
): Promise<void> {
  const resources = new ResourceCounts();
  const ticker = createTicker();
  let settings = (await loadSettings()).settings ?? defaultAppSettings;
  const { snoozedUntil, notALead } = repMarksFrom(await browser.storage.local.get([SNOOZES_KEY, NOT_A_LEAD_KEY]));
  let connected: boolean | null = null;
  let portal: OverlayRuntime['portal'];
  // The team's rules of which leads show timers come with the background's status; the defaults until it answers.
  let rules: TimerRules = defaultTimerRules;
  let asOf: number | undefined;

  const lookup = createLeadLookup<LeadContext>({
    fetch: async (request) => (await callBackground('leadContext', request)).leads,
    keysOf: (lead) => [{ email: lead.email.toLowerCase() }, { contactId: lead.id }],
  });

  const tabSignal = ctx.signal;
  let runtime: OverlayRuntime;
  const card = new HoverCard(() => runtime, tabSignal);
  const makeRuntime = (): OverlayRuntime => {
    const language = resolveLanguage(settings.language, browser.i18n.getUILanguage());
    return {
      language,
      dir: directionOf(language),
      t: translator(language),
      now: () => Date.now(),
      ticker,
      lookup,
      rules,
      minutesBetween: elapsedMinutes,
      snoozedUntil,
      notALead,
      ...(portal ? { portal } : {}),
      ...(asOf !== undefined ? { asOf } : {}),
      resources,
      card,
      act: (action, lead) => {
        if (action === 'notALead') {
          notALead.add(lead.id);
          void browser.storage.local.set({ [NOT_A_LEAD_KEY]: [...notALead] });
        } else {
          const now = Date.now();
          snoozedUntil.set(lead.id, action === 'snooze1h' ? now + 3_600_000 : endOfToday(now));
          void browser.storage.local.set({ [SNOOZES_KEY]: Object.fromEntries(snoozedUntil) });
        }
        page?.refresh();
      },
    };
  };
  runtime = makeRuntime();

  // The status pill: present on every overlaid page (tests and support look for it), visible only when LeadLens
  // has something to say (not connected).
  const status = await createShadowRootUi(ctx, {
    name: 'leadlens-overlay',
    position: 'inline',
    anchor: 'body',
    append: 'last',
    onMount(container) {
      const pill = document.createElement('div');
      pill.className = 'll-pill';
      pill.setAttribute('role', 'status');
      pill.dataset.testid = 'leadlens-overlay';
      pill.dataset.site = adapter.site;
      const dot = document.createElement('span');
      dot.className = 'll-dot';
      dot.setAttribute('aria-hidden', 'true');
      const text = document.createElement('span');
      pill.append(dot, text);
      container.append(pill);
      return { pill, dot, text };
    },
  });
  status.mount();
  const renderStatus = () => {
    const parts = status.mounted;
    if (!parts) return;
    const { pill, dot, text } = parts;
    pill.dir = runtime.dir;
    pill.lang = runtime.language;
    pill.dataset.connected = connected === null ? 'unknown' : String(connected);
    dot.dataset.state = connected ? 'ok' : 'bad';
    text.textContent = connected === false ? runtime.t('overlay.notConnected') : runtime.t(readyKey);
    pill.hidden = connected !== false;
  };
  resources.subscribe((counts) => {
    const pill = status.mounted?.pill;
    if (!pill) return;
    for (const [kind, count] of Object.entries(counts)) pill.dataset[kind] = String(count);
  });

  // Connection, record links and the cache's "as of" come from the background; asked again after every sync.
  const refreshStatus = () =>
    callBackground('ping', {})
      .then((reply) => {
        connected = reply.connected;
        portal = reply.portal;
        asOf = reply.asOf;
        rules = reply.timerRules ?? defaultTimerRules;
      })
      .catch(() => {
        // Unreachable background: keep badges from what we knew; say nothing new.
        connected ??= false;
      })
      .finally(() => {
        runtime = makeRuntime();
        renderStatus();
      });
  void refreshStatus();
  renderStatus();

  watchSettings((result) => {
    settings = result.settings;
    runtime = makeRuntime();
    renderStatus();
    page?.refresh();
  }, tabSignal);
  resources.take('listeners', tabSignal);

  // Team settings (SLA, timer rules) change what every badge shows, as a sync does.
  const onStorage = (changes: Record<string, unknown>, area: string) => {
    if (area !== 'local' || !(CACHE_UPDATED_KEY in changes || 'teamSettings' in changes)) return;
    lookup.invalidate();
    void refreshStatus().then(() => page?.reload());
  };
  browser.storage.onChanged.addListener(onStorage);
  tabSignal.addEventListener('abort', () => browser.storage.onChanged.removeListener(onStorage), { once: true });
  resources.take('listeners', tabSignal);

  // In-app navigation: a new page view gets a fresh overlay, the old one is aborted with all it held.
  let page: PageOverlay | null = null;
  let pageController: AbortController | null = null;
  let href = location.href;
  // Once per tab, not per page view: one per navigation piled up on the tab's signal (counted for the leak test).
  tabSignal.addEventListener('abort', () => pageController?.abort(), { once: true });
  resources.take('listeners', tabSignal);
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
