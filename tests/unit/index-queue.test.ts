import { describe, expect, it } from 'vitest';
import { describeTextQuote } from '../../utils/anchoring';
import type { ArticleRecord } from '../../utils/article';
import { newHighlightRecord } from '../../utils/db/highlights';
import { DEFER_AT, DRAIN_CHUNK, drainIndex, indexBacklog } from '../../utils/db/index-queue';
import { search } from '../../utils/db/library';
import { splitArticle } from '../../utils/db/articles';
import { HIGHLIGHT_COLORS, type MarginDB } from '../../utils/db/schema';
import type { MarginData } from '../../utils/export/model';
import { importData } from '../../utils/export/transfer';
import { normalizeUrl } from '../../utils/url';
import { freshDb } from '../support/db';

/*
 * The index queue (utils/db/index-queue.ts): a bulk add of thousands of records (an import)
 * writes the records and queues their ids; the drain derives their rows later. What it derives
 * must be exactly what the index keeper writes at once for the same records, whatever happened
 * to them in between.
 */

const WORDS = ['예산안', '본회의', '교통', '주거', 'ferry', 'budget', '위원회', '시의회', 'council', '지하철', '버스', 'harbour'];
const NAMES = [
  { text: '한빛시', type: 'place' as const },
  { text: '누리전자', type: 'org' as const },
  { text: '김하늘', type: 'person' as const },
  { text: 'Calder Bay', type: 'place' as const },
  { text: '새솔은행', type: 'org' as const },
];

/** A library written for these tests: `articles` articles, `highlights` highlights over them, with names, tags and notes. */
function library(articles: number, highlights: number): MarginData {
  const out: MarginData = { articles: [], annotations: [], corrections: [] };
  for (let i = 0; i < articles; i++) {
    const text = Array.from({ length: 6 }, (_, k) => `${WORDS[(i + k) % WORDS.length]} ${WORDS[(i * 7 + k) % WORDS.length]} 문장 ${i}-${k}.`).join(' ');
    const article: ArticleRecord = {
      id: `a${i}`,
      url: normalizeUrl(`https://news.example/${i}`),
      title: `${WORDS[i % WORDS.length]} 기사 ${i}`,
      byline: null,
      siteName: i % 2 ? '한빛일보' : 'The Northgate Courier',
      lang: 'ko',
      publishedTime: new Date(Date.UTC(2025, 0, 1) + i * 3_600_000).toISOString(),
      excerpt: null,
      contentHtml: `<p>${text}</p>`,
      textContent: text,
      savedAt: 1_000 + i,
      updatedAt: 1_000 + i,
    };
    out.articles.push({ ...article, entities: NAMES.filter((_, k) => (i + k) % 3 === 0).map((n, k) => ({ ...n, count: 1 + k })) });
  }
  for (let k = 0; k < highlights; k++) {
    const a = out.articles[k % articles]!;
    const from = (k * 13) % (a.textContent.length - 30);
    out.annotations.push(
      newHighlightRecord({
        id: `h${k}`,
        articleId: a.id,
        url: a.url,
        selectors: describeTextQuote(a.textContent, from, from + 12 + (k % 15)),
        color: HIGHLIGHT_COLORS[k % HIGHLIGHT_COLORS.length]!,
        note: k % 3 ? '' : `메모 ${WORDS[k % WORDS.length]} ${k}`,
        tags: k % 4 ? [] : [WORDS[k % 5]!],
        createdAt: 5_000 + k,
        entities: k % 5 ? [] : [NAMES[k % NAMES.length]!].map(({ text, type }) => ({ text, type })),
      }),
    );
  }
  return out;
}

/** Every derived table, in an order that does not depend on how it was written. */
async function derived(db: MarginDB) {
  const sorted = <T>(rows: T[], key: (r: T) => string) => rows.map((r) => [key(r), r] as const).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const [search, bodySearch, entityArticles, entityHighlights, entityPairs, entities, articles] = await Promise.all([
    db.search.toArray(),
    db.bodySearch.toArray(),
    db.entityArticles.toArray(),
    db.entityHighlights.toArray(),
    db.entityPairs.toArray(),
    db.entities.toArray(),
    db.articles.toArray(),
  ]);
  return {
    search: sorted(search, (r) => r.key),
    bodySearch: sorted(bodySearch, (r) => r.key),
    entityArticles: sorted(entityArticles, (r) => r.id),
    entityHighlights: sorted(entityHighlights, (r) => r.id),
    entityPairs: sorted(entityPairs, (r) => r.id),
    entities: sorted(entities, (r) => r.key),
    facets: sorted(articles, (r) => r.id).map(([id, r]) => [id, [...r.facets].sort()]),
  };
}

