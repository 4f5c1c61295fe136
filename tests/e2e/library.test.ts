import { readFileSync } from 'node:fs';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import Papa from 'papaparse';
import { strFromU8, unzipSync } from 'fflate';
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { launchWithExtension, openPopup, openTab, type ExtensionBrowser } from '../support/browser';
import { selectInArticle } from '../support/select';
import { ARTIFACTS } from '../support/paths';
import { describeTextQuote } from '../../utils/anchoring';
import { newHighlightRecord } from '../../utils/db/highlights';
import { DEFER_AT } from '../../utils/db/index-queue';
import { marginJson } from '../../utils/export/jsonld';
import { normalizeUrl } from '../../utils/url';

const origin = inject('origin');
const extensionDir = inject('extensionDir');
const browsers: ExtensionBrowser[] = [];
afterAll(async () => {
  for (const b of browsers) await b.close();
});

async function highlight(popup: Page, text: string, color: string, note?: string, tag?: string) {
  expect(await selectInArticle(popup, text), `"${text}" is in the article`).toBe(true);
  await popup.locator(`[data-testid="selection-toolbar"] button[data-color="${color}"]`).click();
  if (note || tag) {
    await popup
      .locator(`mark.hl.hl-${color}[data-hl-first]`)
      .last()
      .click({ position: { x: 2, y: 4 } });
    if (note) await popup.getByTestId('note-input').fill(note);
    if (tag) {
      await popup.getByTestId('tag-input').fill(tag);
      await popup.getByTestId('tag-input').press('Enter');
    }
    await popup.getByTestId('note-input').press('Tab');
    await popup.keyboard.press('Escape');
  }
}

async function downloadFrom(page: Page, click: () => Promise<void>): Promise<{ name: string; bytes: Buffer }> {
  const waiting = page.waitForEvent('download');
  await click();
  const download = await waiting;
  const path = await download.path();
  return { name: download.suggestedFilename(), bytes: readFileSync(path) };
}

