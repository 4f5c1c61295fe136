import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchWithExtension, openPopup, openTab, readStore, type ExtensionBrowser } from '../support/browser';
import { ARTIFACTS } from '../support/paths';
import { selectInArticle } from '../support/select';

const origin = inject('origin');
let browser: ExtensionBrowser;

beforeAll(async () => {
  browser = await launchWithExtension({ extensionDir: inject('extensionDir'), locale: 'ko' });
});
afterAll(() => browser?.close());

async function reader(fixture: string): Promise<{ popup: Page; page: Page; tabId: number }> {
  const { page, tabId } = await openTab(browser, `${origin}/fixtures/news/${fixture}/source.html`);
  return { popup: await readerOf(tabId), page, tabId };
}

async function readerOf(tabId: number, on = browser): Promise<Page> {
  const popup = await openPopup(on, tabId);
  await popup.waitForSelector('[data-entities="ready"]');
  return popup;
}

const mark = (popup: Page, name: string, kind: string) => popup.locator(`[data-testid="article-body"] mark.ent[data-name="${name}"][data-kind="${kind}"]`);
/** How a mark looks: its underline (none for a switched-off kind) and its background (never a fill). */
const looks = (popup: Page, name: string, kind: string) =>
  mark(popup, name, kind)
    .first()
    .evaluate((m) => ({ underline: getComputedStyle(m).textDecorationLine, background: getComputedStyle(m).backgroundColor, title: m.getAttribute('title') }));
const chip = (popup: Page, kind: string) => popup.locator(`.legend button[data-kind="${kind}"]`);

/** Select `text` in the popup's article body, as a reader's drag would, and let the toolbar appear. */
async function select(popup: Page, text: string) {
  const found = await selectInArticle(popup, text);
  expect(found, `"${text}" is in the article`).toBe(true);
  await popup.getByTestId('selection-toolbar').waitFor();
}

