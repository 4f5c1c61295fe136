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

export interface KoreanCpuBench {
  pages: number;
  /** CPU ms per 1,000 characters, median over the Korean labelled pages. */
  modelPer1000: number;
  rulesPer1000: number;
  /** The same for the model's parts: features and decoding. */
  featuresPer1000: number;
  decodingPer1000: number;
  /**
   * The whole path again once every page has run 20 times (the JIT done compiling everything it
   * will): what a background that has already read a few articles pays. The row above pays part of
   * the compiling on the first pages, as a background just started does.
   */
  steadyPer1000: number;
}

/**
 * The Korean recogniser's CPU time in Node (issue 19: ≤ 5 ms per 1,000 characters for model
 * + rules + consistency), over the Korean labelled pages, with the rules alone beside it:
 * process CPU time, the median of 15 runs a page after 3 warm-up runs.
 */
export async function benchKoreanCpu(): Promise<KoreanCpuBench> {
  const { isKoreanText, koreanRules, recognizeEntities } = await import('../../utils/entities');
  const { extractFeatures } = await import('../../utils/entities/model/features');
  const { decode } = await import('../../utils/entities/model/tagger');
  const { koreanModelFromDisk } = await import('../../scripts/lib/korean-model');
  const { loadLabelFiles, pageText } = await import('../../scripts/lib/entity-eval');
  const { FIXTURES } = await import('../../scripts/lib/paths');
  const model = await koreanModelFromDisk();
  const pages = loadLabelFiles(ROOT, [FIXTURES, join(ROOT, 'tests/fixtures/entities'), join(ROOT, 'tests/fixtures/entities-holdout')])
    .map((f) => pageText(f))
    .map((p) => ({ text: `${p.title}\n${p.text}`, lang: p.lang }))
    .filter((p) => isKoreanText(p.text, p.lang));
  const cpu = (fn: () => void) => {
    for (let w = 0; w < 3; w++) fn();
    const times: number[] = [];
    for (let r = 0; r < 15; r++) {
      const t = process.cpuUsage();
      fn();
      const d = process.cpuUsage(t);
      times.push((d.user + d.system) / 1000);
    }
    return median(times);
  };
  const rows = { model: [] as number[], rules: [] as number[], features: [] as number[], decoding: [] as number[] };
  for (const { text } of pages) {
    const k = text.length / 1000;
    const rules = koreanRules(text);
    const f = extractFeatures(text, model.lexicon, rules);
    rows.model.push(cpu(() => recognizeEntities(text, { lang: 'ko', korean: model })) / k);
    rows.rules.push(cpu(() => koreanRules(text)) / k);
    rows.features.push(cpu(() => extractFeatures(text, model.lexicon, rules)) / k);
    rows.decoding.push(cpu(() => decode(model, text, f)) / k);
  }
  for (let round = 0; round < 20; round++) for (const { text } of pages) recognizeEntities(text, { lang: 'ko', korean: model });
  const steady = pages.map(({ text }) => cpu(() => recognizeEntities(text, { lang: 'ko', korean: model })) / (text.length / 1000));
  return {
    pages: pages.length,
    steadyPer1000: median(steady),
    modelPer1000: median(rows.model),
    rulesPer1000: median(rows.rules),
    featuresPer1000: median(rows.features),
    decodingPer1000: median(rows.decoding),
  };
}
