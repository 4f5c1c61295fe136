import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { HighlightRecord } from '../../utils/db/schema';
import { drawnOnPage, launchWithExtension, openPanel, openPopup, openTab, readStore, type ExtensionBrowser } from '../support/browser';
import { ARTIFACTS } from '../support/paths';

const origin = inject('origin');
let browser: ExtensionBrowser;

beforeAll(async () => {
  browser = await launchWithExtension({ extensionDir: inject('extensionDir'), locale: 'ko' });
});
afterAll(() => browser?.close());

/** Select `text` on a page (the live page or the reader's body), as a drag would, across elements. */
async function selectOn(page: Page, text: string, root = 'body') {
  const found = await page.evaluate(
    ([wanted, scope]) => {
      const walker = document.createTreeWalker(document.querySelector(scope)!, NodeFilter.SHOW_TEXT);
      const nodes: { node: Text; start: number }[] = [];
      let all = '';
      for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
        nodes.push({ node, start: all.length });
        all += node.data;
      }
      const at = all.indexOf(wanted);
      if (at < 0) return false;
      const locate = (offset: number, end: boolean) => {
        const hit = nodes.find((n) => offset < n.start + n.node.data.length || (end && offset === n.start + n.node.data.length))!;
        return [hit.node, offset - hit.start] as const;
      };
      const range = document.createRange();
      range.setStart(...locate(at, false));
      range.setEnd(...locate(at + wanted.length, true));
      range.startContainer.parentElement!.scrollIntoView({ block: 'center' });
      getSelection()!.removeAllRanges();
      getSelection()!.addRange(range);
      return true;
    },
    [text, root] as const,
  );
  expect(found, `"${text}" is on the page`).toBe(true);
}

/** The text Margin draws on the live page (asked through the extension: the page cannot read it). */
const liveHighlights = async (tabId: number) =>
  Object.values((await drawnOnPage(browser, tabId)).byColor)
    .flat()
    .sort();

const command = (tabId: number) =>
  browser.background.evaluate(async (id) => {
    await (globalThis as unknown as { __marginCommand: (tabId: number) => Promise<unknown> }).__marginCommand(id);
  }, tabId);

const highlightsOf = async (page: Page, url: string) => (await readStore<HighlightRecord>(page, 'annotations')).filter((a) => a.url.endsWith(url));

