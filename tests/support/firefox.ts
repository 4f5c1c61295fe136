import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import type { TestAnswer, TestKind, TestRequest } from '../../utils/background/test-protocol';
import type { ExtensionDriver } from './driver';

/**
 * Debian's Firefox ESR with Margin installed, driven by puppeteer-core over WebDriver BiDi
 * (Playwright drives only its own patched Firefox, which cannot be downloaded here; Debian has
 * no geckodriver). How it is done, each found by trying:
 * - the add-on is installed as a temporary one (`browser.installExtension`); its
 *   moz-extension:// address is fixed beforehand by the pref `extensions.webextensions.uuids`,
 *   so the addresses of its pages are known, and kept with its storage across an uninstall
 *   (a temporary add-on is removed when Firefox quits), so a restart on the same profile finds
 *   the reader's data;
 * - BiDi navigates to a moz-extension:// page only when Firefox runs with
 *   `--remote-allow-system-access`, and never reports such a page as loaded: it navigates
 *   without waiting and polls `document.readyState`;
 * - the same flag gives the browser window's own (chrome) realm, where the test clicks the
 *   real toolbar button, the real context-menu item, and presses the real shortcut;
 * - Margin's background is an event page (MV2), reached from an extension tab of the test's
 *   own (`browser.extension.getBackgroundPage()`), which also sees the toolbar popup and the
 *   sidebar (`browser.extension.getViews`).
 */

export const FIREFOX_ADDON_ID = 'margin@margin-reader.app';
/** The add-on's moz-extension:// host in every test profile. */
export const FIREFOX_UUID = '6d617267-696e-4e2e-8031-323334353637';
/** What the browser window calls Margin's toolbar button and context-menu item. */
const WIDGET_ID = 'margin_margin-reader_app-browser-action';
const MENU_ITEM_ID = 'margin_margin-reader_app-menuitem-_margin-highlight';

export function findFirefox(): string {
  const candidates = [process.env.FIREFOX_PATH, '/usr/bin/firefox-esr', '/usr/bin/firefox'].filter((p): p is string => !!p);
  const found = candidates.find((p) => existsSync(p));
  if (!found) throw new Error("No Firefox found: install Debian's firefox-esr (apt-get install firefox-esr) or set FIREFOX_PATH");
  return found;
}

export interface FirefoxLaunchOptions {
  extensionDir: string;
  /** The browser's UI language, which picks the add-on's _locales (Korean needs firefox-esr-l10n-ko). */
  locale?: 'en' | 'ko';
  /** Reuse a profile (a restart); a fresh temporary one otherwise. */
  userDataDir?: string;
  colorScheme?: 'light' | 'dark';
  /** Where downloads land, without asking (the library's exports). */
  downloadsDir?: string;
}

interface BidiConnection {
  send(method: string, params: object): Promise<{ result: Record<string, unknown> }>;
}

interface ChromeContext {
  context: string;
  url: string;
  children?: ChromeContext[];
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Poll `check` until it answers something other than undefined/false (conditions, not sleeps). */
export async function until<T>(what: string, check: () => Promise<T | undefined | false>, timeoutMs = 30_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined && value !== false) return value;
      last = undefined;
    } catch (error) {
      last = error;
    }
    if (Date.now() > end) throw new Error(`Timed out waiting for ${what}${last ? ` (${last instanceof Error ? last.message : JSON.stringify(last)})` : ''}`);
    await sleep(100);
  }
}

export class FirefoxDriver implements ExtensionDriver<Page> {
  readonly name = 'firefox';
  private constructor(
    readonly browser: Browser,
    readonly userDataDir: string,
    private readonly ownProfile: boolean,
    /** An extension tab of the test's own: the way into the add-on's APIs and background. */
    private readonly control: Page,
  ) {}

