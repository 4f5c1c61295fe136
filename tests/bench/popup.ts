import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { launchWithExtension, openTab } from '../support/browser';
import { ROOT } from '../support/paths';
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
    // Popup and side panel in turn, on the same tab, so both see the same machine and cache.
    for (let i = 0; i < runs; i++) {
      for (const surface of ['popup', 'sidepanel'] as const) {
        const page = await browser.context.newPage();
        await page.setViewportSize(surface === 'popup' ? { width: 560, height: 600 } : { width: 400, height: 800 });
        await page.goto(`chrome-extension://${browser.extensionId}/${surface}.html?tabId=${tabId}`);
        await page.waitForSelector('[data-entities="ready"]', { timeout: 30_000 });
        const [shell, article, ready] = await page.evaluate(
          () => ['margin:shell', 'margin:article', 'margin:entities'].map((n) => performance.getEntriesByName(n)[0]!.startTime) as [number, number, number],
        );
        if (surface === 'popup') {
          shells.push(shell);
          readies.push(ready);
          articles.push(article);
        } else panelArticles.push(article);
        await page.close();
      }
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
    };
  } finally {
    await browser.close();
    await server.close();
  }
}
