import { browser } from 'wxt/browser';
import { errorMessage, withTimeout } from '../utils/async';
import { panelMessenger, sendMessage } from '../utils/background/messages';
import type { OpenArticleResponse } from '../utils/background/reader';

/**
 * The reader's first request, kept apart from the screens: the popup's entry imports only this
 * and sends the request before it loads the rest of the reader, so the page is being extracted
 * while the reader's code is still arriving.
 */

export type Surface = 'popup' | 'panel';

export interface ArticleAnswer {
  response: OpenArticleResponse;
  tabId?: number;
}

// The background gives up on a page after 30 s; this only guards against a background
// that never answers at all.
const GIVE_UP_AFTER_MS = 40_000;

async function activeTabId(): Promise<number | undefined> {
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab?.id;
}

/** Ask the background for a tab's article; never rejects. */
export async function requestArticle(tabId: number | undefined, surface: Surface = 'popup'): Promise<ArticleAnswer> {
  let id = tabId;
  try {
    id ??= await activeTabId();
    if (id === undefined || Number.isNaN(id)) return { response: { status: 'tab-closed' } };
    performance.mark('margin:request');
    return { response: await withTimeout(sendMessage('openArticle', { tabId: id, follow: surface === 'panel' }), GIVE_UP_AFTER_MS), tabId: id };
  } catch (error) {
    return { response: { status: 'failed', detail: errorMessage(error) }, tabId: id };
  }
}

/**
 * The toolbar popup was opened by a click, which gave Margin access to its tab: a side panel
 * already open in the window reads the tab again instead of asking for that click. Firefox
 * opens Margin's sidebar when it is installed, so on first use the sidebar is showing "open
 * Margin on this page" while the reader clicks the button (and the click opens this popup:
 * `action.onClicked`, which tells the panel otherwise, does not fire while a popup is set).
 */
export function tellPanel(answer: Promise<ArticleAnswer>): void {
  void answer
    .then(({ response, tabId }) => {
      if (tabId !== undefined && response.status !== 'tab-closed') return panelMessenger.sendMessage('showTab', { tabId });
    })
    .catch(() => {});
}
