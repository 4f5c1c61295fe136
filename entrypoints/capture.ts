import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { capturePage } from '../utils/extract/capture';

// The content script that reads the page. Injected on demand by the background (activeTab +
// scripting), never declared in the manifest, so Margin holds no host permissions. Built as
// an unlisted script, not a WXT content script: it needs none of WXT's content-script context
// (which would add a kilobyte to a script injected on every click). The value main() returns
// is what scripting.executeScript hands back to the background: the page capture, which the
// background finishes into an Article (utils/extract/finish.ts).
export default defineUnlistedScript(() => capturePage(document, location.href));
