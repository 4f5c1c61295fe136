import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchWithExtension, openPopup, openTab, type ExtensionBrowser } from '../support/browser';
import { ARTIFACTS } from '../support/paths';

/**
 * Issue 22, item 4: the saved copy opened offline showed broken images. Now an article's photos
 * are kept with it (shrunk, in IndexedDB) once it is saved, and the copy shows them offline;
 * a photo that could not be kept says so instead of a broken image.
 */
const origin = inject('origin');
const extensionDir = inject('extensionDir');
let browser: ExtensionBrowser;
let library: Page;

const STORY = '/pages/photos-en.html';

/** The page a click opens in a new tab, once its article is shown. */
async function opened(click: () => Promise<void>): Promise<Page> {
  const waiting = browser.context.waitForEvent('page');
  await click();
  const page = await waiting;
  await page.waitForSelector('main[data-status="ok"] [data-testid="article-body"]');
  return page;
}

/** Every kept photo of the copy decoded and drawn: their natural sizes. */
const keptSizes = (page: Page) =>
  page.evaluate(() =>
    [...document.querySelectorAll<HTMLImageElement>('img[data-photo="kept"]')].map((img) => ({
      blob: img.src.startsWith('blob:'),
      complete: img.complete,
      width: img.naturalWidth,
      height: img.naturalHeight,
    })),
  );

beforeAll(async () => {
  browser = await launchWithExtension({ extensionDir, locale: 'en' });
  const { page, tabId } = await openTab(browser, `${origin}${STORY}`);
  const popup = await openPopup(browser, tabId);
  await popup.waitForSelector('main[data-status="ok"] [data-testid="article-body"]');
  library = await browser.context.newPage();
  await library.goto(`chrome-extension://${browser.extensionId}/library.html`);
  await library.waitForSelector('html[data-library="ready"]');
  // The photos are kept after the save, in the background: the library's storage figure shows them once they are.
  await library.waitForFunction(() => Number(document.querySelector('[data-testid="photo-storage"]')?.getAttribute('data-bytes')) > 0, null, {
    timeout: 30_000,
  });
  await Promise.all([popup.close(), page.close()]);
});

afterAll(async () => {
  await browser?.close();
});

