import { browser } from 'wxt/browser';
import { resolveLanguage, translator } from '../i18n';
import { loadSettings } from '../settings/storage';

// The background's ways to open the ROI panel besides the popup: the keyboard command declared in the manifest
// (`open-roi-panel`, Alt+Shift+L) and an "Open ROI panel" context-menu item. Call `registerPanelOpeners()` once,
// synchronously, at the start of the background script (Chrome delivers the event that woke a stopped worker only to
// listeners registered in its first turn).

export const OPEN_PANEL_COMMAND = 'open-roi-panel';
export const OPEN_PANEL_MENU_ID = 'leadlens-open-roi-panel';

interface ChromeSidePanelApi {
  open(options: { windowId?: number; tabId?: number }): Promise<void>;
}

interface TabLike {
  id?: number;
  windowId?: number;
}

/**
 * Opens the panel from a user gesture in the background. The side panel must be opened before any `await`, or
 * Chrome no longer sees the gesture; so the window comes from the event's tab, not from a query.
 */
export function openPanelFromGesture(tab: TabLike | undefined): Promise<void> {
  const chromeSidePanel = (globalThis as { chrome?: { sidePanel?: ChromeSidePanelApi } }).chrome?.sidePanel;
  const openTab = () => browser.tabs.create({ url: browser.runtime.getURL('/sidepanel.html') }).then(() => undefined);
  if (chromeSidePanel && tab?.windowId !== undefined) {
    return chromeSidePanel.open({ windowId: tab.windowId }).catch(openTab);
  }
  const sidebar = (browser as unknown as { sidebarAction?: { open(): Promise<void> } }).sidebarAction;
  if (sidebar) return sidebar.open().catch(openTab);
  return openTab();
}

/** The menu item, titled in the user's language; replaced (not duplicated) at every start and language change. */
async function createMenuItem(): Promise<void> {
  const { settings } = await loadSettings();
  const t = translator(resolveLanguage(settings.language, browser.i18n.getUILanguage()));
  // MV2 (Firefox) calls the toolbar button's menu "browser_action"; MV3 "action".
  const actionContext = browser.runtime.getManifest().manifest_version === 3 ? 'action' : 'browser_action';
  await browser.contextMenus.remove(OPEN_PANEL_MENU_ID).catch(() => undefined);
  browser.contextMenus.create({
    id: OPEN_PANEL_MENU_ID,
    title: t('common.openPanel'),
    contexts: [actionContext as 'action', 'page'],
  });
}

export function registerPanelOpeners(): void {
  browser.commands.onCommand.addListener((command, tab) => {
    if (command === OPEN_PANEL_COMMAND) void openPanelFromGesture(tab);
  });
  browser.contextMenus.onClicked.addListener((info, tab) => {
    if (info.menuItemId === OPEN_PANEL_MENU_ID) void openPanelFromGesture(tab);
  });
  void createMenuItem().catch(() => undefined);
  browser.storage.onChanged.addListener((changes, area) => {
    // The app settings (language) live under `settings` in storage.local (lib/settings/storage.ts).
    if (area === 'local' && 'settings' in changes) {
      void createMenuItem().catch(() => undefined);
    }
  });
}

interface ChromeSidePanelBehavior {
  setPanelBehavior(options: { openPanelOnActionClick: boolean }): Promise<void>;
}

/** Chrome: the toolbar button opens the popup, not the side panel; Firefox has its own sidebar toggle and no such API. */
export function keepPopupOnActionClick(): void {
  const chromeSidePanel = (globalThis as { chrome?: { sidePanel?: ChromeSidePanelBehavior } }).chrome?.sidePanel;
  chromeSidePanel?.setPanelBehavior({ openPanelOnActionClick: false }).catch(() => undefined);
}