/** The same records written in adds smaller than DEFER_AT: the keeper derives everything at once. */
async function writtenAtOnce(db: MarginDB, data: MarginData): Promise<void> {
  const split = data.articles.map((a) => splitArticle(a as ArticleRecord));
  const batches = <T>(xs: T[]) =>
    Array.from({ length: Math.ceil(xs.length / (DEFER_AT - 1)) }, (_, i) => xs.slice(i * (DEFER_AT - 1), (i + 1) * (DEFER_AT - 1)));
  for (const b of batches(split)) await db.articles.bulkAdd(b.map((a) => a.row));
  for (const b of batches(split)) await db.bodies.bulkAdd(b.map((a) => a.body));
  for (const b of batches(data.annotations)) await db.annotations.bulkAdd(b);
}

const ids = async (db: MarginDB, query: string) => (await search(db, query, 5000)).map((h) => h.highlightId ?? `${h.kind}:${h.articleId}`).sort();

describe('the index queue: a bulk import indexed after it returns', { timeout: 120_000 }, () => {
  const data = library(DEFER_AT + 20, 2 * DRAIN_CHUNK.annotations + 300);

  it('imports the records at once, queues their rows, and derives exactly what the keeper writes at once', async () => {
    const deferred = freshDb();
    await importData(deferred, data);
    // The records are all there; their rows wait.
    expect(await deferred.annotations.count()).toBe(data.annotations.length);
    expect(await indexBacklog(deferred)).toBeGreaterThan(0);
    expect(await deferred.search.count()).toBe(0);
    expect(await ids(deferred, '메모')).toEqual([]);

    const outbox = await deferred.syncOutbox.count();
    expect(await drainIndex(deferred)).toBe(data.articles.length * 2 + data.annotations.length);
    expect(await indexBacklog(deferred)).toBe(0);
    // Deriving changes no record: nothing new for sync to send.
    expect(await deferred.syncOutbox.count()).toBe(outbox);

    const reference = freshDb();
    await writtenAtOnce(reference, data);
    expect(await indexBacklog(reference)).toBe(0);
    expect(await derived(deferred)).toEqual(await derived(reference));
    expect(await ids(deferred, '메모')).toEqual(await ids(reference, '메모'));
    expect((await ids(deferred, '메모')).length).toBeGreaterThan(100);
  });

  it('ends as if nothing had waited when records change, move or go before their turn', async () => {
    const change = async (db: MarginDB) => {
      const h = (await db.annotations.get('h3'))!;
      await db.annotations.put({ ...h, note: '나중에 고친 메모', tags: ['교통'], updatedAt: h.updatedAt + 10 });
      await db.annotations.put({ ...(await db.annotations.get('h7'))!, articleId: 'a9', url: normalizeUrl('https://news.example/9') });
      await db.annotations.bulkDelete(['h10', 'h11', `h${DRAIN_CHUNK.annotations + 5}`]);
      await db.articles.delete('a2');
      await db.articles.put({ ...(await db.articles.get('a4'))!, title: '바뀐 제목', entities: [] });
    };
    const deferred = freshDb();
    await importData(deferred, data);
    await change(deferred);
    await drainIndex(deferred);

    const reference = freshDb();
    await writtenAtOnce(reference, data);
    await change(reference);
    expect(await derived(deferred)).toEqual(await derived(reference));
    expect(await ids(deferred, '고친')).toEqual(['h3']);
  });

  it('is drained once when two callers drain at the same time', async () => {
    const db = freshDb();
    await importData(db, data);
    const [a, b] = await Promise.all([drainIndex(db), drainIndex(db)]);
    expect(a).toBe(b);
    expect(await indexBacklog(db)).toBe(0);
  });

  it('takes a large put of records none of which is here (a first sync’s batch) as an add; one that replaces records is kept at once', async () => {
    const db = freshDb();
    const small = library(20, DEFER_AT + 10);
    const split = small.articles.map((a) => splitArticle(a as ArticleRecord));
    await db.articles.bulkPut(split.map((a) => a.row));
    await db.annotations.bulkPut(small.annotations);
    expect(await indexBacklog(db)).toBeGreaterThan(0);
    expect(await db.search.where('ref').startsWith('a').count()).toBe(0);
    await drainIndex(db);
    // The same records written at once, without their texts (none were put here).
    const reference = freshDb();
    await writtenAtOnce(reference, small);
    await reference.bodies.clear();
    expect(await derived(db)).toEqual(await derived(reference));

    // The same highlights again with new notes: they replace records, so their rows change at once.
    await db.annotations.bulkPut(small.annotations.map((h) => ({ ...h, note: `다시 쓴 메모 ${h.id}`, updatedAt: h.updatedAt + 1 })));
    expect(await indexBacklog(db)).toBe(0);
    expect((await ids(db, '다시')).length).toBe(small.annotations.length);
  });

  it('leaves a small import to the keeper at once', async () => {
    const db = freshDb();
    await importData(db, library(40, DEFER_AT - 1));
    expect(await indexBacklog(db)).toBe(0);
    expect((await ids(db, '메모')).length).toBeGreaterThan(10);
  });
});
