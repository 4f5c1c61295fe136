import { describe as group, expect, it } from 'vitest';
import { describeTextQuote } from '../../utils/anchoring';
import { newHighlightRecord } from '../../utils/db/highlights';
import { deriveEntityIndex, nameWords, PAIR_NAMES, type EntityMentionsRecord } from '../../utils/db/entity-index';
import type { ArticleEntity, ArticleRow, HighlightRecord, MarginDB } from '../../utils/db/schema';
import type { EntityType } from '../../utils/entities/types';
import { freshDb } from '../support/db';
import { normalizeUrl } from '../../utils/url';

/*
 * The entity index (utils/db/entity-index.ts), kept by the index keeper in the transaction of
 * every write: whatever the writes, its tables equal a derivation from scratch of the records.
 */

const TEXT = '서울시는 오늘 예산안을 발표했다. 국토부와 협의했다. The ferry budget passed.';

function row(id: string, entities: ArticleEntity[], extra: Partial<ArticleRow> = {}): ArticleRow {
  return {
    id,
    url: normalizeUrl(`https://news.example.kr/${id}`),
    title: `기사 ${id}`,
    byline: null,
    siteName: 'news.example.kr',
    lang: 'ko',
    publishedTime: null,
    excerpt: null,
    savedAt: 1_000,
    updatedAt: 1_000,
    publishedAt: 1_000,
    entities,
    facets: [],
    ...extra,
  };
}

function highlight(id: string, articleId: string, entities: { text: string; type: EntityType }[]): HighlightRecord {
  return newHighlightRecord({
    id,
    articleId,
    url: normalizeUrl(`https://news.example.kr/${articleId}`),
    selectors: describeTextQuote(TEXT, 0, 3),
    createdAt: 500,
    entities,
  });
}

const byId = <T extends { id: string }>(list: T[]) => [...list].sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
const byKey = <T extends { key: string }>(list: T[]) => [...list].sort((x, y) => (x.key < y.key ? -1 : x.key > y.key ? 1 : 0));

async function expectInStep(db: MarginDB, context = ''): Promise<void> {
  const [articles, mentions, highlights, ea, eh, ep, es] = await Promise.all([
    db.articles.toArray(),
    db.entityMentions.toArray(),
    db.annotations.toArray(),
    db.entityArticles.toArray(),
    db.entityHighlights.toArray(),
    db.entityPairs.toArray(),
    db.entities.toArray(),
  ]);
  const want = deriveEntityIndex(
    articles,
    mentions.filter((m) => articles.some((a) => a.id === m.id)),
    highlights,
  );
  expect(byId(ea), `${context}: entityArticles`).toEqual(byId(want.entityArticles));
  expect(byId(eh), `${context}: entityHighlights`).toEqual(byId(want.entityHighlights));
  expect(byId(ep), `${context}: entityPairs`).toEqual(byId(want.entityPairs));
  expect(byKey(es), `${context}: entities`).toEqual(byKey(want.entities));
}

