import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchWithExtension, openPopup, openTab, type ExtensionBrowser } from '../support/browser';
import { ARTIFACTS } from '../support/paths';

/**
 * Issue 22, looked at: the library's menus (one at a time, closed by Escape and a click outside
 * in real Chromium), a search typed with a particle, and a hit opened in the saved copy — in
 * Korean and English, light and dark, at 360 and 800 px. Screenshots in artifacts/issue22-*.
 */
const origin = inject('origin');
const extensionDir = inject('extensionDir');

const CASES = [
  { lang: 'ko', url: '/fixtures/news/ko-newspim-deepseek/source.html', query: '딥시크가', bodyQuery: '저커버그도' },
  { lang: 'en', url: '/pages/sample-en.html', query: 'batteries', bodyQuery: 'continents' },
] as const;

for (const { lang, url, query, bodyQuery } of CASES) {
  for (const scheme of ['light', 'dark'] as const) {
    describe(`library, ${lang}, ${scheme}`, () => {
      let browser: ExtensionBrowser;
      let library: Page;
      beforeAll(async () => {
        browser = await launchWithExtension({ extensionDir, locale: lang, colorScheme: scheme });
        const { page, tabId } = await openTab(browser, `${origin}${url}`);
        const popup = await openPopup(browser, tabId);
        await popup.waitForSelector('[data-entities="ready"]');
        await Promise.all([popup.close(), page.close()]);
        library = await browser.context.newPage();
        await library.goto(`chrome-extension://${browser.extensionId}/library.html`);
        await library.waitForSelector('html[data-library="ready"]');
        await library.waitForFunction(() => document.querySelectorAll('[data-testid="article-card"]').length === 1);
        mkdirSync(ARTIFACTS, { recursive: true });
      });
      afterAll(async () => {
        await browser?.close();
      });

      for (const width of [360, 800]) {
        it(`${width} px: menus one at a time, no sideways scroll, a search with a particle, a hit opened`, async () => {
          await library.setViewportSize({ width, height: 760 });
          const shot = (name: string, page: Page = library) => page.screenshot({ path: join(ARTIFACTS, `issue22-${name}-${lang}-${scheme}-${width}.png`) });
          // No horizontal scrollbar, 휴지통(0) on one line.
          expect(await library.evaluate(() => document.documentElement.scrollWidth <= innerWidth)).toBe(true);
          const trashButton = library.locator('[data-testid="trash"] [data-menu-button]');
          const box = await trashButton.boundingBox();
          expect(box!.height).toBeLessThan(48);

          const menu = (name: string) => library.locator(`[data-testid="${name}"] [role="dialog"]`);
          await library.locator('[data-testid="export"] [data-menu-button]').click();
          await menu('export').waitFor();
          await shot('export-menu');
          // Opening another closes the first.
          await trashButton.click();
          await menu('trash').waitFor();
          expect(await menu('export').count()).toBe(0);
          await shot('trash-menu');
          await library.keyboard.press('Escape');
          await menu('trash').waitFor({ state: 'detached' });
          await library.locator('[data-testid="sync"] [data-menu-button]').click();
          await menu('sync').waitFor();
          await shot('sync-menu');
          await library.mouse.click(5, 740);
          await menu('sync').waitFor({ state: 'detached' });

          await library.getByTestId('search').fill(query);
          await expect.poll(() => library.getByTestId('hit').count(), { timeout: 10_000 }).toBeGreaterThan(0);
          await shot('search');
          await library.getByTestId('search').fill(bodyQuery);
          // The previous query's hits stay on screen until this one's arrive: wait for a hit that marks this query's word.
          const hit = library
            .locator('[data-testid="hit"][data-field="body"]')
            .filter({ has: library.locator('mark', { hasText: bodyQuery.slice(0, 3) }) })
            .first();
          await hit.waitFor();
          const waiting = browser.context.waitForEvent('page');
          await hit.getByTestId('hit-open').click();
          const reader = await waiting;
          await reader.setViewportSize({ width, height: 760 });
          await reader.waitForSelector('main[data-status="ok"] [data-testid="article-body"]');
          await expect.poll(() => reader.evaluate(() => CSS.highlights.get('margin-search-hit')?.size ?? 0)).toBe(1);
          await reader.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
          const at = await reader.evaluate(() => {
            const range = [...CSS.highlights.get('margin-search-hit')!][0] as Range;
            const rect = range.getBoundingClientRect();
            return { top: rect.top, bottom: rect.bottom, height: innerHeight };
          });
          expect(at.top).toBeGreaterThanOrEqual(0);
          expect(at.bottom).toBeLessThanOrEqual(at.height);
          await shot('hit-opened', reader);
          await reader.close();
          await library.getByTestId('search').fill('');
        });
      }
    });
  }
}
