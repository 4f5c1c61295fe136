import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { HighlightRecord } from '../../utils/db/schema';
import type { SyncStatus } from '../../utils/sync/status';
import { launchWithExtension, openPopup, openTab, readStore, type ExtensionBrowser } from '../support/browser';
import { startCouch, startFaultyProxy, type CouchServer } from '../support/couch';
import { selectInArticle } from '../support/select';

/*
 * Issue 10 in real Chromium: two independent profiles (each its own user-data dir) sync
 * through a real CouchDB-protocol server on 127.0.0.1 (express-pouchdb, in memory, started
 * and stopped here), set up through the library's Settings → Sync as a reader does.
 */

const origin = inject('origin');
const extensionDir = inject('extensionDir');
const PASSWORD = 'correct horse';
let couch: CouchServer;
let a: ExtensionBrowser;
let b: ExtensionBrowser;
let libA: Page;
let libB: Page;

async function openLibrary(browser: ExtensionBrowser): Promise<Page> {
  const library = await browser.context.newPage();
  await library.goto(`chrome-extension://${browser.extensionId}/library.html#sync`);
  await library.waitForSelector('html[data-library="ready"]');
  return library;
}

/** Open the library's sync menu (a popover since issue 22: a click elsewhere closes it). */
async function openSync(library: Page) {
  const button = library.getByTestId('sync').locator('[data-menu-button]');
  if ((await button.getAttribute('aria-expanded')) !== 'true') await button.click();
  await library.locator('[data-testid="sync"] [role="dialog"]').waitFor();
  return library;
}

/** Close it, so that it covers no card. */
async function closeSync(library: Page) {
  const menu = library.locator('[data-testid="sync"] [role="dialog"]');
  if (await menu.count()) {
    await library.keyboard.press('Escape');
    await menu.waitFor({ state: 'detached' });
  }
}

async function configure(library: Page, fields: { url?: string; database?: string; password?: string; passphrase?: string }) {
  await openSync(library);
  await library.locator('[data-sync-field="url"]').fill(fields.url ?? couch.url);
  await library.locator('[data-sync-field="database"]').fill(fields.database ?? 'margin');
  await library.locator('[data-sync-field="user"]').fill('reader');
  await library.locator('[data-sync-field="password"]').fill(fields.password ?? PASSWORD);
  await library.locator('[data-sync-field="passphrase"]').fill(fields.passphrase ?? '');
  await library.locator('[data-action="sync-save"]').click();
  await library.locator('[data-action="sync-save"]:not([disabled])').waitFor({ timeout: 30_000 });
}

const status = async (library: Page) =>
  (await readStore<{ key: string; value: unknown }>(library, 'settings')).find((s) => s.key === 'sync.status')?.value as SyncStatus;

/** Press "Sync now" and wait for the round to end. */
async function syncNow(library: Page) {
  await openSync(library);
  await library.locator('[data-action="sync-now"]').click();
  await library.locator('[data-action="sync-now"]:not([disabled])').waitFor({ timeout: 30_000 });
}

const note = async (page: Page, quote: string) => (await readStore<HighlightRecord>(page, 'annotations')).find((x) => x.quote.includes(quote))?.note;

async function editInLibrary(library: Page, find: string, text: string) {
  await closeSync(library);
  await library.locator('[data-testid="library-note"]', { hasText: find }).locator('[data-action="edit"]').click();
  const field = library.getByTestId('note-input');
  await field.fill(text);
  await field.press('Tab');
  await library.keyboard.press('Escape');
}

beforeAll(async () => {
  couch = await startCouch({ users: { reader: PASSWORD }, databases: ['margin', 'enc'] });
  [a, b] = await Promise.all([launchWithExtension({ extensionDir, locale: 'ko' }), launchWithExtension({ extensionDir, locale: 'ko' })]);
});
afterAll(async () => {
  await Promise.all([a?.close(), b?.close()]);
  await couch?.close();
});

