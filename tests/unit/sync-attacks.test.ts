import { afterAll, beforeAll, describe as group, expect, it } from 'vitest';
import { describeTextQuote } from '../../utils/anchoring';
import { HighlightRepository } from '../../utils/db/highlights';
import { ArticleRepository } from '../../utils/db/articles';
import { restoreArticle } from '../../utils/db/trash';
import { SyncController, type StoredSync } from '../../utils/background/sync';
import { readSyncLog, readSyncStatus } from '../../utils/sync/engine';
import { SYNC_CONFLICT_HEADING } from '../../utils/sync/records';
import { startCouch, PouchDB, type CouchServer } from '../support/couch';
import { freshDb } from '../support/db';
import { syncDevice, syncOk, type SyncDevice } from '../support/sync-device';
import { normalizeUrl } from '../../utils/url';

/*
 * Issue 21: what a broken or hostile CouchDB-protocol server did to readers' data, each attack
 * reproduced against the real server (express-pouchdb on 127.0.0.1) writing into its own database.
 */

const TEXT = '시의회는 오늘 오후 본회의를 열어 내년도 예산안을 표결에 부쳤다. 위원회는 교통과 주거 분야의 지출을 늘리는 데 합의했다. The ferry budget passed.';
const selectors = (quote: string) => {
  const start = TEXT.indexOf(quote);
  return describeTextQuote(TEXT, start, start + quote.length);
};
const USERS = { reader: 'correct horse' };
const DATABASES = ['replay', 'forged', 'forged-plain', 'deep', 'deep-local', 'refused', 'offon'];
let couch: CouchServer;

beforeAll(async () => {
  couch = await startCouch({ users: USERS, databases: DATABASES, validation: true });
});
afterAll(async () => {
  await couch.close();
});

type Device = SyncDevice;
const device = (database: string, passphrase?: string): Device => syncDevice(() => couch, USERS.reader, database, passphrase);

async function saveArticle(d: Device, url: string) {
  return d.articles.save({
    url: normalizeUrl(url),
    title: '내년도 예산안 표결',
    byline: null,
    siteName: '예시 뉴스',
    lang: 'ko',
    publishedTime: null,
    excerpt: null,
    contentHtml: `<p>${TEXT}</p>`,
    textContent: TEXT,
  });
}

const ok = syncOk;

const notes = async (d: Device) => (await d.db.annotations.toArray()).map((h) => h.note).sort();

