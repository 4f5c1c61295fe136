import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { HighlightRecord } from '../../utils/db/schema';
import { drawnOnPage, launchWithExtension, openPopup, openTab, readStore, type ExtensionBrowser } from '../support/browser';
import { ARTIFACTS } from '../support/paths';

/*
 * Issue 22, item 7: the reader's toolbar on the news page itself. After Margin is used on a
 * page, selecting text there shows the colours and a note field; the highlight and its note
 * are saved through the context menu's write path, drawn on the page, listed in the library,
 * and kept after a reload. A script of the page that watches the DOM and listens for events
 * (installed before the page's own scripts) finds nothing of the toolbar, of what is typed
 * into it, or of the colour chosen.
 */

const origin = inject('origin');
const extensionDir = inject('extensionDir');
let browser: ExtensionBrowser;
const SHOTS = join(ARTIFACTS, 'page-toolbar');

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  browser = await launchWithExtension({ extensionDir, locale: 'ko' });
});
afterAll(async () => {
  await browser?.close();
});

/** The page's own watcher: every event reaching its window (capture), every node added, every open shadow root and frame element it can find. */
function installWatcher() {
  const seen: { kind: string; data: string }[] = [];
  (window as unknown as { __watcher: typeof seen }).__watcher = seen;
  const describe = (t: EventTarget | null) =>
    t instanceof Element
      ? `${t.nodeName}:${t.outerHTML.slice(0, 400)}|${(t as HTMLElement).innerText ?? ''}`
      : t === window
        ? 'window'
        : t === document
          ? 'document'
          : (t?.constructor.name ?? 'null');
  const types = [
    'keydown',
    'keyup',
    'keypress',
    'beforeinput',
    'input',
    'change',
    'click',
    'mousedown',
    'mouseup',
    'pointerdown',
    'pointerup',
    'focusin',
    'focusout',
    'message',
    'submit',
  ];
  for (const type of types)
    window.addEventListener(
      type,
      (e) => {
        const ev = e as Event & { key?: string; data?: unknown };
        seen.push({
          kind: `event:${type}`,
          data: `${describe(e.target)} key=${ev.key ?? ''} data=${typeof ev.data === 'string' ? ev.data : JSON.stringify(ev.data ?? '')}`,
        });
      },
      true,
    );
  new MutationObserver((records) => {
    for (const r of records) for (const n of Array.from(r.addedNodes)) seen.push({ kind: 'added', data: describe(n) });
  }).observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
  setInterval(() => {
    for (const el of Array.from(document.querySelectorAll('*'))) {
      if (el.shadowRoot) seen.push({ kind: 'open-shadow', data: el.shadowRoot.innerHTML });
      if (el instanceof HTMLIFrameElement) seen.push({ kind: 'iframe', data: el.outerHTML });
    }
    // A frame the page can count, but not read: what it can get at is logged.
    for (let i = 0; i < window.length; i++) {
      try {
        seen.push({ kind: 'frame-read', data: window[i]!.document.body.innerText });
      } catch {
        seen.push({ kind: 'frame-unreadable', data: String(i) });
      }
    }
  }, 100);
}

/** Select `text` in the page's paragraphs and let go of the mouse there, as a reader's drag ends. */
async function selectOnPage(page: Page, text: string) {
  const point = await page.evaluate((wanted) => {
    const p = Array.from(document.querySelectorAll('p')).find((x) => x.textContent.includes(wanted))!;
    const node = p.firstChild as Text;
    const at = node.data.indexOf(wanted);
    const range = document.createRange();
    range.setStart(node, at);
    range.setEnd(node, at + wanted.length);
    getSelection()!.removeAllRanges();
    getSelection()!.addRange(range);
    const r = range.getBoundingClientRect();
    return { x: r.right - 2, y: r.top + r.height / 2, rect: { left: r.left, top: r.top, right: r.right, bottom: r.bottom } };
  }, text);
  // The mouse is released where the drag ended (no click: the selection stays).
  await page.evaluate(
    ({ x, y }) => document.elementFromPoint(x, y)!.dispatchEvent(new MouseEvent('mouseup', { bubbles: true, button: 0, clientX: x, clientY: y })),
    point,
  );
  return point.rect;
}

const isToolbar = (f: Frame) => f.url().startsWith('chrome-extension://') && f.url().includes('/page-toolbar.html');
const toolbarFrame = (page: Page): Frame | undefined => page.frames().find(isToolbar);

