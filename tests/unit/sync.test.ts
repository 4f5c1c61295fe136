import { afterAll, beforeAll, describe as group, expect, it } from 'vitest';
import { describeTextQuote } from '../../utils/anchoring';
import { newHighlightRecord, putHighlights } from '../../utils/db/highlights';
import { BULK_ADD } from '../../utils/db/outbox';
import { importData } from '../../utils/export/transfer';
import { search } from '../../utils/db/library';
import type { HighlightRecord } from '../../utils/db/schema';
import { restoreArticle, trashArticle } from '../../utils/db/trash';
import { CorrectionRepository } from '../../utils/db/corrections';
import { mergeEntity, readEntityEdits, setEntityNote, splitForm } from '../../utils/db/entities';
import { readHiddenKinds, readPreferences, writeHiddenKinds, writePreferences } from '../../utils/background/settings';
import { readSyncLog, readSyncStatus, SyncEngine } from '../../utils/sync/engine';
import { mergeHighlights, SYNC_CONFLICT_HEADING, type HighlightPayload } from '../../utils/sync/records';
import { startCouch, startFaultyProxy, type CouchServer } from '../support/couch';
import { syncDevice, syncOk, type SyncDevice } from '../support/sync-device';
import { normalizeUrl } from '../../utils/url';

const TEXT = '시의회는 오늘 오후 본회의를 열어 내년도 예산안을 표결에 부쳤다. 위원회는 교통과 주거 분야의 지출을 늘리는 데 합의했다. The ferry budget passed.';
const URL_A = 'https://news.example.kr/2026/budget';
const selectors = (quote: string) => {
  const start = TEXT.indexOf(quote);
  return describeTextQuote(TEXT, start, start + quote.length);
};

const USERS = { reader: 'correct horse' };
let couch: CouchServer;

beforeAll(async () => {
  couch = await startCouch({
    users: USERS,
    databases: ['margin', 'enc', 'plain2', 'hostile', 'faults', 'large', 'off', 'prefs', 'later-prefs', 'explorer', 'bulk'],
  });
});
afterAll(async () => {
  await couch.close();
});

type Device = SyncDevice;
const device = (database = 'margin', passphrase?: string): Device => syncDevice(() => couch, USERS.reader, database, passphrase);

async function saveArticle(d: Device, url = URL_A) {
  return d.articles.save({
    url: normalizeUrl(url),
    title: '내년도 예산안 표결',
    byline: '홍길동 기자',
    siteName: '예시 뉴스',
    lang: 'ko',
    publishedTime: '2026-01-28T09:00:00+09:00',
    excerpt: null,
    contentHtml: `<p>${TEXT}</p>`,
    textContent: TEXT,
  });
}

const ok = syncOk;

