import type { SiteAdapter } from '../../lib/overlay/anchors';
import pillCss from './overlay.css?inline';

/**
 * The pill's host is a plain `div` with a closed root, made here rather than by WXT's `createShadowRootUi`, which
 * names its host after the UI (`leadlens-overlay`): a custom-element name a page can define before we run, whose
 * constructor's `attachInternals()` then reaches the closed root (ElementInternals.shadowRoot). A `div` cannot be a
 * custom element. overlay.css comes in as text and is adopted inside the root (a <style> where constructable sheets
 * are missing), so the pill stays styled without WXT's CSS injection. Removed with the tab's signal, as WXT would.
 */
export function mountStatusPill(site: SiteAdapter['site'], signal: AbortSignal) {
  const host = document.createElement('div');
  host.dataset.leadlens = 'overlay';
  const shadow = host.attachShadow({ mode: 'closed' });
  try {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(pillCss);
    shadow.adoptedStyleSheets = [sheet];
  } catch {
    const style = document.createElement('style');
    style.textContent = pillCss;
    shadow.append(style);
  }
  const pill = document.createElement('div');
  pill.className = 'll-pill';
  pill.setAttribute('role', 'status');
  pill.dataset.testid = 'leadlens-overlay';
  pill.dataset.site = site;
  const dot = document.createElement('span');
  dot.className = 'll-dot';
  dot.setAttribute('aria-hidden', 'true');
  const text = document.createElement('span');
  pill.append(dot, text);
  shadow.append(pill);
  (document.body ?? document.documentElement).append(host);
  signal.addEventListener('abort', () => host.remove(), { once: true });
  return { host, pill, dot, text };
}