/** The toolbar's frame once its toolbar is drawn (the frame may be swapped into the extension's process after it is attached). */
async function waitForToolbar(page: Page): Promise<Frame> {
  let found: Frame | undefined;
  await expect
    .poll(
      async () => {
        for (const f of page.frames().filter(isToolbar)) if (await f.$('[data-testid="page-toolbar"]').catch(() => null)) return Boolean((found = f));
        return false;
      },
      { timeout: 15_000 },
    )
    .toBe(true);
  return found!;
}

/** Press a button of the toolbar with the keyboard (Enter): the frame may have moved since it was laid out (it grows with the note field), a key press has no point to miss. */
const press = (frame: Frame, selector: string) => frame.locator(selector).press('Enter');
/**
 * Click a button that closes the toolbar (save, delete) as a DOM click in the frame: a real
 * input event whose frame is removed before its last part is delivered can leave the driver
 * waiting for it.
 */
const activate = (frame: Frame, selector: string) =>
  frame
    .locator(selector)
    .dispatchEvent('click')
    // The click closed the toolbar before the driver heard back: what it did is checked next.
    .catch((error: Error) => {
      if (!/detached/i.test(error.message)) throw error;
    });

/** The frame's box on the page, as the browser laid it out (read through the frame element, from the extension's side). */
async function frameBox(frame: Frame) {
  const element = await frame.frameElement();
  return element.boundingBox();
}

const annotation = async (page: Page, url: string, quote: string) =>
  (await readStore<HighlightRecord>(page, 'annotations')).find((a) => a.url === url && a.quote === quote);