group('sync through a real CouchDB-protocol server (issue 10)', () => {
  it('a highlight and note made on A reach B with the article and its body; search and filters know them', async () => {
    const a = device();
    const b = device();
    const article = await saveArticle(a);
    const h = await a.annotations.create({
      articleId: article.id,
      url: URL_A,
      selectors: selectors('예산안'),
      color: 'green',
      note: '표결 결과 확인',
      tags: ['예산'],
    });
    await ok(a.sync());
    const report = await ok(b.sync());
    expect(report.received).toBeGreaterThanOrEqual(3);
    expect(await b.db.annotations.get(h.id)).toEqual(h);
    expect((await b.db.bodies.get(article.id))?.textContent).toBe(TEXT);
    const row = await b.db.articles.get(article.id);
    expect(row?.facets).toEqual(expect.arrayContaining(['c:green', 't:예산']));
    // Facets are derived: a row written without them has them counted again at once (utils/db/index-keeper.ts).
    await b.db.articles.update(article.id, { facets: [] });
    expect((await b.db.articles.get(article.id))?.facets).toEqual(expect.arrayContaining(['c:green', 't:예산']));
    // A round of an earlier version, cut off before it recomputed the filters of the articles that received highlights, is finished by the next one.
    await b.db.settings.put({ key: 'sync.facets', value: [article.id] });
    await ok(b.sync());
    expect((await b.db.articles.get(article.id))?.facets).toEqual(expect.arrayContaining(['c:green', 't:예산']));
    expect(await b.db.settings.get('sync.facets')).toBeUndefined();
    const found = await search(b.db, '예산안');
    expect(found.map((x) => x.highlightId)).toContain(h.id);
    // The body arrived with its search rows: B finds words of the article's text.
    expect((await search(b.db, '본회의를')).map((x) => [x.kind, x.articleId])).toEqual([['body', article.id]]);

    // Edit on B → back on A; delete on A → gone on both.
    b.tick();
    await b.annotations.update(h.id, { note: 'B에서 고친 메모' });
    await ok(b.sync());
    await ok(a.sync());
    expect((await a.db.annotations.get(h.id))?.note).toBe('B에서 고친 메모');
    expect((await search(a.db, '고친')).map((x) => x.highlightId)).toContain(h.id);
    await a.annotations.remove(h.id);
    await ok(a.sync());
    await ok(b.sync());
    expect(await b.db.annotations.get(h.id)).toBeUndefined();
    expect(await search(b.db, '고친')).toHaveLength(0);
    expect(await readSyncStatus(b.db)).toMatchObject({ error: null, pending: 0 });
  });

  it('offline edits of one note on two devices keep both texts, the same on both; colour and tags merge per field', async () => {
    const a = device();
    const b = device();
    const article = await saveArticle(a, 'https://news.example.kr/conflict');
    const h = await a.annotations.create({
      articleId: article.id,
      url: article.url,
      selectors: selectors('합의했다'),
      color: 'yellow',
      note: '원래 메모',
      tags: ['교통'],
    });
    await ok(a.sync());
    await ok(b.sync());
    a.tick();
    b.tick();
    await a.annotations.update(h.id, { note: 'A의 메모', color: 'pink' });
    b.tick();
    await b.annotations.update(h.id, { note: 'B의 메모', tags: ['교통', '주거'] });
    await ok(a.sync());
    const second = await ok(b.sync());
    expect(second.conflicts).toBe(1);
    await ok(a.sync());
    const onA = await a.db.annotations.get(h.id);
    const onB = await b.db.annotations.get(h.id);
    expect(onA).toEqual(onB);
    expect(onA?.note).toContain('A의 메모');
    expect(onA?.note).toContain('B의 메모');
    expect(onA?.note).toContain(SYNC_CONFLICT_HEADING);
    expect(onA?.color).toBe('pink');
    expect(onA?.tags).toEqual(['교통', '주거']);
    expect((await readSyncLog(b.db)).some((e) => e.kind === 'conflict')).toBe(true);

    // The reader resolves it on B: that resolution wins everywhere, no new conflict.
    b.tick();
    await b.annotations.update(h.id, { note: '정리한 메모' });
    await ok(b.sync());
    await ok(a.sync());
    expect((await a.db.annotations.get(h.id))?.note).toBe('정리한 메모');
  });

  it('a delete on one device and an edit on the other keep the edit, and say so', async () => {
    const a = device();
    const b = device();
    const article = await saveArticle(a, 'https://news.example.kr/delete-edit');
    const h = await a.annotations.create({ articleId: article.id, url: article.url, selectors: selectors('본회의를'), color: 'blue' });
    await ok(a.sync());
    await ok(b.sync());
    await a.annotations.remove(h.id);
    b.tick();
    await b.annotations.update(h.id, { note: '지우면 안 되는 메모' });
    await ok(a.sync());
    await ok(b.sync());
    await ok(a.sync());
    expect((await a.db.annotations.get(h.id))?.note).toBe('지우면 안 되는 메모');
    expect((await b.db.annotations.get(h.id))?.note).toBe('지우면 안 되는 메모');
    expect((await readSyncLog(b.db)).some((e) => e.kind === 'kept-edit')).toBe(true);
  });

  it('an article deleted on A goes to B’s trash with its highlights, restorable', async () => {
    const a = device();
    const b = device();
    const article = await saveArticle(a, 'https://news.example.kr/trash');
    await a.annotations.create({ articleId: article.id, url: article.url, selectors: selectors('예산안'), color: 'blue', note: 'n' });
    await ok(a.sync());
    await ok(b.sync());
    await trashArticle(a.db, article.id);
    await ok(a.sync());
    await ok(b.sync());
    expect(await b.db.articles.get(article.id)).toBeUndefined();
    expect((await b.db.trash.get(article.id))?.annotations).toHaveLength(1);
  });

  it('a copy restored from the trash after its deletion won elsewhere does not replace a note it never had', async () => {
    const a = device();
    const b = device();
    const article = await saveArticle(a, 'https://news.example.kr/restore-older');
    const h = await a.annotations.create({ articleId: article.id, url: article.url, selectors: selectors('본회의를'), color: 'blue', note: 'n0' });
    await ok(a.sync());
    await ok(b.sync());
    b.tick();
    await b.annotations.update(h.id, { note: 'n0 written on B' });
    await ok(b.sync());
    // A deletes the article after B's edit: the deletion wins there, A keeps its older copy in the trash…
    a.tick();
    a.tick();
    await trashArticle(a.db, article.id, a.tick());
    await ok(a.sync());
    // …and restores it. B's note must survive the older copy coming back.
    await restoreArticle(a.db, article.id);
    await ok(a.sync());
    await ok(b.sync());
    await ok(a.sync());
    for (const d of [a, b]) expect((await d.db.annotations.get(h.id))?.note).toBe('n0 written on B');
  });

  it('a highlight that arrives for an article deleted here joins it in the trash, with both notes', async () => {
    const a = device();
    const b = device();
    const article = await saveArticle(a, 'https://news.example.kr/arrives-trashed');
    const h = await a.annotations.create({ articleId: article.id, url: article.url, selectors: selectors('본회의를'), color: 'blue', note: 'n0' });
    await ok(a.sync());
    await ok(b.sync());
    await b.annotations.update(h.id, { note: 'n0 written on B' });
    await trashArticle(b.db, article.id, b.tick());
    // A's edit is the later one (the clocks start within a second of each other).
    for (let i = 0; i < 3; i++) a.tick();
    await a.annotations.update(h.id, { note: 'n0 written on A' });
    await ok(a.sync());
    await ok(b.sync());
    // Not live on B without its article: in B's trash entry, holding both devices' notes.
    expect(await b.db.annotations.get(h.id)).toBeUndefined();
    const copy = (await b.db.trash.get(article.id))?.annotations.find((x) => x.id === h.id);
    expect(copy?.note).toContain('n0 written on A');
    expect(copy?.note).toContain('n0 written on B');
    await ok(a.sync());
    await ok(b.sync());
    for (const d of [a, b]) {
      expect(await d.db.articles.get(article.id)).toBeUndefined();
      expect(await d.db.annotations.get(h.id)).toBeUndefined();
    }
    // Restored on B, both notes come back, on both devices.
    await restoreArticle(b.db, article.id);
    await ok(b.sync());
    await ok(a.sync());
    for (const d of [a, b]) expect((await d.db.annotations.get(h.id))?.note).toMatch(/n0 written on A[^]*n0 written on B/);
  });

  it('the same page saved on both devices becomes one article with both devices’ highlights', async () => {
    const a = device();
    const b = device();
    const onA = await saveArticle(a, 'https://news.example.kr/twice');
    const onB = await saveArticle(b, 'https://news.example.kr/twice');
    await a.annotations.create({ articleId: onA.id, url: onA.url, selectors: selectors('예산안'), color: 'blue' });
    await b.annotations.create({ articleId: onB.id, url: onB.url, selectors: selectors('합의했다'), color: 'pink' });
    for (let i = 0; i < 2; i++) {
      await ok(a.sync());
      await ok(b.sync());
    }
    const keep = onA.id < onB.id ? onA.id : onB.id;
    for (const d of [a, b]) {
      const rows = (await d.db.articles.toArray()).filter((r) => r.url === onA.url);
      expect(rows.map((r) => r.id)).toEqual([keep]);
      expect((await d.db.annotations.where('articleId').equals(keep).toArray()).map((x) => x.color).sort()).toEqual(['blue', 'pink']);
    }
  });

  it('with a passphrase the server holds no quote, note, tag or URL in clear; a wrong passphrase is refused and writes nothing', async () => {
    const a = device('enc', 'sesame 열려라');
    const article = await saveArticle(a, 'https://secret.example.org/private-story');
    await a.annotations.create({
      articleId: article.id,
      url: article.url,
      selectors: selectors('예산안'),
      color: 'green',
      note: 'secret-note-text',
      tags: ['secret-tag'],
    });
    await ok(a.sync());
    const all = await couch.database('enc').allDocs({ include_docs: true });
    const dump = JSON.stringify(all.rows.map((r) => r.doc));
    for (const clear of ['예산안', 'secret-note-text', 'secret-tag', 'secret.example.org', '홍길동', '내년도', 'ferry']) expect(dump).not.toContain(clear);
    expect(all.rows.length).toBeGreaterThanOrEqual(4);

    const wrong = device('enc', 'not the passphrase');
    await saveArticle(wrong, 'https://news.example.kr/mine');
    const before = JSON.stringify(await wrong.db.articles.toArray());
    const result = await wrong.sync();
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.kind).toBe('wrong-passphrase');
    expect(JSON.stringify(await wrong.db.articles.toArray())).toBe(before);
    expect(await couch.database('enc').allDocs({})).toMatchObject({ total_rows: all.rows.length });
    expect((await readSyncStatus(wrong.db)).error?.kind).toBe('wrong-passphrase');

    const none = device('enc');
    const missing = await none.sync();
    expect(!missing.ok && missing.error.kind).toBe('needs-passphrase');

    const right = device('enc', 'sesame 열려라');
    await ok(right.sync());
    expect((await right.db.annotations.toArray())[0]?.note).toBe('secret-note-text');
  });

  it('a hostile document written straight into the server is rejected and reported; local data is untouched', async () => {
    const a = device('hostile');
    const article = await saveArticle(a, 'https://news.example.kr/hostile');
    await ok(a.sync());
    const server = couch.database('hostile');
    const hostile = [
      { _id: 'a:evil1', p: { k: 'a', rec: { id: 'evil1', note: '<img src=x onerror=alert(1)>' } } },
      {
        _id: 'r:' + article.id,
        _rev: (await server.get('r:' + article.id))._rev,
        p: { k: 'r', rec: { id: article.id, url: 'javascript:alert(1)', title: 'x' } },
      },
      { _id: 'a:evil2', p: { k: 'a', rec: 'x'.repeat(10) }, extra: true },
      { _id: 'zzz', p: 1 },
    ];
    await server.bulkDocs(hostile);
    const before = JSON.stringify([await a.db.articles.toArray(), await a.db.annotations.toArray(), await a.db.bodies.toArray()]);
    const report = await ok(a.sync());
    expect(report.rejected).toBeGreaterThanOrEqual(3);
    expect(JSON.stringify([await a.db.articles.toArray(), await a.db.annotations.toArray(), await a.db.bodies.toArray()])).toBe(before);
    expect((await readSyncLog(a.db)).filter((e) => e.kind === 'rejected').length).toBeGreaterThanOrEqual(3);
  });

  it('wrong password, missing database, a server that is down, 500s and garbage are said, and the next sync catches up', async () => {
    const a = device('faults');
    await saveArticle(a, 'https://news.example.kr/faults');
    const kind = async (run: ReturnType<SyncEngine['run']>) => {
      const r = await run;
      return r.ok ? 'ok' : r.error.kind;
    };
    expect(await kind(a.sync({ password: 'wrong' }))).toBe('auth');
    expect(await kind(a.sync({ database: 'nope' }))).toBe('missing');
    const proxy = await startFaultyProxy(couch.url, 'error-500');
    try {
      expect(await kind(a.sync({ url: proxy.url, database: 'faults' }))).toBe('server');
      proxy.mode = 'garbage';
      expect(await kind(a.sync({ url: proxy.url, database: 'faults' }))).toBe('server');
      proxy.mode = 'pass';
      expect(await kind(a.sync({ url: proxy.url, database: 'faults' }))).toBe('ok');
    } finally {
      await proxy.close();
    }
    await couch.stop();
    try {
      expect(await kind(a.sync())).toBe('unreachable');
      expect((await readSyncStatus(a.db)).error?.kind).toBe('unreachable');
    } finally {
      await couch.start();
    }
    expect(await kind(a.sync())).toBe('ok');
    expect((await readSyncStatus(a.db)).error).toBeNull();
  });
});

