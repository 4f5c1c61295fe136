import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { findChrome } from '../../scripts/lib/chrome';
import { bundleForPage } from './in-browser';
import { sentencesForBench } from './library';
import { median, quantile } from './stats';
import type { LibraryBenchApi } from './library-entry';

type LibraryWindow = { marginLibrary: LibraryBenchApi };

export interface ExplorerBench {
  articles: number;
  annotations: number;
  /** Seeding (the library's import of the generated data); 0 when a kept profile was reused. */
  importMs: number;
  entityPage: { p50: number; p95: number; opens: number; entities: number; most: { articles: number; highlights: number } };
  entitiesView: { p50: number; p95: number; opens: number };
  /** The slowest opens, for a profile: what was opened and how long it took. */
  slowest: { what: string; ms: number }[];
}

/** A stable origin for the bench page, so a kept profile (EXPLORER_BENCH_PROFILE) finds its database again. */
const ORIGIN = 'https://margin-bench.invalid';

/**
 * The entity explorer at 5k articles / 100k highlights (issue 24), in headless Chromium with
 * its real IndexedDB: an entity's page (the most mentioned name, in thousands of articles, to
 * rare ones) and the library's Entities view (two sorts, two kinds, two text filters), each read
 * from the entity index. The library is the library bench's (made-up names, real sentences).
 *
 * EXPLORER_BENCH_PROFILE=DIR keeps the browser profile (and the seeded database) in DIR, so a
 * second run measures without importing again — for profiling, not for the figures of record.
 */
export async function benchExplorer(articles = 5000, annotations = 100_000, rounds = 6): Promise<ExplorerBench> {
  const script = await bundleForPage('tests/bench/library-entry.ts');
  const kept = process.env.EXPLORER_BENCH_PROFILE;
  const args = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'];
  const context = kept
    ? await chromium.launchPersistentContext(kept, { executablePath: findChrome(), args })
    : await (await chromium.launch({ executablePath: findChrome(), args })).newContext();
  const reuse = !!kept && existsSync(kept) && process.env.EXPLORER_BENCH_RESEED !== '1';
  try {
    await context.route(`${ORIGIN}/**`, (route) =>
      route.fulfill({ contentType: 'text/html', body: '<!doctype html><meta charset="utf-8"><title>bench</title>' }),
    );
    const page = await context.newPage();
    await page.goto(`${ORIGIN}/bench.html`);
    await page.addScriptTag({ content: script });
    let seeded = reuse ? await page.evaluate(() => (window as unknown as LibraryWindow).marginLibrary.open()) : null;
    if (!seeded?.articles)
      seeded = await page.evaluate(({ s, a, n }) => (window as unknown as LibraryWindow).marginLibrary.seed(s, a, n), {
        s: sentencesForBench(),
        a: articles,
        n: annotations,
      });
    const slow: { what: string; ms: number }[] = [];
    const { keys, count } = await page.evaluate(() => (window as unknown as LibraryWindow).marginLibrary.entityKeys());
    const pageTimes: number[] = [];
    let most = { articles: 0, highlights: 0 };
    for (let round = 0; round < rounds; round++) {
      for (const key of keys) {
        const r = await page.evaluate((k) => (window as unknown as LibraryWindow).marginLibrary.entityPage(k), key);
        if (key === keys[0]) most = { articles: r.articles, highlights: r.highlights };
        if (round > 0) {
          pageTimes.push(r.ms);
          slow.push({ what: `page ${key}`, ms: r.ms });
        }
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
    for (let round = 0; round < rounds; round++) {
      for (const q of views) {
        const r = await page.evaluate((x) => (window as unknown as LibraryWindow).marginLibrary.entitiesView(x), q);
        if (round > 0) {
          viewTimes.push(r.ms);
          slow.push({ what: `view ${JSON.stringify(q)}`, ms: r.ms });
        }
      }
    }
    return {
      articles: seeded.articles,
      annotations: seeded.annotations,
      importMs: seeded.importMs,
      entityPage: { p50: median(pageTimes), p95: quantile(pageTimes, 0.95), opens: pageTimes.length, entities: count, most },
      entitiesView: { p50: median(viewTimes), p95: quantile(viewTimes, 0.95), opens: viewTimes.length },
      slowest: slow.sort((a, b) => b.ms - a.ms).slice(0, 8),
    };
  } finally {
    await context.close();
  }
}
