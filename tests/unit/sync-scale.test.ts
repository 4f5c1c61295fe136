import { afterAll, beforeAll, describe as group, expect, it } from 'vitest';
import { describeTextQuote } from '../../utils/anchoring';
import { putHighlights } from '../../utils/db/highlights';
import { markArriving } from '../../utils/db/outbox';
import type { HighlightRecord } from '../../utils/db/schema';
import { SYNC_CONFLICT_HEADING } from '../../utils/sync/records';
import { startCouch, type CouchServer } from '../support/couch';
import { freshDb } from '../support/db';
import { syncDevice, syncOk, type SyncDevice } from '../support/sync-device';
import { normalizeUrl } from '../../utils/url';

/*
 * Issue 21, scale: sync pulls straight into Dexie and pushes from the outbox, so a round costs
 * what changed — the same requests and the same documents read whatever the library's size —
 * and keeps no second copy of the library. (Times are the bench's: npm run bench -- --only sync.)
 */

const TEXT = '시의회는 오늘 오후 본회의를 열어 내년도 예산안을 표결에 부쳤다. 위원회는 교통과 주거 분야의 지출을 늘리는 데 합의했다. The ferry budget passed.';
const USERS = { reader: 'correct horse' };
let couch: CouchServer;

beforeAll(async () => {
  couch = await startCouch({ users: USERS, databases: ['small', 'large', 'upgrade', 'copies', 'emptied'] });
});
afterAll(async () => {
  await couch.close();
});

const device = (database: string): SyncDevice => syncDevice(() => couch, USERS.reader, database);

/** A device holding one article with `count` highlights. */
async function library(d: SyncDevice, count: number) {
  const article = await d.articles.save({
    url: normalizeUrl(`https://news.example.kr/scale/${count}`),
    title: '내년도 예산안 표결',
    byline: null,
    siteName: '예시 뉴스',
    lang: 'ko',
    publishedTime: null,
    excerpt: null,
    contentHtml: `<p>${TEXT}</p>`,
    textContent: TEXT,
  });
  const words = TEXT.split(' ');
  const records: HighlightRecord[] = Array.from({ length: count }, (_, i) => {
    const word = words[i % words.length]!;
    const start = TEXT.indexOf(word);
    const selectors = describeTextQuote(TEXT, start, start + word.length);
    return {
      id: `h${String(i).padStart(5, '0')}`,
      articleId: article.id,
      url: article.url,
      selectors,
      quote: selectors.quote.exact,
      color: 'yellow',
      note: `메모 ${i}`,
      tags: [],
      entities: [],
      createdAt: i + 1,
      updatedAt: i + 1,
      orphaned: false,
    };
  });
  await d.db.transaction('rw', [d.db.annotations, d.db.search, d.db.articles], () => putHighlights(d.db, records, 'new'));
  return records;
}

/** What one round asked of the server: how many requests, and how many documents it read in full. */
function cost(requests: SyncDevice['requests']) {
  const docsRead = requests
    .filter((r) => r.method === 'POST' && r.path.endsWith('/_all_docs'))
    .reduce((n, r) => n + ((JSON.parse(r.body ?? '{}') as { keys?: string[] }).keys?.length ?? 0), 0);
  return { requests: requests.length, docsRead };
}