group('entity corrections and preferences sync too (issue 21)', { timeout: 120_000 }, () => {
  it('a correction and a preference made on A apply on B, sealed on the server; the same name corrected on both keeps the later', async () => {
    const a = device('prefs', 'prefs 비밀');
    const b = device('prefs', 'prefs 비밀');
    await new CorrectionRepository(a.db, a.tick).save({ text: '홍길동', action: 'set', type: 'person' });
    await writePreferences(a.db, { textSize: 'large', toolbarOpens: 'panel', pageToolbar: false });
    await writeHiddenKinds(a.db, ['money']);
    // This device's own sync state and status never travel.
    await ok(a.sync());
    await ok(b.sync());
    expect(await new CorrectionRepository(b.db).list()).toEqual([{ text: '홍길동', action: 'set', type: 'person' }]);
    expect(await readPreferences(b.db)).toEqual({ textSize: 'large', toolbarOpens: 'panel', pageToolbar: false });
    expect(await readHiddenKinds(b.db)).toEqual(['money']);
    const ids = (await couch.database('prefs').allDocs({})).rows.map((r) => r.key);
    expect(ids.filter((id) => id.startsWith('s:')).sort()).toEqual(['s:hiddenEntityKinds', 's:preferences']);
    expect(JSON.stringify(await couch.database('prefs').allDocs({ include_docs: true }))).not.toContain('홍길동');

    // The same name corrected on both devices before they sync: one correction, the later, on both.
    await new CorrectionRepository(a.db, () => a.tick()).save({ text: '한강', action: 'set', type: 'place' });
    await new CorrectionRepository(b.db, () => b.tick() + 5000).save({ text: '한강', action: 'remove' });
    for (let i = 0; i < 2; i++) {
      await ok(a.sync());
      await ok(b.sync());
    }
    for (const d of [a, b])
      expect((await new CorrectionRepository(d.db).list()).filter((c) => c.text === '한강')).toEqual([{ text: '한강', action: 'remove' }]);
    // A correction removed on B is removed on A.
    await new CorrectionRepository(b.db).remove('홍길동');
    await ok(b.sync());
    await ok(a.sync());
    expect((await new CorrectionRepository(a.db).list()).map((c) => c.text)).toEqual(['한강']);
  });
});