describe('entities in the reader', () => {
  it('marks names by default, keeps dates and figures one click away, and leaves the title alone', async () => {
    const { popup, page, tabId } = await reader('ko-newspim-deepseek');
    // Names are marked, as underlines: never a fill that could pass for a highlight.
    expect(await looks(popup, '량원펑', 'person')).toEqual({ underline: 'underline', background: 'rgba(0, 0, 0, 0)', title: '인물 · 량원펑' });
    expect((await looks(popup, '엔비디아', 'org')).underline).toBe('underline');
    // Dates, money and percentages are found and counted, but off until the reader wants them.
    for (const kind of ['date', 'percent']) {
      expect(await chip(popup, kind).getAttribute('aria-pressed'), kind).toBe('false');
      expect(Number((await chip(popup, kind).textContent())?.replace(/\D/g, '')), kind).toBeGreaterThan(0);
    }
    expect(await looks(popup, '17%', 'percent')).toEqual({ underline: 'none', background: 'rgba(0, 0, 0, 0)', title: null });
    // A switched-off kind is plain text: clicking it opens nothing.
    await mark(popup, '17%', 'percent').first().click();
    expect(await popup.getByTestId('entity-menu').count()).toBe(0);
    // The headline is read, not marked.
    expect(await popup.getByTestId('title').textContent()).toContain('딥시크');
    expect(await popup.locator('[data-testid="title"] mark').count()).toBe(0);

    // One click shows percentages, and the choice holds for the next article opened.
    await chip(popup, 'percent').click();
    // The choice is written by the background and read back live.
    await expect.poll(() => chip(popup, 'percent').getAttribute('aria-pressed')).toBe('true');
    expect((await looks(popup, '17%', 'percent')).underline).toBe('underline');
    await popup.close();
    const again = await readerOf(tabId);
    expect(await chip(again, 'percent').getAttribute('aria-pressed')).toBe('true');
    expect((await looks(again, '17%', 'percent')).underline).toBe('underline');
    // Back to the defaults for the tests that follow.
    await chip(again, 'percent').click();
    await expect
      .poll(async () => (await readStore<{ key: string; value: unknown }>(again, 'settings')).find((r) => r.key === 'hiddenEntityKinds')?.value)
      .toEqual(['date', 'money', 'percent', 'misc']);
    await again.close();
    await page.close();
  });

  it('marks people, organisations, places and figures on the Korean page, each saying its kind', async () => {
    const { popup, page } = await reader('ko-newspim-deepseek');
    for (const [name, kind] of [
      ['량원펑', 'person'],
      ['엔비디아', 'org'],
      ['광둥성', 'place'],
      ['17%', 'percent'],
    ] as const) {
      expect(await mark(popup, name, kind).count(), `${name} as ${kind}`).toBeGreaterThan(0);
    }
    // Not by colour alone: the title names the kind, in the reader's language.
    expect(await mark(popup, '량원펑', 'person').first().getAttribute('title')).toBe('인물 · 량원펑');
    // The span is the name, never its particle: "량원펑의" is marked as "량원펑".
    expect(
      await popup
        .locator('mark.ent')
        .evaluateAll((ms) => ms.filter((m) => /[은는이가을를의]$/.test(m.textContent ?? '') && (m as HTMLElement).dataset.kind === 'person').length),
    ).toBe(0);
    mkdirSync(ARTIFACTS, { recursive: true });
    await popup.screenshot({ path: join(ARTIFACTS, 'popup-ko-entities.png') });
    await page.close();
    await popup.close();
  });

  it('switches a kind off and on from the legend', async () => {
    const { popup, page } = await reader('ko-newspim-deepseek');
    const person = chip(popup, 'person');
    expect(await person.textContent()).toMatch(/인물\s*\d+/);
    expect(await person.getAttribute('aria-pressed')).toBe('true');
    // The choice goes through the background and comes back as live data: wait for it.
    await person.click();
    await expect.poll(() => person.getAttribute('aria-pressed'), { timeout: 10_000 }).toBe('false');
    await expect.poll(async () => (await looks(popup, '량원펑', 'person')).underline, { timeout: 10_000 }).toBe('none');
    // Other kinds stay marked.
    expect((await looks(popup, '엔비디아', 'org')).underline).toBe('underline');
    await person.click();
    await expect.poll(() => looks(popup, '량원펑', 'person'), { timeout: 10_000 }).toMatchObject({ underline: 'underline', title: '인물 · 량원펑' });
    await page.close();
    await popup.close();
  });

  it('lists the entities by kind with counts, and a click goes through the mentions', async () => {
    const { popup, page } = await reader('ko-newspim-deepseek');
    await popup.getByTestId('entities-button').click();
    const item = popup.locator('.panel-entity[data-kind="person"][data-name="량원펑"]');
    // Every mention of the entity counts, short forms for a fuller name included.
    const entity = (await item.getAttribute('data-entity'))!;
    const mentions = `[data-testid="article-body"] mark.ent[data-first][data-entity="${entity}"]`;
    const count = Number((await item.locator('.panel-count').textContent())?.replace(/\D/g, ''));
    expect(count).toBe(await popup.locator(mentions).count());
    expect(count).toBeGreaterThanOrEqual(5);
    const current = () => popup.locator('mark.ent-current').evaluate((m, selector) => Array.from(document.querySelectorAll(selector)).indexOf(m), mentions);
    await item.click();
    const first = await current();
    await item.click();
    const second = await current();
    expect(second).toBe(first + 1);
    mkdirSync(ARTIFACTS, { recursive: true });
    await popup.screenshot({ path: join(ARTIFACTS, 'popup-ko-list.png') });
    await page.close();
    await popup.close();
  });

  it('takes the reader’s corrections, stores them, and applies them to every later article', async () => {
    const first = await reader('ko-newspim-deepseek');
    // Mark a selection as an organisation: "사진" (also in the other fixture's caption).
    await first.popup.evaluate(() => {
      const body = document.querySelector('[data-testid="article-body"]')!;
      const walker = document.createTreeWalker(body, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
        const at = node.data.indexOf('사진');
        if (at < 0) continue;
        node.parentElement!.scrollIntoView({ block: 'center' });
        const range = document.createRange();
        range.setStart(node, at);
        range.setEnd(node, at + 2);
        getSelection()!.removeAllRanges();
        getSelection()!.addRange(range);
        body.dispatchEvent(new MouseEvent('mouseup', { bubbles: true }));
        return;
      }
    });
    await first.popup.getByTestId('selection-toolbar').locator('button[data-action="name"]').click();
    await first.popup.getByTestId('entity-menu').locator('button[data-kind="org"]').click();
    await expect.poll(() => first.popup.getByTestId('toast').textContent()).toContain('모든 기사에');
    await first.popup.waitForFunction(() => document.querySelector('mark.ent[data-name="사진"][data-kind="org"]'));
    // And say that 엔비디아 is not a name: gone from every article, with Undo in the toast.
    const nvidia = await mark(first.popup, '엔비디아', 'org').count();
    expect(nvidia).toBeGreaterThan(0);
    await mark(first.popup, '엔비디아', 'org').first().click();
    await first.popup.getByTestId('entity-menu').locator('button[data-action="remove"]').click();
    await first.popup.waitForFunction(() => !document.querySelector('mark.ent[data-name="엔비디아"]'));
    const toast = first.popup.getByTestId('toast');
    await expect.poll(() => toast.textContent()).toContain('이제 어느 기사에서도 ‘엔비디아’ 표시를 하지 않아요.');
    const stored = () => readStore<{ text: string; action: string; type?: string }>(first.popup, 'entityCorrections');
    expect(await stored()).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ text: '사진', action: 'set', type: 'org' }),
        expect.objectContaining({ text: '엔비디아', action: 'remove' }),
      ]),
    );
    mkdirSync(ARTIFACTS, { recursive: true });
    await first.popup.screenshot({ path: join(ARTIFACTS, 'popup-ko-not-a-name-undo.png') });
    // Undo (the menu has closed; the toast is where it is): the marks come back, the correction is gone.
    await toast.getByRole('button', { name: '되돌리기' }).click();
    await expect.poll(() => mark(first.popup, '엔비디아', 'org').count()).toBe(nvidia);
    await expect.poll(() => toast.textContent()).toBe('되돌렸어요.');
    expect((await stored()).map((c) => c.text)).toEqual(['사진']);

    // The other Korean page follows the corrections.
    const second = await reader('ko-culture-biff');
    expect(await mark(second.popup, '사진', 'org').count()).toBeGreaterThan(0);
    // Undo from the menu: the recogniser decides again.
    await mark(second.popup, '사진', 'org').first().click();
    await second.popup.getByTestId('entity-menu').locator('button[data-action="undo"]').click();
    await second.popup.waitForFunction(() => !document.querySelector('mark.ent[data-name="사진"]'));
    for (const p of [first.page, first.popup, second.page, second.popup]) await p.close();
  });

  it('shows marks and a highlight apart, in light and dark, in Korean and English (screenshots)', async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    // Each language and scheme: the top (legend, headline) and the highlighted passage.
    const shoot = async (popup: Page, name: string) => {
      for (const scheme of ['light', 'dark'] as const) {
        await popup.emulateMedia({ colorScheme: scheme });
        await popup.locator('.content').evaluate((c) => (c.scrollTop = 0));
        await popup.screenshot({ path: join(ARTIFACTS, `popup-${name}-top-${scheme}.png`) });
        await popup
          .locator('mark.hl')
          .first()
          .evaluate((m) => m.scrollIntoView({ block: 'center' }));
        await popup.screenshot({ path: join(ARTIFACTS, `popup-${name}-marks-${scheme}.png`) });
        // A close-up at twice the size, to see the underlines against the highlight.
        await popup.evaluate(() => (document.body.style.zoom = '2'));
        await popup
          .locator('mark.hl')
          .first()
          .evaluate((m) => m.scrollIntoView({ block: 'center' }));
        await popup.screenshot({ path: join(ARTIFACTS, `popup-${name}-closeup-${scheme}.png`) });
        await popup.locator('.content').evaluate((c) => (c.scrollTop = 0));
        await popup.screenshot({ path: join(ARTIFACTS, `popup-${name}-legend-${scheme}.png`), clip: { x: 0, y: 0, width: 560, height: 300 } });
        await popup.evaluate(() => (document.body.style.zoom = ''));
      }
      await popup.emulateMedia({ colorScheme: 'light' });
    };
    const ko = await reader('ko-newspim-deepseek');
    // A passage with names in it, highlighted: it reads as highlighted, its names still marked.
    await select(ko.popup, '삼성전자 시가총액의 두배가 넘는 금액이 증발한 것이다');
    await ko.popup.locator('[data-testid="selection-toolbar"] button[data-color="yellow"]').click();
    const highlighted = ko.popup.locator('mark.hl.hl-yellow').first();
    await highlighted.waitFor();
    await ko.popup.evaluate(() => getSelection()?.removeAllRanges());
    expect(await ko.popup.locator('mark.hl mark.ent, mark.ent mark.hl').count()).toBeGreaterThan(0);
    await shoot(ko.popup, 'ko');
    await ko.popup.close();
    await ko.page.close();

    const en = await launchWithExtension({ extensionDir: inject('extensionDir'), locale: 'en' });
    try {
      const { tabId } = await openTab(en, `${origin}/pages/sample-en.html`);
      const popup = await readerOf(tabId, en);
      expect(await popup.locator('[data-testid="title"] mark').count()).toBe(0);
      expect(await chip(popup, 'person').textContent()).toMatch(/Person\s*\d+/);
      await select(popup, 'Chief Executive Tomas Lindqvist said at a news conference in Lisbon');
      await popup.locator('[data-testid="selection-toolbar"] button[data-color="blue"]').click();
      await popup.locator('mark.hl.hl-blue').first().waitFor();
      await popup.evaluate(() => getSelection()?.removeAllRanges());
      await shoot(popup, 'en');
    } finally {
      await en.close();
    }
  });
});