// Several rounds each against a real server: generous under a loaded machine.
group('a hostile server cannot turn sync against the reader (issue 21)', { timeout: 120_000 }, () => {
  it('1. an old ciphertext put back as a new revision (a replay) is refused; the newer note stays on both devices and on the server', async () => {
    const a = device('replay', 'replay 비밀');
    const b = device('replay', 'replay 비밀');
    const article = await saveArticle(a, 'https://news.example.kr/replay');
    const h = await a.annotations.create({ articleId: article.id, url: article.url, selectors: selectors('예산안'), color: 'green', note: '첫 메모 v1' });
    await ok(a.sync());
    await ok(b.sync());
    const server = couch.database('replay');
    const v1 = (await server.get(`a:${h.id}`)) as PouchDB.Doc & { x: string };
    a.tick();
    await a.annotations.update(h.id, { note: '고친 메모 v2' });
    await ok(a.sync());
    await ok(b.sync());
    expect((await b.db.annotations.get(h.id))?.note).toBe('고친 메모 v2');
    // The server replays v1's ciphertext as a new revision of the document.
    const current = await server.get(`a:${h.id}`);
    await server.put({ _id: v1._id, _rev: current._rev, x: v1.x });
    await ok(a.sync());
    await ok(b.sync());
    await ok(a.sync());
    expect((await a.db.annotations.get(h.id))?.note).toBe('고친 메모 v2');
    expect((await b.db.annotations.get(h.id))?.note).toBe('고친 메모 v2');
    expect((await readSyncLog(a.db)).some((e) => e.kind === 'replayed')).toBe(true);
    // A device that joins now gets v2: the refusing device wrote it back over the replay.
    const c = device('replay', 'replay 비밀');
    await ok(c.sync());
    expect((await c.db.annotations.get(h.id))?.note).toBe('고친 메모 v2');
  });

  it('2a. with a passphrase, deletions the server forges are refused; a real deletion arrives sealed and goes to the trash, restorable', async () => {
    const a = device('forged', 'forged 비밀');
    const b = device('forged', 'forged 비밀');
    const article = await saveArticle(a, 'https://news.example.kr/forged');
    const made = [];
    for (const [i, quote] of ['예산안', '본회의를', '합의했다'].entries())
      made.push(await a.annotations.create({ articleId: article.id, url: article.url, selectors: selectors(quote), color: 'yellow', note: `메모 ${i}` }));
    await ok(a.sync());
    await ok(b.sync());
    expect(await b.db.annotations.count()).toBe(3);
    const server = couch.database('forged');
    const docs = (await server.allDocs({})).rows.filter((r) => !r.key.startsWith('_design/') && r.key !== 'margin:meta');
    await server.bulkDocs(docs.map((r) => ({ _id: r.key, _rev: r.value!.rev, _deleted: true })));
    await ok(a.sync());
    await ok(b.sync());
    await ok(a.sync());
    for (const d of [a, b]) {
      expect(await notes(d)).toEqual(['메모 0', '메모 1', '메모 2']);
      expect(await d.db.articles.count()).toBe(1);
    }
    // A saw the forged deletions first: refused them and wrote its versions back over them.
    expect((await readSyncLog(a.db)).some((e) => e.kind === 'rejected' && /deletion/i.test(e.detail ?? ''))).toBe(true);
    // Nothing in clear on the server, deletions included.
    const dump = JSON.stringify((await server.allDocs({ include_docs: true })).rows);
    expect(dump).not.toContain('메모');
    // A real deletion on A: B puts the highlight in its trash, from where it comes back (and back on A too).
    await a.annotations.remove(made[1]!.id);
    await ok(a.sync());
    await ok(b.sync());
    expect(await b.db.annotations.get(made[1]!.id)).toBeUndefined();
    expect((await b.db.trash.get(article.id))?.annotations.map((x) => x.note)).toEqual(['메모 1']);
    await restoreArticle(b.db, article.id);
    expect(await notes(b)).toEqual(['메모 0', '메모 1', '메모 2']);
    await ok(b.sync());
    await ok(a.sync());
    expect(await notes(a)).toEqual(['메모 0', '메모 1', '메모 2']);
  });

  it('2b. without a passphrase, highlight documents deleted before their article’s never lose a highlight: all of them are in the trash', async () => {
    const a = device('forged-plain');
    const b = device('forged-plain');
    const article = await saveArticle(a, 'https://news.example.kr/forged-plain');
    for (const [i, quote] of ['예산안', '본회의를', '합의했다', '교통과', 'ferry'].entries())
      await a.annotations.create({ articleId: article.id, url: article.url, selectors: selectors(quote), color: 'pink', note: `노트 ${i}` });
    await ok(a.sync());
    await ok(b.sync());
    const server = couch.database('forged-plain');
    const rows = (await server.allDocs({})).rows;
    await server.bulkDocs(rows.filter((r) => r.key.startsWith('a:')).map((r) => ({ _id: r.key, _rev: r.value!.rev, _deleted: true })));
    await ok(b.sync());
    const rest = (await server.allDocs({})).rows;
    await server.bulkDocs(
      rest.filter((r) => r.key.startsWith('r:') || r.key.startsWith('b:')).map((r) => ({ _id: r.key, _rev: r.value!.rev, _deleted: true })),
    );
    await ok(b.sync());
    expect(await b.db.articles.count()).toBe(0);
    expect((await b.db.trash.get(article.id))?.annotations.map((x) => x.note).sort()).toEqual(['노트 0', '노트 1', '노트 2', '노트 3', '노트 4']);
    await restoreArticle(b.db, article.id);
    expect(await notes(b)).toEqual(['노트 0', '노트 1', '노트 2', '노트 3', '노트 4']);
  });

  it('3a. a highlight nested 2,000 deep from the server is refused, named in the log, and the rest still syncs', async () => {
    const a = device('deep');
    const b = device('deep');
    const article = await saveArticle(a, 'https://news.example.kr/deep');
    const good = await a.annotations.create({ articleId: article.id, url: article.url, selectors: selectors('예산안'), color: 'blue', note: '정상' });
    await ok(a.sync());
    const server = couch.database('deep');
    const doc = (await server.get(`a:${good.id}`)) as unknown as { p: { rec: Record<string, unknown> } };
    let nested: unknown = [];
    for (let i = 0; i < 2000; i++) nested = [nested];
    const rec = { ...doc.p.rec, id: 'deep-one', note: '깊은 것', imported: { properties: { extra: nested } } };
    await server.put({ _id: 'a:deep-one', p: { ...doc.p, rec } });
    const report = await ok(b.sync());
    expect(report.rejected).toBeGreaterThanOrEqual(1);
    expect(await b.db.annotations.get('deep-one')).toBeUndefined();
    expect((await b.db.annotations.get(good.id))?.note).toBe('정상');
    expect((await readSyncLog(b.db)).some((e) => e.kind === 'rejected' && /deep-one/.test(e.detail ?? '') && /nest/i.test(e.detail ?? ''))).toBe(true);
    // And later rounds go on.
    a.tick();
    await a.annotations.update(good.id, { note: '정상 2' });
    await ok(a.sync());
    await ok(b.sync());
    expect((await b.db.annotations.get(good.id))?.note).toBe('정상 2');
  });

  it('3b. a deeply nested record already on this device is quarantined and reported, and every other record is sent', async () => {
    const a = device('deep-local');
    const b = device('deep-local');
    const article = await saveArticle(a, 'https://news.example.kr/deep-local');
    const good = await a.annotations.create({ articleId: article.id, url: article.url, selectors: selectors('예산안'), color: 'blue', note: '보낼 것' });
    let nested: unknown = [];
    for (let i = 0; i < 2000; i++) nested = [nested];
    // As an import of an earlier version (before the guard) left it.
    await a.db.annotations.put({ ...good, id: 'deep-local-one', note: '깊은 것', imported: { properties: { extra: nested } } });
    const result = await a.sync();
    if (!result.ok) throw new Error(`${result.error.kind}: ${result.error.message}`);
    await ok(b.sync());
    expect((await b.db.annotations.get(good.id))?.note).toBe('보낼 것');
    expect(await b.db.annotations.get('deep-local-one')).toBeUndefined();
    // Kept here, untouched (by key: the test's fake IndexedDB cannot hand its value back either), and said.
    expect(await a.db.annotations.where('id').equals('deep-local-one').primaryKeys()).toEqual(['deep-local-one']);
    expect(result.ok).toBe(true);
    expect((await readSyncLog(a.db)).some((e) => e.kind === 'quarantined' && /deep-local-one|깊은 것/.test(e.detail ?? ''))).toBe(true);
    // The next round is not blocked by it either.
    a.tick();
    await a.annotations.update(good.id, { note: '또 보낼 것' });
    await ok(a.sync());
    await ok(b.sync());
    expect((await b.db.annotations.get(good.id))?.note).toBe('또 보낼 것');
  });

  it('4. per-document 403s from _bulk_docs (a validation function) are shown and retried, never reported as synced', async () => {
    const a = device('refused');
    const b = device('refused');
    const article = await saveArticle(a, 'https://news.example.kr/refused');
    await ok(a.sync());
    const server = couch.database('refused');
    const ddoc = await server.put({
      _id: '_design/readonly',
      validate_doc_update: "function (doc) { if (doc._id.indexOf('a:') === 0) throw { forbidden: 'read-only for highlights' }; }",
    });
    const h = await a.annotations.create({ articleId: article.id, url: article.url, selectors: selectors('예산안'), color: 'yellow', note: '거절될 메모' });
    const refused = await a.sync();
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.error.kind).toBe('refused');
    const status = await readSyncStatus(a.db);
    expect(status.error?.kind).toBe('refused');
    expect(status.pending).toBeGreaterThanOrEqual(1);
    await server.bulkDocs([{ _id: '_design/readonly', _rev: ddoc.rev, _deleted: true }]);
    await ok(a.sync());
    expect(await readSyncStatus(a.db)).toMatchObject({ error: null, pending: 0 });
    await ok(b.sync());
    expect((await b.db.annotations.get(h.id))?.note).toBe('거절될 메모');
  });

  it('5. sync off then on resumes from what was really sent: an edit made while off is no conflict, a deletion stays', async () => {
    const make = () => {
      const db = freshDb();
      let stored: StoredSync | undefined;
      const sync = new SyncController({
        db,
        load: () => Promise.resolve(stored && structuredClone(stored)),
        save: (value) => {
          stored = structuredClone(value);
          return Promise.resolve();
        },
        hasPermission: () => Promise.resolve(true),
        remote: (config) =>
          new PouchDB(`${config.url}/${config.database}`, { adapter: 'http', skip_setup: true, auth: { username: config.user, password: config.password } }),
        schedule: () => {},
        iterations: 2000,
      });
      return { db, sync, articles: new ArticleRepository(db), annotations: new HighlightRepository(db) };
    };
    const config = { url: couch.url, database: 'offon', user: 'reader', password: USERS.reader, passphrase: 'offon 비밀' };
    const a = make();
    const b = make();
    const article = await a.articles.save({
      url: normalizeUrl('https://news.example.kr/offon'),
      title: '꺼졌다 켜기',
      byline: null,
      siteName: null,
      lang: 'ko',
      publishedTime: null,
      excerpt: null,
      contentHtml: `<p>${TEXT}</p>`,
      textContent: TEXT,
    });
    const kept = await a.annotations.create({ articleId: article.id, url: article.url, selectors: selectors('예산안'), color: 'yellow', note: '처음 메모' });
    const gone = await a.annotations.create({ articleId: article.id, url: article.url, selectors: selectors('합의했다'), color: 'pink', note: '지울 것' });
    expect(await a.sync.configure(config)).toMatchObject({ status: 'saved', sync: { error: null } });
    expect(await b.sync.configure(config)).toMatchObject({ status: 'saved', sync: { error: null } });
    expect(await b.db.annotations.count()).toBe(2);
    await a.sync.configure(null);
    await new Promise((r) => setTimeout(r, 5));
    await a.annotations.update(kept.id, { note: '꺼진 동안 고친 메모' });
    await a.annotations.remove(gone.id);
    expect(await a.sync.configure(config)).toMatchObject({ status: 'saved', sync: { error: null } });
    await b.sync.syncNow();
    await a.sync.syncNow();
    for (const d of [a, b]) {
      const notes = (await d.db.annotations.toArray()).map((x) => x.note);
      expect(notes).toEqual(['꺼진 동안 고친 메모']);
      expect(notes.join()).not.toContain(SYNC_CONFLICT_HEADING);
    }
  });
});
