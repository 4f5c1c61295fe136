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
    for (let i = 0; i < runs; i++) {
      const popup = await browser.context.newPage();
      await popup.setViewportSize({ width: 560, height: 600 });
      await popup.goto(`chrome-extension://${browser.extensionId}/popup.html?tabId=${tabId}`);
      await popup.waitForSelector('[data-entities="ready"]', { timeout: 30_000 });
      const [shell, ready] = await popup.evaluate(() => ['margin:shell', 'margin:entities'].map((n) => performance.getEntriesByName(n)[0].startTime));
      shells.push(shell);
      readies.push(ready);
      await popup.close();
    }
    const warmShell = shells.slice(1);
    const warmReady = readies.slice(1);
    return {
      runs,
      shellMedianMs: median(warmShell),
      readyMedianMs: median(warmReady),
      ratioMedian: median(warmReady.map((r, k) => r / warmShell[k])),
      firstOpen: { shellMs: shells[0], readyMs: readies[0] },
    };
  } finally {
    await browser.close();
    await server.close();
  }
}
