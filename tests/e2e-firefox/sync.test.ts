import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { HighlightRecord } from '../../utils/db/schema';
import { startCouch, type CouchServer } from '../support/couch';
import { FirefoxDriver, until } from '../support/firefox';
import { selectInArticleScript } from '../support/select';

// Sync between two Firefox profiles through the CouchDB-protocol server the Chromium tests use
// (express-pouchdb over in-memory PouchDB on 127.0.0.1, HTTP Basic checked in front).
const origin = inject('firefoxOrigin');
const extensionDir = inject('firefoxExtensionDir');
const PASSWORD = 'correct horse';
let couch: CouchServer;
let a: FirefoxDriver;
let b: FirefoxDriver;

beforeAll(async () => {
  couch = await startCouch({ users: { reader: PASSWORD }, databases: ['margin'] });
  [a, b] = await Promise.all([FirefoxDriver.launch({ extensionDir, locale: 'ko' }), FirefoxDriver.launch({ extensionDir, locale: 'ko' })]);
});
afterAll(async () => {
  await Promise.all([a?.close(), b?.close()]);
  await couch?.close();
});

async function openLibrary(ff: FirefoxDriver): Promise<Page> {
  const library = await ff.openExtensionPage('library.html#sync');
  await library.waitForSelector('html[data-library="ready"]');
  return library;
}

/** Replace a field's text as a reader would: select all, type. */
async function fill(page: Page, selector: string, value: string) {
  await page.click(selector);
  await page.$eval(selector, (el) => (el as HTMLInputElement).select());
  await page.keyboard.press('Backspace');
  if (value) await page.type(selector, value);
}

/** The sync menu is a popover (issue 22): opened by its button unless it is open (#sync opens it). */
async function openSync(library: Page) {
  const button = '[data-testid="sync"] [data-menu-button]';
  if ((await library.$eval(button, (b) => b.getAttribute('aria-expanded'))) !== 'true') await library.click(button);
  await library.waitForSelector('[data-testid="sync"] [role="dialog"]');
}

async function configure(library: Page) {
  await openSync(library);
  await fill(library, '[data-sync-field="url"]', couch.url);
  await fill(library, '[data-sync-field="database"]', 'margin');
  await fill(library, '[data-sync-field="user"]', 'reader');
  await fill(library, '[data-sync-field="password"]', PASSWORD);
  await library.click('[data-action="sync-save"]');
  await library.waitForSelector('[data-action="sync-now"]', { timeout: 30_000 });
  await library.waitForSelector('[data-action="sync-save"]:not([disabled])', { timeout: 30_000 });
}

async function syncNow(library: Page) {
  await openSync(library);
  await library.click('[data-action="sync-now"]');
  await library.waitForSelector('[data-action="sync-now"]:not([disabled])', { timeout: 30_000 });
}

const note = async (ff: FirefoxDriver, quote: string) => (await ff.readStore<HighlightRecord>('annotations')).find((x) => x.quote.includes(quote))?.note;

describe('sync between two Firefox profiles', () => {
  it('a highlight with a note made on A reaches B with the article; B’s edit comes back to A', async () => {
    const { page, tabId } = await a.openTab(`${origin}/pages/sample-ko.html`);
    const popup = await a.openPopup(tabId);
    expect(await popup.evaluate(selectInArticleScript, '연간 생산능력은 20GWh로')).toBe(true);
    await popup.waitForSelector('[data-testid="selection-toolbar"]');
    await popup.locator('[data-testid="selection-toolbar"] button[data-color="green"]').click();
    // A locator, not a handle: the mark is drawn again when the new highlight is read back.
    await popup.locator('mark.hl.hl-green').click();
    await popup.type('[data-testid="note-input"]', 'A에서 쓴 메모');
    await popup.keyboard.press('Tab');
    await until('the note on A', async () => (await note(a, '생산능력')) === 'A에서 쓴 메모');
    await Promise.all([popup.close(), page.close()]);

    const libA = await openLibrary(a);
    await configure(libA);
    await until('A’s highlight on the server', async () => (await couch.database('margin').allDocs({})).rows.length >= 2);

    const libB = await openLibrary(b);
    await configure(libB);
    await until('the note on B', async () => (await note(b, '생산능력')) === 'A에서 쓴 메모', 30_000);
    // The article's body came too: B can read the saved copy.
    expect((await b.readStore<{ textContent: string }>('bodies'))[0]?.textContent).toContain('연간 생산능력은 20GWh로');
    await libB.waitForSelector('[data-testid="library-note"]');

    // Edit on B, in its library; sync both ways.
    // A locator: the card is drawn again as synced records arrive.
    await libB.locator('[data-testid="library-note"] [data-action="edit"]').click();
    await fill(libB, '[data-testid="note-input"]', 'B에서 고친 메모');
    await libB.keyboard.press('Tab');
    await until('the edit on B', async () => (await note(b, '생산능력')) === 'B에서 고친 메모');
    await syncNow(libB);
    await syncNow(libA);
    await until('B’s edit on A', async () => (await note(a, '생산능력')) === 'B에서 고친 메모', 30_000);
  });
});
