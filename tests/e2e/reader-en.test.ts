import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchWithExtension, openPopup, openTab, type ExtensionBrowser } from '../support/browser';
import { ARTIFACTS } from '../support/paths';

const origin = inject('origin');
let browser: ExtensionBrowser;

beforeAll(async () => {
  browser = await launchWithExtension({ extensionDir: inject('extensionDir'), locale: 'en' });
});
afterAll(() => browser?.close());

describe('the reader on an English article (English UI)', () => {
  it('shows the article with English UI text and dates the English way', async () => {
    const { page, tabId } = await openTab(browser, `${origin}/pages/sample-en.html`);
    const popup = await openPopup(browser, tabId);
    expect(await popup.locator('main').getAttribute('data-status')).toBe('ok');
    expect(await popup.getByTestId('title').textContent()).toBe('Kestrel Grid to build $4.2 billion battery plant in Portugal');
    expect(await popup.getByTestId('byline').textContent()).toBe('Elena Marwick');
    expect(await popup.getByTestId('site-name').textContent()).toBe('The Northgate Courier');
    expect(await popup.getByTestId('published').textContent()).toMatch(/^Published March 11, 2026/);
    expect(await popup.getByRole('link', { name: /Original/ }).getAttribute('href')).toBe(`${origin}/pages/sample-en.html`);
    const body = popup.getByTestId('article-body');
    expect(await body.locator('h2').count()).toBeGreaterThanOrEqual(1);
    expect(await body.locator('figure img').count()).toBe(1);
    const text = (await body.textContent()) ?? '';
    expect(text).not.toMatch(/Most read|newsletter/i);
    // English keeps normal line breaking.
    expect(await body.evaluate((el) => getComputedStyle(el).wordBreak)).toBe('normal');
    mkdirSync(ARTIFACTS, { recursive: true });
    await popup.screenshot({ path: join(ARTIFACTS, 'popup-en.png') });
    await page.close();
    await popup.close();
  });

  it('shows the Korean sample in the English UI with Korean typography for the article', async () => {
    const { page, tabId } = await openTab(browser, `${origin}/pages/sample-ko.html`);
    const popup = await openPopup(browser, tabId);
    expect(await popup.getByTestId('site-name').textContent()).toBe('누리경제신문');
    expect(await popup.getByTestId('published').textContent()).toMatch(/^Published March 12, 2026/);
    expect(await popup.getByTestId('article-body').evaluate((el) => getComputedStyle(el).wordBreak)).toBe('keep-all');
    await page.close();
    await popup.close();
  });
});
