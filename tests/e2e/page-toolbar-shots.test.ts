import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { launchWithExtension, openPopup, openTab, type ExtensionBrowser } from '../support/browser';
import { ARTIFACTS } from '../support/paths';

/*
 * The on-page toolbar as a reader sees it (issue 22, item 7): a Korean page in a Korean
 * browser and an English page in an English one, light and dark, 360 px and wide, with the
 * note field open. Each shot is also a check: the toolbar is inside the window, beside the
 * selection and not over it, and in the browser's language. Screenshots in
 * artifacts/page-toolbar/.
 */

const origin = inject('origin');
const extensionDir = inject('extensionDir');
const SHOTS = join(ARTIFACTS, 'page-toolbar');
let browser: ExtensionBrowser | undefined;

afterEach(async () => {
  await browser?.close();
  browser = undefined;
});

const isToolbar = (f: Frame) => f.url().startsWith('chrome-extension://') && f.url().includes('/page-toolbar.html');

async function toolbar(page: Page): Promise<Frame> {
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

/** Select the passage, end the drag there, open the note field and type; answers the selection's lines and the frame's box once it has settled. */
async function openWithNote(page: Page, quote: string, note: string, compactShot?: string) {
  const lines = await page.evaluate((wanted) => {
    const p = Array.from(document.querySelectorAll('p')).find((x) => x.textContent.includes(wanted))!;
    p.scrollIntoView({ block: 'center' });
    const node = p.firstChild as Text;
    const at = node.data.indexOf(wanted);
    const range = document.createRange();
    range.setStart(node, at);
    range.setEnd(node, at + wanted.length);
    getSelection()!.removeAllRanges();
    getSelection()!.addRange(range);
    const rects = Array.from(range.getClientRects(), (r) => ({ left: r.left, top: r.top, right: r.right, bottom: r.bottom }));
    const last = rects[rects.length - 1]!;
    document.elementFromPoint(last.right - 2, (last.top + last.bottom) / 2)!.dispatchEvent(new MouseEvent('mouseup', { bubbles: true, button: 0 }));
    return rects;
  }, quote);
  const frame = await toolbar(page);
  if (compactShot) await page.screenshot({ path: compactShot });
  await frame.locator('[data-action="note"]').press('Enter');
  await frame.fill('[data-testid="page-note-input"]', note);
  // The frame takes the toolbar's height once the field is open.
  const element = await frame.frameElement();
  await expect.poll(async () => ((await element.boundingBox())?.height ?? 0) > 100, { timeout: 10_000 }).toBe(true);
  return { lines, box: (await element.boundingBox())!, frame };
}

const CASES = [
  {
    locale: 'ko',
    path: '/live/shots.html',
    quote: '담당 국장은 다음 달까지 세부 계획을',
    note: '다음 달 일정 확인',
    label: 'Margin: 이 페이지에서 하이라이트',
  },
  {
    locale: 'en',
    path: '/live/en-shots.html',
    quote: 'serving the islands twice an hour',
    note: 'Check the timetable',
    label: 'Margin: highlight on this page',
  },
] as const;

describe('the on-page toolbar, looked at', () => {
  for (const c of CASES)
    it(`${c.locale}: light and dark, 360 px and wide — inside the window, beside the selection, in the reader’s language`, async () => {
      mkdirSync(SHOTS, { recursive: true });
      browser = await launchWithExtension({ extensionDir, locale: c.locale });
      const { page, tabId } = await openTab(browser, `${origin}${c.path}`);
      const popup = await openPopup(browser, tabId);
      await popup.close();
      await page.bringToFront();
      for (const scheme of ['light', 'dark'] as const)
        for (const width of [360, 1100]) {
          await page.emulateMedia({ colorScheme: scheme });
          await page.setViewportSize({ width, height: 700 });
          const name = `${c.locale}-${scheme}-${width === 360 ? '360' : 'wide'}`;
          const { lines, box, frame } = await openWithNote(page, c.quote, c.note, join(SHOTS, `${name}-compact.png`));
          expect(await frame.getAttribute('[data-testid="page-toolbar"]', 'aria-label')).toBe(c.label);
          expect(box.x).toBeGreaterThanOrEqual(0);
          expect(box.x + box.width).toBeLessThanOrEqual(width);
          expect(box.y + box.height).toBeLessThanOrEqual(700);
          for (const line of lines) expect(box.y >= line.bottom - 0.5 || box.y + box.height <= line.top + 0.5, `over "${c.quote}" at ${width} px`).toBe(true);
          await page.screenshot({ path: join(SHOTS, `${name}.png`) });
          // Escape in the toolbar (as a DOM event in the frame: the frame is removed while a real key is still being delivered to it).
          await frame
            .locator('[data-testid="page-toolbar"]')
            .dispatchEvent('keydown', { key: 'Escape' })
            .catch((error: Error) => {
              if (!/detached/i.test(error.message)) throw error;
            });
          await expect.poll(() => page.frames().some(isToolbar)).toBe(false);
        }
    }, 240_000);
});
