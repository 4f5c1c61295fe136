import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import type { Locator, Page } from 'playwright-core';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { launchWithExtension, openPanel, openPopup, openTab, type ExtensionBrowser } from '../support/browser';
import { ARTIFACTS } from '../support/paths';

/*
 * Issue 24 in Chromium: what changed since you highlighted it (a page revisited after the site
 * changed it, Korean and English), the entity page opened from a mark, the library's Entities and
 * Updated views, and the entity pages of a Markdown export read back.
 */

const origin = inject('origin');
const extensionDir = inject('extensionDir');
const browsers: ExtensionBrowser[] = [];
afterAll(() => Promise.all(browsers.map((b) => b.close())));

async function launch(locale: 'ko' | 'en', colorScheme: 'light' | 'dark'): Promise<ExtensionBrowser> {
  const browser = await launchWithExtension({ extensionDir, locale, colorScheme });
  browsers.push(browser);
  return browser;
}

/** Select `text` in the popup's article and highlight it in `color`. */
async function highlight(popup: Page, text: string, color: string) {
  // Across text nodes: entity marks split the text (a percentage, a name).
  const found = await popup.evaluate((wanted) => {
    const body = document.querySelector('[data-testid="article-body"]')!;
    const nodes: Text[] = [];
    const walker = document.createTreeWalker(body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) nodes.push(node);
    const all = nodes.map((n) => n.data).join('');
    const at = all.indexOf(wanted);
    if (at < 0) return false;
    const place = (offset: number, end: boolean): [Text, number] => {
      let seen = 0;
      for (const n of nodes) {
        if (offset < seen + n.data.length || (end && offset === seen + n.data.length)) return [n, offset - seen];
        seen += n.data.length;
      }
      const last = nodes[nodes.length - 1]!;
      return [last, last.data.length];
    };
    const range = document.createRange();
    range.setStart(...place(at, false));
    range.setEnd(...place(at + wanted.length, true));
    range.startContainer.parentElement!.scrollIntoView({ block: 'center' });
    getSelection()!.removeAllRanges();
    getSelection()!.addRange(range);
    body.dispatchEvent(new MouseEvent('mouseup', { bubbles: true }));
    return true;
  }, text);
  expect(found, `"${text}" is in the article`).toBe(true);
  await popup.getByTestId('selection-toolbar').waitFor();
  await popup.locator(`[data-testid="selection-toolbar"] button[data-color="${color}"]`).click();
}

/** Click a link to an entity's page (it opens in a new tab) and wait for the page to be ready. */
async function openEntityPage(browser: ExtensionBrowser, link: Locator): Promise<Page> {
  const [opened] = await Promise.all([browser.context.waitForEvent('page'), link.click()]);
  await opened.waitForSelector('html[data-entity="ready"]');
  return opened;
}

/**
 * The entity page from the library's search (a name found across the library, and a hit on the
 * names an article mentions) and from a card's chip (issue 24); screenshots of each.
 */
async function entityPageFromSearchAndChip(browser: ExtensionBrowser, library: Page, name: string, shot: string) {
  await library.getByTestId('search').fill(name);
  const found = library.locator('[data-testid="entity-hit"] a').filter({ hasText: name }).first();
  await found.waitFor();
  // The article's hit is on its names when its title does not have the name (a title hit wins).
  const onHit = library.locator(`[data-testid="hit"][data-field="entity"] [data-testid="hit-entity"]`).filter({ hasText: name });
  await library.getByTestId('hit').first().waitFor();
  const titled = (await library.locator('[data-testid="hit"][data-field="title"]').count()) > 0;
  if (!titled) await expect.poll(() => onHit.count()).toBeGreaterThanOrEqual(1);
  await library.screenshot({ path: join(ARTIFACTS, `search-entity-${shot}.png`), fullPage: true });
  let entity = await openEntityPage(browser, found);
  expect(await entity.getByTestId('entity-name').textContent()).toBe(name);
  await entity.close();
  if (!titled) {
    entity = await openEntityPage(browser, onHit.first());
    expect(await entity.getByTestId('entity-name').textContent()).toBe(name);
    await entity.close();
  }
  await library.getByTestId('search').fill('');

  // A card's chip filters the library; the arrow beside it opens the name's page.
  const arrow = library.locator('[data-testid="article-card"] [data-testid="chip-entity-page"]').first();
  await arrow.waitFor();
  const chipName = (await arrow.getAttribute('data-entity'))!;
  await library.screenshot({ path: join(ARTIFACTS, `card-chip-${shot}.png`) });
  entity = await openEntityPage(browser, arrow);
  expect(await entity.getByTestId('entity-name').textContent()).toBe(chipName);
  await entity.screenshot({ path: join(ARTIFACTS, `entity-page-from-chip-${shot}.png`), fullPage: true });
  await entity.close();
}