describe('the reader’s toolbar on the news page (issue 22, item 7)', () => {
  it('a selection on the page gets the colours and a note; both are saved, drawn, listed in the library and kept after a reload; the page sees none of it', async () => {
    const url = `${origin}/live/onpage.html`;
    const { page, tabId } = await openTab(browser, url);
    await page.addInitScript(installWatcher);
    await page.reload();
    // Margin used on this page (the toolbar button: the popup reads it and the highlighter is injected).
    const popup = await openPopup(browser, tabId);
    await popup.close();
    await page.bringToFront();

    const quote = '담당 국장은 다음 달까지';
    const note = '국장 발언 확인 필요 — 다음 달 일정';
    const selection = await selectOnPage(page, quote);
    const frame = await waitForToolbar(page);
    // Beside the selection, not over it, inside the window.
    const box = (await frameBox(frame))!;
    expect(box.y >= selection.bottom || box.y + box.height <= selection.top).toBe(true);
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(page.viewportSize()!.width);
    // In the reader's language (Korean profile).
    expect(await frame.getAttribute('[data-testid="page-toolbar"]', 'aria-label')).toBe('Margin: 이 페이지에서 하이라이트');

    await frame.click('[data-action="note"]');
    await press(frame, 'button[data-color="green"]');
    await frame.fill('[data-testid="page-note-input"]', note);
    await activate(frame, '[data-action="save"]');

    // Saved with its colour and note, anchored in the article's text, drawn on the page, toolbar gone.
    await expect.poll(async () => (await drawnOnPage(browser, tabId)).byColor, { timeout: 15_000 }).toEqual({ green: [quote] });
    await expect.poll(() => Boolean(toolbarFrame(page))).toBe(false);
    // What the page's own script saw while the reader selected, chose and typed (read before the reload resets it): no key, no text typed, no colour, no frame it can read, no element but the empty host.
    const seen = await page.evaluate(() => (window as unknown as { __watcher: { kind: string; data: string }[] }).__watcher);
    // Not the toolbar's: WXT's runtime content scripts announce themselves to older copies of
    // themselves with a window message when injected (before this change too); left as it is, see the README.
    const wxtStarted = (s: { kind: string; data: string }) => s.kind === 'event:message' && s.data.includes(':wxt:content-script-started');
    const leaks = seen
      .filter((s) => !wxtStarted(s))
      .filter(
        (s) =>
          /국장 발언|다음 달 일정|green|page-toolbar|chrome-extension|margin/i.test(s.data) ||
          ['open-shadow', 'iframe', 'frame-read'].includes(s.kind) ||
          /^event:(keydown|keyup|keypress|beforeinput|input|change|submit|message|click|mousedown|pointerdown|pointerup)$/.test(s.kind),
      );
    // What it could see: that frames exist (window.length) but not read them, and focus moving to Margin's empty host.
    console.log(`page toolbar, what the page's watcher saw: ${seen.length} records; kinds: ${[...new Set(seen.map((s) => s.kind))].join(', ')}`);
    expect(leaks).toEqual([]);
    // The page did watch: it saw its own selection's mouseup and Margin's empty host element.
    expect(seen.some((s) => s.kind === 'event:mouseup')).toBe(true);
    const library = await browser.context.newPage();
    await library.goto(`chrome-extension://${browser.extensionId}/library.html`);
    await library.waitForSelector('html[data-library="ready"]');
    const saved = await annotation(library, url, quote);
    expect(saved).toMatchObject({ color: 'green', note, url });
    await expect(library.locator('[data-testid="library-note"]', { hasText: note }).first().isVisible()).resolves.toBe(true);

    // After a reload, the reader's next use of Margin draws it again, and the note is there.
    await page.reload();
    const again = await openPopup(browser, tabId);
    await expect.poll(async () => (await drawnOnPage(browser, tabId)).byColor, { timeout: 15_000 }).toEqual({ green: [quote] });
    await again.waitForSelector('mark.hl.hl-green');
    expect((await again.locator('mark.hl.hl-green').allTextContents()).join('')).toBe(quote);
    await again.close();

    await Promise.all([library.close(), page.close()]);
  });

  it('a click on a drawn highlight offers its colour, note and delete; Escape closes; switched off in ⚙ it does not appear and the shortcut still highlights', async () => {
    const url = `${origin}/live/onpage-edit.html`;
    const { page, tabId } = await openTab(browser, url);
    const popup = await openPopup(browser, tabId);
    await page.bringToFront();
    const quote = '담당 국장은 다음 달까지';
    await selectOnPage(page, quote);
    let frame = await waitForToolbar(page);
    // Escape on the page closes it.
    await page.keyboard.press('Escape');
    await expect.poll(() => Boolean(toolbarFrame(page))).toBe(false);
    await selectOnPage(page, quote);
    frame = await waitForToolbar(page);
    await frame.click('button[data-color="blue"]');
    await expect.poll(async () => (await drawnOnPage(browser, tabId)).byColor, { timeout: 15_000 }).toEqual({ blue: [quote] });

    // A click on the highlight: edit mode, with its colour checked.
    const spot = await page.evaluate((wanted) => {
      getSelection()!.removeAllRanges();
      const p = Array.from(document.querySelectorAll('p')).find((x) => x.textContent.includes(wanted))!;
      const node = p.firstChild as Text;
      const range = document.createRange();
      range.setStart(node, node.data.indexOf(wanted) + 2);
      range.setEnd(node, node.data.indexOf(wanted) + 3);
      const r = range.getBoundingClientRect();
      return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
    }, quote);
    await page.mouse.click(spot.x, spot.y);
    frame = await waitForToolbar(page);
    await frame.waitForSelector('button[data-color="blue"][aria-checked="true"]');
    await frame.fill('[data-testid="page-note-input"]', '나중에 쓴 메모');
    await activate(frame, '[data-action="save"]');
    await expect.poll(async () => (await annotation(popup, url, quote))?.note).toBe('나중에 쓴 메모');
    await page.mouse.click(spot.x, spot.y);
    frame = await waitForToolbar(page);
    await press(frame, 'button[data-color="pink"]');
    await expect.poll(async () => (await drawnOnPage(browser, tabId)).byColor, { timeout: 15_000 }).toEqual({ pink: [quote] });
    await activate(frame, '[data-action="delete"]');
    await expect.poll(async () => (await drawnOnPage(browser, tabId)).byColor, { timeout: 15_000 }).toEqual({});
    expect(await annotation(popup, url, quote)).toBeUndefined();

    // Switched off (⚙ in the popup): no toolbar; the shortcut's command still highlights.
    await popup.bringToFront();
    await popup.getByTestId('settings-button').click();
    await popup.getByTestId('page-toolbar-setting').uncheck();
    await expect.poll(() => popup.getByTestId('page-toolbar-setting').isChecked()).toBe(false);
    await page.bringToFront();
    await selectOnPage(page, quote);
    await browser.background.evaluate(async (id) => {
      await (globalThis as unknown as { __marginCommand: (tabId: number) => Promise<unknown> }).__marginCommand(id);
    }, tabId);
    await expect.poll(async () => (await drawnOnPage(browser, tabId)).byColor, { timeout: 15_000 }).toEqual({ yellow: [quote] });
    expect(toolbarFrame(page)).toBeUndefined();
    await popup.getByTestId('page-toolbar-setting').check();
    await Promise.all([popup.close(), page.close()]);
  });
});
