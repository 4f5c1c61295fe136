import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { MODEL_FILE } from '../../scripts/lib/korean-model';
import { join } from 'node:path';
import { ENGLISH_MODEL_FILE } from '../../scripts/lib/english-ner';
import { loadEnglishLexicon } from '../../utils/entities/english-model';
import { readHtmlFile } from '../../scripts/lib/dom';
import { ROOT } from '../support/paths';
import { extractionPages, type CorpusPage } from './corpus';
import { benchPage } from './in-browser';
import { median, quantile } from './stats';

export interface RecognizerBench {
  pages: number;
  ratioMedian: number;
  ratioP95: number;
  /** The same ratio on the Korean pages alone (the learned model's work). */
  koreanPages: number;
  koreanRatioMedian: number;
  /** Inflating and reading the Korean model file in the browser. */
  koreanModelLoadMs: number;
  recognizerMedianMs: number;
  koreanCharsPerSecond: number;
  englishCharsPerSecond: number;
  englishModelLoadMs: number;
  /** The ratio on the English pages alone (the learned English model's work), and its file's load time. */
  englishPages: number;
  englishRatioMedian: number;
  englishTaggerLoadMs: number;
}

/** Our own Korean pages too: the corpus has few, and Korean throughput needs text. */
function ownKoreanPages(): CorpusPage[] {
  const out: CorpusPage[] = [];
  for (const dir of ['tests/fixtures/entities', 'tests/fixtures/entities-holdout']) {
    const base = join(ROOT, dir);
    if (!existsSync(base)) continue;
    for (const name of readdirSync(base)) {
      const path = join(base, name, 'source.html');
      if (name.startsWith('ko-') && existsSync(path)) out.push({ name: `${dir}/${name}`, html: readHtmlFile(path), url: 'https://news.example/a' });
    }
  }
  return out;
}

/**
 * The recogniser against Readability.parse on the same page, in Chromium, over the
 * corpus and the fixtures (batches of runs: the browser clock is coarse), and its
 * throughput on Korean and English text. compromise's lexicon and the Korean model are
 * loaded once, as the popup does, and their load times reported apart.
 */
export async function benchRecognizer(rounds = 5): Promise<RecognizerBench> {
  const { page, close } = await benchPage('tests/bench/browser-entry.ts');
  try {
    const started = performance.now();
    const lexicon = await loadEnglishLexicon();
    const modelMs = performance.now() - started;
    await page.evaluate((l) => {
      (window as unknown as { marginEntities: { lexicon: unknown } }).marginEntities.lexicon = l;
    }, lexicon as never);
    const koreanModelLoadMs = await page.evaluate(
      (b64) => (window as unknown as { marginEntities: { loadKorean(b: string): Promise<number> } }).marginEntities.loadKorean(b64),
      readFileSync(MODEL_FILE).toString('base64'),
    );
    const englishTaggerLoadMs = existsSync(ENGLISH_MODEL_FILE)
      ? await page.evaluate(
          (b64) => (window as unknown as { marginEntities: { loadEnglish(b: string): Promise<number> } }).marginEntities.loadEnglish(b64),
          readFileSync(ENGLISH_MODEL_FILE).toString('base64'),
        )
      : NaN;
    const run = (p: CorpusPage) =>
      page.evaluate(
        ({ html, url, rounds }) =>
          (
            window as unknown as {
              marginEntities: {
                entities(h: string, u: string, r: number): { base: number[]; recognizer: number[]; chars: number; korean: boolean; english: boolean };
              };
            }
          ).marginEntities.entities(html, url, rounds),
        { html: p.html, url: p.url, rounds },
      );
    const ratios: number[] = [];
    const times: number[] = [];
    const chars = { ko: 0, en: 0 };
    const ms = { ko: 0, en: 0 };
    const koreanRatios: number[] = [];
    const englishRatios: number[] = [];
    for (const p of extractionPages()) {
      const r = await run(p);
      const rec = median(r.recognizer);
      ratios.push(rec / median(r.base));
      if (r.korean) koreanRatios.push(rec / median(r.base));
      else if (r.english) englishRatios.push(rec / median(r.base));
      times.push(rec);
      chars[r.korean ? 'ko' : 'en'] += r.chars;
      ms[r.korean ? 'ko' : 'en'] += rec;
    }
    for (const p of ownKoreanPages()) {
      const r = await run(p);
      koreanRatios.push(median(r.recognizer) / median(r.base));
      chars.ko += r.chars;
      ms.ko += median(r.recognizer);
    }
    return {
      pages: ratios.length,
      ratioMedian: median(ratios),
      ratioP95: quantile(ratios, 0.95),
      koreanPages: koreanRatios.length,
      koreanRatioMedian: median(koreanRatios),
      koreanModelLoadMs,
      recognizerMedianMs: median(times),
      koreanCharsPerSecond: (chars.ko / ms.ko) * 1000,
      englishCharsPerSecond: (chars.en / ms.en) * 1000,
      englishModelLoadMs: modelMs,
      englishPages: englishRatios.length,
      englishRatioMedian: median(englishRatios),
      englishTaggerLoadMs,
    };
  } finally {
    await close();
  }
}
