import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchWithExtension, openPopup, openTab, readStore, type ExtensionBrowser } from '../support/browser';
import { ARTIFACTS } from '../support/paths';
import { selectInArticle } from '../support/select';

// "Mark as name" in the real extension: the clean name is stored (no brackets, particle or
// possessive), titles of works and products get a kind of their own, drawn with its own
// underline and listed in the legend (screenshots in both languages, light and dark).
const origin = inject('origin');
const browsers: ExtensionBrowser[] = [];
afterAll(() => Promise.all(browsers.map((b) => b.close())));

async function reader(locale: 'ko' | 'en', path: string): Promise<Page> {
  const browser = await launchWithExtension({ extensionDir: inject('extensionDir'), locale });
  browsers.push(browser);
  const { tabId } = await openTab(browser, `${origin}${path}`);
  const popup = await openPopup(browser, tabId);
  await popup.waitForSelector('[data-entities="ready"]', { timeout: 60_000 });
  return popup;
}

/** Select `text` in the article (the occurrence inside `within`, when given) and press Name… */
async function nameSelection(popup: Page, text: string, within?: string) {
  if (within) {
    const found = await popup.evaluate(
      ([part, around]) => {
        const body = document.querySelector('[data-testid="article-body"]')!;
        const walker = document.createTreeWalker(body, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
          const at = node.data.indexOf(around);
          if (at < 0) continue;
          const range = document.createRange();
          range.setStart(node, at + around.indexOf(part));
          range.setEnd(node, at + around.indexOf(part) + part.length);
          getSelection()!.removeAllRanges();
          getSelection()!.addRange(range);
          body.dispatchEvent(new MouseEvent('mouseup', { bubbles: true }));
          return true;
        }
        return false;
      },
      [text, within] as const,
    );
    expect(found, `"${within}" is in the article`).toBe(true);
    await popup.getByTestId('selection-toolbar').waitFor();
  } else expect(await selectInArticle(popup, text), `"${text}" is in the article`).toBe(true);
  await popup.getByTestId('selection-toolbar').locator('button[data-action="name"]').click();
}

const stored = (popup: Page) => readStore<{ text: string; action: string; type?: string }>(popup, 'entityCorrections');
const works = (popup: Page) => popup.$$eval('[data-testid="article-body"] mark.ent-work', (els) => els.map((m) => (m as HTMLElement).dataset.name));

/** The top of the reader (legend and first paragraphs), light and dark, at 360 px and the popup's width. */
async function shots(popup: Page, lang: string) {
  mkdirSync(ARTIFACTS, { recursive: true });
  for (const scheme of ['light', 'dark'] as const) {
    await popup.emulateMedia({ colorScheme: scheme });
    for (const width of [360, 560]) {
      await popup.setViewportSize({ width, height: 640 });
      await popup.locator('.content').evaluate((c) => (c.scrollTop = 0));
      await popup.screenshot({ path: join(ARTIFACTS, `work-legend-${lang}-${scheme}-${width}.png`) });
    }
  }
  await popup.emulateMedia({ colorScheme: 'light' });
}

describe('marking a title of a work or product', () => {
  it('Korean: stores 숨바꼭질 from ‹숨바꼭질>이, marks it as a work everywhere, refuses a verb', async () => {
    const popup = await reader('ko', '/pages/work-ko.html');
    await nameSelection(popup, '‹숨바꼭질>이');
    const menu = popup.getByTestId('entity-menu');
    expect(await menu.locator('.menu-title').textContent()).toContain('숨바꼭질');
    await menu.locator('button[data-kind="work"]').click();
    await expect.poll(() => works(popup)).toEqual(Array(6).fill('숨바꼭질'));
    expect(await stored(popup)).toEqual([expect.objectContaining({ text: '숨바꼭질', action: 'set', type: 'work' })]);
    // Its own underline: solid and thick, in its own colour; a chip in the legend.
    const look = await popup
      .locator('mark.ent-work')
      .first()
      .evaluate((m) => getComputedStyle(m));
    expect(look.textDecorationStyle).toBe('solid');
    expect(look.textDecorationThickness).toBe('3px');
    await expect.poll(() => popup.locator('.legend button[data-kind="work"]').textContent()).toContain('작품·제품');

    // A selection inside a quoted title grows to the title.
    await nameSelection(popup, '‘사랑하');
    expect(await popup.getByTestId('entity-menu').locator('.menu-title').textContent()).toContain('사랑하는 사이');
    await popup.keyboard.press('Escape');
    // A verb is refused, in the reader's language, and nothing is stored.
    await nameSelection(popup, '사랑하', '우리가 사랑하는 동네');
    await expect.poll(() => popup.getByTestId('toast').textContent()).toContain('동사처럼 보여요');
    expect(await popup.getByTestId('entity-menu').count()).toBe(0);
    expect((await stored(popup)).map((c) => c.text)).toEqual(['숨바꼭질']);
    await shots(popup, 'ko');
  });

  it("English: stores Lumen Pad from Lumen Pad's and marks every mention as a product", async () => {
    const popup = await reader('en', '/pages/work-en.html');
    await nameSelection(popup, "Lumen Pad's");
    const menu = popup.getByTestId('entity-menu');
    expect(await menu.locator('.menu-title').textContent()).toContain('Lumen Pad');
    await menu.locator('button[data-kind="work"]').click();
    await expect.poll(() => works(popup)).toEqual(Array(4).fill('Lumen Pad'));
    expect(await stored(popup)).toEqual([expect.objectContaining({ text: 'Lumen Pad', action: 'set', type: 'work' })]);
    await expect.poll(() => popup.locator('.legend button[data-kind="work"]').textContent()).toContain('Work or product');
    await shots(popup, 'en');
    // The list names it once under its kind, with its mentions counted.
    await popup.getByTestId('entities-button').click();
    const listed = popup.locator('button.panel-entity[data-kind="work"]');
    await expect.poll(() => listed.count()).toBe(1);
    expect(await listed.getAttribute('data-name')).toBe('Lumen Pad');
    expect(await listed.locator('.panel-count').textContent()).toContain('4');
    await popup.screenshot({ path: join(ARTIFACTS, 'work-list-en.png') });
  });
});
