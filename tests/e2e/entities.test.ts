import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchWithExtension, openPopup, openTab, readStore, type ExtensionBrowser } from '../support/browser';
import { ARTIFACTS } from '../support/paths';

const origin = inject('origin');
let browser: ExtensionBrowser;

beforeAll(async () => {
  browser = await launchWithExtension({ extensionDir: inject('extensionDir'), locale: 'ko' });
});
afterAll(() => browser?.close());

async function reader(fixture: string): Promise<{ popup: Page; page: Page }> {
  const { page, tabId } = await openTab(browser, `${origin}/fixtures/news/${fixture}/source.html`);
  const popup = await openPopup(browser, tabId);
  await popup.waitForSelector('[data-entities="ready"]');
  return { popup, page };
}

const mark = (popup: Page, name: string, kind: string) => popup.locator(`[data-testid="article-body"] mark.ent[data-name="${name}"][data-kind="${kind}"]`);

describe('entities in the reader', () => {
  it('marks people, organisations, places and figures on the Korean page, each saying its kind', async () => {
    const { popup, page } = await reader('ko-newspim-deepseek');
    for (const [name, kind] of [
      ['량원펑', 'person'],
      ['엔비디아', 'org'],
      ['광둥성', 'place'],
      ['17%', 'percent'],
    ]) {
      expect(await mark(popup, name, kind).count(), `${name} as ${kind}`).toBeGreaterThan(0);
    }
    // Not by colour alone: the title names the kind, in the reader's language.
    expect(await mark(popup, '량원펑', 'person').first().getAttribute('title')).toBe('인물 · 량원펑');
    // The span is the name, never its particle: "량원펑의" is marked as "량원펑".
    expect(await popup.locator('mark.ent').evaluateAll((ms) => ms.filter((m) => /[은는이가을를의]$/.test(m.textContent ?? '') && (m as HTMLElement).dataset.kind === 'person').length)).toBe(0);
    mkdirSync(ARTIFACTS, { recursive: true });
    await popup.screenshot({ path: join(ARTIFACTS, 'popup-ko-entities.png') });
    await page.close();
    await popup.close();
  });

  it('switches a kind off and on from the legend', async () => {
    const { popup, page } = await reader('ko-newspim-deepseek');
    const chip = popup.locator('.legend button[data-kind="person"]');
    expect(await chip.textContent()).toMatch(/인물\s*\d+/);
    const background = () => mark(popup, '량원펑', 'person').first().evaluate((m) => getComputedStyle(m).backgroundColor);
    const visible = await background();
    expect(visible).not.toBe('rgba(0, 0, 0, 0)');
    await chip.click();
    expect(await chip.getAttribute('aria-pressed')).toBe('false');
    expect(await background()).toBe('rgba(0, 0, 0, 0)');
    // Other kinds stay marked.
    expect(await mark(popup, '엔비디아', 'org').first().evaluate((m) => getComputedStyle(m).backgroundColor)).not.toBe('rgba(0, 0, 0, 0)');
    await chip.click();
    expect(await background()).toBe(visible);
    await page.close();
    await popup.close();
  });

  it('lists the entities by kind with counts, and a click goes through the mentions', async () => {
    const { popup, page } = await reader('ko-newspim-deepseek');
    await popup.getByTestId('entities-button').click();
    const item = popup.locator('.panel-entity[data-kind="person"][data-name="량원펑"]');
    const count = Number((await item.locator('.panel-count').textContent())?.replace(/\D/g, ''));
    expect(count).toBe(await popup.locator('[data-testid="article-body"] mark.ent[data-name="량원펑"][data-first]').count());
    expect(count).toBeGreaterThanOrEqual(5);
    const current = () => popup.locator('mark.ent-current').evaluate((m) => Array.from(document.querySelectorAll('[data-testid="article-body"] mark.ent[data-name="량원펑"][data-first]')).indexOf(m));
    await item.click();
    const first = await current();
    await item.click();
    const second = await current();
    expect(second).toBe(first + 1);
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
    // And say that 엔비디아 is not a name.
    await mark(first.popup, '엔비디아', 'org').first().click();
    await first.popup.getByTestId('entity-menu').locator('button[data-action="remove"]').click();
    await first.popup.waitForFunction(() => !document.querySelector('mark.ent[data-name="엔비디아"]'));

    const stored = await readStore<{ text: string; action: string; type?: string }>(first.popup, 'entityCorrections');
    expect(stored).toEqual(
      expect.arrayContaining([expect.objectContaining({ text: '사진', action: 'set', type: 'org' }), expect.objectContaining({ text: '엔비디아', action: 'remove' })]),
    );

    // The other Korean page follows the corrections.
    const second = await reader('ko-culture-biff');
    expect(await mark(second.popup, '사진', 'org').count()).toBeGreaterThan(0);
    // Undo from the menu: the recogniser decides again.
    await mark(second.popup, '사진', 'org').first().click();
    await second.popup.getByTestId('entity-menu').locator('button[data-action="undo"]').click();
    await second.popup.waitForFunction(() => !document.querySelector('mark.ent[data-name="사진"]'));
    for (const p of [first.page, first.popup, second.page, second.popup]) await p.close();
  });
});