describe('issue 22: photos kept with the saved copy, for reading offline', () => {
  it('shows the kept photos offline, from the database, and says which one it could not keep', async () => {
    expect(await library.getByTestId('photo-storage').textContent()).toMatch(/^Photos kept: [\d.]+ (?:kB|MB), for 1 article$/);
    await browser.context.setOffline(true);
    try {
      const card = library.locator(`[data-testid="article-card"][data-url*="photos-en"]`);
      const reader = await opened(() => card.getByTestId('read-saved').click());
      await reader.setViewportSize({ width: 900, height: 1000 });
      // Three photos of the page's own site kept; the image server's one not (no access to all sites).
      await expect
        .poll(() => keptSizes(reader), { timeout: 10_000 })
        .toEqual([
          { blob: true, complete: true, width: 1280, height: 800 },
          { blob: true, complete: true, width: 1200, height: 900 },
          { blob: true, complete: true, width: 900, height: 1200 },
        ]);
      expect(await reader.getByTestId('images-need-network').textContent()).toContain('3 of its 4 photos are kept on this device');
      await expect.poll(() => reader.getByTestId('photo-missing').count()).toBe(1);
      expect(await reader.getByTestId('photo-missing').getAttribute('aria-label')).toContain('The breakwater after the storm');
      mkdirSync(ARTIFACTS, { recursive: true });
      await reader.locator('img[data-photo="kept"]').first().scrollIntoViewIfNeeded();
      await reader.screenshot({ path: join(ARTIFACTS, 'saved-reader-photos-offline-en.png') });
      await reader.getByTestId('photo-missing').scrollIntoViewIfNeeded();
      await reader.screenshot({ path: join(ARTIFACTS, 'saved-reader-photo-missing-en.png') });
      await reader.setViewportSize({ width: 360, height: 740 });
      await reader.evaluate(() => window.scrollTo(0, 0));
      await reader.screenshot({ path: join(ARTIFACTS, 'saved-reader-photos-offline-en-360.png') });
      await reader.emulateMedia({ colorScheme: 'dark' });
      await reader.getByTestId('photo-missing').scrollIntoViewIfNeeded();
      await reader.screenshot({ path: join(ARTIFACTS, 'saved-reader-photos-offline-en-360-dark.png') });
      await reader.emulateMedia({ colorScheme: 'light' });

      // Settings say what the photos take, and delete them on request; the text stays.
      await reader.getByTestId('settings-button').click();
      await expect.poll(() => reader.getByTestId('photo-usage').getAttribute('data-bytes')).toMatch(/^[1-9]\d*$/);
      expect(await reader.getByTestId('keep-photos').isChecked()).toBe(true);
      await reader.screenshot({ path: join(ARTIFACTS, 'settings-photos-en-360.png') });
      await reader.getByTestId('delete-photos').click();
      await expect.poll(() => reader.getByTestId('photo-said').textContent()).toContain('Kept photos deleted');
      await library.getByTestId('photo-storage').waitFor({ state: 'detached' });
      await reader.close();

      const again = await opened(() => card.getByTestId('read-saved').click());
      expect(await again.getByTestId('images-need-network').textContent()).toContain('offline, they do not show');
      await expect.poll(() => again.getByTestId('photo-missing').count(), { timeout: 10_000 }).toBe(4);
      expect(await again.getByTestId('article-body').textContent()).toContain('The first ferry of the spring left the mainland harbour');
      await again.close();
    } finally {
      await browser.context.setOffline(false);
    }
  });

  it('says it in Korean too: how many photos are kept, and where one is not', async () => {
    const ko = await launchWithExtension({ extensionDir, locale: 'ko', colorScheme: 'dark' });
    try {
      const { page, tabId } = await openTab(ko, `${origin}${STORY}`);
      const popup = await openPopup(ko, tabId);
      await popup.waitForSelector('main[data-status="ok"] [data-testid="article-body"]');
      const lib = await ko.context.newPage();
      await lib.goto(`chrome-extension://${ko.extensionId}/library.html`);
      await lib.waitForFunction(() => Number(document.querySelector('[data-testid="photo-storage"]')?.getAttribute('data-bytes')) > 0, null, {
        timeout: 30_000,
      });
      expect(await lib.getByTestId('photo-storage').textContent()).toMatch(/^보관한 사진: [\d.]+ ?(?:kB|MB) \(기사 1건\)$/);
      await Promise.all([popup.close(), page.close()]);
      await ko.context.setOffline(true);
      const waiting = ko.context.waitForEvent('page');
      await lib.getByTestId('read-saved').first().click();
      const reader = await waiting;
      await reader.setViewportSize({ width: 360, height: 740 });
      await reader.waitForSelector('main[data-status="ok"] [data-testid="article-body"]');
      expect(await reader.getByTestId('images-need-network').textContent()).toContain('사진 4장 중 3장은 이 기기에 저장돼 있어요');
      await expect.poll(() => reader.getByTestId('photo-missing').textContent()).toContain('이 기기에 저장하지 않은 사진이에요');
      await reader.locator('img[data-photo="kept"]').first().scrollIntoViewIfNeeded();
      await reader.waitForFunction(() =>
        [...document.querySelectorAll<HTMLImageElement>('img[data-photo="kept"]')].every((img) => img.complete && img.naturalWidth > 0),
      );
      await reader.screenshot({ path: join(ARTIFACTS, 'saved-reader-photos-offline-ko-360-dark.png') });
      await reader.getByTestId('settings-button').click();
      await reader.getByTestId('photo-settings').scrollIntoViewIfNeeded();
      await reader.screenshot({ path: join(ARTIFACTS, 'settings-photos-ko-360-dark.png') });
    } finally {
      await ko.close();
    }
  });
});
