import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { panelMessenger } from '../../utils/background/messages';

/**
 * The tab the side panel shows: the active tab of its window, followed as the reader
 * switches tabs or the tab navigates; `version` changes when the same tab should be read
 * again (it navigated, or the reader clicked Margin's button on it, granting access).
 */
export function useFollowTab(initial: number | undefined) {
  const [tab, setTab] = useState<{ id: number | undefined; version: number }>({ id: initial, version: 0 });

  useEffect(() => {
    let windowId: number | undefined;
    let own: number | undefined;
    let live = true;
    const show = (id: number | undefined) => setTab((t) => (t.id === id ? { id, version: t.version + 1 } : { id, version: 0 }));
    void (async () => {
      // A panel opened as a page of its own (tests, ?tabId=N) lives in a tab it must not follow to.
      own = (await browser.tabs.getCurrent().catch(() => undefined))?.id;
      const win = await browser.windows.getCurrent().catch(() => undefined);
      windowId = win?.id;
      if (initial === undefined && live) {
        const [active] = await browser.tabs.query({ active: true, windowId });
        if (active?.id !== undefined) show(active.id);
      }
    })();
    const onActivated = (info: { tabId: number; windowId: number }) => {
      if (info.windowId === windowId && info.tabId !== own) setTab({ id: info.tabId, version: 0 });
    };
    const onUpdated = (tabId: number, change: { status?: string; url?: string }) => {
      if (change.status === 'complete') setTab((t) => (t.id === tabId ? { id: tabId, version: t.version + 1 } : t));
    };
    const onRemoved = (tabId: number) => setTab((t) => (t.id === tabId ? { id: undefined, version: t.version + 1 } : t));
    browser.tabs.onActivated.addListener(onActivated);
    browser.tabs.onUpdated.addListener(onUpdated);
    browser.tabs.onRemoved.addListener(onRemoved);
    const stop = panelMessenger.onMessage('showTab', ({ data }) => show(data.tabId));
    return () => {
      live = false;
      browser.tabs.onActivated.removeListener(onActivated);
      browser.tabs.onUpdated.removeListener(onUpdated);
      browser.tabs.onRemoved.removeListener(onRemoved);
      stop();
    };
  }, [initial]);

  return tab;
}