group('a preference a later version adds', { timeout: 120_000 }, () => {
  it('is accepted by this version, kept when it changes a preference of its own, and reaches the newer device again', async () => {
    const newer = device('later-prefs', 'later 비밀');
    const older = device('later-prefs', 'later 비밀');
    // As a later version would store it: the preferences with one this version does not know.
    await newer.db.settings.put({ key: 'preferences', value: { toolbarOpens: 'popup', textSize: 'small', pageToolbar: true, readingRuler: 'on' } });
    await ok(newer.sync());
    await ok(older.sync());
    expect(await readPreferences(older.db)).toEqual({ toolbarOpens: 'popup', textSize: 'small', pageToolbar: true });
    expect((await readSyncStatus(older.db)).error).toBeNull();

    await writePreferences(older.db, { textSize: 'x-large' });
    await ok(older.sync());
    await ok(newer.sync());
    expect((await newer.db.settings.get('preferences'))?.value).toEqual({ toolbarOpens: 'popup', textSize: 'x-large', pageToolbar: true, readingRuler: 'on' });
  });
});

group("the entity explorer's merges, splits and notes sync like corrections (issues 21 and 24)", { timeout: 120_000 }, () => {
  it('a merge, a split and a note made on A are on B, sealed on the server', async () => {
    const a = device('explorer', 'explorer 비밀');
    const b = device('explorer', 'explorer 비밀');
    await mergeEntity(a.db, 'person:lee jae-yong', 'person:이재용', a.tick());
    await splitForm(a.db, 'person:이재용', '이 회장', a.tick());
    await setEntityNote(a.db, 'person:이재용', '삼성전자 회장\n두 줄째', a.tick());
    await ok(a.sync());
    await ok(b.sync());
    const edits = await readEntityEdits(b.db);
    expect([...edits.merges]).toEqual([['person:lee jae-yong', 'person:이재용']]);
    expect([...edits.splits]).toEqual([['person:이재용', ['이 회장']]]);
    expect([...edits.notes]).toEqual([['person:이재용', '삼성전자 회장\n두 줄째']]);
    expect(JSON.stringify(await couch.database('explorer').allDocs({ include_docs: true }))).not.toContain('삼성전자');
  });
});