describe('side panel', () => {
  it('shows the article beside the page; highlights made on the page appear in it at once, and the other way round', async () => {
    const { page, tabId } = await openTab(browser, `${origin}/live/panel.html`);
    await page.setViewportSize({ width: 800, height: 160 });
    const panel = await openPanel(browser, tabId);
    expect(await panel.locator('main').getAttribute('data-status')).toBe('ok');
    await panel.waitForSelector('[data-entities="ready"]');

    // On the live page (the command the shortcut and the context menu run): the panel shows it, no reload.
    await selectOn(page, '담당 국장은 다음 달까지');
    await command(tabId);
    await panel.waitForSelector('mark.hl.hl-yellow');
    expect((await panel.locator('mark.hl.hl-yellow').allTextContents()).join('')).toBe('담당 국장은 다음 달까지');

    // In the panel: drawn on the page at once.
    await selectOn(panel, '의회는 상반기 집행 실적을', '[data-testid="article-body"]');
    await panel.getByTestId('selection-toolbar').waitFor();
    await panel.locator('[data-testid="selection-toolbar"] button[data-color="green"]').click();
    await expect.poll(() => liveHighlights(tabId), { timeout: 10_000 }).toEqual(['담당 국장은 다음 달까지', '의회는 상반기 집행 실적을'].sort()); // selected to the word's end: the particle kept

    // A click on a highlight in the panel's notes scrolls the page to it.
    await page.evaluate(() => window.scrollTo(0, 0));

    await panel.getByTestId('notes-button').click();
    await panel.locator('[data-testid="note-item"] button').last().click();
    await expect.poll(() => page.evaluate(() => window.scrollY), { timeout: 10_000 }).toBeGreaterThan(0);
    await panel.close();
    await page.close();
  });

  it('follows the active tab, keeps a note being typed, and says how to open Margin on a page it may not read', async () => {
    const first = await openTab(browser, `${origin}/live/follow.html`);
    const panel = await openPanel(browser, first.tabId);
    await selectOn(panel, '시민단체는 공청회를', '[data-testid="article-body"]');
    await panel.getByTestId('selection-toolbar').waitFor();
    await panel.locator('[data-testid="selection-toolbar"] button[data-action="note"]').click();
    await panel.getByTestId('note-input').waitFor();
    await panel.getByTestId('note-input').pressSequentially('탭을 바꿔도 남아요');

    // Switch to another tab in the panel's window: the panel shows that tab's article.
    const second = await openTab(browser, `${origin}/pages/sample-en.html`);
    await browser.background.evaluate((id) => chrome.tabs.update(id, { active: true }), second.tabId);
    await expect.poll(() => panel.locator('main').getAttribute('data-tab')).toBe(String(second.tabId));
    await panel.waitForSelector('main[data-status="ok"] [data-testid="title"]');
    expect(await panel.getByTestId('title').textContent()).not.toContain('예산안');
    // The note typed on the first tab was kept.
    await expect.poll(async () => (await highlightsOf(panel, '/live/follow.html'))[0]?.note).toBe('탭을 바꿔도 남아요');

    // Back: the first article again, with its highlight and note.
    await browser.background.evaluate((id) => chrome.tabs.update(id, { active: true }), first.tabId);
    await expect.poll(() => panel.locator('main').getAttribute('data-tab')).toBe(String(first.tabId));
    await panel.waitForSelector('mark.hl');
    expect(await panel.getByTestId('notes-button').textContent()).toContain('1');

    // A browser page: the panel says what the popup says (Margin cannot read it), not "press the button".
    const blocked = await openTab(browser, 'chrome://version/');
    await browser.background.evaluate((id) => chrome.tabs.update(id, { active: true }), blocked.tabId);
    await expect.poll(() => panel.locator('main').getAttribute('data-status')).toBe('restricted');
    expect(await panel.getByRole('button', { name: '다시 시도' }).count()).toBe(0);
    await panel.close();
  });
});