async function downloadFrom(page: Page, click: () => Promise<void>): Promise<{ name: string; bytes: Buffer }> {
  const waiting = page.waitForEvent('download');
  await click();
  const download = await waiting;
  return { name: download.suggestedFilename(), bytes: readFileSync(await download.path()) };
}

describe('what changed since you highlighted it, and the entity explorer', () => {
  it('Korean: the revisit says the page changed, shows the diff and the highlight that is gone; a mark opens its entity page; the library lists entities and updated articles; the export has entity pages', async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    const browser = await launch('ko', 'light');
    await fetch(`${origin}/live/explore/set?v=base`);
    const { page, tabId } = await openTab(browser, `${origin}/live/explore.html`);
    let popup = await openPopup(browser, tabId);
    await popup.waitForSelector('[data-entities="ready"]');
    await highlight(popup, '세수 전망이 지나치게 낙관적', 'yellow');
    await highlight(popup, '예산안은 찬성 28표', 'blue');
    await popup.waitForFunction(() => document.querySelectorAll('mark.hl[data-hl-first]').length === 2);
    expect(await popup.getByTestId('update-notice').count()).toBe(0);
    await popup.close();

    // The site takes the paragraph with the first highlight out.
    await fetch(`${origin}/live/explore/set?v=removed`);
    await page.reload();
    popup = await openPopup(browser, tabId);
    const notice = popup.getByTestId('update-notice');
    await notice.waitFor();
    expect(await notice.textContent()).toContain('저장한 뒤에 기사가 바뀌었어요');
    expect(await notice.locator('[data-change]').evaluateAll((els) => els.map((el) => [el.getAttribute('data-change'), el.textContent]))).toEqual([
      ['gone', expect.stringContaining('세수 전망이 지나치게 낙관적')],
    ]);
    await notice.locator('[data-action="show-diff"]').click();
    expect(await popup.locator('[data-testid="update-diff"] [data-kind="removed"]').textContent()).toContain('세수 전망이 지나치게 낙관적');
    await popup.screenshot({ path: join(ARTIFACTS, 'update-notice-ko-light.png') });

    // A mark's menu links to the entity's page.
    await popup.waitForSelector('[data-entities="ready"]');
    const mark = popup
      .locator('mark.ent[data-first][data-kind="org"], mark.ent[data-first][data-kind="person"], mark.ent[data-first][data-kind="place"]')
      .first();
    const name = (await mark.getAttribute('data-name'))!;
    await mark.click();
    const link = popup.locator('[data-testid="entity-menu"] [data-action="entity-page"]');
    const href = (await link.getAttribute('href'))!;
    expect(href).toMatch(/^\/entity\.html\?key=/);
    const entity = await browser.context.newPage();
    await entity.goto(`chrome-extension://${browser.extensionId}${href}`);
    await entity.waitForSelector('html[data-entity="ready"]');
    expect(await entity.getByTestId('entity-name').textContent()).toBe(name);
    await expect.poll(() => entity.locator('[data-testid="entity-timeline"] li').count()).toBe(1);
    expect(await entity.locator('[data-testid="entity-timeline"]').textContent()).toContain('시의회, 내년 예산안 통과');
    await entity.setViewportSize({ width: 360, height: 800 });
    await entity.screenshot({ path: join(ARTIFACTS, 'entity-page-ko-narrow.png'), fullPage: true });
    await popup.close();

    // The library: the entities across it, and the article updated since it was highlighted.
    const library = await browser.context.newPage();
    await library.goto(`chrome-extension://${browser.extensionId}/library.html`);
    await library.waitForSelector('html[data-library="ready"]');
    await library.locator('[data-view="entities"]').click();
    await expect.poll(() => library.getByTestId('entity-row').count()).toBeGreaterThanOrEqual(1);
    await library.getByTestId('entities-filter').fill(name.slice(0, 2));
    await expect.poll(() => library.locator(`[data-testid="entity-row"] a:text("${name}")`).count()).toBe(1);
    await library.screenshot({ path: join(ARTIFACTS, 'entities-view-ko-light.png'), fullPage: true });
    await library.locator('[data-view="updated"]').click();
    await expect.poll(() => library.getByTestId('updated-article').count()).toBe(1);
    await library.locator('[data-view="articles"]').click();
    await entityPageFromSearchAndChip(browser, library, name, 'ko-light');

    // Markdown export: a page per entity, read back from the zip.
    const menu = library.locator('[data-testid="export"] [data-menu-button]');
    const md = await downloadFrom(library, async () => {
      if ((await menu.getAttribute('aria-expanded')) !== 'true') await menu.click();
      await library.locator('button[data-export="md-all"]').click();
    });
    const files = unzipSync(new Uint8Array(md.bytes));
    const entityFiles = Object.keys(files).filter((n) => /^(People|Organisations|Places)\//.test(n));
    expect(entityFiles.length).toBeGreaterThanOrEqual(1);
    const pageOf = entityFiles.find((n) => n.endsWith(`/${name}.md`));
    expect(pageOf, `a page for ${name} among ${entityFiles.join(', ')}`).toBeDefined();
    const content = strFromU8(files[pageOf!]!);
    expect(content).toContain(`# ${name}`);
    expect(content).toMatch(/## Articles\n\n- 2026-02-03 · \[\[.*시의회, 내년 예산안 통과\]\]/);
    await page.close();
  });

  it('English, dark: a corrected figure and a removed paragraph are shown word by word, the touched highlights named, in the popup and the side panel', async () => {
    const browser = await launch('en', 'dark');
    await fetch(`${origin}/live/en-explore/set?v=base`);
    const { page, tabId } = await openTab(browser, `${origin}/live/en-explore.html`);
    let popup = await openPopup(browser, tabId);
    await popup.waitForSelector('[data-entities="ready"]');
    await highlight(popup, 'the ferry budget would rise by 7 percent', 'pink');
    await highlight(popup, 'Critics at the Harbourville Civic Forum', 'green');
    await highlight(popup, 'two new routes from March', 'yellow');
    await popup.waitForFunction(() => document.querySelectorAll('mark.hl[data-hl-first]').length === 3);
    await popup.close();

    await fetch(`${origin}/live/en-explore/set?v=edited`);
    await page.reload();
    popup = await openPopup(browser, tabId);
    const notice = popup.getByTestId('update-notice');
    await notice.waitFor();
    expect(await notice.textContent()).toContain('Updated since you saved it');
    expect(await notice.textContent()).toContain('Paragraphs: 1 added, 1 removed, 1 changed');
    const changes = await notice.locator('[data-change]').evaluateAll((els) => els.map((el) => [el.getAttribute('data-change'), el.textContent]));
    expect(changes).toEqual(
      expect.arrayContaining([
        ['changed', expect.stringContaining('the ferry budget would rise by 7 percent')],
        ['gone', expect.stringContaining('Critics at the Harbourville Civic Forum')],
      ]),
    );
    expect(changes).toHaveLength(2);
    await notice.locator('[data-action="show-diff"]').click();
    const changed = popup.locator('[data-testid="update-diff"] [data-kind="changed"]');
    expect(await changed.locator('del').allTextContents()).toContain('7');
    expect(await changed.locator('ins').allTextContents()).toContain('4');
    expect(await popup.locator('[data-testid="update-diff"] [data-kind="added"]').textContent()).toContain('present the timetable');
    await popup.screenshot({ path: join(ARTIFACTS, 'update-notice-en-dark.png') });

    // The person's page, from the mark: the article and the highlight that names her. One click:
    // the menu stays open while the reader re-renders around it (the save ending, the notice).
    await popup.waitForSelector('[data-entities="ready"]');
    const mark = popup.locator('mark.ent[data-first][data-kind="person"]').first();
    const person = (await mark.getAttribute('data-name'))!;
    const pageLink = popup.locator('[data-testid="entity-menu"] [data-action="entity-page"]');
    await mark.click();
    await pageLink.waitFor();
    const href = (await pageLink.getAttribute('href'))!;
    const entity = await browser.context.newPage();
    await entity.goto(`chrome-extension://${browser.extensionId}${href}`);
    await entity.waitForSelector('html[data-entity="ready"]');
    await expect.poll(() => entity.locator('[data-testid="entity-timeline"] li').count()).toBe(1);
    expect(await entity.locator('[data-testid="entity-timeline"]').textContent()).toContain('Harbourville council passes ferry budget');
    await entity.screenshot({ path: join(ARTIFACTS, 'entity-page-en-dark.png'), fullPage: true });
    await entity.close();
    await popup.close();

    const panel = await openPanel(browser, tabId);
    await panel.getByTestId('update-notice').waitFor();
    await panel.screenshot({ path: join(ARTIFACTS, 'update-notice-en-dark-panel.png') });
    await panel.close();

    const library = await browser.context.newPage();
    await library.goto(`chrome-extension://${browser.extensionId}/library.html`);
    await library.waitForSelector('html[data-library="ready"]');
    await entityPageFromSearchAndChip(browser, library, person, 'en-dark');
    await library.close();
    await page.close();
  });
});