  static async launch(options: FirefoxLaunchOptions): Promise<FirefoxDriver> {
    const userDataDir = options.userDataDir ?? mkdtempSync(join(tmpdir(), 'margin-firefox-'));
    const locale = options.locale ?? 'en';
    const browser = await puppeteer.launch({
      browser: 'firefox',
      executablePath: findFirefox(),
      headless: true,
      userDataDir,
      args: ['--remote-allow-system-access', '--width=1280', '--height=800'],
      env: { ...process.env, LANG: locale === 'ko' ? 'ko_KR.UTF-8' : 'en_US.UTF-8', LANGUAGE: locale },
      extraPrefsFirefox: {
        'extensions.webextensions.uuids': JSON.stringify({ [FIREFOX_ADDON_ID]: FIREFOX_UUID }),
        // A temporary add-on is uninstalled when Firefox quits: keep its data for the restart.
        'extensions.webextensions.keepStorageOnUninstall': true,
        'extensions.webextensions.keepUuidOnUninstall': true,
        'intl.locale.requested': locale === 'ko' ? 'ko' : 'en-US',
        'intl.accept_languages': locale === 'ko' ? 'ko-KR, ko' : 'en-US, en',
        // 0: dark, 1: light (pages, extension pages included).
        'layout.css.prefers-color-scheme.content-override': options.colorScheme === 'dark' ? 0 : 1,
        'browser.aboutConfig.showWarning': false,
        ...(options.downloadsDir
          ? {
              'browser.download.dir': options.downloadsDir,
              'browser.download.folderList': 2,
              'browser.download.useDownloadDir': true,
              'browser.download.always_ask_before_handling_new_types': false,
              'browser.download.start_downloads_in_tmp_dir': false,
            }
          : {}),
        'browser.shell.checkDefaultBrowser': false,
      },
    });
    try {
      await browser.installExtension(options.extensionDir);
      const control = await browser.newPage();
      await gotoExtension(browser, control, `moz-extension://${FIREFOX_UUID}/popup.html?tabId=-1`);
      return new FirefoxDriver(browser, userDataDir, !options.userDataDir, control);
    } catch (error) {
      await browser.close();
      throw error;
    }
  }

  private get bidi(): BidiConnection {
    return (this.browser as unknown as { connection: BidiConnection }).connection;
  }

  extensionUrl(path: string): string {
    return `moz-extension://${FIREFOX_UUID}/${path}`;
  }

  /**
   * Run `fn(arg)` in the control tab, where `browser.*` is the add-on's API. `fn` is sent as
   * its source (no closures, no inner named functions: the test runner's transform would wrap
   * them in helpers the page lacks) and should answer plain data.
   */
  inExtension<A, R>(fn: (arg: A) => R | Promise<R>, arg: A): Promise<R> {
    return this.control.evaluate(fn as (arg: unknown) => Promise<R>, arg);
  }

  async openTab(url: string): Promise<{ page: Page; tabId: number }> {
    const page = await this.browser.newPage();
    if (/^https?:/.test(url)) await page.goto(url, { waitUntil: 'load' });
    else {
      // Browser pages (about:…) are never reported loaded either: ask the tab.
      await this.bidi.send('browsingContext.navigate', { context: (page.mainFrame() as unknown as { _id: string })._id, url, wait: 'none' });
    }
    const tabId = await this.activeTabId();
    await until(`${url} to load`, () =>
      this.inExtension(async (id) => (await (globalThis as unknown as { browser: typeof chrome }).browser.tabs.get(id)).status === 'complete', tabId),
    );
    return { page, tabId };
  }

  /** The id of the active tab of the test window. */
  activeTabId(): Promise<number> {
    return this.inExtension(async () => {
      const api = (globalThis as unknown as { browser: typeof chrome }).browser;
      const own = await api.tabs.getCurrent();
      const [tab] = await api.tabs.query({ active: true, windowId: own!.windowId });
      return tab!.id!;
    }, null);
  }

  async activateTab(tabId: number): Promise<void> {
    await this.inExtension(async (id) => {
      await (globalThis as unknown as { browser: typeof chrome }).browser.tabs.update(id, { active: true });
    }, tabId);
  }

  async openPopup(tabId: number): Promise<Page> {
    const popup = await this.openExtensionPage(`popup.html?tabId=${tabId}`, { width: 560, height: 600 });
    await popup.waitForSelector('main[data-phase="done"]', { timeout: 45_000 });
    return popup;
  }

  async openPanel(tabId: number): Promise<Page> {
    const panel = await this.openExtensionPage(`sidepanel.html?tabId=${tabId}`, { width: 400, height: 800 });
    await panel.waitForSelector('main[data-phase="done"]', { timeout: 45_000 });
    return panel;
  }