describe('keyboard only', () => {
  it('Tab into the article, Shift+Arrow to select, a key to highlight, type a note, Escape to close — no mouse', async () => {
    const { tabId } = await openTab(browser, `${origin}/live/keys.html`);
    const popup = await openPopup(browser, tabId);
    await popup.waitForSelector('[data-entities="ready"]');
    await popup.evaluate(() => {
      (window as unknown as { mouse: number }).mouse = 0;
      for (const type of ['mousedown', 'mouseup', 'click', 'pointerdown'])
        document.addEventListener(type, (e) => e.isTrusted && (window as unknown as { mouse: number }).mouse++, true);
    });
    for (let i = 0; i < 40; i++) {
      await popup.keyboard.press('Tab');
      if (await popup.evaluate(() => document.activeElement?.getAttribute('data-testid') === 'article-body')) break;
    }
    expect(await popup.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('article-body');
    for (let i = 0; i < 3; i++) await popup.keyboard.press('Control+Shift+ArrowRight');
    await popup.getByTestId('selection-toolbar').waitFor();
    await popup.keyboard.press('n');
    const note = popup.getByTestId('note-input');
    await note.waitFor();
    await expect.poll(() => popup.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('note-input');
    await popup.keyboard.type('키보드로만 쓴 메모');
    await popup.keyboard.press('Escape');
    await popup.getByTestId('highlight-card').waitFor({ state: 'detached' });
    await expect.poll(async () => (await highlightsOf(popup, '/live/keys.html'))[0]?.note).toBe('키보드로만 쓴 메모');

    // The highlight is a tab stop; Enter opens its card.
    // The note's save comes back through the live query and redraws the marks, maybe after this
    // focus: the reader stays on the mark all the same (a redraw once left focus on the page).
    await popup.locator('mark.hl[data-hl-first]').first().focus();
    await expect.poll(() => popup.evaluate(() => document.activeElement?.matches('mark.hl[data-hl-first]'))).toBe(true);
    await popup.keyboard.press('Enter');
    await popup.getByTestId('highlight-card').waitFor();
    await popup.keyboard.press('Escape');
    await popup.getByTestId('highlight-card').waitFor({ state: 'detached' });
    expect(await popup.evaluate(() => (window as unknown as { mouse: number }).mouse)).toBe(0);
    await popup.close();
  });
});

describe('keyboard: a caret in the article (issue 22)', () => {
  it('← → place a caret mid-paragraph, Shift+Arrow selects from it, and the same words twice make one highlight', async () => {
    const { tabId, page } = await openTab(browser, `${origin}/live/caret.html`);
    const popup = await openPopup(browser, tabId);
    await popup.waitForSelector('[data-entities="ready"]');
    await popup.getByTestId('article-body').focus();
    const select = async () => {
      await popup.keyboard.press('ArrowRight');
      await popup.getByTestId('caret').waitFor();
      for (let i = 0; i < 4; i++) await popup.keyboard.press('Control+ArrowRight');
      for (let i = 0; i < 2; i++) await popup.keyboard.press('Control+Shift+ArrowRight');
      await popup.getByTestId('selection-toolbar').waitFor();
    };
    await select();
    await popup.keyboard.press('1');
    await expect.poll(async () => (await highlightsOf(popup, '/live/caret.html')).length).toBe(1);
    const [first] = await highlightsOf(popup, '/live/caret.html');
    // Mid-paragraph: not from the first word on screen, where Shift+Arrow always began.
    expect(first!.selectors.position!.start).toBeGreaterThan(0);
    expect(first!.quote.startsWith('[서울')).toBe(false);
    await popup.screenshot({ path: join(ARTIFACTS, 'keyboard-caret-ko.png') });

    // The same words again, in another colour: that highlight, recoloured, never a second one over it.
    await popup.getByTestId('article-body').focus();
    await select();
    await popup.keyboard.press('2');
    await expect.poll(async () => (await highlightsOf(popup, '/live/caret.html')).map((a) => a.color)).toEqual(['green']);
    await Promise.all([popup.close(), page.close()]);
  });
});

describe('floating UI (each defect of issue 9)', () => {
  let popup: Page;
  beforeAll(async () => {
    const { tabId } = await openTab(browser, `${origin}/live/floating.html`);
    popup = await openPopup(browser, tabId);
    await popup.setViewportSize({ width: 360, height: 600 });
    await popup.waitForSelector('[data-entities="ready"]');
  });

  it('the entity menu closes on Escape, on a click elsewhere and when the article scrolls', async () => {
    const mark = popup.locator('mark.ent[data-first]').first();
    await mark.click();
    await popup.getByTestId('entity-menu').waitFor();
    await popup.keyboard.press('Escape');
    await popup.getByTestId('entity-menu').waitFor({ state: 'detached' });
    await mark.click();
    await popup.getByTestId('entity-menu').waitFor();
    await popup.getByTestId('title').click();
    await popup.getByTestId('entity-menu').waitFor({ state: 'detached' });
    await mark.click();
    await popup.getByTestId('entity-menu').waitFor();
    await popup.locator('main.content').evaluate((el) => el.scrollBy(0, 120));
    await popup.getByTestId('entity-menu').waitFor({ state: 'detached' });
  });

  it('the selection toolbar goes with the selection and with Escape, and never highlights what is no longer selected', async () => {
    await selectOn(popup, '재원 마련 방안이', '[data-testid="article-body"]');
    await popup.getByTestId('selection-toolbar').waitFor();
    await popup.keyboard.press('Escape');
    await popup.getByTestId('selection-toolbar').waitFor({ state: 'detached' });
    expect(await popup.evaluate(() => getSelection()!.isCollapsed)).toBe(true);
    await selectOn(popup, '재원 마련 방안이', '[data-testid="article-body"]');
    await popup.getByTestId('selection-toolbar').waitFor();
    await popup.evaluate(() => getSelection()!.removeAllRanges());
    await popup.getByTestId('selection-toolbar').waitFor({ state: 'detached' });
    expect(await highlightsOf(popup, '/live/floating.html')).toHaveLength(0);
  });

  it('snaps to whole words (", he said … more than tr") and counts notes, not highlights', async () => {
    await selectOn(popup, '안은 찬성 28표, 반대 7', '[data-testid="article-body"]');
    await popup.getByTestId('selection-toolbar').waitFor();
    await popup.keyboard.press('2');
    await expect.poll(async () => (await highlightsOf(popup, '/live/floating.html'))[0]?.quote).toBe('예산안은 찬성 28표, 반대 7표'); // whole words, the particle 로 left out
    // A highlight without a note is counted too (issue 22: "메모 0" beside a highlight).
    expect(await popup.getByTestId('notes-button').textContent()).toBe('하이라이트 1 · 메모 0');
  });

  it('at 360 px the highlight card stays inside the window and its tags and Delete can be reached', async () => {
    await popup.locator('mark.hl').first().click();
    const card = popup.getByTestId('highlight-card');
    await card.waitFor();
    const box = (await card.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(360);
    expect(box.y + box.height).toBeLessThanOrEqual(600);
    for (const target of [popup.getByTestId('tag-input'), card.locator('[data-action="delete"]')]) {
      await target.scrollIntoViewIfNeeded();
      const r = (await target.boundingBox())!;
      expect(r.y + r.height).toBeLessThanOrEqual(600);
      expect(r.x + r.width).toBeLessThanOrEqual(360);
    }
    await popup.getByTestId('note-input').fill('메모 하나');
    await popup.keyboard.press('Escape');
    await card.waitFor({ state: 'detached' });
    await expect.poll(() => popup.getByTestId('notes-button').textContent()).toBe('하이라이트 1 · 메모 1');
  });

  it('the ⚙ panel closes on Escape and on a click outside, and the text size applies at once', async () => {
    await popup.getByTestId('settings-button').click();
    await popup.getByTestId('settings-menu').waitFor();
    await popup.keyboard.press('Escape');
    await popup.getByTestId('settings-menu').waitFor({ state: 'detached' });
    await popup.getByTestId('settings-button').click();
    await popup.getByTestId('text-size').selectOption('large');
    await expect.poll(() => popup.evaluate(() => document.documentElement.dataset.textSize)).toBe('large');
    await popup.mouse.click(20, 580);
    await popup.getByTestId('settings-menu').waitFor({ state: 'detached' });
    await popup.getByTestId('settings-button').click();
    await popup.getByTestId('text-size').selectOption('medium');
    // ⚙ goes to the browser's page for Margin's keys (issue 22).
    const shortcuts = browser.context.waitForEvent('page', (page) => page.url().startsWith('chrome://extensions/shortcuts'));
    await popup.getByTestId('shortcut-settings-link').click();
    await (await shortcuts).close();
    await popup.keyboard.press('Escape');
  });
});

describe('screenshots: the panel beside the page', () => {
  for (const [lang, url] of [
    ['ko', '/fixtures/news/ko-newspim-deepseek/source.html'],
    ['en', '/pages/sample-en.html'],
  ] as const) {
    for (const scheme of ['light', 'dark'] as const) {
      it(`${lang}, ${scheme}`, async () => {
        const local = await launchWithExtension({ extensionDir: inject('extensionDir'), locale: lang, colorScheme: scheme });
        try {
          const { page, tabId } = await openTab(local, `${origin}${url}`);
          await page.setViewportSize({ width: 880, height: 800 });
          const panel = await openPanel(local, tabId);
          await panel.waitForSelector('[data-entities="ready"]');
          const shots = [await page.screenshot(), await panel.screenshot()].map((b) => `data:image/png;base64,${b.toString('base64')}`);
          const sheet = await local.context.newPage();
          await sheet.setViewportSize({ width: 1280, height: 800 });
          await sheet.setContent(
            `<body style="margin:0;display:flex;background:#888"><img src="${shots[0]}" width="880" height="800"><img src="${shots[1]}" width="400" height="800"></body>`,
          );
          mkdirSync(ARTIFACTS, { recursive: true });
          await sheet.screenshot({ path: join(ARTIFACTS, `panel-${lang}-${scheme}.png`) });
        } finally {
          await local.close();
        }
      });
    }
  }
});
