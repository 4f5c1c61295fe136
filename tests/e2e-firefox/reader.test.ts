import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { HighlightRecord } from '../../utils/db/schema';
import { FirefoxDriver, until } from '../support/firefox';
import { ARTIFACTS } from '../support/paths';
import { selectInArticleScript } from '../support/select';

// Margin in Debian's Firefox ESR, Korean UI: the first use of the sidebar, the popup, a
// highlight with a note and tags, the sidebar following tabs, the context menu and the
// shortcut, a browser page, a page served from an IP address. One browser, in this order
// (the first test needs the add-on as freshly installed).
const origin = inject('firefoxOrigin');
/** The same test server under a name the e2e build has no access to: what a reader's first visit is. */
const unknownOrigin = origin.replace('127.0.0.1', 'localhost');
let ff: FirefoxDriver;

beforeAll(async () => {
  ff = await FirefoxDriver.launch({ extensionDir: inject('firefoxExtensionDir'), locale: 'ko' });
});
afterAll(() => ff?.close());

const text = (page: Page, selector: string) => page.$eval(selector, (el) => (el.textContent ?? '').trim());

/** What the page's own selection should be: `wanted`, inside `selector`. */
async function selectOnPage(page: Page, selector: string, wanted: string) {
  const found = await page.evaluate(
    (sel, w) => {
      const root = document.querySelector(sel)!;
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
        const at = node.data.indexOf(w);
        if (at < 0) continue;
        const range = document.createRange();
        range.setStart(node, at);
        range.setEnd(node, at + w.length);
        getSelection()!.removeAllRanges();
        getSelection()!.addRange(range);
        node.parentElement!.scrollIntoView({ block: 'center' });
        return true;
      }
      return false;
    },
    selector,
    wanted,
  );
  expect(found, `"${wanted}" is on the page`).toBe(true);
}

const drawn = async (tabId: number) => Object.values((await ff.test({ marginTest: 'drawn', tabId })).byColor).flat();