describe('the library: list, filter, search, export, wipe, import, find again', () => {
  let exportedJson = '';

  it('lists what was saved, filters by entity, searches Korean, and exports Markdown, CSV and JSON', async () => {
    const browser = await launchWithExtension({ extensionDir, locale: 'ko' });
    browsers.push(browser);
    const { page, tabId } = await openTab(browser, `${origin}/fixtures/news/ko-newspim-deepseek/source.html`);
    const popup = await openPopup(browser, tabId);
    await popup.waitForSelector('[data-entities="ready"]');
    await highlight(popup, '삼성전자 시가총액의 두배가 넘는 금액이 증발한 것이다', 'pink', '엔비디아 하락폭, 메모 "따옴표", 쉼표', '반도체');
    await highlight(popup, '딥시크(Deep Seek)의 부상은', 'yellow', undefined, 'AI');
    await popup.close();
    const other = await openTab(browser, `${origin}/fixtures/news/ko-culture-biff/source.html`);
    const popup2 = await openPopup(browser, other.tabId);
    await popup2.waitForSelector('[data-entities="ready"]');
    await highlight(popup2, '부산시는 올해 영화제에 60억원을 지원했다', 'green', '지원 규모 확인');
    await popup2.close();

    const library = await browser.context.newPage();
    await library.goto(`chrome-extension://${browser.extensionId}/library.html`);
    await library.waitForSelector('html[data-library="ready"]');
    await expect.poll(() => library.getByTestId('article-card').count()).toBe(2);
    expect(await library.getByTestId('library-note').count()).toBe(3);

    // Filter by an entity: the card shows the few names the article is mostly about; its first one filters.
    const card = library.locator('[data-testid="article-card"][data-url*="ko-newspim-deepseek"]');
    const chips = card.locator('button[data-entity]');
    expect(await chips.count()).toBeGreaterThanOrEqual(1);
    expect(await chips.count()).toBeLessThanOrEqual(5);
    const name = (await chips.first().getAttribute('data-entity'))!;
    await chips.first().click();
    await expect.poll(() => library.getByTestId('article-card').count()).toBe(1);
    expect(await library.getByTestId('entity-filter').textContent()).toContain(name);
    expect(await library.getByTestId('article-card').getAttribute('data-url')).toContain('ko-newspim-deepseek');
    await library.getByTestId('entity-filter').click();
    await expect.poll(() => library.getByTestId('article-card').count()).toBe(2);

    // Search: 딥시크 finds the quote "딥시크(Deep Seek)의 …" and the title, the match marked.
    await library.getByTestId('search').fill('딥시크');
    await expect.poll(() => library.getByTestId('hit').count()).toBeGreaterThanOrEqual(2);
    expect(await library.locator('[data-testid="hit"] mark').first().textContent()).toBe('딥시크');
    await library.getByTestId('search').fill('');
    mkdirSync(ARTIFACTS, { recursive: true });
    await library.screenshot({ path: join(ARTIFACTS, 'library.png'), fullPage: true });

    // Export each format.
    const menu = library.locator('[data-testid="export"] [data-menu-button]');
    const pick = (what: string) => async () => {
      if ((await menu.getAttribute('aria-expanded')) !== 'true') await menu.click();
      await library.locator(`button[data-export="${what}"]`).click();
    };
    const md = await downloadFrom(library, pick('md-all'));
    expect(md.name).toMatch(/^margin-\d{4}-\d{2}-\d{2}\.zip$/);
    const files = unzipSync(new Uint8Array(md.bytes));
    // The articles, and a page per entity in folders (People/…, issue 24).
    const names = Object.keys(files).filter((n) => !n.includes('/'));
    expect(names).toHaveLength(2);
    expect(Object.keys(files).some((n) => /^(People|Organisations|Places)\//.test(n))).toBe(true);
    const newspim = strFromU8(files[names.find((n) => n.includes('딥시크'))!]!);
    expect(newspim).toMatch(/^---\ntitle: "딥시크에 숨은 비밀/);
    expect(newspim).toContain('> 삼성전자 시가총액의 두배가 넘는 금액이 증발한 것이다');
    expect(newspim).toContain('#반도체');
    expect(newspim).toContain('[[삼성전자]]');

    // Readwise CSV: no byte-order mark; the spreadsheet CSV: the same rows after one, for Excel.
    const csv = await downloadFrom(library, pick('csv-all'));
    expect(csv.name).toMatch(/^margin-readwise-.*\.csv$/);
    expect(csv.bytes.toString('utf8').startsWith('Highlight,')).toBe(true);
    const sheet = await downloadFrom(library, pick('sheet-all'));
    expect(sheet.name).toMatch(/\.csv$/);
    expect([...sheet.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(sheet.bytes.subarray(3).equals(csv.bytes)).toBe(true);
    const parsed = Papa.parse<string[]>(csv.bytes.toString('utf8'), { skipEmptyLines: true });
    expect(parsed.errors).toEqual([]);
    const rows = parsed.data;
    // A strict RFC 4180 reader reads the downloaded file the same way.
    expect(parseCsv(csv.bytes, { bom: true, relax_quotes: false })).toEqual(rows);
    expect(rows[0]).toEqual(['Highlight', 'Title', 'Author', 'URL', 'Note', 'Location', 'Date']);
    // '…부상은' was selected up to the word's end: the particle the reader took is kept (issue 22).
    expect(
      rows
        .slice(1)
        .map((r) => r[0])
        .sort(),
    ).toEqual(['딥시크(Deep Seek)의 부상은', '부산시는 올해 영화제에 60억원을 지원했다', '삼성전자 시가총액의 두배가 넘는 금액이 증발한 것이다'].sort());
    expect(rows.find((r) => r[0]!.startsWith('삼성전자'))![4]).toContain('엔비디아 하락폭, 메모 "따옴표", 쉼표');

    const json = await downloadFrom(library, pick('json-all'));
    expect(json.name).toMatch(/\.json$/);
    exportedJson = json.bytes.toString('utf8');
    const doc = JSON.parse(exportedJson);
    expect(doc.type).toBe('AnnotationCollection');
    expect(doc.first.items).toHaveLength(3);
    expect(doc['margin:articles']).toHaveLength(2);
    await page.close();
    await other.page.close();
    await library.close();
  });

  it('restores everything into a wiped profile from the JSON, and finds it by searching in Korean', async () => {
    expect(exportedJson).not.toBe('');
    const browser = await launchWithExtension({ extensionDir, locale: 'ko' }); // a new, empty profile
    browsers.push(browser);
    const library = await browser.context.newPage();
    await library.goto(`chrome-extension://${browser.extensionId}/library.html`);
    await library.waitForSelector('html[data-library="ready"]');
    expect(await library.getByTestId('article-card').count()).toBe(0);
    const chooser = library.waitForEvent('filechooser');
    await library.getByTestId('import-button').click();
    await (await chooser).setFiles({ name: 'margin.json', mimeType: 'application/json', buffer: Buffer.from(exportedJson) });
    await expect.poll(() => library.getByTestId('toast').textContent()).toContain('하이라이트 3건을 새로 가져왔어요');
    await expect.poll(() => library.getByTestId('article-card').count()).toBe(2);

    // What the reader highlighted first, then the saved articles' text.
    const written = library.locator('[data-testid="hit"]:not([data-field="body"])');
    await library.getByTestId('search').fill('삼성전자');
    await expect.poll(() => library.locator('[data-testid="hit"][data-field="body"]').count()).toBeGreaterThanOrEqual(1);
    expect(await library.locator('[data-testid="hit"]').first().getAttribute('data-field')).not.toBe('body');
    const quoteHit = library.locator('[data-testid="hit"][data-field="quote"]');
    expect(await quoteHit.count()).toBe(1);
    expect(await quoteHit.locator('.hit-snippet mark').first().textContent()).toBe('삼성전자');
    // The hit names its article and opens the saved copy at the highlight.
    expect(await quoteHit.locator('.hit-title a').getAttribute('href')).toMatch(/^\/reader\.html\?id=[\w-]+&hl=[\w-]+$/);
    await library.getByTestId('search').fill('지원');
    await expect.poll(() => written.count()).toBe(1);
    // A note is found too, in Korean, and the same file imported again adds nothing.
    await library.getByTestId('search').fill('하락폭');
    await expect.poll(() => library.locator('[data-testid="hit"] [data-field="note"]').count()).toBe(1);
    const chooser2 = library.waitForEvent('filechooser');
    await library.getByTestId('import-button').click();
    await (await chooser2).setFiles({ name: 'margin.json', mimeType: 'application/json', buffer: Buffer.from(exportedJson) });
    await expect.poll(() => library.getByTestId('toast').textContent()).toContain('이미 있던 하이라이트 3건은 그대로 뒀어요');

    // The reader view of an imported article shows its highlights again.
    const { page, tabId } = await openTab(browser, `${origin}/fixtures/news/ko-newspim-deepseek/source.html`);
    const popup = await openPopup(browser, tabId);
    await popup.waitForSelector('mark.hl.hl-pink');
    expect((await popup.locator('mark.hl.hl-pink').allTextContents()).join('')).toBe('삼성전자 시가총액의 두배가 넘는 금액이 증발한 것이다');
    await page.close();
    await popup.close();
  });

  it('indexes a large import after it returns, says so meanwhile, and then finds its notes', async () => {
    const browser = browsers[1]!;
    const library = await browser.context.newPage();
    await library.goto(`chrome-extension://${browser.extensionId}/library.html`);
    await library.waitForSelector('html[data-library="ready"]');
    // A file written for this test: one article, more highlights than the index keeper derives at once.
    const text = Array.from({ length: 40 }, (_, i) => `항구 도시의 ${i}번째 문단은 물류와 관광을 함께 다룬다.`).join(' ');
    const url = normalizeUrl(`${origin}/made-up/harbour-index.html`);
    const count = DEFER_AT + 200;
    const annotations = Array.from({ length: count }, (_, i) => {
      const from = (i * 7) % (text.length - 20);
      return newHighlightRecord({
        id: `idx-${i}`,
        articleId: 'idx-article',
        url,
        selectors: describeTextQuote(text, from, from + 12),
        note: i === count - 1 ? '별빛항구 마지막 메모' : `메모 ${i}`,
        createdAt: Date.UTC(2025, 5, 1) + i,
      });
    });
    const article = {
      id: 'idx-article',
      url,
      title: '항구 도시 색인 시험',
      byline: null,
      siteName: '시험',
      lang: 'ko',
      publishedTime: null,
      excerpt: null,
      contentHtml: `<p>${text}</p>`,
      textContent: text,
      savedAt: Date.UTC(2025, 5, 1),
      updatedAt: Date.UTC(2025, 5, 1),
    };
    const chooser = library.waitForEvent('filechooser');
    await library.getByTestId('import-button').click();
    await (
      await chooser
    ).setFiles({
      name: 'many.json',
      mimeType: 'application/json',
      buffer: Buffer.from(marginJson({ articles: [article], annotations, corrections: [] })),
    });
    await expect.poll(() => library.getByTestId('toast').textContent(), { timeout: 60_000 }).toContain(`하이라이트 ${count}건을 새로 가져왔어요`);
    // The last highlight's note is found once the library has built the index it left for later, and the notice goes.
    await library.getByTestId('search').fill('별빛항구');
    await expect.poll(() => library.locator('[data-testid="hit"] [data-field="note"]').count(), { timeout: 60_000 }).toBe(1);
    await expect.poll(() => library.getByTestId('indexing').count(), { timeout: 60_000 }).toBe(0);
    await library.close();
  });

  it('refuses a malformed import with a clear message and keeps the library as it was', async () => {
    const browser = browsers[1]!;
    const library = await browser.context.newPage();
    await library.goto(`chrome-extension://${browser.extensionId}/library.html`);
    await library.waitForSelector('html[data-library="ready"]');
    const before = await library.getByTestId('library-note').count();
    const chooser = library.waitForEvent('filechooser');
    await library.getByTestId('import-button').click();
    await (await chooser).setFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from(exportedJson.slice(0, 400)) });
    await expect.poll(() => library.getByTestId('toast').textContent()).toMatch(/가져오지 않았어요: 올바른 JSON 파일이 아니에요/);
    await library.reload();
    await library.waitForSelector('html[data-library="ready"]');
    expect(await library.getByTestId('library-note').count()).toBe(before);
  });
});
