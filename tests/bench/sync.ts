import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { findChrome } from '../../scripts/lib/chrome';
import { startCouch } from '../support/couch';
import { startServer } from '../support/server';
import { bundleForPage } from './in-browser';
import { sentencesForBench } from './library';
import { median, quantile } from './stats';
import type { SyncBenchApi } from './sync-entry';

type SyncWindow = { marginSync: SyncBenchApi };

export interface SyncBench {
  articles: number;
  annotations: number;
  docs: number;
  /** A's first round: everything into the mirror and up to the server. */
  uploadMs: number;
  /** B's first round, from an empty profile: replicate, validate, apply through the repositories. */
  initialMs: number;
  /** After B's first round: deriving the index of what it wrote (search, facets, entity index), as the background then does. */
  initialIndexMs: number;
  /** PouchDB-to-PouchDB replication of the same documents into an empty IndexedDB PouchDB, in the same page. */
  floorMs: number;
  initialRatio: number;
  docsPerSecond: number;
  propagation: { p50: number; p95: number; edits: number; arrived: number };
  /** The same edits in a small library (SMALL highlights) synced through its own database, interleaved with the large one's: is one edit independent of the library's size? */
  small: { annotations: number; p50: number; p95: number; arrived: number; ratio: number };
  /** Bytes A stores (keys and values of its IndexedDB stores, as JSON): after its first sync ÷ before (sync never on). */
  storage: { off: number; on: number; ratio: number };
}

/** The small library of the "one edit independent of size" baseline. */
const SMALL = { articles: 50, annotations: 1000 };

/**
 * Sync at library scale (issue 10), in headless Chromium with real IndexedDB against a real
 * CouchDB-protocol server on 127.0.0.1 (express-pouchdb, in memory): profile A holds the
 * generated library (real sentences, as the library bench), sends it; profile B, empty,
 * receives it all; the same documents are replicated PouchDB-to-PouchDB as the floor.
 */
