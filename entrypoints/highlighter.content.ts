import { defineContentScript } from 'wxt/utils/define-content-script';
import { browser } from 'wxt/browser';
import { pageMessenger, sendMessage } from '../utils/background/messages';
import { isDrawnMessage } from '../utils/background/test-protocol';
import {
  captureSelection,
  clearHighlights,
  drawHighlights,
  drawnHighlights,
  highlightAt,
  highlightRects,
  scrollToHighlight,
  showNotice,
} from '../utils/page/highlighter';
import { watchPage } from '../utils/page/page-toolbar';

// Draws the reader's highlights on the live page. Injected by the background when the
// reader uses Margin on a page, or registered for every page when the reader turns on
// "show my highlights whenever I revisit a page". A newer injection replaces this one.
export default defineContentScript({
  registration: 'runtime',
  main(ctx) {
    // The reader's toolbar after a selection on the page (issue 22, item 7; ⚙ switches it off).
    const toolbar = watchPage(document, {
      enabled: () => sendMessage('pageToolbarEnabled', undefined),
      frameBase: browser.runtime.getURL('/page-toolbar.html'),
      label: browser.i18n.getMessage('pageToolbarLabel'),
      highlightAt: (x, y) => highlightAt(document, x, y),
      highlightRects: (id) => highlightRects(document, id),
      capture: () => captureSelection(document),
    });
    const stops = [
      () => toolbar.stop(),
      pageMessenger.onMessage('drawHighlights', ({ data }) => drawHighlights(document, data)),
      pageMessenger.onMessage('redraw', async () => drawHighlights(document, await sendMessage('pageHighlights', { url: location.href }))),
      pageMessenger.onMessage('captureSelection', () => toolbar.pending() ?? captureSelection(document)),
      pageMessenger.onMessage('toolbar', ({ data }) => {
        if (data.op === 'close') toolbar.close();
        else if (data.op === 'size') toolbar.resize(data.height);
        else toolbar.openOn(data.id, data.focus);
      }),
      pageMessenger.onMessage('showNotice', ({ data }) => showNotice(document, data.text)),
      pageMessenger.onMessage('scrollToHighlight', ({ data }) => scrollToHighlight(document, data.id)),
    ];
    // The end-to-end tests ask what is drawn through the extension (the page itself cannot).
    if (import.meta.env.MODE === 'e2e') {
      // Answered at once through sendResponse (the listener type returns void; the answer is ready).
      const test = (message: unknown, _sender: unknown, sendResponse: (response: unknown) => void) => {
        if (isDrawnMessage(message)) sendResponse(drawnHighlights(document));
      };
      browser.runtime.onMessage.addListener(test);
      stops.push(() => browser.runtime.onMessage.removeListener(test));
    }
    ctx.onInvalidated(() => {
      for (const stop of stops) stop();
      clearHighlights(document);
    });
    sendMessage('pageHighlights', { url: location.href })
      .then((highlights) => {
        if (!ctx.isInvalid && highlights.length) drawHighlights(document, highlights);
      })
      .catch(() => {});
  },
});