  async openExtensionPage(path: string, viewport = { width: 1100, height: 800 }): Promise<Page> {
    const page = await this.browser.newPage();
    await page.setViewport(viewport);
    await gotoExtension(this.browser, page, this.extensionUrl(path));
    return page;
  }

  async test<K extends TestKind>(request: TestRequest<K>): Promise<TestAnswer<K>> {
    return this.inExtension(async (message) => {
      const api = (globalThis as unknown as { browser: { extension: { getBackgroundPage(): Promise<Window> | Window } } }).browser;
      const background = (await api.extension.getBackgroundPage()) as unknown as { __marginTest(m: unknown): Promise<unknown> };
      return JSON.parse(JSON.stringify((await background.__marginTest(message)) ?? null)) as unknown;
    }, request as TestRequest) as Promise<TestAnswer<K>>;
  }

  readStore<T = Record<string, unknown>>(store: string): Promise<T[]> {
    return this.inExtension(
      (name) =>
        new Promise<T[]>((resolve, reject) => {
          const open = indexedDB.open('margin');
          open.onerror = () => reject(open.error ?? new Error('indexedDB.open failed'));
          open.onsuccess = () => {
            const request = open.result.transaction(name, 'readonly').objectStore(name).getAll();
            request.onsuccess = () => {
              resolve(request.result as T[]);
              open.result.close();
            };
            request.onerror = () => reject(request.error ?? new Error(`reading ${name} failed`));
          };
        }),
      store,
    );
  }

  /**
   * What an extension view shows (the toolbar popup, the sidebar): its `main` element's
   * status and text, read from the control tab (same add-on, same process). Null while none is open.
   */
  view(type: 'popup' | 'sidebar'): Promise<{ status: string | null; tab: string | null; text: string; title: string | null } | null> {
    return this.inExtension((kind) => {
      const api = (globalThis as unknown as { browser: { extension: { getViews(o: { type: string }): Window[] } } }).browser;
      const [view] = api.extension.getViews({ type: kind });
      const main = view?.document.querySelector('main');
      if (!view || !main) return null;
      return {
        status: main.getAttribute('data-status'),
        tab: main.getAttribute('data-tab'),
        text: (main.textContent ?? '').replace(/\s+/g, ' ').trim(),
        title: view.document.querySelector('[data-testid="title"]')?.textContent ?? null,
      };
    }, type);
  }

  /** What an extension tab whose address contains `part` shows (a saved copy the library opened), like view(). */
  tabView(part: string): Promise<{ status: string | null; title: string | null; marks: number } | null> {
    return this.inExtension((wanted) => {
      const api = (globalThis as unknown as { browser: { extension: { getViews(o: { type: string }): Window[] } } }).browser;
      const view = api.extension.getViews({ type: 'tab' }).find((w) => w.location.href.includes(wanted));
      const main = view?.document.querySelector('main');
      if (!view || !main) return null;
      return {
        status: main.getAttribute('data-status'),
        title: view.document.querySelector('[data-testid="title"]')?.textContent ?? null,
        marks: view.document.querySelectorAll('mark.hl').length,
      };
    }, part);
  }

  /** Close the toolbar popup if it is open (a reader's click elsewhere). */
  async closePopup(): Promise<void> {
    await this.inExtension(() => {
      const api = (globalThis as unknown as { browser: { extension: { getViews(o: { type: string }): Window[] } } }).browser;
      for (const view of api.extension.getViews({ type: 'popup' })) view.close();
      return null;
    }, null);
    await until('the popup to close', async () => (await this.view('popup')) === null);
  }

  /**
   * Press Margin's real shortcut, Alt+Shift+U, in the browser window: trusted key events from
   * Gecko's TextInputProcessor, as Firefox's own tests type (BiDi's key actions reach the
   * page only, never the browser's shortcuts).
   */
  async pressShortcut(): Promise<void> {
    await this.inWindow(`(() => {
      window.focus();
      const tip = Cc['@mozilla.org/text-input-processor;1'].createInstance(Ci.nsITextInputProcessor);
      if (!tip.beginInputTransactionForTests(window)) throw new Error('no input transaction');
      const key = (key, code, keyCode) => new KeyboardEvent('', { key, code, keyCode });
      const alt = key('Alt', 'AltLeft', KeyEvent.DOM_VK_ALT);
      const shift = key('Shift', 'ShiftLeft', KeyEvent.DOM_VK_SHIFT);
      const u = key('U', 'KeyU', KeyEvent.DOM_VK_U);
      tip.keydown(alt);
      tip.keydown(shift);
      tip.keydown(u);
      tip.keyup(u);
      tip.keyup(shift);
      tip.keyup(alt);
      return true;
    })()`);
  }

