// Bundled into a blank page of headless Chromium by tests/bench/in-browser.ts: the
// extraction modules the extension runs, timed in the engine they run in.
import { Readability } from '@mozilla/readability';
import { capturePage } from '../../utils/extract/capture';
import { finishArticle } from '../../utils/extract/finish';
import { sanitizeArticle } from '../../utils/extract/pipeline';

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
  return pipelineArticle(doc, url)?.textContent ?? '';
}

function pipelineArticle(doc: Document, url: string) {
  const result = finishArticle(capturePage(doc, url));
  return result.ok ? sanitizeArticle(result.article, window) : null;
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
  /** The article Margin makes of a page (its HTML and text), for reading what the rules did. */
  article(html: string, url: string): { html: string; text: string } {
    const article = pipelineArticle(parse(html, url), url);
    return { html: article?.contentHtml ?? '', text: article?.textContent ?? '' };
  },
};
window.marginBench = api;

// --- Entity recogniser ----------------------------------------------------------------
import { recognizeEntities } from '../../utils/entities';
import type { EnglishLexicon } from '../../utils/entities/english';
import { needsEnglishModel, readEnglishTagger } from '../../utils/entities/english-model';
import { readKoreanModel } from '../../utils/entities/model/load';
import type { KoreanModel, TaggerModel } from '../../utils/entities/model/tagger';

const entityApi = {
  lexicon: null as EnglishLexicon | null,
  korean: null as KoreanModel | null,
  englishTagger: null as TaggerModel | null,
  /** Reads the English tagger from its file's bytes (base64), as the extension does; returns the ms it took. */
  async loadEnglish(base64: string): Promise<number> {
    const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    const t = performance.now();
    entityApi.englishTagger = await readEnglishTagger(bytes);
    return performance.now() - t;
  },
  /** Reads the Korean model from its file's bytes (base64), as the extension does; returns the ms it took. */
  async loadKorean(base64: string): Promise<number> {
    const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    const t = performance.now();
    entityApi.korean = await readKoreanModel(bytes);
    return performance.now() - t;
  },
  /**
   * Mean times (ms) of Readability.parse and of the recogniser over the same page's
   * article text, each round timing `batch` runs at once (the browser's clock is coarse).
   */
  entities(html: string, url: string, rounds: number, batch = 8): { base: number[]; recognizer: number[]; chars: number; korean: boolean; english: boolean } {
    const text = new Readability(parse(html, url)).parse()?.textContent ?? '';
    const english = needsEnglishModel(text) && entityApi.lexicon ? { lexicon: entityApi.lexicon, tagger: entityApi.englishTagger } : null;
    const base: number[] = [];
    const recognizer: number[] = [];
    for (let i = 0; i < rounds; i++) {
      const docs = Array.from({ length: batch }, () => parse(html, url));
      let t = performance.now();
      for (const doc of docs) new Readability(doc).parse();
      base.push((performance.now() - t) / batch);
      t = performance.now();
      for (let k = 0; k < batch; k++) recognizeEntities(text, { english, korean: entityApi.korean });
      recognizer.push((performance.now() - t) / batch);
    }
    return { base, recognizer, chars: text.length, korean: /[\uac00-\ud7a3]/.test(text.slice(0, 2000)), english: !!english };
  },
};
(window as unknown as { marginEntities: typeof entityApi }).marginEntities = entityApi;
