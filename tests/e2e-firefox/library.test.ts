import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ElementHandle, Page } from 'puppeteer-core';
import { afterAll, describe, expect, inject, it } from 'vitest';
import type { HighlightRecord } from '../../utils/db/schema';
import { FirefoxDriver, until } from '../support/firefox';
import { selectInArticleScript } from '../support/select';

// Margin in Firefox, English UI: the popup on the English sample, the library's search and
// saved copy, the JSON export imported into a fresh profile, and the data after a restart.
const origin = inject('firefoxOrigin');
const extensionDir = inject('firefoxExtensionDir');
const profile = mkdtempSync(join(tmpdir(), 'margin-firefox-kept-'));
const downloads = mkdtempSync(join(tmpdir(), 'margin-firefox-downloads-'));
const drivers: FirefoxDriver[] = [];
let exported = '';

afterAll(async () => {
  for (const driver of drivers) await driver.close().catch(() => {});
  rmSync(profile, { recursive: true, force: true });
  rmSync(downloads, { recursive: true, force: true });
});

async function launch(userDataDir?: string): Promise<FirefoxDriver> {
  // A test that failed before closing its browser must not lock the profile for the next one.
  if (userDataDir) for (const open of drivers.splice(0)) await open.close().catch(() => {});
  const driver = await FirefoxDriver.launch({ extensionDir, locale: 'en', userDataDir, downloadsDir: downloads });
  drivers.push(driver);
  return driver;
}

async function openLibrary(ff: FirefoxDriver): Promise<Page> {
  const library = await ff.openExtensionPage('library.html');
  await library.waitForSelector('html[data-library="ready"]');
  return library;
}

const count = (page: Page, selector: string) => page.$$eval(selector, (all) => all.length);

describe('Margin in Firefox (English UI): library, export and import, restart', () => {
  it('reads the English sample, keeps a highlight with a note and a tag, and finds it in the library', async () => {
    const ff = await launch(profile);
    const { page, tabId } = await ff.openTab(`${origin}/pages/sample-en.html`);
    const popup = await ff.openPopup(tabId);
    expect(await popup.$eval('[data-testid="title"]', (el) => el.textContent)).toBe('Kestrel Grid to build $4.2 billion battery plant in Portugal');
    expect(await popup.$eval('[data-testid="site-name"]', (el) => el.textContent)).toBe('The Northgate Courier');
    await popup.waitForSelector('[data-entities="ready"]');
    expect(await count(popup, '[data-testid="article-body"] mark.ent[data-kind="org"]')).toBeGreaterThan(0);
    expect(await popup.evaluate(selectInArticleScript, 'Kestrel Grid')).toBe(true);
    await popup.waitForSelector('[data-testid="selection-toolbar"]');
    await popup.locator('[data-testid="selection-toolbar"] button[data-color="blue"]').click();
    // A locator, not a handle: the mark is drawn again when the new highlight is read back.
    await popup.locator('mark.hl.hl-blue').click();
    await popup.type('[data-testid="note-input"]', 'check the plant size');
    await popup.type('[data-testid="tag-input"]', 'energy');
    await popup.keyboard.press('Enter');
    await popup.focus('[data-testid="note-input"]');
    await popup.keyboard.press('Tab');
    await until('the note saved', async () => (await ff.readStore<HighlightRecord>('annotations')).find((a) => a.note === 'check the plant size'));
    await Promise.all([popup.close(), page.close()]);

    const library = await openLibrary(ff);
    await until('the card', async () => (await count(library, '[data-testid="article-card"]')) === 1);
    // A word of the article's text, not of the note: the search reaches the saved body.
    await library.type('[data-testid="search"]', 'Portugal');
    await until('the hits', async () => (await count(library, '[data-testid="hit"]')) >= 1);
    // Locators retry a click whose element is drawn again (the list searches again when indexing ends).
    await library.locator('[data-testid="hit"] [data-testid="hit-open"]').click();
    const copy = await until('the saved copy', async () => {
      const view = await ff.tabView('reader.html');
      return view?.status === 'ok' && view.marks > 0 && view;
    });
    expect(copy.title).toBe('Kestrel Grid to build $4.2 billion battery plant in Portugal');

    // Export everything as JSON: the file lands in the downloads folder.
    // The export menu is a popover opened by its button (issue 22).
    await library.click('[data-testid="export"] [data-menu-button]');
    await library.click('button[data-export="json-all"]');
    const file = await until('the export', async () => readdirSync(downloads).find((name) => /^margin-.*\.json$/.test(name)));
    exported = await until('the whole export', async () => {
      const text = readFileSync(join(downloads, file), 'utf8');
      return text.endsWith('}') && text;
    });
    const doc = JSON.parse(exported) as { first: { items: { body?: unknown }[] }; 'margin:articles': unknown[] };
    expect(doc.first.items).toHaveLength(1);
    expect(doc['margin:articles']).toHaveLength(1);
    await ff.close();
  });

  it('imports the export into a fresh profile, and finds the note by searching', async () => {
    expect(exported).not.toBe('');
    const fresh = await launch();
    const library = await openLibrary(fresh);
    expect(await count(library, '[data-testid="article-card"]')).toBe(0);
    const path = join(downloads, 'to-import.json');
    rmSync(path, { force: true });
    writeFileSync(path, exported);
    const input = (await library.$('[data-testid="import-file"]')) as ElementHandle<HTMLInputElement>;
    await input.uploadFile(path);
    await until('the imported card', async () => (await count(library, '[data-testid="article-card"]')) === 1);
    await library.type('[data-testid="search"]', 'plant size');
    await until('the note found', async () =>
      (await library.$$eval('[data-testid="hit"]', (hits) => hits.map((h) => h.textContent ?? ''))).some((t) => t.includes('check the plant size')),
    );
    await fresh.close();
  });

  it('keeps the highlight, note and tag after Firefox restarts on the same profile', async () => {
    const again = await launch(profile);
    const [record] = await again.readStore<HighlightRecord>('annotations');
    expect(record).toMatchObject({ note: 'check the plant size', tags: ['energy'], color: 'blue' });
    const library = await openLibrary(again);
    await until('the card after the restart', async () => (await count(library, '[data-testid="article-card"]')) === 1);
    expect(await library.$eval('[data-testid="article-card"]', (card) => card.textContent)).toContain('check the plant size');
  });
});
