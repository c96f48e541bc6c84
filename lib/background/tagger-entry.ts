import { browser } from 'wxt/browser';
import { resolveLanguage, translator } from '../i18n';
import { loadSettings } from '../settings/storage';
import { storeClues } from '../settings/tagger-clues';
import { cluesFrom, type RawPage, readPageForTagger } from '../tagging/read-page';

// "Tag lead source…": the context-menu item (on a page, a selection or a link) and the popup's button. Both run on a
// click, which grants `activeTab` for that tab: the page is read once, then the tagger opens in its own small window
// with what was found. No host permission for arbitrary sites is ever needed.

export const TAG_MENU_ID = 'leadlens-tag-source';

interface TabLike {
  id?: number;
  url?: string;
  title?: string;
}

async function readTab(tab: TabLike): Promise<RawPage | undefined> {
  if (tab.id === undefined) return undefined;
  try {
    const [injection] = await browser.scripting.executeScript({ target: { tabId: tab.id }, func: readPageForTagger });
    return (injection?.result as RawPage | undefined) ?? undefined;
  } catch {
    // Browser pages, the web store and PDFs cannot be scripted; the tagger then works from the URL alone.
    return undefined;
  }
}

export async function openTagger(tab: TabLike | undefined, linkUrl?: string, selection?: string): Promise<void> {
  const raw = tab ? await readTab(tab) : undefined;
  const id = await storeClues(cluesFrom(raw, tab ?? {}, linkUrl, selection));
  const url = browser.runtime.getURL(`/tagger.html#${id}`);
  try {
    await browser.windows.create({ url, type: 'popup', width: 480, height: 760 });
  } catch {
    await browser.tabs.create({ url });
  }
}

async function createMenuItem(): Promise<void> {
  const { settings } = await loadSettings();
  const t = translator(resolveLanguage(settings.language, browser.i18n.getUILanguage()));
  await browser.contextMenus.remove(TAG_MENU_ID).catch(() => undefined);
  browser.contextMenus.create({ id: TAG_MENU_ID, title: t('tagger.menu'), contexts: ['page', 'selection', 'link'] });
}

/** Call once, synchronously, at the start of the background script. */
export function registerTagger(): void {
  browser.contextMenus.onClicked.addListener((info, tab) => {
    if (info.menuItemId !== TAG_MENU_ID) return;
    void openTagger(tab, info.linkUrl, info.selectionText);
  });
  void createMenuItem().catch(() => undefined);
  browser.storage.onChanged.addListener((changes, area) => {
    if (area === 'local' && 'settings' in changes) void createMenuItem().catch(() => undefined);
  });
}
