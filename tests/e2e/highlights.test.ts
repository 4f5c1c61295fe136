import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { HighlightRecord } from '../../utils/db/schema';
import { drawnOnPage, launchWithExtension, openPopup, openTab, readStore, type ExtensionBrowser } from '../support/browser';
import { ARTIFACTS } from '../support/paths';

const origin = inject('origin');
let browser: ExtensionBrowser;

beforeAll(async () => {
  browser = await launchWithExtension({ extensionDir: inject('extensionDir'), locale: 'ko' });
});
afterAll(() => browser?.close());

/** Select `text` in the popup's article body, as a reader's drag would, and let the toolbar appear. */
async function select(popup: Page, text: string) {
  const found = await popup.evaluate((wanted) => {
    const body = document.querySelector('[data-testid="article-body"]')!;
    const walker = document.createTreeWalker(body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
      const at = node.data.indexOf(wanted);
      if (at < 0) continue;
      node.parentElement!.scrollIntoView({ block: 'center' });
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + wanted.length);
      getSelection()!.removeAllRanges();
      getSelection()!.addRange(range);
      body.dispatchEvent(new MouseEvent('mouseup', { bubbles: true }));
      return true;
    }
    return false;
  }, text);
  expect(found, `"${text}" is in the article`).toBe(true);
  await popup.getByTestId('selection-toolbar').waitFor();
}

/** The text Margin draws on the live page, per colour (asked through the extension: the page cannot read it). */
const liveHighlights = async (tabId: number) => (await drawnOnPage(browser, tabId)).byColor;

