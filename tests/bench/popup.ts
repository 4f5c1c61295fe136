import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { launchWithExtension, openTab } from '../support/browser';
import { ROOT } from '../support/paths';
import { largeArticlePage } from '../support/generated-pages';
import { startServer } from '../support/server';
import { median } from './stats';

export interface PopupBench {
  runs: number;
  shellMedianMs: number;
  readyMedianMs: number;
  ratioMedian: number;
  firstOpen: { shellMs: number; readyMs: number };
  /** Opening to the article painted (performance mark margin:article), median ms: popup and side panel. */
  articleMedianMs: number;
  panelArticleMedianMs: number;
  /** Side panel ÷ popup, article painted, median of the runs' ratios. */
  panelRatioMedian: number;
  /** Of the marks' wait: article painted → recognition asked of the background, and the background's answer (median ms). */
  askMedianMs: number;
  answerMedianMs: number;
  /** Of that answer, the background's own time recognising (median ms). */
  backgroundMedianMs: number;
  /** Popup opens with the background stopped before each (as after 30 s idle): article and marks painted, median ms. */
  cold: { runs: number; articleMedianMs: number; readyMedianMs: number };
}

/**
 * The popup on the Korean fixture in headless Chromium: time from opening to the
 * article with its entity marks rendered, against the time to render the popup's empty
 * shell, both from the page's navigation start (performance marks set by the popup).
 * The first open (nothing saved yet, nothing cached) is reported apart from the median
 * of the following ones.
 */
export async function benchPopup(runs = 9): Promise<PopupBench> {
  execFileSync(process.execPath, [join(ROOT, 'node_modules/wxt/bin/wxt.mjs'), 'build', '--mode', 'e2e'], { cwd: ROOT, stdio: 'ignore' });
  const server = await startServer();
  const browser = await launchWithExtension({ extensionDir: join(ROOT, '.output/chrome-mv3-e2e'), locale: 'ko' });
  try {
    const { tabId } = await openTab(browser, `${server.origin}/fixtures/news/ko-newspim-deepseek/source.html`);
    const shells: number[] = [];
    const readies: number[] = [];
    const articles: number[] = [];
    const panelArticles: number[] = [];
    /** Article painted → recognition asked of the background, and its answer's wait. */
    const asks: [number, number, number][] = [];
    // Popup and side panel in turn, on the same tab, so both see the same machine and cache.
    for (let i = 0; i < runs; i++) {
      for (const surface of ['popup', 'sidepanel'] as const) {
        const page = await browser.context.newPage();
        await page.setViewportSize(surface === 'popup' ? { width: 560, height: 600 } : { width: 400, height: 800 });
        await page.goto(`chrome-extension://${browser.extensionId}/${surface}.html?tabId=${tabId}`);
        await page.waitForSelector('[data-entities="ready"]', { timeout: 30_000 });
        const [shell, article, ready, asked, answered] = await page.evaluate(
          () =>
            ['margin:shell', 'margin:article', 'margin:entities', 'margin:recognize', 'margin:recognized'].map(
              (n) => performance.getEntriesByName(n)[0]?.startTime ?? NaN,
            ) as [number, number, number, number, number],
        );
        if (surface === 'popup') {
          const took = await browser.background.evaluate(() => performance.getEntriesByName('margin:recognize').at(-1)?.duration ?? NaN);
          asks.push([asked - article, answered - asked, took]);
        }
        if (surface === 'popup') {
          shells.push(shell);
          readies.push(ready);
          articles.push(article);
        } else panelArticles.push(article);
        await page.close();
      }
    }
    // The background stopped before each open, as the browser stops it after 30 s idle: the
    // models are read again while the page extracts (utils/background/entities.ts).
    const coldArticles: number[] = [];
    const coldReadies: number[] = [];
    for (let i = 0; i < Math.max(3, Math.floor(runs / 2)); i++) {
      const page = await browser.context.newPage();
      const cdp = await browser.context.newCDPSession(page);
      await cdp.send('ServiceWorker.enable');
      await cdp.send('ServiceWorker.stopAllWorkers');
      await cdp.detach();
      await page.setViewportSize({ width: 560, height: 600 });
      await page.goto(`chrome-extension://${browser.extensionId}/popup.html?tabId=${tabId}`);
      await page.waitForSelector('[data-entities="ready"]', { timeout: 30_000 });
      const [article, ready] = await page.evaluate(
        () => ['margin:article', 'margin:entities'].map((n) => performance.getEntriesByName(n)[0]!.startTime) as [number, number],
      );
      coldArticles.push(article);
      coldReadies.push(ready);
      await page.close();
    }
    const warmShell = shells.slice(1);
    const warmReady = readies.slice(1);
    return {
      runs,
      shellMedianMs: median(warmShell),
      readyMedianMs: median(warmReady),
      ratioMedian: median(warmReady.map((r, k) => r / warmShell[k]!)),
      firstOpen: { shellMs: shells[0]!, readyMs: readies[0]! },
      articleMedianMs: median(articles.slice(1)),
      panelArticleMedianMs: median(panelArticles.slice(1)),
      panelRatioMedian: median(panelArticles.slice(1).map((p, k) => p / articles[k + 1]!)),
      askMedianMs: median(asks.slice(1).map((a) => a[0])),
      answerMedianMs: median(asks.slice(1).map((a) => a[1])),
      backgroundMedianMs: median(asks.slice(1).map((a) => a[2])),
      cold: { runs: coldArticles.length, articleMedianMs: median(coldArticles), readyMedianMs: median(coldReadies) },
    };
  } finally {
    await browser.close();
    await server.close();
  }
}

