import type { Page } from 'playwright-core';
import type { TestAnswer, TestKind, TestRequest } from '../../utils/background/test-protocol';
import { launchWithExtension, openPanel, openPopup, openTab, readStore, type ExtensionBrowser, type LaunchOptions } from './browser';

/**
 * One browser with Margin loaded, as an end-to-end test drives it, whichever browser it is.
 * Everything that must reach into the extension goes through here: Chromium reaches its
 * service worker, Firefox its event page (from an extension tab of its own); a test asks the
 * e2e build's background with the typed messages of utils/background/test-protocol.ts.
 * `P` is the browser's page handle (playwright-core's Page for Chromium, puppeteer-core's for
 * Firefox): pages keep their own library's API, which tests use as a reader would.
 */
export interface ExtensionDriver<P> {
  readonly name: 'chromium' | 'firefox';
  /** The profile folder (reused to restart the browser on the same data). */
  readonly userDataDir: string;
  /** An extension page's address (`popup.html?tabId=1`). */
  extensionUrl(path: string): string;
  /** Open a page in a new active tab of the test window; resolves once it has loaded. */
  openTab(url: string): Promise<{ page: P; tabId: number }>;
  /** Make a tab the active one of its window (what the side panel follows). */
  activateTab(tabId: number): Promise<void>;
  /** The popup for a tab, as a page of its own (`popup.html?tabId=N`), once it has an outcome. */
  openPopup(tabId: number): Promise<P>;
  /** The side panel for a tab, as a page of its own (`sidepanel.html?tabId=N`), once it has an outcome. */
  openPanel(tabId: number): Promise<P>;
  /** Any other extension page (`library.html`), once its document has loaded. */
  openExtensionPage(path: string): Promise<P>;
  /** Ask the e2e build's background (utils/background/test-protocol.ts). */
  test<K extends TestKind>(request: TestRequest<K>): Promise<TestAnswer<K>>;
  /** Every record of a store of Margin's database. */
  readStore<T = Record<string, unknown>>(store: string): Promise<T[]>;
  close(): Promise<void>;
}

/** Chromium through playwright-core, over tests/support/browser.ts (which the older tests use directly). */
export class ChromiumDriver implements ExtensionDriver<Page> {
  readonly name = 'chromium';
  private constructor(readonly browser: ExtensionBrowser) {}

  static async launch(options: LaunchOptions): Promise<ChromiumDriver> {
    return new ChromiumDriver(await launchWithExtension(options));
  }

  get userDataDir(): string {
    return this.browser.userDataDir;
  }

  extensionUrl(path: string): string {
    return `chrome-extension://${this.browser.extensionId}/${path}`;
  }

  openTab(url: string) {
    return openTab(this.browser, url);
  }

  async activateTab(tabId: number): Promise<void> {
    await this.browser.background.evaluate((id) => chrome.tabs.update(id, { active: true }), tabId);
  }

  openPopup(tabId: number) {
    return openPopup(this.browser, tabId);
  }

  openPanel(tabId: number) {
    return openPanel(this.browser, tabId);
  }

  async openExtensionPage(path: string): Promise<Page> {
    const page = await this.browser.context.newPage();
    await page.goto(this.extensionUrl(path));
    return page;
  }

  test<K extends TestKind>(request: TestRequest<K>): Promise<TestAnswer<K>> {
    return this.browser.background.evaluate(
      (message) => (globalThis as unknown as { __marginTest(m: unknown): Promise<unknown> }).__marginTest(message),
      request as TestRequest,
    ) as Promise<TestAnswer<K>>;
  }

  async readStore<T = Record<string, unknown>>(store: string): Promise<T[]> {
    const page = await this.openExtensionPage('popup.html?tabId=-1');
    try {
      return await readStore<T>(page, store);
    } finally {
      await page.close();
    }
  }

  close(): Promise<void> {
    return this.browser.close();
  }
}
