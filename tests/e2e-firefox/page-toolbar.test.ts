import type { Frame, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { HighlightRecord } from '../../utils/db/schema';
import { FirefoxDriver, until } from '../support/firefox';

/*
 * Issue 22, item 7 in Firefox: the on-page toolbar is a moz-extension page in a frame inside
 * a closed shadow root. After Margin is used on a page, a selection shows it; a colour and a
 * note typed into it are saved and drawn.
 */

const origin = inject('firefoxOrigin');
let ff: FirefoxDriver;

beforeAll(async () => {
  ff = await FirefoxDriver.launch({ extensionDir: inject('firefoxExtensionDir'), locale: 'ko' });
});
afterAll(() => ff?.close());

const drawn = async (tabId: number) => (await ff.test({ marginTest: 'drawn', tabId })).byColor;

/** Select `wanted` in the article and end the drag there. */
async function selectOnPage(page: Page, wanted: string) {
  const found = await page.evaluate((w) => {
    const walker = document.createTreeWalker(document.querySelector('article')!, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
      const at = node.data.indexOf(w);
      if (at < 0) continue;
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + w.length);
      node.parentElement!.scrollIntoView({ block: 'center' });
      getSelection()!.removeAllRanges();
      getSelection()!.addRange(range);
      node.parentElement!.dispatchEvent(new MouseEvent('mouseup', { bubbles: true, button: 0 }));
      return true;
    }
    return false;
  }, wanted);
  expect(found, `"${wanted}" is on the page`).toBe(true);
}

const toolbarFrame = async (page: Page): Promise<Frame | false> => {
  for (const frame of page.frames())
    if (
      frame.url().startsWith('moz-extension://') &&
      frame.url().includes('/page-toolbar.html') &&
      (await frame.$('[data-testid="page-toolbar"]').catch(() => null))
    )
      return frame;
  return false;
};

describe('the on-page toolbar in Firefox', () => {
  it('a selection shows it; a colour and a note are saved and drawn', async () => {
    const { page, tabId } = await ff.openTab(`${origin}/pages/sample-ko.html?toolbar`);
    const popup = await ff.openPopup(tabId);
    await popup.close();
    await ff.activateTab(tabId);
    const quote = '국내에서 핵심 셀을 만들고';
    await selectOnPage(page, quote);
    const frame = await until('the toolbar on the page', () => toolbarFrame(page));
    expect(await frame.$eval('[data-testid="page-toolbar"]', (el) => el.getAttribute('aria-label'))).toBe('Margin: 이 페이지에서 하이라이트');
    await frame.$eval('[data-action="note"]', (el) => (el as HTMLButtonElement).click());
    await frame.$eval('button[data-color="pink"]', (el) => (el).click());
    await frame.waitForSelector('[data-testid="page-note-input"]');
    await frame.type('[data-testid="page-note-input"]', '파이어폭스 메모');
    await frame.$eval('[data-action="save"]', (el) => (el as HTMLButtonElement).click()).catch(() => {});
    await until('the pink highlight on the page', async () => (await drawn(tabId)).pink?.some((t) => t.includes(quote)));
    const saved = (await ff.readStore<HighlightRecord>('annotations')).find((a) => a.quote.includes(quote));
    expect(saved).toMatchObject({ color: 'pink', note: '파이어폭스 메모' });
    await until('the toolbar to close', async () => !(await toolbarFrame(page)));
    await page.close();
  });
});
