import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { HighlightRecord } from '../../utils/db/schema';
import { drawnOnPage, launchWithExtension, openPopup, openTab, readStore, type ExtensionBrowser } from '../support/browser';
import { selectInArticle } from '../support/select';

/*
 * Issue 14's fault-and-abuse cases in real Chromium, each a regression test: a library write
 * on a full disk (QuotaExceededError under every write), the library tab closed
 * right after typing (repeated), a stale card, a highlight deleted elsewhere, the trash, and a
 * hostile page that reads CSS.highlights and the DOM and beacons to an "attacker" route.
 * Prints its figures: scenarios tried / text lost.
 */

const origin = inject('origin');
const extensionDir = inject('extensionDir');
let browser: ExtensionBrowser;
const figures: Record<string, string> = {};

beforeAll(async () => {
  browser = await launchWithExtension({ extensionDir, locale: 'ko' });
});
afterAll(async () => {
  await browser?.close();
  console.log(
    `\nissue 14 fault/abuse figures:\n${Object.entries(figures)
      .map(([k, v]) => `  ${k}: ${v}`)
      .join('\n')}\n`,
  );
});

/** Select a passage in the reader and make it a highlight of `color`, with a note. */
async function highlight(popup: Page, text: string, color: string, note: string) {
  expect(await selectInArticle(popup, text), `"${text}" is in the article`).toBe(true);
  await popup.locator(`[data-testid="selection-toolbar"] button[data-color="${color}"]`).click();
  // Enter on the highlight opens its card (a click may land on a wrapped line's neighbour).
  const mark = popup.locator(`mark.hl.hl-${color}[data-hl-first]`).last();
  await mark.focus();
  await popup.keyboard.press('Enter');
  const card = popup.getByTestId('note-input');
  if (
    !(await card.waitFor({ timeout: 2000 }).then(
      () => true,
      () => false,
    ))
  )
    await mark.dispatchEvent('click');
  await popup.getByTestId('note-input').fill(note);
  await popup.getByTestId('note-input').press('Tab');
  await popup.keyboard.press('Escape');
}

async function openLibrary(): Promise<Page> {
  const library = await browser.context.newPage();
  await library.goto(`chrome-extension://${browser.extensionId}/library.html`);
  await library.waitForSelector('html[data-library="ready"]');
  return library;
}

/** The card of the library's note whose text (or quote) contains `text`. */
async function openCard(library: Page, text: string) {
  await library.locator('[data-testid="library-note"]', { hasText: text }).locator('[data-action="edit"]').click();
  await library.getByTestId('highlight-card').waitFor();
  return library.getByTestId('note-input');
}

const annotation = async (page: Page, quote: string) => (await readStore<HighlightRecord>(page, 'annotations')).find((a) => a.quote.includes(quote));

/** A highlight with a note on its own live story, for one test. */
async function seed(name: string, quote: string, note: string) {
  const { page, tabId } = await openTab(browser, `${origin}/live/${name}.html`);
  const popup = await openPopup(browser, tabId);
  await highlight(popup, quote, 'pink', note);
  await expect.poll(async () => (await annotation(popup, quote))?.note).toBe(note);
  return { page, tabId, popup };
}

