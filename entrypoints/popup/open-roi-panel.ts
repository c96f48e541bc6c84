import { browser } from 'wxt/browser';

interface ChromeSidePanelOpen {
  open(options: { windowId: number }): Promise<void>;
}

/**
 * Chrome: the side panel of the current window (must run inside a user gesture, e.g. a popup click).
 * Firefox: the sidebar. Elsewhere, or if both refuse: the panel as a full tab, which always works.
 */
export async function openRoiPanel(): Promise<void> {
  const chromeSidePanel = (globalThis as { chrome?: { sidePanel?: ChromeSidePanelOpen } }).chrome?.sidePanel;
  try {
    if (chromeSidePanel) {
      const current = await browser.windows.getCurrent();
      if (current.id !== undefined) {
        await chromeSidePanel.open({ windowId: current.id });
        return;
      }
    }
    const sidebar = (browser as unknown as { sidebarAction?: { open(): Promise<void> } }).sidebarAction;
    if (sidebar) {
      await sidebar.open();
      return;
    }
  } catch {
    // Falls through to the tab: a refused gesture must not leave the user with nothing.
  }
  await browser.tabs.create({ url: browser.runtime.getURL('/sidepanel.html') });
}