export async function benchSync(articles = 5000, annotations = 100_000, edits = 50): Promise<SyncBench> {
  const script = await bundleForPage('tests/bench/sync-entry.ts', { global: 'globalThis' });
  const couch = await startCouch({ users: { reader: 'bench' }, databases: ['margin', 'small'], cors: true });
  const pages = await startServer([
    (url) => (url.pathname === '/bench.html' ? { body: '<!doctype html><meta charset="utf-8"><title>bench</title>' } : undefined),
  ]);
  // A profile on disk: an in-memory one (chromium.launch) keeps IndexedDB under a small quota,
  // which two copies of a 100k-highlight library overflow (QuotaExceededError on B).
  const profile = mkdtempSync(join(tmpdir(), 'margin-sync-bench-'));
  const browser = await chromium.launchPersistentContext(profile, {
    executablePath: findChrome(),
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
  });
  const call = <K extends keyof SyncBenchApi>(page: import('playwright-core').Page, name: K, ...args: Parameters<SyncBenchApi[K]>) =>
    (process.env.BENCH_DEBUG && process.stderr.write(`  call ${name}\n`), page).evaluate(
      ({ name, args }) => ((window as unknown as SyncWindow).marginSync[name] as (...a: unknown[]) => unknown)(...args),
      { name, args },
    ) as Promise<Awaited<ReturnType<SyncBenchApi[K]>>>;
  try {
    const open = async () => {
      const p = await browser.newPage();
      p.setDefaultTimeout(0);
      if (process.env.BENCH_DEBUG) p.on('console', (m) => process.stderr.write(`  page: ${m.text()}\n`));
      p.on('pageerror', (e) => process.stderr.write(`  page error: ${e.message}\n`));
      await p.goto(`${pages.origin}/bench.html`);
      await p.addScriptTag({ content: script });
      await call(p, 'start', couch.url);
      return p;
    };
    let page = await open();
    const seeded = await call(page, 'seed', sentencesForBench(), articles, annotations);
    process.stderr.write(`  sync: seeded ${seeded.annotations} highlights over ${seeded.articles} articles in ${(seeded.ms / 1000).toFixed(1)} s\n`);
    const upload = await call(page, 'syncRound', 'a');
    process.stderr.write(`  sync: A sent ${upload.sent} documents in ${(upload.ms / 1000).toFixed(1)} s\n`);
    // BENCH_PROFILE=FILE: a CPU profile of B's first sync (Chrome DevTools' format), to see where it goes.
    const cdp = process.env.BENCH_PROFILE ? await page.context().newCDPSession(page) : null;
    if (cdp) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 500 });
      await cdp.send('Profiler.start');
    }
    const initial = await call(page, 'syncRound', 'b');
    if (cdp) {
      const { profile } = await cdp.send('Profiler.stop');
      (await import('node:fs')).writeFileSync(process.env.BENCH_PROFILE!, JSON.stringify(profile));
    }
    process.stderr.write(
      `  sync: B received ${initial.received} in ${(initial.ms / 1000).toFixed(1)} s, then indexed them in ${(initial.indexMs / 1000).toFixed(1)} s\n`,
    );
    const counts = await call(page, 'counts', 'b');
    if (counts.annotations !== seeded.annotations || counts.articles !== seeded.articles) throw new Error(`B has ${JSON.stringify(counts)}`);
    const floor = await call(page, 'floor');
    process.stderr.write(`  sync: floor replicated ${floor.docs} in ${(floor.ms / 1000).toFixed(1)} s\n`);
    // A fresh page for the rest: at 100k highlights the page that held both first syncs was lost
    // here (its memory); the profiles' databases stay, and their devices open again from them.
    await page.close();
    page = await open();
    // The small library, synced through its own database by its own two profiles.
    await call(page, 'seed', sentencesForBench(), SMALL.articles, SMALL.annotations, 'a1');
    await call(page, 'syncRound', 'a1');
    await call(page, 'syncRound', 'b1');
    // One round each with nothing new, so both libraries' edits start from a settled state.
    for (const name of ['a', 'b', 'a1', 'b1'] as const) await call(page, 'syncRound', name);
    await call(page, 'takeSteps');
    const times: number[] = [];
    const smallTimes: number[] = [];
    let arrived = 0;
    let smallArrived = 0;
    // Interleaved, so the machine's load falls on both alike.
    for (let i = 0; i < edits; i++) {
      const r = await call(page, 'propagate', i, false);
      times.push(r.ms);
      if (r.arrived) arrived++;
      const s = await call(page, 'propagate', i, true);
      smallTimes.push(s.ms);
      if (s.arrived) smallArrived++;
    }
    const steps = await call(page, 'takeSteps');
    process.stderr.write(
      `  sync: one edit, mean ms per step: ${Object.entries(steps)
        .map(([k, v]) => `${k} ${(v / edits).toFixed(1)}`)
        .join(', ')}\n`,
    );
    process.stderr.write(
      `  sync: load average ${loadavg()
        .map((x) => x.toFixed(1))
        .join(' / ')} (1 / 5 / 15 min)\n`,
    );
    const off = seeded.usage;
    const on = upload.usage;
    return {
      articles: seeded.articles,
      annotations: seeded.annotations,
      docs: upload.sent,
      uploadMs: upload.ms,
      initialMs: initial.ms,
      initialIndexMs: initial.indexMs,
      floorMs: floor.ms,
      initialRatio: initial.ms / floor.ms,
      docsPerSecond: upload.sent / (initial.ms / 1000),
      propagation: { p50: median(times), p95: quantile(times, 0.95), edits, arrived },
      small: {
        annotations: SMALL.annotations,
        p50: median(smallTimes),
        p95: quantile(smallTimes, 0.95),
        arrived: smallArrived,
        ratio: median(times) / median(smallTimes),
      },
      storage: { off, on, ratio: on / off },
    };
  } finally {
    await browser.close();
    rmSync(profile, { recursive: true, force: true });
    await pages.close();
    await couch.close();
  }
}