describe('Margin in Firefox (Korean UI)', () => {
  it('first use: the sidebar Firefox opened at install reads the page once the toolbar button is clicked', async () => {
    expect(await ff.sidebarOpen()).toBe(true);
    const { tabId } = await ff.openTab(`${unknownOrigin}/pages/sample-ko.html`);
    // No click yet: Margin may not read the page, and the sidebar says how to open it.
    const before = await until('the sidebar to ask for the click', async () => {
      const view = await ff.view('sidebar');
      return view?.status === 'needs-access' && view.tab === String(tabId) && view;
    });
    expect(before.text).toContain('Margin 버튼');
    // The reader clicks the real toolbar button: the popup shows the article…
    await ff.clickToolbarButton();
    const popup = await until('the toolbar popup', async () => {
      const view = await ff.view('popup');
      return view?.status === 'ok' && view;
    });
    expect(popup.title).toBe('세움에너지, 청주에 1조2000억 투입…차세대 배터리 공장 짓는다');
    // …and the sidebar, open all along, shows it too, without "Try again".
    const after = await until(
      'the sidebar to show the article',
      async () => {
        const view = await ff.view('sidebar');
        return view?.status === 'ok' && view;
      },
      20_000,
    );
    expect(after.title).toBe(popup.title);
    await ff.closePopup();
  });

  it('the sidebar follows the active tab, and says a browser page cannot be read as the popup does', async () => {
    const ko = await ff.activeTabId();
    const en = await ff.openTab(`${origin}/pages/sample-en.html`);
    await until('the sidebar on the English tab', async () => {
      const view = await ff.view('sidebar');
      return view?.status === 'ok' && view.tab === String(en.tabId) && view.title?.startsWith('Kestrel Grid');
    });
    await ff.activateTab(ko);
    await until('the sidebar back on the Korean tab', async () => {
      const view = await ff.view('sidebar');
      return view?.status === 'ok' && view.tab === String(ko) && view.title?.startsWith('세움에너지');
    });
    // A browser page: after the reader's click the popup and the sidebar say the same thing.
    const blank = await ff.openTab('about:blank');
    await until('the sidebar on about:blank', async () => (await ff.view('sidebar'))?.tab === String(blank.tabId)).catch(async (error: unknown) => {
      throw new Error(`${String(error)}: tab ${blank.tabId}, ${JSON.stringify(await ff.view('sidebar'))}`);
    });
    await ff.clickToolbarButton();
    await until('the popup on about:blank', async () => (await ff.view('popup'))?.status === 'restricted');
    await ff.closePopup();
    let seen: unknown;
    const view = await until('the sidebar on about:blank', async () => {
      const v = (seen = await ff.view('sidebar'));
      return v?.status === 'restricted' && v;
    }).catch((error: unknown) => {
      throw new Error(`${String(error)}: ${JSON.stringify(seen)}`);
    });
    expect(view.text).not.toContain('다시 시도');
    await Promise.all([en.page.close(), blank.page.close()]);
  });

  it('the popup shows the Korean article with its entity marks; a highlight with a note and tags is kept', async () => {
    const { page, tabId } = await ff.openTab(`${origin}/pages/sample-ko.html`);
    let popup = await ff.openPopup(tabId);
    expect(await text(popup, '[data-testid="title"]')).toBe('세움에너지, 청주에 1조2000억 투입…차세대 배터리 공장 짓는다');
    expect(await text(popup, '[data-testid="site-name"]')).toBe('누리경제신문');
    await popup.waitForSelector('[data-entities="ready"]');
    expect(await popup.$$eval('[data-testid="article-body"] mark.ent', (marks) => marks.map((m) => m.getAttribute('data-kind')))).toEqual(
      expect.arrayContaining(['person', 'org', 'place']),
    );
    expect(await popup.evaluate(selectInArticleScript, '1조 2000억원을 투입해 차세대 전고체 배터리')).toBe(true);
    await popup.waitForSelector('[data-testid="selection-toolbar"]');
    await popup.locator('[data-testid="selection-toolbar"] button[data-color="green"]').click();
    // A locator, not a handle: the mark is drawn again when the new highlight is read back.
    await popup.locator('mark.hl.hl-green').click();
    await popup.waitForSelector('[data-testid="note-input"]');
    await popup.type('[data-testid="note-input"]', '공장 규모 확인');
    await popup.type('[data-testid="tag-input"]', '배터리');
    await popup.keyboard.press('Enter');
    await popup.focus('[data-testid="note-input"]');
    await popup.keyboard.press('Tab');
    await until('the note saved', async () => (await ff.readStore<HighlightRecord>('annotations')).find((a) => a.note === '공장 규모 확인'));
    const [record] = await ff.readStore<HighlightRecord>('annotations');
    expect(record).toMatchObject({ color: 'green', tags: ['배터리'], note: '공장 규모 확인' });
    // Drawn on the live page too.
    await until('the highlight on the page', async () => (await drawn(tabId)).some((t) => t.includes('차세대 전고체 배터리')));
    await popup.close();
    popup = await ff.openPopup(tabId);
    await popup.waitForSelector('mark.hl.hl-green');
    expect(await text(popup, '[data-testid="notes-button"]')).toContain('1');
    await popup.close();
    await page.close();
  });

  it('highlights from the page: the real context-menu item and the real Alt+Shift+U', async () => {
    const { page, tabId } = await ff.openTab(`${origin}/pages/sample-ko.html?menu`);
    await selectOnPage(page, 'article', '국내에서 핵심 셀을 만들고');
    await ff.contextMenuItem(page, 'article p');
    await until('the context-menu highlight on the page', async () => (await drawn(tabId)).some((t) => t.includes('국내에서 핵심 셀을 만들고')));
    await selectOnPage(page, 'article', '지역 경제에 미칠 파급 효과');
    await ff.pressShortcut();
    await until('the shortcut highlight on the page', async () => (await drawn(tabId)).some((t) => t.includes('지역 경제에 미칠 파급 효과')));
    const quotes = (await ff.readStore<HighlightRecord>('annotations')).map((a) => a.selectors.quote.exact);
    expect(quotes).toEqual(expect.arrayContaining([expect.stringContaining('핵심 셀을'), expect.stringContaining('파급 효과')]));
    await page.close();
  });

  it('names a page served from an IP address by its host, not "0"', async () => {
    const { page, tabId } = await ff.openTab(`${origin}/plain/story.html`);
    const popup = await ff.openPopup(tabId);
    expect(await text(popup, '[data-testid="site-name"]')).toBe(new URL(origin).host);
    await popup.close();
    await page.close();
  });

  it('screenshots: the popup and the sidebar, Korean, light and dark', async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    const { page, tabId } = await ff.openTab(`${origin}/pages/sample-ko.html?shots`);
    for (const scheme of ['light', 'dark'] as const) {
      await ff.setColorScheme(scheme);
      const popup = await ff.openPopup(tabId);
      await popup.waitForSelector('[data-entities="ready"]');
      expect(await popup.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches)).toBe(scheme === 'dark');
      await popup.screenshot({ path: join(ARTIFACTS, `firefox-popup-ko-${scheme}.png`) });
      const panel = await ff.openPanel(tabId);
      await panel.waitForSelector('[data-entities="ready"]');
      await panel.screenshot({ path: join(ARTIFACTS, `firefox-sidebar-ko-${scheme}.png`) });
      await Promise.all([popup.close(), panel.close()]);
    }
    await ff.setColorScheme('light');
    await page.close();
  });
});