describe('issue 14: nothing the reader wrote is lost, overwritten or shown to the page', () => {
  it('a library write on a full disk (QuotaExceededError) says so in the reader’s language, keeps the text in the field, and saves once there is room', async () => {
    const { page, popup } = await seed('quota', '세수 전망이 지나치게 낙관적', '처음 메모');
    const library = await openLibrary();
    const fullDisk = (on: boolean) =>
      browser.background.evaluate((value) => (globalThis as unknown as { __marginFullDisk(on: boolean): void }).__marginFullDisk(value), on);
    // DevTools' Storage.overrideQuotaForOrigin does not make Chromium refuse this origin's
    // IndexedDB writes (a 60k-character note went through at half the usage), so the e2e build
    // fails every write with the QuotaExceededError a full disk gives.
    await fullDisk(true);
    // A long note of varied Korean text (incompressible, and many search terms).
    let seedValue = 7;
    const long = Array.from({ length: 60_000 }, () => String.fromCharCode(0xac00 + ((seedValue = (seedValue * 48271) % 2147483647) % 11172))).join('');
    const field = await openCard(library, '처음 메모');
    await field.fill(long);
    await field.press('Tab');
    await expect.poll(() => library.getByTestId('toast').textContent(), { timeout: 15_000 }).toContain('저장 공간이 가득 차서 저장하지 못했어요');
    expect(await field.inputValue()).toBe(long);
    expect((await annotation(library, '세수 전망이'))?.note).toBe('처음 메모');

    // Room again: the next edit of the field saves what it holds.
    await fullDisk(false);
    await field.press('End');
    await field.type('!');
    await field.press('Tab');
    await expect.poll(async () => (await annotation(library, '세수 전망이'))?.note, { timeout: 15_000 }).toBe(`${long}!`);
    figures['full disk'] = '1 tried, message shown in Korean, 0 characters lost';
    await Promise.all([library.close(), popup.close(), page.close()]);
  });

  it('the popup shows an article before it is saved, and says so when the save then fails on a full disk', async () => {
    await browser.background.evaluate((value) => (globalThis as unknown as { __marginFullDisk(on: boolean): void }).__marginFullDisk(value), true);
    try {
      const { page, tabId } = await openTab(browser, `${origin}/live/popup-full-disk.html`);
      const popup = await openPopup(browser, tabId);
      await popup.getByTestId('article-body').waitFor();
      await expect.poll(() => popup.getByTestId('notice').textContent(), { timeout: 10_000 }).toContain('저장 공간이 가득 차서 이 기사를 저장하지 못했어요');
      figures['popup on a full disk'] = 'article shown, then told it was not saved';
      await Promise.all([popup.close(), page.close()]);
    } finally {
      await browser.background.evaluate((value) => (globalThis as unknown as { __marginFullDisk(on: boolean): void }).__marginFullDisk(value), false);
    }
  });

  it('closing the library tab right after typing loses nothing (10 tries, 0–450 ms after the last key)', async () => {
    const { page, popup } = await seed('close-tab', '담당 국장은 다음 달까지', '닫기 전 메모');
    let lost = 0;
    const tries = 10;
    for (let i = 0; i < tries; i++) {
      const library = await openLibrary();
      const field = await openCard(library, '담당 국장은');
      const note = `닫기 직전에 쓴 메모 ${i} — ${'가나다'.repeat(i + 1)}`;
      await field.fill(note);
      if (i % 5) await library.waitForTimeout(i * 50);
      await library.close();
      const saved = await expect
        .poll(async () => (await annotation(popup, '담당 국장은'))?.note, { timeout: 5000 })
        .toBe(note)
        .then(() => true)
        .catch(() => false);
      if (!saved) lost++;
    }
    figures['library tab closed after typing'] = `${tries} tried, ${lost} lost`;
    expect(lost).toBe(0);
    await Promise.all([popup.close(), page.close()]);
  });

  it('an open card follows another page’s edit, merges its own tag with it, and refuses to overwrite a note changed meanwhile', async () => {
    const { page, popup } = await seed('stale', '예산안은 찬성 28표', '원래 메모');
    const a = await openLibrary();
    const b = await openLibrary();
    const fieldA = await openCard(a, '원래 메모');

    // Another page (a second library tab) rewrites the note and adds a tag: the open card shows it, no reload.
    const fieldB = await openCard(b, '원래 메모');
    await fieldB.fill('다른 창에서 고친 메모');
    await fieldB.press('Tab');
    await b.getByTestId('tag-input').fill('다른창');
    await b.getByTestId('tag-input').press('Enter');
    await expect.poll(() => fieldA.inputValue()).toBe('다른 창에서 고친 메모');
    await expect.poll(() => a.locator('[data-testid="highlight-card"] .tag').allTextContents()).toEqual([expect.stringContaining('#다른창')]);

    // The card adds a tag of its own: merged, nothing of the other page's edit lost.
    await a.getByTestId('tag-input').fill('카드');
    await a.getByTestId('tag-input').press('Enter');
    await expect.poll(async () => (await annotation(a, '예산안은 찬성'))?.tags).toEqual(['다른창', '카드']);
    expect((await annotation(a, '예산안은 찬성'))?.note).toBe('다른 창에서 고친 메모');

    // Both type at once: whoever saves second against the old version is refused, told so, and
    // keeps their text. Which one is second is up to the machine: A's note is saved 400 ms after
    // its last key, which on a loaded machine can come before B's Tab (issue 22: this case failed
    // when it assumed B always saved first). Either way nothing is overwritten.
    const typed = new Map([
      [a, 'A가 쓰는 중인 메모'],
      [b, 'B가 먼저 저장한 메모'],
    ]);
    await fieldA.fill(typed.get(a)!);
    await fieldB.fill(typed.get(b)!);
    await fieldB.press('Tab');
    await fieldA.press('Tab');
    const refusal = '그사이 다른 창에서 메모가 바뀌어서 덮어쓰지 않았어요';
    const refused = async () => {
      for (const page of [a, b])
        if (
          (
            (await page
              .getByTestId('toast')
              .textContent({ timeout: 100 })
              .catch(() => '')) ?? ''
          ).includes(refusal)
        )
          return page;
      return null;
    };
    await expect.poll(refused, { timeout: 15_000 }).not.toBeNull();
    const loser = (await refused())!;
    const winner = loser === a ? b : a;
    const loserField = loser === a ? fieldA : fieldB;
    expect((await annotation(a, '예산안은 찬성'))?.note).toBe(typed.get(winner));
    expect(await loserField.inputValue()).toBe(typed.get(loser));
    // Editing again after the message replaces the other note deliberately.
    await loserField.type('.');
    await loserField.press('Tab');
    await expect.poll(async () => (await annotation(a, '예산안은 찬성'))?.note).toBe(`${typed.get(loser)}.`);
    figures['stale card'] = '3 edits from a stale card: 1 merged, 1 refused with a message, 0 overwrites';
    await Promise.all([a.close(), b.close(), popup.close(), page.close()]);
  });

  it('the popup’s open card, like the library’s, never overwrites a note changed in another page meanwhile', async () => {
    // A passage no other case here highlights: annotation() finds a highlight by its quote, on any page.
    const { page, popup } = await seed('popup-stale', '의회는 상반기 집행 실적을 점검하기로 했다', '팝업의 원래 메모');
    // The popup's card open on the highlight (Enter on its mark), the library's too.
    await popup.locator('mark.hl[data-hl-first]').first().focus();
    await popup.keyboard.press('Enter');
    const popupField = popup.getByTestId('note-input');
    await popupField.waitFor();
    const library = await openLibrary();
    const libraryField = await openCard(library, '팝업의 원래 메모');
    // Both type before either saves; whichever saves second (against the old version) is refused
    // and told. Which one that is, is up to the machine (each saves 400 ms after its last key,
    // and both on Tab): issue 22 saw the popup's autosave land before the library's fill.
    const typed = new Map<Page, string>([
      [library, '서재에서 먼저 저장한 메모'],
      [popup, '팝업에서 쓰는 중인 메모'],
    ]);
    await libraryField.fill(typed.get(library)!);
    await popupField.fill(typed.get(popup)!);
    await libraryField.press('Tab');
    await popupField.press('Tab');
    const refusal = '그사이 다른 창에서 메모가 바뀌어서 덮어쓰지 않았어요';
    const refused = async () => {
      for (const p of [popup, library])
        if (
          (
            (await p
              .getByTestId('toast')
              .textContent({ timeout: 100 })
              .catch(() => '')) ?? ''
          ).includes(refusal)
        )
          return p;
      return null;
    };
    await expect.poll(refused, { timeout: 15_000 }).not.toBeNull();
    const loser = (await refused())!;
    const winner = loser === popup ? library : popup;
    expect(await loser.getByTestId('note-input').inputValue()).toBe(typed.get(loser));
    expect((await annotation(library, '상반기 집행 실적을'))?.note).toBe(typed.get(winner));
    // "Show the other note" puts the stored note in the refused card.
    await loser.getByTestId('toast').getByRole('button').click();
    await expect.poll(() => loser.getByTestId('note-input').inputValue()).toBe(typed.get(winner));
    figures['stale popup card'] = '1 concurrent edit: refused with a message, 0 overwrites';
    await Promise.all([library.close(), popup.close(), page.close()]);
  });

  it('a note written for a highlight deleted elsewhere is kept in the field and restorable with the highlight', async () => {
    const { page, popup } = await seed('gone', '반대 7표로 통과됐다', '지워질 메모');
    const a = await openLibrary();
    const b = await openLibrary();
    const fieldA = await openCard(a, '지워질 메모');
    await openCard(b, '지워질 메모');
    await b.locator('[data-testid="highlight-card"] [data-action="delete"]').click();
    await expect.poll(() => annotation(a, '반대 7표')).toBeUndefined();
    await fieldA.fill('지워진 뒤에 쓴 메모');
    await fieldA.press('Tab');
    const toast = a.getByTestId('toast');
    await expect.poll(() => toast.textContent()).toContain('다른 창에서 지워져서');
    expect(await fieldA.inputValue()).toBe('지워진 뒤에 쓴 메모');
    await toast.getByRole('button', { name: '내 메모와 함께 되살리기' }).click();
    await expect.poll(async () => (await annotation(a, '반대 7표'))?.note).toBe('지워진 뒤에 쓴 메모');
    figures['highlight deleted elsewhere'] = '1 tried, note kept and restored with the highlight';
    await Promise.all([a.close(), b.close(), popup.close(), page.close()]);
  });

  it('a deleted article stays in the trash after the toast is gone and comes back with its notes', async () => {
    const { page, popup } = await seed('trash', '공청회를 한 차례 더', '휴지통 메모');
    const library = await openLibrary();
    const card = library.locator('[data-testid="article-card"]', { hasText: '휴지통 메모' });
    await card.locator('[data-action="delete-article"]').click();
    await expect.poll(() => library.getByTestId('toast').textContent()).toContain('휴지통으로 옮겼어요');
    await expect.poll(() => annotation(library, '공청회를')).toBeUndefined();
    await library.reload();
    await library.waitForSelector('html[data-library="ready"]');
    await library.locator('[data-testid="trash"] [data-menu-button]').click();
    await library.locator('[data-testid="trash-item"]', { hasText: '시의회, 내년 예산안 통과' }).first().locator('[data-action="restore-article"]').click();
    await expect.poll(async () => (await annotation(library, '공청회를'))?.note).toBe('휴지통 메모');
    await Promise.all([library.close(), popup.close(), page.close()]);
  });

  it('a hostile page that reads CSS.highlights and the DOM learns nothing of a highlight or a note', async () => {
    const { page, tabId } = await openTab(browser, `${origin}/attack/story.html`);
    const popup = await openPopup(browser, tabId);
    const quote = '합의햇다고 밝혔다';
    await highlight(popup, quote, 'pink', 'SECRET-NOTE 비밀 메모');
    await popup.close();
    // Drawn on the page (asked through the extension), then redrawn after a reload, with the script watching.
    await expect.poll(async () => (await drawnOnPage(browser, tabId)).byColor).toEqual({ pink: [quote] });
    await page.reload();
    const again = await openPopup(browser, tabId);
    await expect.poll(async () => (await drawnOnPage(browser, tabId)).byColor).toEqual({ pink: [quote] });
    await page.setViewportSize({ width: 500, height: 700 });
    await page.waitForTimeout(1200);
    const log = (await (await fetch(`${origin}/attacker/log`)).json()) as { kind: string; data: string }[];
    // The attacker was there and watching: it said hello and saw Margin add its (empty) overlay element.
    expect(log.some((b) => b.kind === 'hello')).toBe(true);
    expect(log.some((b) => b.kind === 'added' || b.kind === 'new-element')).toBe(true);
    const leaks = log.filter(
      (b) =>
        /합의햇다고|밝혔다|SECRET|비밀|margin|pink|rgb\(255 150 200/i.test(b.data) || ['css-highlight', 'mark', 'open-shadow', 'text-changed'].includes(b.kind),
    );
    figures['hostile page'] = `${log.length} beacons received, ${leaks.length} with anything of a highlight or note`;
    expect(leaks).toEqual([]);
    await Promise.all([again.close(), page.close()]);
  });
});
