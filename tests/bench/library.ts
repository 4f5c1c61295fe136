import { chromium } from 'playwright-core';
import { findChrome } from '../../scripts/lib/chrome';
import { readDocument } from '../../utils/extract/pipeline';
import { windowFromHtml } from '../../scripts/lib/dom';
import { startServer } from '../support/server';
import { extractionPages } from './corpus';
import { bundleForPage } from './in-browser';
import { median, quantile } from './stats';
import type { LibraryBenchApi } from './library-entry';

type LibraryWindow = { marginLibrary: LibraryBenchApi };

export interface LibraryBench {
  articles: number;
  annotations: number;
  importMs: number;
  /** After the import returned: deriving the rows it left to the index queue (search, facets, entity index), as the library then does. */
  indexMs: number;
  /** The same records written raw (same tables and indexes, nothing derived), in the same page: the import's floor. */
  rawMs: number;
  search: { korean: { p50: number; p95: number }; english: { p50: number; p95: number }; queries: number };
  /** First page of the list, unfiltered and by site, tag, colour, entity, sorted by date saved or published. */
  list: { p50: number; p95: number; pages: number };
  /** Entity pages (the most mentioned to rare ones) and the Entities view (sorts, kinds, text filters), opened from the entity index. */
  entityPage: { p50: number; p95: number; opens: number; entities: number; most: { articles: number; highlights: number } };
  entitiesView: { p50: number; p95: number; opens: number };
  exportMs: number;
  baselineMs: number;
  exportRatio: number;
}

// With particles too (issue 22): a reader types words as they write them.
const KOREAN_QUERIES = ['딥시크', '반도체', '시의회', '영화제', '경제', '중국', '투자', '예산', '부산', '지원', '딥시크가', '반도체의', '시의회는', '중국에서'];
const ENGLISH_QUERIES = ['ferry', 'harbour', 'budget', 'election', 'president', 'climate', 'market', 'policy', 'government', 'police'];

let sentences: string[] | undefined;

/** Real sentences, Korean and English, to build a large library from (read once per run). */
export function sentencesForBench(): string[] {
  if (sentences) return sentences;
  const out: string[] = [];
  for (const page of extractionPages()) {
    const win = windowFromHtml(page.html, page.url);
    const r = readDocument(win.document, win, page.url);
    win.close();
    if (r.ok) out.push(...r.article.textContent.split(/(?<=[.!?。])\s+|\n/).filter((s) => s.length >= 30 && s.length <= 300));
  }
  sentences = out;
  return out;
}

/**
 * The library at 100k highlights over 5k articles, in headless Chromium with its real
 * IndexedDB: import time, search latency (Korean and English queries), and export of
 * everything against reading the tables raw and stringifying them in the same run.
 */
export async function benchLibrary(articles = 5000, annotations = 100_000): Promise<LibraryBench> {
  const script = await bundleForPage('tests/bench/library-entry.ts');
  const server = await startServer([
    (url) => (url.pathname === '/bench.html' ? { body: '<!doctype html><meta charset="utf-8"><title>bench</title>' } : undefined),
  ]);
  const browser = await chromium.launch({
    executablePath: findChrome(),
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
  });
  try {
    const page = await browser.newPage();
    await page.goto(`${server.origin}/bench.html`);
    await page.addScriptTag({ content: script });
    const seeded = await page.evaluate(({ s, a, n }) => (window as unknown as LibraryWindow).marginLibrary.seed(s, a, n), {
      s: sentencesForBench(),
      a: articles,
      n: annotations,
    });
    const run = async (queries: string[]) => {
      const times: number[] = [];
      for (const q of queries) await page.evaluate((x) => (window as unknown as LibraryWindow).marginLibrary.search(x), q); // warm
      for (let round = 0; round < 5; round++) {
        for (const q of queries) times.push((await page.evaluate((x) => (window as unknown as LibraryWindow).marginLibrary.search(x), q)).ms);
      }
      return { p50: median(times), p95: quantile(times, 0.95) };
    };
    const korean = await run(KOREAN_QUERIES);
    const english = await run(ENGLISH_QUERIES);
    const filters: Parameters<LibraryBenchApi['list']>[0][] = [
      {},
      { sort: 'published' },
      { site: '한빛일보' },
      { tag: '경제' },
      { color: 'pink' },
      { tag: 'AI', color: 'blue', sort: 'published' },
    ];
    const listTimes: number[] = [];
    for (let round = 0; round < 4; round++) {
      for (const f of filters) {
        const r = await page.evaluate((x) => (window as unknown as LibraryWindow).marginLibrary.list(x), f);
        if (round > 0) listTimes.push(r.ms);
      }
    }
    const { keys, count } = await page.evaluate(() => (window as unknown as LibraryWindow).marginLibrary.entityKeys());
    const pageTimes: number[] = [];
    let most = { articles: 0, highlights: 0 };
    for (let round = 0; round < 4; round++) {
      for (const key of keys) {
        const r = await page.evaluate((k) => (window as unknown as LibraryWindow).marginLibrary.entityPage(k), key);
        if (key === keys[0]) most = { articles: r.articles, highlights: r.highlights };
        if (round > 0) pageTimes.push(r.ms);
      }
    }
    const views: Parameters<LibraryBenchApi['entitiesView']>[0][] = [
      {},
      { sort: 'recent' },
      { kind: 'person' },
      { kind: 'org', sort: 'recent' },
      { text: '인물1' },
      { text: 'name 2', kind: 'place' },
    ];
    const viewTimes: number[] = [];
    for (let round = 0; round < 4; round++) {
      for (const q of views) {
        const r = await page.evaluate((x) => (window as unknown as LibraryWindow).marginLibrary.entitiesView(x), q);
        if (round > 0) viewTimes.push(r.ms);
      }
    }
    const exports: { baselineMs: number; exportMs: number }[] = [];
    for (let i = 0; i < 3; i++) exports.push(await page.evaluate(() => (window as unknown as LibraryWindow).marginLibrary.exportAll()));
    const exportMs = median(exports.map((e) => e.exportMs));
    const baselineMs = median(exports.map((e) => e.baselineMs));
    return {
      articles: seeded.articles,
      annotations: seeded.annotations,
      importMs: seeded.importMs,
      indexMs: seeded.indexMs,
      rawMs: seeded.rawMs,
      search: { korean, english, queries: KOREAN_QUERIES.length + ENGLISH_QUERIES.length },
      list: { p50: median(listTimes), p95: quantile(listTimes, 0.95), pages: listTimes.length },
      entityPage: { p50: median(pageTimes), p95: quantile(pageTimes, 0.95), opens: pageTimes.length, entities: count, most },
      entitiesView: { p50: median(viewTimes), p95: quantile(viewTimes, 0.95), opens: viewTimes.length },
      exportMs,
      baselineMs,
      exportRatio: median(exports.map((e) => e.exportMs / e.baselineMs)),
    };
  } finally {
    await browser.close();
    await server.close();
  }
}