group('sync under faults (issue 10)', () => {
  it('the server killed in the middle of a large first sync, then restarted: the next round sends the rest and B gets all of it', async () => {
    const a = device('large');
    const b = device('large');
    const article = await saveArticle(a, 'https://news.example.kr/large');
    const words = TEXT.split(' ');
    const records: HighlightRecord[] = Array.from({ length: 1500 }, (_, i) => {
      const sel = selectors(words[i % words.length]!);
      return {
        id: `h${i}`,
        articleId: article.id,
        url: article.url,
        selectors: sel,
        quote: sel.quote.exact,
        color: 'yellow',
        note: `메모 ${i}`,
        tags: [],
        entities: [],
        createdAt: i + 1,
        updatedAt: i + 1,
        orphaned: false,
      };
    });
    await a.db.transaction('rw', [a.db.annotations, a.db.search, a.db.articles], () => putHighlights(a.db, records, 'new'));
    const server = couch.database('large');
    const first = a.sync();
    // Cut the server once part of the highlights has arrived there.
    for (let n = 0; n < 500 && (await server.info()).doc_count < 200; n++) await new Promise((r) => setTimeout(r, 10));
    await couch.stop();
    const cut = await first;
    await couch.start();
    const arrived = (await server.info()).doc_count;
    expect(cut.ok).toBe(false);
    if (!cut.ok) expect(cut.error.kind).toBe('unreachable');
    expect(arrived).toBeLessThan(1503);
    expect((await readSyncStatus(a.db)).error?.kind).toBe('unreachable');
    await ok(a.sync());
    expect((await server.info()).doc_count).toBe(1 + 1 + 1 + 1500);
    await ok(b.sync());
    expect(await b.db.annotations.count()).toBe(1500);
    expect((await b.db.annotations.toArray()).map((x) => x.note).sort()).toEqual((await a.db.annotations.toArray()).map((x) => x.note).sort());
  }, 60_000);

  it('records changed while sync was off are sent when it comes back on; a table cleared at once deletes on the server', async () => {
    const a = device('off');
    const article = await saveArticle(a, 'https://news.example.kr/off');
    await ok(a.sync());
    await a.annotations.create({ articleId: article.id, url: article.url, selectors: selectors('예산안'), color: 'yellow', note: '꺼져 있을 때' });
    expect(await a.db.syncOutbox.count()).toBeGreaterThan(0);
    await ok(a.sync());
    expect(await a.db.syncOutbox.count()).toBe(0);
    const server = couch.database('off');
    expect((await server.allDocs({})).rows.filter((r) => r.key.startsWith('a:'))).toHaveLength(1);
    await a.db.annotations.clear();
    expect(await a.db.syncOutbox.get('annotations:*')).toBeTruthy();
    await ok(a.sync());
    // Deletions travel as tombstones (issue 21): the document says it was deleted.
    const left = (await server.allDocs({ include_docs: true })).rows.filter((r) => r.key.startsWith('a:'));
    expect(left.map((r) => (r.doc as unknown as { p: { k: string } }).p.k)).toEqual(['d']);
  });
});