describe('issue 10: sync between two profiles through the reader’s CouchDB server', () => {
  it('a highlight with a note on A appears on B; B’s edit comes back to A; a conflict made offline keeps both texts on both', async () => {
    const { page, tabId } = await openTab(a, `${origin}/live/sync-one.html`);
    const popup = await openPopup(a, tabId);
    expect(await selectInArticle(popup, '세수 전망이 지나치게 낙관적')).toBe(true);
    await popup.locator('[data-testid="selection-toolbar"] button[data-color="green"]').click();
    await expect.poll(() => note(popup, '세수 전망이')).toBe('');
    await Promise.all([popup.close(), page.close()]);

    libA = await openLibrary(a);
    await editInLibrary(libA, '세수 전망이', 'A에서 쓴 메모');
    await expect.poll(() => note(libA, '세수 전망이')).toBe('A에서 쓴 메모');
    await configure(libA, {});
    expect(await status(libA)).toMatchObject({ error: null, pending: 0 });
    expect((await couch.database('margin').allDocs({})).rows.map((r) => r.key.slice(0, 1)).sort()).toEqual(expect.arrayContaining(['a', 'b', 'r']));

    libB = await openLibrary(b);
    await configure(libB, {});
    await expect.poll(() => note(libB, '세수 전망이'), { timeout: 15_000 }).toBe('A에서 쓴 메모');
    await libB.locator('[data-testid="library-note"]', { hasText: 'A에서 쓴 메모' }).waitFor();
    // The body came too: B can read the saved copy.
    expect((await readStore<{ textContent: string }>(libB, 'bodies'))[0]?.textContent).toContain('시민단체는 공청회를');

    await editInLibrary(libB, 'A에서 쓴 메모', 'B에서 고친 메모');
    await syncNow(libB);
    await syncNow(libA);
    await expect.poll(() => note(libA, '세수 전망이')).toBe('B에서 고친 메모');

    // Both offline: the server is down while each edits the note.
    await couch.stop();
    await editInLibrary(libA, 'B에서 고친 메모', '오프라인 A의 메모');
    await editInLibrary(libB, 'B에서 고친 메모', '오프라인 B의 메모');
    await syncNow(libA);
    expect((await status(libA)).error?.kind).toBe('unreachable');
    await expect((await openSync(libA)).getByTestId('sync-error').textContent()).resolves.toContain('서버가 응답하지 않아요');
    expect((await status(libA)).pending).toBeGreaterThan(0);
    await couch.start();
    await syncNow(libA);
    await syncNow(libB);
    await syncNow(libA);
    const [onA, onB] = [await note(libA, '세수 전망이'), await note(libB, '세수 전망이')];
    expect(onA).toBe(onB);
    expect(onA).toContain('오프라인 A의 메모');
    expect(onA).toContain('오프라인 B의 메모');
    await (await openSync(libB)).getByTestId('sync-log').locator('[data-kind="conflict"]').first().waitFor();
    await libA.locator('[data-testid="library-note"]', { hasText: '다른 기기의 메모' }).waitFor();
  });

  it('a delete on A is gone on B; a hostile document on the server is refused and B stays as it was', async () => {
    await closeSync(libA);
    await libA.locator('[data-testid="library-note"]', { hasText: '오프라인 A의 메모' }).locator('[data-action="edit"]').click();
    await libA.locator('[data-action="delete"]').click();
    await expect.poll(() => note(libA, '세수 전망이')).toBeUndefined();
    await syncNow(libA);
    await syncNow(libB);
    await expect.poll(() => note(libB, '세수 전망이')).toBeUndefined();

    const before = JSON.stringify([await readStore(libB, 'articles'), await readStore(libB, 'annotations')]);
    await couch.database('margin').bulkDocs([
      { _id: 'a:evil', p: { k: 'a', rec: { id: 'evil', note: '<img src=x onerror=alert(1)>', url: 'javascript:alert(1)' } } },
      { _id: 'r:evil', p: { k: 'r', rec: { id: 'evil', title: 'x'.repeat(20_000), url: 'https://x.example/' } } },
    ]);
    await syncNow(libB);
    await (await openSync(libB)).getByTestId('sync-log').locator('[data-kind="rejected"]').first().waitFor();
    expect(JSON.stringify([await readStore(libB, 'articles'), await readStore(libB, 'annotations')])).toBe(before);
  });

  it('with a passphrase the server holds no quote, note, tag or URL in clear; a wrong passphrase, a wrong password and a garbage server are said', async () => {
    const { page, tabId } = await openTab(a, `${origin}/live/sync-secret.html`);
    const popup = await openPopup(a, tabId);
    expect(await selectInArticle(popup, '담당 국장은 다음 달까지')).toBe(true);
    await popup.locator('[data-testid="selection-toolbar"] button[data-color="pink"]').click();
    await expect.poll(() => note(popup, '담당 국장은')).toBe('');
    await Promise.all([popup.close(), page.close()]);
    await editInLibrary(libA, '담당 국장은', '비밀 메모 secret-note');

    await configure(libA, { database: 'enc', passphrase: '열려라 참깨' });
    expect(await status(libA)).toMatchObject({ error: null, pending: 0 });
    const dump = JSON.stringify((await couch.database('enc').allDocs({ include_docs: true })).rows);
    expect(dump).toContain('"x":');
    for (const clear of ['담당 국장은', 'secret-note', '비밀 메모', 'sync-secret', '127.0.0.1', '한빛일보', '시의회']) expect(dump).not.toContain(clear);

    const before = JSON.stringify(await readStore(libB, 'annotations'));
    await configure(libB, { database: 'enc', passphrase: '틀린 문구' });
    await expect.poll(async () => (await status(libB)).error?.kind).toBe('wrong-passphrase');
    await expect((await openSync(libB)).getByTestId('sync-error').textContent()).resolves.toContain('이 암호 문구로는');
    expect(JSON.stringify(await readStore(libB, 'annotations'))).toBe(before);

    await configure(libB, { database: 'enc', passphrase: '열려라 참깨', password: 'wrong' });
    await expect.poll(async () => (await status(libB)).error?.kind).toBe('auth');

    const proxy = await startFaultyProxy(couch.url, 'garbage');
    try {
      await configure(libB, { url: proxy.url, database: 'enc', passphrase: '열려라 참깨' });
      await expect.poll(async () => (await status(libB)).error?.kind).toBe('server');
      proxy.mode = 'error-500';
      await syncNow(libB);
      await expect.poll(async () => (await status(libB)).error?.kind).toBe('server');
      proxy.mode = 'pass';
      await syncNow(libB);
      await expect.poll(async () => (await status(libB)).error).toBeNull();
    } finally {
      await proxy.close();
    }
    await expect.poll(() => note(libB, '담당 국장은')).toBe('비밀 메모 secret-note');
  });
});