group('sync at scale (issue 21)', { timeout: 120_000 }, () => {
  it('one edit costs the same requests and reads one document, with 20 highlights or 600', async () => {
    const costs: { size: number; sender: ReturnType<typeof cost>; receiver: ReturnType<typeof cost> }[] = [];
    for (const [size, database] of [
      [20, 'small'],
      [600, 'large'],
    ] as const) {
      const a = device(database);
      const b = device(database);
      const records = await library(a, size);
      await syncOk(a.sync());
      await syncOk(b.sync());
      expect(await b.db.annotations.count()).toBe(size);
      // Both settled: a round with nothing new on either side.
      await syncOk(a.sync());
      await syncOk(b.sync());
      a.tick();
      await a.annotations.update(records[7]!.id, { note: `고친 메모 ${size}` });
      a.requests.length = 0;
      b.requests.length = 0;
      const sent = await syncOk(a.sync());
      const got = await syncOk(b.sync());
      expect(sent.sent).toBe(1);
      expect(got.received).toBe(1);
      expect((await b.db.annotations.get(records[7]!.id))?.note).toBe(`고친 메모 ${size}`);
      costs.push({ size, sender: cost(a.requests), receiver: cost(b.requests) });
    }
    const [small, large] = costs;
    // The sender reads nothing back (its own revision is skipped); the receiver reads the one document.
    expect(large!.sender.docsRead).toBe(0);
    expect(large!.receiver.docsRead).toBe(1);
    expect(large!.sender).toEqual(small!.sender);
    expect(large!.receiver).toEqual(small!.receiver);
    expect(large!.sender.requests + large!.receiver.requests).toBeLessThanOrEqual(8);
  });

  it('a received library is stored once: per document only its revision, counter and digests are kept', async () => {
    const a = device('copies');
    const b = device('copies');
    await library(a, 200);
    await syncOk(a.sync());
    await syncOk(b.sync());
    expect(await b.db.annotations.count()).toBe(200);
    // Nothing the other device wrote is sent back, and nothing is left pending.
    expect(await b.db.syncOutbox.count()).toBe(0);
    const kept = await b.db.syncSeen.toArray();
    expect(kept).toHaveLength(1 + 1 + 200);
    for (const row of kept) {
      expect(row.rev).toMatch(/^\d+-/);
      const text = JSON.stringify(row);
      expect(text).not.toContain('메모');
      expect(text.length).toBeLessThan(400);
    }
  });

  it('writes of what arrived are not recorded in the outbox; the reader’s own writes are', async () => {
    const db = freshDb();
    await db.transaction('rw', db.settings, db.syncOutbox, async (tx) => {
      markArriving(tx);
      await db.settings.put({ key: 'preferences', value: { toolbarOpens: 'panel', textSize: 'large' } });
    });
    expect(await db.syncOutbox.count()).toBe(0);
    await db.settings.put({ key: 'preferences', value: { toolbarOpens: 'popup', textSize: 'large' } });
    expect(await db.syncOutbox.toCollection().primaryKeys()).toEqual(['settings:preferences']);
  });

  it('a database emptied on the server (its meta document gone too) gets everything back at the next round', async () => {
    const a = device('emptied');
    const records = await library(a, 5);
    await syncOk(a.sync());
    const server = couch.database('emptied');
    const rows = (await server.allDocs({})).rows;
    await server.bulkDocs(rows.map((r) => ({ _id: r.key, _rev: r.value!.rev, _deleted: true })));
    expect((await server.info()).doc_count).toBe(0);
    await syncOk(a.sync());
    expect(await a.db.annotations.count()).toBe(5);
    const b = device('emptied');
    await syncOk(b.sync());
    expect((await b.db.annotations.toArray()).map((h) => h.note).sort()).toEqual(records.map((h) => h.note).sort());
  });

  it('a device upgraded from the mirror’s time resumes: its next edit is the next version, not a conflict, and nothing is duplicated', async () => {
    const a = device('upgrade');
    const b = device('upgrade');
    const records = await library(a, 5);
    await syncOk(a.sync());
    await syncOk(b.sync());
    const server = couch.database('upgrade');
    const docs = (await server.info()).doc_count;
    // As the mirror's time left it: a state without format or checkpoint, and versions seen without revisions.
    const state = (await a.db.settings.get('sync.state'))!.value as { identity: string };
    await a.db.settings.put({ key: 'sync.state', value: { identity: state.identity, appliedSeq: 12, unpushed: 0, remoteSeq: '9' } });
    const seen = await a.db.syncSeen.toArray();
    await a.db.syncSeen.bulkPut(seen.map(({ id, n, h }) => ({ id, n, h })));
    a.tick();
    await a.annotations.update(records[2]!.id, { note: '올린 뒤 고친 메모' });
    const round = await syncOk(a.sync());
    expect(round.conflicts).toBe(0);
    await syncOk(b.sync());
    for (const d of [a, b]) {
      const note = (await d.db.annotations.get(records[2]!.id))?.note;
      expect(note).toBe('올린 뒤 고친 메모');
      expect(note).not.toContain(SYNC_CONFLICT_HEADING);
    }
    expect((await server.info()).doc_count).toBe(docs);
    expect(await a.db.syncOutbox.count()).toBe(0);
  });
});
