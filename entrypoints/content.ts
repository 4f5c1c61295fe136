import { defineContentScript } from 'wxt/utils/define-content-script';
import { capturePage } from '../utils/extract/capture';

// Injected on demand by the background (activeTab + scripting), never declared in the
// manifest, so Margin holds no host permissions. The value main() returns is what
// scripting.executeScript hands back to the background: the page capture, which the
// background finishes into an Article (utils/extract/finish.ts).
export default defineContentScript({
  registration: 'runtime',
  main: () => capturePage(document, location.href),
});
