import { useEffect, useState } from 'react';
import { browser } from 'wxt/browser';
import type { Locale } from '../../components/useLocale';
import { LAYOUT_QUERY, type LayoutHealth, layoutHealthSchema } from '../../lib/overlay/health';
import { SITES } from '../../lib/sites';

// Selector health in the popup: the content script of the tab the popup was opened on says whether it can read the
// page's layout; when a view that should show people shows items and nobody was found, the popup says so, with the
// date the site's selectors were last checked, instead of the badges silently not appearing.

/**
 * The tab the popup speaks about: the active tab of its window, or, when the popup runs as a tab of its own (opened
 * from a link, or by tests), the tab of that window used last before it.
 */
async function tabUnderPopup(): Promise<number | undefined> {
  const own = await browser.tabs.getCurrent();
  const tabs = await browser.tabs.query({ currentWindow: true });
  if (!own) return tabs.find((tab) => tab.active)?.id;
  const others = tabs.filter((tab) => tab.id !== own.id);
  others.sort((a, b) => (b.lastAccessed ?? 0) - (a.lastAccessed ?? 0));
  return others[0]?.id;
}

async function layoutOfTab(): Promise<LayoutHealth | null> {
  const tabId = await tabUnderPopup();
  if (tabId === undefined) return null;
  try {
    const reply: unknown = await browser.tabs.sendMessage(tabId, { type: LAYOUT_QUERY }, { frameId: 0 });
    const parsed = layoutHealthSchema.safeParse(reply);
    return parsed.success ? parsed.data : null;
  } catch {
    // No LeadLens content script there (not a site LeadLens reads, or the page loaded before the extension).
    return null;
  }
}

export function LayoutNotice({ locale }: { locale: Locale }) {
  const [health, setHealth] = useState<LayoutHealth | null>(null);
  useEffect(() => {
    let live = true;
    void layoutOfTab().then((result) => live && setHealth(result));
    return () => {
      live = false;
    };
  }, []);
  if (health?.state !== 'unreadable') return null;
  const { t, intlLocale } = locale;
  const site = SITES.find((entry) => entry.adapter === health.site)?.name ?? health.site;
  const [year = 0, month = 1, day = 1] = health.checked.split('-').map(Number);
  const date = new Intl.DateTimeFormat(intlLocale, { dateStyle: 'long', timeZone: 'UTC' }).format(
    Date.UTC(year, month - 1, day),
  );
  return (
    <div className="ll-error" role="alert" data-testid="layout-unreadable" data-site={health.site}>
      <p>
        <strong>{t('popup.layoutUnreadable', { site })}</strong>
      </p>
      <p>{t('popup.layoutChecked', { site, date })}</p>
    </div>
  );
}
