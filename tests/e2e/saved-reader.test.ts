import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchWithExtension, openPopup, openTab, type ExtensionBrowser } from '../support/browser';
import { ARTIFACTS } from '../support/paths';
import { selectInArticle } from '../support/select';

/**
 * Issue 12: the library as a place to read and find. A saved article opens in Margin's own
 * reader (offline, with its highlights, notes and names, and the same actions as the popup);
 * search reaches the articles' text after what the reader wrote, and a hit opens the saved
 * copy where it is; the site filter is a bounded field that narrows as one types.
 */
const origin = inject('origin');
const extensionDir = inject('extensionDir');
let browser: ExtensionBrowser;
let library: Page;

/** Highlight `text` in a colour no other highlight of the page has, and write a note on it. */
async function highlight(page: Page, text: string, note: string, color = 'blue') {
  expect(await selectInArticle(page, text), `"${text}" is in the article`).toBe(true);
  await page.locator(`[data-testid="selection-toolbar"] button[data-color="${color}"]`).click();
  await page.locator(`mark.hl.hl-${color}[data-hl-first]`).click({ position: { x: 2, y: 4 } });
  await page.getByTestId('note-input').fill(note);
  await page.getByTestId('note-input').press('Tab');
  await page.keyboard.press('Escape');
}

/** The page a click opens in a new tab. */
async function opened(click: () => Promise<void>): Promise<Page> {
  const waiting = browser.context.waitForEvent('page');
  await click();
  const page = await waiting;
  await page.waitForSelector('main[data-status="ok"] [data-testid="article-body"]');
  return page;
}

beforeAll(async () => {
  browser = await launchWithExtension({ extensionDir, locale: 'ko' });
  for (const [fixture, quote, note] of [
    ['ko-newspim-deepseek', '천정부지 엔비디아 주가가 하루아침에 17%나 빠졌다', '주가 하락 폭'],
    ['ko-culture-biff', '부산시는 올해 영화제에 60억원을 지원했다', '지원 규모 확인'],
  ] as const) {
    const { page, tabId } = await openTab(browser, `${origin}/fixtures/news/${fixture}/source.html`);
    const popup = await openPopup(browser, tabId);
    await popup.waitForSelector('[data-entities="ready"]');
    await highlight(popup, quote, note);
    await Promise.all([popup.close(), page.close()]);
  }
  library = await browser.context.newPage();
  await library.goto(`chrome-extension://${browser.extensionId}/library.html`);
  await library.waitForSelector('html[data-library="ready"]');
  await library.waitForFunction(() => document.querySelectorAll('[data-testid="article-card"]').length === 2);
});

afterAll(async () => {
  await browser?.close();
});