describe('highlights and notes', () => {
  it('highlights a passage, adds a note and tags, and keeps them when the popup is reopened', async () => {
    const { page, tabId } = await openTab(browser, `${origin}/live/keep.html`);
    let popup = await openPopup(browser, tabId);
    await select(popup, '교통과 주거 분야의 지출을 늘리는 데 합의햇다고');
    await popup.locator('[data-testid="selection-toolbar"] button[data-color="green"]').click();
    await popup.locator('mark.hl.hl-green').first().click();
    const note = '세수 전망을 다시 확인할 것.\n둘째 줄 — 이모지 🙂, <b>HTML처럼 보이는 글</b>, שלום';
    await popup.getByTestId('note-input').fill(note);
    await popup.getByTestId('tag-input').fill('예산, 시의회');
    await popup.getByTestId('tag-input').press('Enter');
    await popup.getByTestId('note-input').press('Tab'); // leaving the note saves it
    await expect.poll(async () => (await readStore<HighlightRecord>(popup, 'annotations')).find((a) => a.color === 'green')?.note).toBe(note);
    // Close the popup and open it again: everything is still there.
    await popup.close();
    popup = await openPopup(browser, tabId);
    await popup.waitForSelector('mark.hl.hl-green');
    await popup.getByTestId('notes-button').click();
    const item = popup.getByTestId('note-item').first();
    expect(await item.locator('.note-quote').textContent()).toBe('교통과 주거 분야의 지출을 늘리는 데 합의햇다고');
    // The note is text, never markup: nothing of it became an element.
    expect(await item.locator('.note-text').textContent()).toBe(note);
    expect(await item.locator('.note-text b').count()).toBe(0);
    expect(await item.locator('.tag').allTextContents()).toEqual(['#예산', '#시의회']);
    const [record] = (await readStore<HighlightRecord>(popup, 'annotations')).filter((a) => a.url.endsWith('/live/keep.html'));
    expect(record).toMatchObject({ color: 'green', tags: ['예산', '시의회'], orphaned: false });
    expect(record?.selectors.quote.exact).toBe('교통과 주거 분야의 지출을 늘리는 데 합의햇다고');
    mkdirSync(ARTIFACTS, { recursive: true });
    await popup.screenshot({ path: join(ARTIFACTS, 'popup-highlights.png') });
    await page.close();
    await popup.close();
  });

  it('recolours and deletes with undo', async () => {
    const { page, tabId } = await openTab(browser, `${origin}/live/undo.html`);
    const popup = await openPopup(browser, tabId);
    await select(popup, '시민단체는 공청회를 한 차례 더 열어야 한다고');
    await popup.locator('[data-testid="selection-toolbar"] button[data-color="yellow"]').click();
    await popup.locator('mark.hl').first().click();
    await popup.locator('[data-testid="highlight-card"] button[data-color="pink"]').click();
    await popup.waitForSelector('mark.hl.hl-pink');
    await popup.locator('[data-testid="highlight-card"] button[data-action="delete"]').click();
    await popup.waitForFunction(() => !document.querySelector('mark.hl'));
    await popup.getByTestId('toast').getByRole('button').click();
    await popup.waitForSelector('mark.hl.hl-pink');
    const records = (await readStore<HighlightRecord>(popup, 'annotations')).filter((a) => a.url.endsWith('/live/undo.html'));
    expect(records).toHaveLength(1);
    expect(records[0]!.color).toBe('pink');
    await page.close();
    await popup.close();
  });

  it('draws the highlights on the live page, re-anchors them when the page changes, and lists lost ones as orphaned', async () => {
    const url = `${origin}/live/change.html`;
    await fetch(`${origin}/live/change/set?v=base`);
    const { page, tabId } = await openTab(browser, url);
    let popup = await openPopup(browser, tabId);
    await select(popup, '합의햇다고 밝혔다');
    await popup.locator('[data-testid="selection-toolbar"] button[data-color="blue"]').click();
    await select(popup, '세수 전망이 지나치게 낙관적');
    await popup.locator('[data-testid="selection-toolbar"] button[data-color="yellow"]').click();
    await popup.waitForFunction(() => document.querySelectorAll('mark.hl[data-hl-first]').length === 2);
    await popup.close();

    // Reload the page: once Margin is used there, the highlights are drawn on it.
    await page.reload();
    popup = await openPopup(browser, tabId);
    await expect.poll(() => liveHighlights(tabId)).toEqual({ blue: ['합의햇다고 밝혔다'], yellow: ['세수 전망이 지나치게 낙관적'] });
    await popup.close();

    // The site inserts an ad paragraph and fixes the typo: both are found again.
    await fetch(`${origin}/live/change/set?v=edited`);
    await page.reload();
    popup = await openPopup(browser, tabId);
    await popup.waitForFunction(() => document.querySelectorAll('mark.hl[data-hl-first]').length === 2);
    expect((await popup.locator('mark.hl.hl-blue').allTextContents()).join('')).toBe('합의했다고 밝혔다');
    await expect.poll(() => liveHighlights(tabId)).toEqual({ blue: ['합의했다고 밝혔다'], yellow: ['세수 전망이 지나치게 낙관적'] });
    await popup.close();

    // The paragraph with the second highlight is removed: it is listed as orphaned, with its quote.
    await fetch(`${origin}/live/change/set?v=removed`);
    await page.reload();
    popup = await openPopup(browser, tabId);
    await popup.waitForSelector('mark.hl');
    await popup.getByTestId('notes-button').click();
    const orphaned = popup.getByTestId('orphaned');
    expect(await orphaned.locator('.note-quote').allTextContents()).toEqual(['세수 전망이 지나치게 낙관적']);
    await expect
      .poll(async () => (await readStore<HighlightRecord>(popup, 'annotations')).filter((a) => a.url === url && a.orphaned).map((a) => a.quote))
      .toEqual(['세수 전망이 지나치게 낙관적']);
    await page.screenshot({ path: join(ARTIFACTS, 'live-page-highlights.png') });
    await page.close();
    await popup.close();
  });

  it('highlights a selection on the live page from the keyboard shortcut’s command, and the reader shows it', async () => {
    const { page, tabId } = await openTab(browser, `${origin}/live/command.html`);
    // Select on the page itself.
    await page.evaluate(() => {
      const p = Array.from(document.querySelectorAll('p')).find((x) => x.textContent.includes('담당 국장은'))!;
      const node = p.firstChild as Text;
      const at = node.data.indexOf('담당 국장은');
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + '담당 국장은 다음 달까지'.length);
      getSelection()!.removeAllRanges();
      getSelection()!.addRange(range);
    });
    // What the command (Alt+Shift+U) and the context menu run in the background.
    await browser.background.evaluate(async (id) => {
      const listeners = (globalThis as unknown as { __marginCommand?: (tabId: number) => Promise<unknown> }).__marginCommand;
      if (!listeners) throw new Error('command hook missing');
      await listeners(id);
    }, tabId);
    await expect.poll(() => liveHighlights(tabId)).toEqual({ yellow: ['담당 국장은 다음 달까지'] });
    const popup = await openPopup(browser, tabId);
    await popup.waitForSelector('mark.hl.hl-yellow');
    expect((await popup.locator('mark.hl.hl-yellow').allTextContents()).join('')).toBe('담당 국장은 다음 달까지');
    await page.close();
    await popup.close();
  });
});