group('the entity index', () => {
  it('counts articles, highlights and names mentioned together, and forgets them with their records', async () => {
    const db = freshDb();
    await db.articles.bulkPut([
      row('a1', [
        { text: '이재용', type: 'person', count: 3 },
        { text: '삼성전자', type: 'org', count: 2 },
        { text: '서울', type: 'place', count: 1 },
        { text: '3월 1일', type: 'date', count: 1 },
      ]),
      row('a2', [
        { text: '이재용', type: 'person', count: 1 },
        { text: '삼성전자', type: 'org', count: 4 },
      ]),
    ]);
    await db.entityMentions.put({ id: 'a1', entities: [{ key: 'person:이재용', forms: ['이재용', '이 회장'], first: '이재용 회장이 말했다.' }] });
    await db.annotations.put(highlight('h1', 'a1', [{ text: '이재용', type: 'person' }]));
    const lee = await db.entities.get('person:이재용');
    expect(lee).toMatchObject({ text: '이재용', articles: 2, highlights: 1 });
    expect((await db.entityArticles.get('person:이재용\u0000a1'))!.first).toBe('이재용 회장이 말했다.');
    expect((await db.entityPairs.get('person:이재용\u0000org:삼성전자'))!.n).toBe(2);
    expect((await db.entityPairs.get('person:이재용\u0000place:서울'))!.n).toBe(1);
    // Dates are not names: never paired.
    expect(await db.entityPairs.where('a').equals('date:3월 1일').count()).toBe(0);
    await expectInStep(db, 'after writes');
    await db.articles.delete('a1');
    expect(await db.entities.get('person:이재용')).toMatchObject({ articles: 1, highlights: 1 });
    expect((await db.entityPairs.get('person:이재용\u0000org:삼성전자'))!.n).toBe(1);
    expect(await db.entityPairs.get('person:이재용\u0000place:서울')).toBeUndefined();
    expect(await db.entityMentions.get('a1')).toBeUndefined();
    await db.annotations.delete('h1');
    await db.articles.delete('a2');
    expect(await db.entities.count()).toBe(0);
    expect(await db.entityPairs.count()).toBe(0);
    await expectInStep(db, 'after deletes');
  });

  it(`pairs only an article's ${PAIR_NAMES} most mentioned names`, () => {
    const many = Array.from({ length: PAIR_NAMES + 3 }, (_, i) => ({ text: `Name ${String(i).padStart(2, '0')}`, type: 'person' as const, count: 100 - i }));
    const index = deriveEntityIndex([row('a', many)], [], []);
    expect(index.entityPairs).toHaveLength(PAIR_NAMES * (PAIR_NAMES - 1));
    expect(index.entityPairs.some((p) => p.a === `person:name ${PAIR_NAMES + 1}`)).toBe(false);
  });

  it('finds a name by the start of any of its words, and Korean names by their given names', () => {
    expect(nameWords('Lee Jae-yong')).toEqual(expect.arrayContaining(['lee', 'jae', 'yong']));
    expect(nameWords('이재용')).toEqual(expect.arrayContaining(['이재용', '재용']));
  });

  it('stays in step through a long random run of raw writes, bulk and single, in and out of transactions', async () => {
    const db = freshDb();
    // mulberry32: every bit random (a plain LCG's low bits repeat with a short period).
    let seed = 29;
    const rand = (n: number) => {
      seed = (seed + 0x6d2b79f5) | 0;
      let x = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
      return ((x ^ (x >>> 14)) >>> 0) % n;
    };
    const pick = <T>(list: readonly T[]) => list[rand(list.length)]!;
    const articleIds = ['a1', 'a2', 'a3', 'a4'];
    const highlightIds = ['h1', 'h2', 'h3', 'h4', 'h5'];
    const names: { text: string; type: EntityType }[] = [
      { text: '서울시', type: 'org' },
      { text: '국토부', type: 'org' },
      { text: '이재용', type: 'person' },
      { text: 'Lee Jae-yong', type: 'person' },
      { text: '부산', type: 'place' },
      { text: '3월', type: 'date' },
      { text: 'Busan', type: 'place' },
    ];
    const someNames = () => names.filter(() => rand(2) === 1);
    const randomRow = (id: string) =>
      row(
        id,
        someNames().map((n) => ({ ...n, count: 1 + rand(4) })),
        { title: pick(['제목', 'Title', '기사']), publishedAt: pick([1_000, 2_000, 3_000]), siteName: pick(['a.kr', 'b.com', null]) },
      );
    const randomHighlight = (id: string) => highlight(id, pick(articleIds), someNames().slice(0, 2));
    const randomMentions = (id: string): EntityMentionsRecord => ({
      id,
      entities: someNames().map((n) => ({ key: `${n.type}:${n.text.toLowerCase()}`, forms: [n.text], first: pick(['첫 문장.', 'A sentence.']) })),
    });
    const ops: (() => Promise<unknown>)[] = [
      () => db.articles.put(randomRow(pick(articleIds))),
      () => db.articles.bulkPut([randomRow(pick(articleIds)), randomRow(pick(articleIds))]),
      () => db.articles.update(pick(articleIds), { title: pick(['새 제목', 'New']) }),
      () => db.articles.update(pick(articleIds), { entities: someNames().map((n) => ({ ...n, count: 1 + rand(3) })) }),
      () => db.articles.delete(pick(articleIds)),
      () => db.annotations.put(randomHighlight(pick(highlightIds))),
      () => db.annotations.bulkPut([randomHighlight(pick(highlightIds)), randomHighlight(pick(highlightIds))]),
      () => db.annotations.delete(pick(highlightIds)),
      () => db.annotations.update(pick(highlightIds), { entities: someNames().slice(0, 1) }),
      () => db.entityMentions.put(randomMentions(pick(articleIds))),
      () => db.entityMentions.delete(pick(articleIds)),
      () =>
        db.transaction('rw', [db.articles, db.annotations, db.entityMentions], async () => {
          await Promise.all([
            db.entityMentions.put(randomMentions(pick(articleIds))),
            db.articles.put(randomRow(pick(articleIds))),
            db.annotations.put(randomHighlight(pick(highlightIds))),
            db.annotations.delete(pick(highlightIds)),
          ]);
          await db.articles.delete(pick(articleIds));
        }),
      () => db.annotations.where('articleId').equals(pick(articleIds)).delete(),
      () => (rand(5) ? Promise.resolve() : pick([db.annotations, db.articles, db.entityMentions] as const).clear()),
    ];
    // How full the tables got along the way: the run must exercise them.
    let most = { pairs: 0, entities: 0, highlights: 0 };
    for (let step = 0; step < 250; step++) {
      most = {
        pairs: Math.max(most.pairs, await db.entityPairs.count()),
        entities: Math.max(most.entities, await db.entities.count()),
        highlights: Math.max(most.highlights, await db.entityHighlights.count()),
      };
      const op = rand(ops.length);
      await ops[op]!();
      await expectInStep(db, `step ${step} (op ${op})`);
    }
    expect(most.pairs).toBeGreaterThan(10);
    expect(most.entities).toBeGreaterThan(4);
    expect(most.highlights).toBeGreaterThan(2);
  }, 90_000);
});