describe('issue 12: read and find in the library', () => {
  it('opens a saved article in Margin, offline, with its highlights and names, and highlights there as in the popup', async () => {
    await browser.context.setOffline(true);
    const card = library.locator('[data-testid="article-card"][data-url*="ko-newspim-deepseek"]');
    const reader = await opened(() => card.getByTestId('read-saved').click());
    expect(new URL(reader.url()).pathname).toBe('/reader.html');
    await reader.waitForSelector('[data-entities="ready"]');
    expect(await reader.locator('mark.hl.hl-blue').allTextContents()).toEqual(['천정부지 엔비디아 주가가 하루아침에 17%나 빠졌다']);
    expect(await reader.locator('mark.ent').count()).toBeGreaterThan(10);
    expect(await reader.getByTestId('notice').textContent()).toContain('저장한 사본이에요');
    // Its photos are not kept with the copy: said plainly (issue 22).
    expect(await reader.getByTestId('images-need-network').textContent()).toContain('오프라인에서는 사진이 보이지 않아요');
    mkdirSync(ARTIFACTS, { recursive: true });
    await reader.screenshot({ path: join(ARTIFACTS, 'saved-reader-ko.png') });

    // A new highlight with a note, made in the saved copy, is in the library at once.
    await highlight(reader, '1950년대 소련이 세계 최초 인공위성 스푸트니크호 발사에 성공하자', '사본에서 단 메모', 'green');
    await expect.poll(() => card.getByTestId('library-note').count()).toBe(2);
    await expect.poll(() => card.textContent(), { timeout: 5000 }).toContain('사본에서 단 메모');
    await browser.context.setOffline(false);
    await reader.close();
  });

  it('finds words of the articles’ text after what the reader wrote, and opens the saved copy at the hit', async () => {
    await library.getByTestId('search').fill('미국');
    await expect.poll(() => library.locator('[data-testid="hit"][data-field="body"]').count(), { timeout: 5000 }).toBeGreaterThanOrEqual(1);
    const fields = await library.getByTestId('hit').evaluateAll((hits) => hits.map((h) => h.getAttribute('data-field')));
    // Every hit in what the reader wrote or titled comes before any hit in article text.
    expect(fields.indexOf('body')).toBeGreaterThanOrEqual(0);
    expect(fields.slice(fields.indexOf('body')).every((f) => f === 'body')).toBe(true);
    const hit = library.locator('[data-testid="hit"][data-field="body"]').first();
    expect(await hit.textContent()).toContain('뉴스핌');
    await library.screenshot({ path: join(ARTIFACTS, 'library-search-body-ko.png'), fullPage: true });
    const reader = await opened(() => hit.getByTestId('hit-open').click());
    // The passage found is shown (a CSS highlight of the extension page, not a mark in the text).
    await expect.poll(() => reader.evaluate(() => [...(CSS.highlights.get('margin-search-hit') ?? [])].map((r) => (r as Range).toString()))).toEqual(['미국']);
    await reader.close();

    // A note's hit opens the saved copy at its highlight, focused.
    await library.getByTestId('search').fill('하락 폭');
    const note = library.locator('[data-testid="hit"][data-field="note"]');
    await expect.poll(() => note.count(), { timeout: 5000 }).toBe(1);
    const atNote = await opened(() => note.getByTestId('hit-open').click());
    await expect.poll(() => atNote.evaluate(() => document.activeElement?.textContent)).toBe('천정부지 엔비디아 주가가 하루아침에 17%나 빠졌다');
    await atNote.close();
    await library.getByTestId('search').fill('');
    await library.getByTestId('hits').waitFor({ state: 'detached' });
  });

  it('opens a hit with the passage in view, and keeps it there while the photos above it load (issue 22)', async () => {
    // The article's photos answer only when the test says so: the copy scrolls to the hit first.
    let release = () => {};
    const released = new Promise<void>((resolve) => (release = resolve));
    const tall = '<svg xmlns="http://www.w3.org/2000/svg" width="800" height="1600"><rect width="800" height="1600" fill="#8a9"/></svg>';
    await browser.context.route('**/photo/**', async (route) => {
      await released;
      await route.fulfill({ contentType: 'image/svg+xml', body: tall });
    });
    try {
      // Typed with its particle; after the photo, at the end of a paragraph taller than the window
      // (centring the paragraph, as the copy did, put the passage below the window's edge).
      await library.getByTestId('search').fill('기부자가');
      const hit = library.locator('[data-testid="hit"][data-field="body"]');
      await expect.poll(() => hit.count(), { timeout: 5000 }).toBe(1);
      const reader = await opened(() => hit.getByTestId('hit-open').click());
      await reader.setViewportSize({ width: 360, height: 300 });
      await reader.reload();
      await reader.waitForSelector('main[data-status="ok"] [data-testid="article-body"]');
      const where = () =>
        reader.evaluate(() => {
          const range = [...(CSS.highlights.get('margin-search-hit') ?? [])][0] as Range | undefined;
          const rect = range?.getBoundingClientRect();
          return rect ? { top: Math.round(rect.top), bottom: Math.round(rect.bottom), height: innerHeight } : null;
        });
      await expect.poll(where).not.toBeNull();
      release();
      await reader.waitForFunction(() => {
        const images = [...document.querySelectorAll<HTMLImageElement>('[data-testid="article-body"] img')];
        return images.length > 0 && images.every((img) => img.complete && img.naturalHeight > 0);
      });
      // Laid out again after the photos took their height: the passage is still in the window.
      await reader.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
      const at = (await where())!;
      expect(at.top, JSON.stringify(at)).toBeGreaterThanOrEqual(0);
      expect(at.bottom, JSON.stringify(at)).toBeLessThanOrEqual(at.height);
      await reader.screenshot({ path: join(ARTIFACTS, 'saved-reader-hit-ko.png') });
      await reader.close();
    } finally {
      release();
      await browser.context.unroute('**/photo/**');
      await library.getByTestId('search').fill('');
    }
  });

  it('filters by site with a bounded field that narrows as one types, and clears every filter at once', async () => {
    const site = library.getByTestId('site-filter');
    expect((await site.boundingBox())!.width).toBeLessThanOrEqual(16 * 16 + 1);
    await site.fill('뉴스');
    // Not a site yet: nothing filtered, and the field says so.
    await expect.poll(() => library.locator('.field-problem').count()).toBe(1);
    expect(await library.getByTestId('article-card').count()).toBe(2);
    await site.fill('뉴스핌');
    await expect.poll(() => library.getByTestId('article-card').count()).toBe(1);
    await library.locator('.color-filter button').first().click();
    await library.getByTestId('clear-filters').click();
    await expect.poll(() => library.getByTestId('article-card').count()).toBe(2);
    expect(await site.inputValue()).toBe('');
    expect(await library.locator('.count').first().textContent()).toBe('기사 2건');
  });
});
