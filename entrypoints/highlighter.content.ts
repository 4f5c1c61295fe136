import { defineContentScript } from 'wxt/utils/define-content-script';
import { browser } from 'wxt/browser';
import { pageMessenger, sendMessage } from '../utils/background/messages';
import { isDrawnMessage } from '../utils/background/test-protocol';
import { captureSelection, clearHighlights, drawHighlights, drawnHighlights, scrollToHighlight, showNotice } from '../utils/page/highlighter';

// Draws the reader's highlights on the live page. Injected by the background when the
// reader uses Margin on a page, or registered for every page when the reader turns on
// "show my highlights whenever I revisit a page". A newer injection replaces this one.
export default defineContentScript({
  registration: 'runtime',
  main(ctx) {
    const stops = [
      pageMessenger.onMessage('drawHighlights', ({ data }) => drawHighlights(document, data)),
      pageMessenger.onMessage('captureSelection', () => captureSelection(document)),
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
