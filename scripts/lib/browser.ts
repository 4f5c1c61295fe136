import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page, type Worker } from 'playwright-core';
import { findChrome } from './chrome';
import type { Drawn, TestRequest } from '../../utils/background/test-protocol';

export interface ExtensionBrowser {
  context: BrowserContext;
  extensionId: string;
  /** The extension's service worker (the background). */
  background: Worker;
  userDataDir: string;
  close(): Promise<void>;
}

export interface LaunchOptions {
  extensionDir: string;
  headless?: boolean;
  /** Browser UI language, which picks the extension's _locales. */
  locale?: string;
  /** Reuse a profile (e.g. to restart the browser); a fresh temporary one otherwise. */
  userDataDir?: string;
  colorScheme?: 'light' | 'dark';
}

// As root in a container Chromium needs --no-sandbox; the network flags keep it from
// calling Google's services, which this machine's closed network refuses.
const QUIET_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--no-default-browser-check',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-features=Translate,MediaRouter,OptimizationHints',
];

/** Chromium with Margin loaded as an unpacked extension. */
export async function launchWithExtension(options: LaunchOptions): Promise<ExtensionBrowser> {
  const userDataDir = options.userDataDir ?? mkdtempSync(join(tmpdir(), 'margin-profile-'));
  const locale = options.locale ?? 'en';
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: findChrome(),
    headless: options.headless ?? true,
    locale,
    colorScheme: options.colorScheme ?? 'light',
    viewport: { width: 1100, height: 800 },
    acceptDownloads: true,
    env: { ...process.env, LANGUAGE: locale, LANG: `${locale}.UTF-8` },
    ignoreDefaultArgs: ['--disable-extensions'],
    args: [...QUIET_FLAGS, `--lang=${locale}`, `--disable-extensions-except=${options.extensionDir}`, `--load-extension=${options.extensionDir}`],
  });
  const background = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 20_000 }));
  const extensionId = new URL(background.url()).host;
  return {
    context,
    extensionId,
    background,
    userDataDir,
    async close() {
      await context.close();
      if (!options.userDataDir) rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/** The id of the tab showing `page`, as the extension sees it. */
export async function tabIdOf(browser: ExtensionBrowser, page: Page): Promise<number> {
  const url = page.url();
  const id = await browser.background.evaluate(async (target) => {
    const tabs = await chrome.tabs.query({});
    return tabs.find((tab) => tab.url === target)?.id ?? null;
  }, url);
  if (id === null) throw new Error(`No tab found for ${url}`);
  return id;
}

/**
 * Open Margin's popup for a tab the way the toolbar button does, but as a page of its
 * own (?tabId=N), sized like the real popup. Resolves once the popup has an outcome.
 */
export async function openPopup(browser: ExtensionBrowser, tabId: number): Promise<Page> {
  const popup = await browser.context.newPage();
  await popup.setViewportSize({ width: 560, height: 600 });
  await popup.goto(`chrome-extension://${browser.extensionId}/popup.html?tabId=${tabId}`);
  await popup.waitForSelector('main[data-phase="done"]', { timeout: 45_000 });
  return popup;
}

/** Every record of a store of Margin's database, read with plain IndexedDB from an extension page. */
export async function readStore<T = Record<string, unknown>>(extensionPage: Page, store: string): Promise<T[]> {
  return extensionPage.evaluate(
    (name) =>
      new Promise<T[]>((resolve, reject) => {
        const open = indexedDB.open('margin');
        open.onerror = () => reject(open.error ?? new Error(`indexedDB.open('margin') failed`));
        open.onsuccess = () => {
          const db = open.result;
          const request = db.transaction(name, 'readonly').objectStore(name).getAll();
          request.onsuccess = () => {
            resolve(request.result as T[]);
            db.close();
          };
          request.onerror = () => reject(request.error ?? new Error(`reading ${name} failed`));
        };
      }),
    store,
  );
}

/**
 * Open a page in a new tab through the extension (which knows the tab's id even where it
 * may not see its URL: chrome:// pages, pages that failed to load) and return it.
 */
export async function openTab(browser: ExtensionBrowser, url: string): Promise<{ page: Page; tabId: number }> {
  const opened = browser.context.waitForEvent('page');
  const tabId = await browser.background.evaluate(async (target) => (await chrome.tabs.create({ url: target, active: true })).id!, url);
  const page = await opened;
  // Wait until the tab has finished loading (or failed to). Kept free of inner named
  // functions: the test runner's transform would wrap them in helpers the worker lacks.
  await browser.background.evaluate(async (id) => {
    for (let i = 0; i < 300; i++) {
      if ((await chrome.tabs.get(id)).status === 'complete') return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }, tabId);
  return { page, tabId };
}

/** The outcome the popup shows: its status and, for problems, the message. */
export async function popupOutcome(popup: Page): Promise<{ status: string | null; message: string }> {
  const status = await popup.locator('main').getAttribute('data-status');
  const panel = popup.getByTestId('status');
  const message = (await panel.count()) ? ((await panel.textContent()) ?? '') : '';
  return { status, message };
}

/**
 * Open Margin's side panel page for a tab as a page of its own (?tabId=N), sized like a
 * side panel, in the tab's window (so it follows that window's active tab). Resolves once
 * the panel has an outcome.
 */
export async function openPanel(browser: ExtensionBrowser, tabId: number, size = { width: 400, height: 800 }): Promise<Page> {
  const panel = await browser.context.newPage();
  await panel.setViewportSize(size);
  await panel.goto(`chrome-extension://${browser.extensionId}/sidepanel.html?tabId=${tabId}`);
  await panel.waitForSelector('main[data-phase="done"]', { timeout: 45_000 });
  return panel;
}

/**
 * What Margin drew on a tab's live page: the text under each colour, the overlay's boxes and
 * its last layout time. Asked through the e2e build's test messages (the page's highlighter
 * answers; utils/background/test-protocol.ts): the page itself can read none of it.
 */
export async function drawnOnPage(browser: ExtensionBrowser, tabId: number): Promise<Drawn> {
  const request: TestRequest<'drawn'> = { marginTest: 'drawn', tabId };
  return browser.background.evaluate((message) => (globalThis as unknown as { __marginTest(m: unknown): Promise<Drawn> }).__marginTest(message), request);
}
