import { browser } from 'wxt/browser';

/** The two browsers' side-panel APIs, as far as Margin uses them. */
interface SidePanelApis {
  /** Chrome 114+ (opening on demand: 116+). */
  sidePanel?: { open(options: { windowId?: number; tabId?: number }): Promise<void> };
  /** Firefox. */
  sidebarAction?: { open(): Promise<void> };
}

const apis = () => browser as unknown as SidePanelApis;

/** Whether this browser can show Margin beside the page. */
export function sidePanelAvailable(): boolean {
  return !!(apis().sidePanel?.open || apis().sidebarAction?.open);
}

/**
 * Open the side panel in a window (for every tab of it: the panel follows the active tab).
 * Must be called in the reader's click (both browsers require a user gesture) with nothing
 * awaited before it, so the window is looked up beforehand. Answers whether it opened.
 */
export async function openSidePanel(windowId: number | undefined): Promise<boolean> {
  const { sidePanel, sidebarAction } = apis();
  try {
    if (sidebarAction) {
      await sidebarAction.open();
      return true;
    }
    if (sidePanel && windowId !== undefined) {
      await sidePanel.open({ windowId });
      return true;
    }
  } catch (error) {
    console.warn('Margin: side panel not opened', error);
  }
  return false;
}