  /** Evaluate an expression in the browser window's own (chrome) realm. */
  async inWindow<T = unknown>(expression: string): Promise<T> {
    const tree = await this.bidi.send('browsingContext.getTree', { 'moz:scope': 'chrome' });
    const windows = tree.result.contexts as ChromeContext[];
    const win = windows.find((c) => c.url === 'chrome://browser/content/browser.xhtml');
    if (!win) throw new Error('No browser window');
    const answer = (await this.bidi.send('script.evaluate', {
      expression: `(async () => JSON.stringify(await (${expression})))()`,
      target: { context: win.context },
      awaitPromise: true,
      resultOwnership: 'none',
    })) as unknown as { result: { type: string; result?: { value?: string }; exceptionDetails?: { text: string } } };
    const result = answer.result;
    if (result.type === 'exception') throw new Error(`In the browser window: ${result.exceptionDetails?.text ?? 'exception'}`);
    const value = result.result?.value;
    return (value === undefined ? undefined : JSON.parse(value)) as T;
  }

  /** Switch the pages' colour scheme (extension pages included) while the browser runs. */
  async setColorScheme(scheme: 'light' | 'dark'): Promise<void> {
    await this.inWindow(`(Services.prefs.setIntPref('layout.css.prefers-color-scheme.content-override', ${scheme === 'dark' ? 0 : 1}), true)`);
  }

  /** Click Margin's real toolbar button (pinned to the toolbar first, as a reader does). */
  async clickToolbarButton(): Promise<void> {
    await this.inWindow(`(() => {
      CustomizableUI.addWidgetToArea('${WIDGET_ID}', CustomizableUI.AREA_NAVBAR);
      const item = document.getElementById('${WIDGET_ID}');
      (item.querySelector('.unified-extensions-item-action-button') ?? item).click();
      return true;
    })()`);
  }

  /** Whether Firefox shows Margin's sidebar in the test window. */
  sidebarOpen(): Promise<boolean> {
    return this.inWindow<boolean>(`SidebarController.isOpen && SidebarController.currentID === 'margin_margin-reader_app-sidebar-action'`);
  }

  /**
   * Right-click `selector` on a page with the real mouse (BiDi input), then choose Margin's
   * item in the browser's real context menu.
   */
  async contextMenuItem(page: Page, selector: string): Promise<void> {
    await this.inWindow(
      `(() => { window.__marginMenuShown = false; document.getElementById('contentAreaContextMenu').addEventListener('popupshown', () => (window.__marginMenuShown = true), { once: true }); return true; })()`,
    );
    await page.click(selector, { button: 'right' });
    await until('the context menu', () => this.inWindow<boolean>(`!!window.__marginMenuShown && !!document.getElementById('${MENU_ITEM_ID}')`));
    await this.inWindow(`(() => {
      const menu = document.getElementById('contentAreaContextMenu');
      const item = document.getElementById('${MENU_ITEM_ID}');
      menu.activateItem(item);
      return true;
    })()`);
  }

  /** Closes the browser; a second call does nothing. */
  async close(): Promise<void> {
    if (this.browser.connected) await this.browser.close();
    if (this.ownProfile) rmSync(this.userDataDir, { recursive: true, force: true });
  }
}

/**
 * Navigate a page to an extension address: BiDi refuses moz-extension:// without
 * --remote-allow-system-access and never reports it loaded, so navigate without waiting and
 * poll the document.
 */
export async function gotoExtension(browser: Browser, page: Page, url: string): Promise<void> {
  const bidi = (browser as unknown as { connection: BidiConnection }).connection;
  const context = (page.mainFrame() as unknown as { _id: string })._id;
  await bidi.send('browsingContext.navigate', { context, url, wait: 'none' });
  await until(`${url} to load`, () => page.evaluate((wanted) => location.href === wanted && document.readyState === 'complete', url));
}