group('a bulk import and sync', () => {
  it('is one outbox row for the whole table, and every imported highlight reaches the other device', async () => {
    const a = device('bulk');
    const b = device('bulk');
    const article = await saveArticle(a, 'https://news.example.kr/bulk');
    await ok(a.sync());
    const n = BULK_ADD + 25;
    const annotations = Array.from({ length: n }, (_, i) =>
      newHighlightRecord({
        id: `bulk-${i}`,
        articleId: article.id,
        url: article.url,
        selectors: selectors(i % 2 ? '예산안' : '본회의'),
        note: i === n - 1 ? '마지막으로 가져온 메모' : '',
        createdAt: 10_000 + i,
      }),
    );
    await importData(a.db, { articles: [], annotations, corrections: [] });
    expect((await a.db.syncOutbox.toArray()).map((r) => r.key)).toEqual(['annotations:*']);
    await ok(a.sync());
    expect(await a.db.syncOutbox.count()).toBe(0);
    await ok(b.sync());
    expect(await b.db.annotations.count()).toBe(n);
    expect((await b.db.annotations.get(`bulk-${n - 1}`))?.note).toBe('마지막으로 가져온 메모');
    // A second round sends nothing again.
    const again = await ok(a.sync());
    expect(again.sent).toBe(0);
  });
});

