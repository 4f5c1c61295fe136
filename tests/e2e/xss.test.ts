import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchWithExtension, openPopup, openTab, type ExtensionBrowser } from '../support/browser';

const origin = inject('origin');
let browser: ExtensionBrowser;

beforeAll(async () => {
  browser = await launchWithExtension({ extensionDir: inject('extensionDir') });
});
afterAll(() => browser?.close());

describe('a page full of XSS payloads, read through the real extension', () => {
  it('runs none of them in the extension, and keeps the article text', async () => {
    const { page, tabId } = await openTab(browser, `${origin}/pages/xss.html`);
    // The payloads are live: on the page itself (where they belong to the page) some run.
    expect((await page.evaluate(() => (window as unknown as { __xssRan?: string[] }).__xssRan ?? [])).length).toBeGreaterThan(0);
    const popup = await openPopup(browser, tabId);
    expect(await popup.locator('main').getAttribute('data-status')).toBe('ok');
    // Give anything that could fire (onerror, onload, autofocus, ontoggle…) time to.
    await popup.waitForTimeout(1000);
    const body = popup.getByTestId('article-body');
    await body.hover();
    const links = body.locator('a');
    for (let i = 0; i < (await links.count()); i++) await links.nth(i).hover();

    const ran = await popup.evaluate(() => (window as unknown as { __xssRan?: string[] }).__xssRan ?? []);
    expect(ran).toEqual([]);

    const active = await body.evaluate((root) => {
      const found: string[] = [];
      for (const el of Array.from(root.querySelectorAll('*'))) {
        if (/^(script|iframe|frame|object|embed|form|input|button|style|link|meta|base|svg|math|template|video|audio)$/i.test(el.localName))
          found.push(el.localName);
        for (const attr of Array.from(el.attributes)) {
          if (/^on/i.test(attr.name) || /^(style|srcdoc|id|name)$/i.test(attr.name)) found.push(`${el.localName}[${attr.name}]`);
          if (/^\s*(javascript|vbscript|data:text)/i.test(attr.value)) found.push(`${el.localName}[${attr.name}=${attr.value}]`);
        }
      }
      return found;
    });
    expect(active).toEqual([]);
    // The extension page was not clobbered or navigated away.
    expect(await popup.evaluate(() => typeof document.getElementById)).toBe('function');
    expect(popup.url()).toContain('popup.html');

    const text = (await body.textContent()) ?? '';
    expect(text).toContain('The harbour authority approved the new ferry timetable on Tuesday.');
    expect(text).toContain('Residents said the late-night service would change how they commute.');
    expect(text).toContain('Officials expect the first boats to sail before the summer festival.');
    await page.close();
    await popup.close();
  });
});