group('the entity index after a large import (issue 22: read at once, not per key)', () => {
  it('an import of hundreds of articles and names, into an empty library and then into a full one, equals the derivation', async () => {
    const { importData } = await import('../../utils/export/transfer');
    const { drainIndex } = await import('../../utils/db/index-queue');
    const db = freshDb();
    const kinds: EntityType[] = ['person', 'org', 'place', 'date'];
    // 300 names over 120 articles per file, some named by many: more keys than the keeper summarises one by one.
    const file = (from: number, count: number) => {
      const articles = Array.from({ length: count }, (_, i) => {
        const n = from + i;
        const entities = Array.from({ length: 5 }, (_, k) => ({ text: `이름${(n * 7 + k * k * 13) % 300}`, type: kinds[k % 4]!, count: 1 + ((n + k) % 3) }));
        return { ...row(`a${n}`, entities, { publishedAt: 1_000 + (n % 17) * 10 }), contentHtml: `<p>${TEXT}</p>`, textContent: TEXT };
      });
      const annotations = articles.flatMap((a, i) => [highlight(`h${from + i}`, a.id, a.entities.slice(0, 1 + (i % 2))), highlight(`g${from + i}`, a.id, [])]);
      return { articles, annotations, corrections: [] };
    };
    // A large import's rows are derived by the index queue after it (index-queue.ts).
    await importData(db, file(0, 120));
    await drainIndex(db);
    await expectInStep(db, 'into an empty library');
    expect(await db.entities.count()).toBeGreaterThan(256);
    await importData(db, file(80, 120));
    await drainIndex(db);
    await expectInStep(db, 'into a full one');
    await importData(db, file(80, 120));
    await drainIndex(db);
    await expectInStep(db, 'the same file again');
  }, 60_000);
});