export interface PopupSizeRow {
  page: string;
  bytes: number;
  runs: number;
  shellMs: number;
  /** Opening to the background's answer, to the article painted, to the entity marks (medians, ms). */
  answerMs: number;
  articleMs: number;
  marksMs: number | null;
  /** In the background: injection + capture + cleaning, and the save (with its search index). */
  extractMs: number;
  saveMs: number;
  /**
   * The timeline (medians, ms): the popup's request sent, received by the background, the
   * injection begun, the capture's own time in the page, the answer sent back.
   */
  requestMs: number;
  receivedMs: number;
  injectMs: number;
  captureMs: number;
  answerSentMs: number;
  /** Article painted ÷ empty shell, median of the runs' ratios. */
  ratio: number;
}

/**
 * Toolbar popup open → article painted on pages of growing size, against the popup's empty
 * shell in the same run, and where the time goes (performance marks: margin:shell,
 * margin:answer with the background's timings, margin:article, margin:entities). Every run
 * opens the page under a new URL, so each is a first visit (extraction, save and indexing).
 */
export async function benchPopupSizes(runs = 4): Promise<PopupSizeRow[]> {
  execFileSync(process.execPath, [join(ROOT, 'node_modules/wxt/bin/wxt.mjs'), 'build', '--mode', 'e2e'], { cwd: ROOT, stdio: 'ignore' });
  const generated = new Map<string, string>();
  const server = await startServer([
    (url) => {
      const m = /^\/generated\/page-(\d+)\.html$/.exec(url.pathname);
      if (!m) return undefined;
      const bytes = Number(m[1]);
      if (!generated.has(m[1]!)) generated.set(m[1]!, largeArticlePage(bytes));
      return { body: generated.get(m[1]!)! };
    },
  ]);
  const browser = await launchWithExtension({ extensionDir: join(ROOT, '.output/chrome-mv3-e2e'), locale: 'ko' });
  const pages: [string, string, number][] = [
    ['small (Korean fixture)', '/fixtures/news/ko-newspim-deepseek/source.html', 0],
    ['medium (500 kB)', '/generated/page-500000.html', 500_000],
    ['large (1.5 MB)', '/generated/page-1500000.html', 1_500_000],
    ['huge (5 MB)', '/generated/page-5000000.html', 5_000_000],
  ];
  const out: PopupSizeRow[] = [];
  try {
    for (const [name, path, size] of pages) {
      const samples: {
        shell: number;
        answer: number;
        article: number;
        marks: number | null;
        extract: number;
        save: number;
        request: number;
        received: number;
        inject: number;
        capture: number;
        answerSent: number;
      }[] = [];
      for (let i = 0; i < runs; i++) {
        const { page, tabId } = await openTab(browser, `${server.origin}${path}?run=${i}-${Date.now()}`);
        const popup = await browser.context.newPage();
        await popup.setViewportSize({ width: 560, height: 600 });
        await popup.goto(`chrome-extension://${browser.extensionId}/popup.html?tabId=${tabId}`);
        await popup.waitForFunction(() => performance.getEntriesByName('margin:article').length > 0, undefined, { timeout: 60_000 });
        // The marks, when they come within a few seconds (on 5 MB they may not: the article is what is timed).
        await popup.waitForSelector('[data-entities="ready"]', { timeout: 15_000 }).catch(() => {});
        samples.push(
          await popup.evaluate(() => {
            // No named functions in here: the bundler would wrap them in a helper the page lacks.
            const [shell, answer, article, marks, request] = ['margin:shell', 'margin:answer', 'margin:article', 'margin:entities', 'margin:request'].map(
              (n) => performance.getEntriesByName(n)[0] as PerformanceMark | undefined,
            );
            const timings = (answer?.detail ?? {}) as {
              extractMs?: number;
              saveMs?: number;
              captureMs?: number;
              receivedAt?: number;
              injectAt?: number;
              answerAt?: number;
            };
            // The background's moments are epoch ms; on this page's clock they are less its origin.
            const origin = performance.timeOrigin;
            return {
              shell: shell!.startTime,
              answer: answer!.startTime,
              article: article!.startTime,
              marks: marks?.startTime ?? null,
              extract: timings.extractMs ?? NaN,
              save: timings.saveMs ?? NaN,
              request: request?.startTime ?? NaN,
              received: (timings.receivedAt ?? NaN) - origin,
              inject: (timings.injectAt ?? NaN) - origin,
              capture: timings.captureMs ?? NaN,
              answerSent: (timings.answerAt ?? NaN) - origin,
            };
          }),
        );
        await Promise.all([popup.close(), page.close()]);
      }
      const marks = samples.map((s) => s.marks).filter((m): m is number => m !== null);
      out.push({
        page: name,
        bytes: size,
        runs,
        shellMs: median(samples.map((s) => s.shell)),
        answerMs: median(samples.map((s) => s.answer)),
        articleMs: median(samples.map((s) => s.article)),
        marksMs: marks.length === samples.length ? median(marks) : null,
        extractMs: median(samples.map((s) => s.extract)),
        saveMs: median(samples.map((s) => s.save)),
        requestMs: median(samples.map((s) => s.request)),
        receivedMs: median(samples.map((s) => s.received)),
        injectMs: median(samples.map((s) => s.inject)),
        captureMs: median(samples.map((s) => s.capture)),
        answerSentMs: median(samples.map((s) => s.answerSent)),
        ratio: median(samples.map((s) => s.article / s.shell)),
      });
    }
    return out;
  } finally {
    await browser.close();
    await server.close();
  }
}
