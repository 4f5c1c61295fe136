import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { ArticleRecord } from '../../utils/article';
import { launchWithExtension, openPopup, openTab, readStore, type ExtensionBrowser } from '../support/browser';
import { newsFixtures } from '../support/fixtures';
import { ARTIFACTS } from '../support/paths';

const origin = inject('origin');
let browser: ExtensionBrowser;

beforeAll(async () => {
  browser = await launchWithExtension({ extensionDir: inject('extensionDir'), locale: 'ko' });
});
afterAll(() => browser?.close());

describe.each(newsFixtures())('the reader on $name (Korean UI)', ({ name, expected }) => {
  const pageUrl = `${origin}/fixtures/news/${name}/source.html`;

  it('shows the clean article, its metadata and nothing of the page around it', async () => {
    const { page, tabId } = await openTab(browser, `${pageUrl}?utm_source=newsletter#top`);
    const popup = await openPopup(browser, tabId);
    expect(await popup.locator('main').getAttribute('data-status')).toBe('ok');
    expect(await popup.getByTestId('title').textContent()).toBe(expected.title);
    expect(await popup.getByTestId('byline').textContent()).toBe(expected.byline);
    expect(await popup.getByTestId('site-name').textContent()).toBe(expected.siteName);
    // The publication date is written the Korean way ("2025년 1월 28일 …") in the Korean UI.
    const published = await popup.getByTestId('published').textContent();
    const year = expected.publishedTime.slice(0, 4);
    const month = Number(expected.publishedTime.slice(5, 7));
    expect(published).toMatch(new RegExp(`^입력 ${year}년 ${month}월 \\d+일`));
    expect(await popup.getByTestId('published').getAttribute('datetime')).toBe(expected.publishedTime);

    const body = popup.getByTestId('article-body');
    const text = ((await body.textContent()) ?? '').replace(/\s+/g, ' ');
    for (const sentence of expected.mustContain) expect(text).toContain(sentence);
    for (const junk of expected.mustNotContain) expect(text).not.toContain(junk);
    expect(await body.locator('p').count()).toBeGreaterThanOrEqual(5);
    expect(await body.locator('img').count()).toBeGreaterThanOrEqual(1);

    // Korean typography: words are not broken mid-word, and a CJK-capable font is asked for.
    const style = await body.evaluate((el) => {
      const s = getComputedStyle(el);
      return { wordBreak: s.wordBreak, font: s.fontFamily, lang: el.closest('[lang]')?.getAttribute('lang') };
    });
    expect(style.lang).toBe('ko');
    expect(style.wordBreak).toBe('keep-all');
    expect(style.font).toMatch(/Noto Sans CJK KR|Noto Sans KR|Apple SD Gothic Neo|Malgun Gothic/);
    await page.close();
    await popup.close();
  });

  it('saves the article on the device and finds the same record again through other links', async () => {
    const first = await openTab(browser, `${pageUrl}?fbclid=abc`);
    const popup = await openPopup(browser, first.tabId);
    const records = await readStore<ArticleRecord>(popup, 'articles');
    const mine = records.filter((r) => r.url === pageUrl);
    expect(mine).toHaveLength(1);
    // The body is kept apart from the row (the library lists rows without reading bodies).
    const body = (await readStore<Pick<ArticleRecord, 'id' | 'contentHtml' | 'textContent'>>(popup, 'bodies')).find((b) => b.id === mine[0]!.id);
    expect(mine[0]).not.toHaveProperty('textContent');
    const record = { ...mine[0]!, ...body };
    expect(record).toMatchObject({
      title: expected.title,
      byline: expected.byline,
      siteName: expected.siteName,
      lang: expected.lang,
      publishedTime: expected.publishedTime,
    });
    for (const field of ['id', 'excerpt', 'contentHtml', 'textContent', 'savedAt', 'updatedAt'] as const) {
      expect(record[field], field).toBeTruthy();
    }
    expect(record.textContent).toContain(expected.mustContain[0]);

    // Reopen through a share link with a fragment: same record, updated, not duplicated.
    const again = await openTab(browser, `${pageUrl}?utm_medium=social&utm_campaign=x#section-2`);
    const popup2 = await openPopup(browser, again.tabId);
    const after = (await readStore<ArticleRecord>(popup2, 'articles')).filter((r) => r.url === pageUrl);
    expect(after).toHaveLength(1);
    expect(after[0]!.id).toBe(record.id);
    expect(after[0]!.savedAt).toBe(record.savedAt);
    expect(after[0]!.updatedAt).toBeGreaterThanOrEqual(record.updatedAt);
    // The address it was first saved from (the first test's link) stays, for exports that name the page.
    expect(after[0]!.savedUrl).toBe(`${pageUrl}?utm_source=newsletter#top`);
    for (const p of [first.page, again.page, popup, popup2]) await p.close();
  });
});

describe('what a reader sees', () => {
  it('looks right: screenshots of the popup on the Korean page, light and dark', async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    const { page, tabId } = await openTab(browser, `${origin}/fixtures/news/ko-newspim-deepseek/source.html`);
    const popup = await openPopup(browser, tabId);
    await popup.waitForFunction(() => Array.from(document.images).every((img) => img.complete));
    await popup.screenshot({ path: join(ARTIFACTS, 'popup-ko.png') });
    await popup.emulateMedia({ colorScheme: 'dark' });
    const colors = await popup.evaluate(() => ({
      bg: getComputedStyle(document.body).backgroundColor,
      fg: getComputedStyle(document.querySelector('.reader-title')!).color,
    }));
    // Dark scheme: a dark background under light text.
    const lum = (c: string) =>
      c
        .match(/\d+/g)!
        .slice(0, 3)
        .map(Number)
        .reduce((a, b) => a + b, 0);
    expect(lum(colors.bg)).toBeLessThan(150);
    expect(lum(colors.fg)).toBeGreaterThan(500);
    await popup.screenshot({ path: join(ARTIFACTS, 'popup-ko-dark.png') });
    await page.close();
    await popup.close();
  });
});
