// Bundled into a blank page of headless Chromium by tests/bench/in-browser.ts: the
// extraction modules the extension runs, timed in the engine they run in.
import { Readability } from '@mozilla/readability';
import { capturePage } from '../../utils/extract/capture';
import { finishArticle } from '../../utils/extract/finish';
import { sanitizeArticle } from '../../utils/pipeline';

function parse(html: string, url: string): Document {
  const doc = new DOMParser().parseFromString(html, 'text/html');
  // Resolve relative links against the page's address, as the live page does.
  const base = doc.createElement('base');
  base.href = url;
  doc.head.prepend(base);
  return doc;
}

/** One extraction, the way the extension splits it: content script, background, popup. */
function pipeline(doc: Document, url: string): string {
  const result = finishArticle(capturePage(doc, url));
  return result.ok ? sanitizeArticle(result.article, window).textContent : '';
}

function bareReadability(doc: Document): string {
  return new Readability(doc).parse()?.textContent ?? '';
}

declare global {
  interface Window {
    marginBench: typeof api;
  }
}

const api = {
  /** Median-of-rounds times (ms) of bare Readability.parse and of the pipeline on fresh documents. */
  time(html: string, url: string, rounds: number): { base: number[]; pipe: number[] } {
    const base: number[] = [];
    const pipe: number[] = [];
    for (let i = 0; i < rounds; i++) {
      const a = parse(html, url);
      const b = parse(html, url);
      const runBase = () => {
        const t = performance.now();
        bareReadability(a);
        base.push(performance.now() - t);
      };
      const runPipe = () => {
        const t = performance.now();
        pipeline(b, url);
        pipe.push(performance.now() - t);
      };
      if (i % 2) {
        runBase();
        runPipe();
      } else {
        runPipe();
        runBase();
      }
    }
    return { base, pipe };
  },
  texts(html: string, url: string): { readability: string; pipeline: string } {
    return { readability: bareReadability(parse(html, url)), pipeline: pipeline(parse(html, url), url) };
  },
};
window.marginBench = api;
