import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { ArticleRecord } from '../../utils/article';
import { launchWithExtension, openPopup, openTab, popupOutcome, readStore, type ExtensionBrowser } from '../support/browser';

const origin = inject('origin');
let browser: ExtensionBrowser;

beforeAll(async () => {
  browser = await launchWithExtension({ extensionDir: inject('extensionDir'), locale: 'en' });
});
afterAll(() => browser?.close());

async function statusOf(url: string) {
  const { page, tabId } = await openTab(browser, url);
  const popup = await openPopup(browser, tabId);
  return { ...(await popupOutcome(popup)), popup, page };
}

describe('pages without an article get a clear message, never a blank popup', () => {
  it('a search results page: "No article on this page", with a way to try again', async () => {
    const { status, message, popup, page } = await statusOf(`${origin}/pages/search.html`);
    expect(status).toBe('no-article');
    expect(message).toContain('No article on this page');
    expect(await popup.getByRole('button', { name: 'Try again' }).isVisible()).toBe(true);
    // Nothing is saved for a page that is not an article.
    expect((await readStore<ArticleRecord>(popup, 'articles')).some((r) => r.url.includes('search.html'))).toBe(false);
    await page.close();
    await popup.close();
  });

  it('a blank page: the same clear message', async () => {
    const { status, message, popup, page } = await statusOf(`${origin}/pages/blank.html`);
    expect(status).toBe('no-article');
    expect(message).toContain('No article on this page');
    await page.close();
    await popup.close();
  });

  it('a browser page (chrome://): Margin explains it may not read it', async () => {
    const { status, message, popup, page } = await statusOf('chrome://version/');
    expect(status).toBe('restricted');
    expect(message).toContain("Margin can't read this page");
    await page.close();
    await popup.close();
  });

  it('a page that failed to load: says so, offers to try again, shows the technical detail on request', async () => {
    const { status, message, popup, page } = await statusOf('http://127.0.0.1:9/unreachable');
    expect(status).toBe('failed');
    expect(message).toContain("Couldn't read this page");
    expect(await popup.getByRole('button', { name: 'Try again' }).isVisible()).toBe(true);
    expect(await popup.locator('details code').textContent()).not.toBe('');
    await page.close();
    await popup.close();
  });

  it('a tab closed before the popup asked for it: says the tab was closed', async () => {
    const { page, tabId } = await openTab(browser, `${origin}/fixtures/news/ko-culture-biff/source.html`);
    await page.close();
    const popup = await openPopup(browser, tabId);
    expect(await popup.locator('main').getAttribute('data-status')).toBe('tab-closed');
    expect(await popup.getByTestId('status').textContent()).toContain('The tab was closed');
    await popup.close();
  });
});

describe('a very large page', () => {
  it('comes out whole: the popup shows the article through to its last paragraph', async () => {
    const started = Date.now();
    const { status, popup, page } = await statusOf(`${origin}/generated/large.html`);
    expect(status).toBe('ok');
    expect(Date.now() - started).toBeLessThan(30_000);
    const text = (await popup.getByTestId('article-body').textContent()) ?? '';
    expect(text).toContain('1번째 문단.');
    expect(text).toContain('600번째 문단.');
    expect(text).toContain('마지막 문단입니다.');
    expect(text).not.toContain('좋은 기사 감사합니다');
    expect(text).not.toContain('섹션 2999');
    await page.close();
    await popup.close();
  });
});