group('merge rules (records.ts)', () => {
  const payload = (note: string, t: number, nh: string[] = [], extra: Partial<HighlightPayload['rec']> = {}): HighlightPayload => ({
    k: 'a',
    rec: {
      id: 'h',
      articleId: 'r',
      url: normalizeUrl(URL_A),
      selectors: selectors('예산안'),
      quote: '예산안',
      color: 'yellow',
      note,
      tags: [],
      entities: [],
      createdAt: 1,
      updatedAt: t,
      orphaned: false,
      ...extra,
    },
    t: { color: 1, note: t, tags: 1 },
    nh,
  });

  it('is the same whichever side merges', () => {
    const x = payload('첫째', 10);
    const y = payload('둘째', 20, [], { color: 'pink' });
    const xy = mergeHighlights(x, y);
    const yx = mergeHighlights(y, x);
    expect(xy).toEqual(yx);
    expect(xy.conflict).toBe(true);
    expect(xy.payload.rec.note.startsWith('둘째')).toBe(true);
  });

  it('merging merges again keeps each version once (two devices that merged in another order, or a merge met with a part of it)', () => {
    const join = (...parts: string[]) => parts.join(`\n\n${SYNC_CONFLICT_HEADING}\n`);
    const onA = payload(join('가 메모', '나 메모'), 30);
    const onB = payload(join('나 메모', '다 메모'), 20);
    const merged = mergeHighlights(onA, onB);
    expect(merged).toMatchObject({ conflict: true, payload: { rec: { note: join('가 메모', '나 메모', '다 메모') } } });
    expect(mergeHighlights(onB, onA).payload.rec.note).toBe(merged.payload.rec.note);
    // A version that adds nothing is no conflict, whichever is later: the one holding every part stays.
    const reordered = payload(join('다 메모', '가 메모'), 40);
    expect(mergeHighlights(reordered, merged.payload)).toMatchObject({ conflict: false, payload: { rec: { note: merged.payload.rec.note } } });
    expect(mergeHighlights(merged.payload, onA)).toMatchObject({ conflict: false, payload: { rec: { note: merged.payload.rec.note } } });
  });

  it('a note written over the other wins without a conflict', async () => {
    const { noteHash } = await import('../../utils/sync/records');
    const older = payload('원래', 10);
    const newer = payload('원래 + 더', 20, [noteHash('원래')]);
    expect(mergeHighlights(older, newer)).toMatchObject({ conflict: false, payload: { rec: { note: '원래 + 더' } } });
    const rewritten = payload('완전히 새로', 20, [noteHash('원래')]);
    expect(mergeHighlights(rewritten, older)).toMatchObject({ conflict: false, payload: { rec: { note: '완전히 새로' } } });
  });
});
