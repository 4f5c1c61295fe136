import { describe as group, expect, it } from 'vitest';
import type { DBCore, DBCoreMutateRequest } from 'dexie';
import { describeTextQuote } from '../../utils/anchoring';
import { HighlightRepository, newHighlightRecord } from '../../utils/db/highlights';
import { search } from '../../utils/db/library';
import { articleFacets, type ArticleBody, type ArticleRow, type HighlightColor, type HighlightRecord, type MarginDB } from '../../utils/db/schema';
import { articleSearchRow, bodySearchRow, highlightSearchRow } from '../../utils/db/search-index';
import { importData } from '../../utils/export/transfer';
import { DEFER_AT } from '../../utils/db/index-queue';
import { freshDb } from '../support/db';
import { normalizeUrl } from '../../utils/url';

/*
 * The index keeper (utils/db/index-keeper.ts): whoever writes a record — here the raw Dexie
 * tables, as no repository does — its search rows and its article's facets follow in the same
 * transaction.
 */

const TEXT = '시의회는 오늘 오후 본회의를 열어 내년도 예산안을 표결에 부쳤다. 위원회는 교통과 주거 분야의 지출을 늘리는 데 합의했다. The ferry budget passed.';
const QUOTES = ['예산안', '본회의', '교통과 주거', 'ferry budget', '위원회'];

function row(id: string, extra: Partial<ArticleRow> = {}): ArticleRow {
  return {
    id,
    url: normalizeUrl(`https://news.example.kr/${id}`),
    title: `시의회 ${id} 기사`,
    byline: null,
    siteName: 'news.example.kr',
    lang: 'ko',
    publishedTime: null,
    excerpt: null,
    savedAt: 1_000,
    updatedAt: 1_000,
    publishedAt: 1_000,
    entities: [],
    facets: [],
    ...extra,
  };
}

const body = (id: string, textContent = TEXT): ArticleBody => ({ id, contentHtml: `<p>${textContent}</p>`, textContent });

function highlight(
  id: string,
  articleId: string,
  extra: Partial<Pick<HighlightRecord, 'color' | 'note' | 'tags' | 'updatedAt' | 'entities'>> = {},
  quote = QUOTES[0]!,
): HighlightRecord {
  const start = TEXT.indexOf(quote);
  return newHighlightRecord({
    id,
    articleId,
    url: normalizeUrl(`https://news.example.kr/${articleId}`),
    selectors: describeTextQuote(TEXT, start, start + quote.length),
    createdAt: 500,
    ...extra,
  });
}

/** The index and facets as they must be for the records in the tables, compared with what is there. */
async function expectInStep(db: MarginDB, context = ''): Promise<void> {
  const [articles, bodies, highlights, rows, bodyRows] = await Promise.all([
    db.articles.toArray(),
    db.bodies.toArray(),
    db.annotations.toArray(),
    db.search.toArray(),
    db.bodySearch.toArray(),
  ]);
  const byId = new Map(articles.map((a) => [a.id, a]));
  const byKey = (x: { key: string }, y: { key: string }) => (x.key < y.key ? -1 : x.key > y.key ? 1 : 0);
  expect(rows.sort(byKey), `${context}: search`).toEqual([...articles.map(articleSearchRow), ...highlights.map(highlightSearchRow)].sort(byKey));
  expect(bodyRows.sort(byKey), `${context}: bodySearch`).toEqual(
    bodies.flatMap((b) => (byId.has(b.id) ? [bodySearchRow(byId.get(b.id)!, b)] : [])).sort(byKey),
  );
  for (const a of articles) {
    const want = articleFacets(
      a.entities,
      highlights.filter((h) => h.articleId === a.id),
    );
    expect(new Set(a.facets), `${context}: facets of ${a.id}`).toEqual(new Set(want));
  }
}

const hitIds = async (db: MarginDB, query: string) => (await search(db, query)).map((h) => h.highlightId ?? `${h.kind}:${h.articleId}`).sort();

group('the index keeper: writes through the raw tables keep search and filters in step', () => {
  it('a highlight put, changed and deleted with db.annotations: found, filtered, then gone', async () => {
    const db = freshDb();
    await db.articles.put(row('a1'));
    await db.annotations.put(highlight('h1', 'a1', { color: 'pink', note: '버스 노선', tags: ['교통'] }));
    expect(await hitIds(db, '버스')).toEqual(['h1']);
    expect((await db.articles.get('a1'))!.facets.sort()).toEqual(['c:pink', 't:교통']);
    await expectInStep(db, 'added');

    // A colour and a tag changed away are gone from the filters; the old note no longer matches.
    await db.annotations.put(highlight('h1', 'a1', { color: 'blue', note: '지하철 노선', tags: [], updatedAt: 900 }));
    expect((await db.articles.get('a1'))!.facets).toEqual(['c:blue']);
    expect(await hitIds(db, '버스')).toEqual([]);
    expect(await hitIds(db, '지하철')).toEqual(['h1']);
    expect(await db.search.where('ref').equals('ah1').count()).toBe(1);
    await expectInStep(db, 'changed');

    await db.annotations.delete('h1');
    expect(await hitIds(db, '지하철')).toEqual([]);
    expect((await db.articles.get('a1'))!.facets).toEqual([]);
    await expectInStep(db, 'deleted');
  });

  it('a highlight moved to another article leaves the first one’s filters and joins the other’s', async () => {
    const db = freshDb();
    await db.articles.bulkPut([row('a1'), row('a2')]);
    await db.annotations.bulkAdd([highlight('h1', 'a1', { color: 'green' }), highlight('h2', 'a1', { color: 'yellow' })]);
    await db.annotations.put({ ...(await db.annotations.get('h1'))!, articleId: 'a2' });
    expect((await db.articles.get('a1'))!.facets).toEqual(['c:yellow']);
    expect((await db.articles.get('a2'))!.facets).toEqual(['c:green']);
    await expectInStep(db);
  });

  it('db.articles.bulkDelete takes the articles’ title and body rows out; their highlights stay searchable', async () => {
    const db = freshDb();
    await db.articles.bulkPut([row('a1', { title: '교통 예산' }), row('a2', { title: '주거 예산' })]);
    await db.bodies.bulkPut([body('a1'), body('a2')]);
    await db.annotations.put(highlight('h1', 'a1', { note: '나중에 읽기' }));
    expect(await db.bodySearch.count()).toBe(2);
    await db.articles.bulkDelete(['a1', 'a2']);
    expect(await db.bodySearch.count()).toBe(0);
    expect(await db.search.where('ref').anyOf(['ta1', 'ta2']).count()).toBe(0);
    expect(await db.search.where('ref').equals('ah1').count()).toBe(1);
    await expectInStep(db);
  });

  it('db.bodies.put indexes a body once its article exists, whichever came first, and a changed text replaces the old', async () => {
    const db = freshDb();
    await db.bodies.put(body('a1', '페리 운항 시간표가 바뀌었다.'));
    // No article yet: nothing to key the body by.
    expect(await db.bodySearch.count()).toBe(0);
    await db.articles.put(row('a1'));
    expect(await hitIds(db, '시간표')).toEqual(['body:a1']);
    await db.bodies.put(body('a1', '버스 요금이 올랐다.'));
    expect(await hitIds(db, '시간표')).toEqual([]);
    expect(await hitIds(db, '요금')).toEqual(['body:a1']);
    // The article's first-saved time keys its rows: changing it moves both.
    await db.articles.put({ ...(await db.articles.get('a1'))!, savedAt: 5_000 });
    await expectInStep(db, 'rekeyed');
    await db.bodies.delete('a1');
    expect(await db.bodySearch.count()).toBe(0);
    await expectInStep(db, 'body deleted');
  });

  it('an article’s names are searched with its title and filter it, kept when the row is rewritten without them changing', async () => {
    const db = freshDb();
    await db.articles.put(row('a1', { facets: ['t:stale'] }));
    // Facets are derived: what the writer put there is replaced.
    expect((await db.articles.get('a1'))!.facets).toEqual([]);
    await db.annotations.put(highlight('h1', 'a1', { tags: ['예산'] }));
    await db.articles.update('a1', { entities: [{ text: '서울시', type: 'org', count: 2 }] });
    expect(new Set((await db.articles.get('a1'))!.facets)).toEqual(new Set(['c:yellow', 't:예산', 'e:org:서울시']));
    expect(await hitIds(db, '서울시')).toEqual(['article:a1']);
    await db.articles.update('a1', { title: '새 제목' });
    expect(new Set((await db.articles.get('a1'))!.facets)).toEqual(new Set(['c:yellow', 't:예산', 'e:org:서울시']));
    await expectInStep(db);
  });

  it('clear() of each table takes its rows out of the index and its highlights out of the filters', async () => {
    const db = freshDb();
    await db.articles.bulkPut([row('a1', { entities: [{ text: '서울시', type: 'org', count: 1 }] }), row('a2')]);
    await db.bodies.bulkPut([body('a1'), body('a2')]);
    await db.annotations.bulkAdd([highlight('h1', 'a1', { color: 'pink' }), highlight('h2', 'a2', { tags: ['x'] })]);
    await db.annotations.clear();
    expect(await db.search.where('ref').startsWith('a').count()).toBe(0);
    expect((await db.articles.get('a1'))!.facets).toEqual(['e:org:서울시']);
    expect((await db.articles.get('a2'))!.facets).toEqual([]);
    await expectInStep(db, 'highlights cleared');
    await db.bodies.clear();
    expect(await db.bodySearch.count()).toBe(0);
    await expectInStep(db, 'bodies cleared');
    await db.bodies.bulkPut([body('a1'), body('a2')]);
    await db.articles.clear();
    expect(await db.search.count()).toBe(0);
    expect(await db.bodySearch.count()).toBe(0);
    await expectInStep(db, 'articles cleared');
  });

  it('a bulkAdd that partly fails, caught by its writer, indexes only what was written', async () => {
    const db = freshDb();
    await db.articles.put(row('a1'));
    await db.transaction('rw', db.annotations, async () => {
      await db.annotations.bulkAdd([highlight('h1', 'a1', { color: 'pink' }), highlight('h1', 'a1', { color: 'blue', note: '두 번째' })]).catch(() => {});
    });
    expect((await db.annotations.get('h1'))!.color).toBe('pink');
    expect((await db.articles.get('a1'))!.facets).toEqual(['c:pink']);
    await expectInStep(db);
  });

  it('a failing write takes its index rows with it: the transaction is all or nothing', async () => {
    const db = freshDb();
    await db.articles.put(row('a1'));
    await expect(
      db.transaction('rw', db.annotations, async () => {
        await db.annotations.add(highlight('h1', 'a1', { color: 'pink' }));
        throw new Error('stop');
      }),
    ).rejects.toThrow('stop');
    expect(await db.search.count()).toBe(1);
    expect((await db.articles.get('a1'))!.facets).toEqual([]);
    await expectInStep(db);
  });

  it('writes issued together in one transaction are kept one after the other', async () => {
    const db = freshDb();
    await db.transaction('rw', [db.articles, db.bodies, db.annotations], async () => {
      await Promise.all([
        db.annotations.put(highlight('h1', 'a1', { note: '하나' })),
        db.articles.put(row('a1')),
        db.bodies.put(body('a1')),
        db.annotations.put(highlight('h1', 'a1', { note: '둘', color: 'pink', updatedAt: 700 })),
        db.annotations.put(highlight('h2', 'a1', { color: 'green' })),
        db.annotations.delete('h2'),
      ]);
    });
    expect((await db.articles.get('a1'))!.facets).toEqual(['c:pink']);
    await expectInStep(db);
  });

  it('stays in step through a long random run of raw writes, bulk and single, in and out of transactions', async () => {
    const db = freshDb();
    let seed = 13;
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const pick = <T>(list: readonly T[]) => list[rand(list.length)]!;
    const colors: HighlightColor[] = ['yellow', 'green', 'blue', 'pink'];
    const articleIds = ['a1', 'a2', 'a3'];
    const highlightIds = ['h1', 'h2', 'h3', 'h4', 'h5'];
    const words = ['버스', '지하철', '예산', '주거', 'ferry', 'budget'];
    let clock = 2_000;
    const randomHighlight = (id: string) =>
      highlight(
        id,
        pick(articleIds),
        { color: pick(colors), note: pick(words), tags: rand(2) ? [pick(words)] : [], updatedAt: (clock += rand(3)) },
        pick(QUOTES),
      );
    const randomRow = (id: string) =>
      row(id, {
        title: `${pick(words)} ${pick(words)}`,
        savedAt: pick([1_000, 1_500]),
        entities: rand(2) ? [{ text: pick(['서울시', '국토부']), type: 'org', count: 1 }] : [],
        facets: rand(3) ? [] : ['c:yellow'],
      });
    const ops: (() => Promise<unknown>)[] = [
      () => db.annotations.put(randomHighlight(pick(highlightIds))),
      () => db.annotations.bulkPut([randomHighlight(pick(highlightIds)), randomHighlight(pick(highlightIds))]),
      async () => {
        const id = pick(highlightIds);
        if (!(await db.annotations.get(id))) await db.annotations.add(randomHighlight(id));
      },
      () => db.annotations.delete(pick(highlightIds)),
      () => db.annotations.update(pick(highlightIds), { color: pick(colors) }),
      () => db.articles.put(randomRow(pick(articleIds))),
      () => db.articles.update(pick(articleIds), { title: pick(words) }),
      () => db.articles.delete(pick(articleIds)),
      () => db.bodies.put(body(pick(articleIds), `${pick(words)} ${pick(words)} ${pick(words)}`)),
      () => db.bodies.bulkDelete([pick(articleIds)]),
      () =>
        db.transaction('rw', [db.articles, db.bodies, db.annotations], async () => {
          await Promise.all([
            db.annotations.put(randomHighlight(pick(highlightIds))),
            db.articles.put(randomRow(pick(articleIds))),
            db.annotations.delete(pick(highlightIds)),
          ]);
          await db.bodies.put(body(pick(articleIds), pick(words)));
        }),
      () => db.annotations.where('articleId').equals(pick(articleIds)).delete(),
      () => (rand(4) ? Promise.resolve() : pick([db.annotations, db.bodies, db.articles] as const).clear()),
    ];
    for (let step = 0; step < 300; step++) {
      const op = rand(ops.length);
      await ops[op]!();
      await expectInStep(db, `step ${step} (op ${op})`);
    }
  }, 60_000);
});

group('the index keeper and the sync outbox', () => {
  it('the outbox records the writer’s records, never the keeper’s facet rewrites (facets are not synced)', async () => {
    const db = freshDb();
    await db.articles.put(row('a1'));
    await db.syncOutbox.clear();
    const repo = new HighlightRepository(db, () => 5_000);
    const h = await repo.create({ articleId: 'a1', url: 'https://news.example.kr/a1', selectors: highlight('x', 'a1').selectors, color: 'pink' });
    expect((await db.articles.get('a1'))!.facets).toEqual(['c:pink']);
    expect(await db.syncOutbox.toCollection().primaryKeys()).toEqual([`annotations:${h.id}`]);
    // The writer's own article writes still reach it.
    await db.articles.update('a1', { title: '새 제목' });
    expect((await db.syncOutbox.toCollection().primaryKeys()).sort()).toEqual(['annotations:' + h.id, 'articles:a1'].sort());
  });
});

group('the index keeper’s cost', () => {
  /** Counts the requests that reach IndexedDB (below every middleware) by table and kind, with the records they name. */
  function counted(db: MarginDB) {
    const counts: Record<string, { requests: number; records: number }> = {};
    const count = (what: string, records: number) => {
      const c = (counts[what] ??= { requests: 0, records: 0 });
      c.requests++;
      c.records += records;
    };
    db.use({
      stack: 'dbcore',
      name: 'test-counter',
      level: -10,
      create: (down: DBCore): DBCore => ({
        ...down,
        table: (name) => {
          const table = down.table(name);
          return {
            ...table,
            getMany: (req) => (count(`${name}.getMany`, req.keys.length), table.getMany(req)),
            get: (req) => (count(`${name}.get`, 1), table.get(req)),
            query: (req) =>
              table.query(req).then((res) => {
                count(`${name}.query${req.query.index.name ? `(${req.query.index.name})` : ''}`, res.result.length);
                return res;
              }),
            mutate: (req: DBCoreMutateRequest) => (
              count(`${name}.${req.type}`, req.type === 'deleteRange' ? 0 : 'values' in req ? req.values.length : req.keys.length),
              table.mutate(req)
            ),
          };
        },
      }),
    });
    return counts;
  }

  // The largest add the keeper derives at once; a larger one goes through the index queue (index-queue.test.ts).
  const MOST = DEFER_AT - 1;

  it(`adding ${MOST} highlights over 40 articles: one search write, one read and one write of the 40 articles, no highlight read`, async () => {
    const db = freshDb();
    const counts = counted(db);
    const ids = Array.from({ length: 40 }, (_, i) => `a${i}`);
    await db.articles.bulkPut(ids.map((id) => row(id)));
    for (const key of Object.keys(counts)) delete counts[key];
    const records = Array.from({ length: MOST }, (_, i) => highlight(`h${i}`, ids[i % 40]!, { color: i % 2 ? 'pink' : 'blue', tags: [`t${i % 3}`] }));
    await db.transaction('rw', db.annotations, () => db.annotations.bulkAdd(records));
    expect(counts).toEqual({
      'annotations.add': { requests: 1, records: MOST },
      'search.put': { requests: 1, records: MOST },
      'articles.getMany': { requests: 1, records: 40 },
      'articles.put': { requests: 1, records: 40 },
      // The outbox's own row per record (sync), not the keeper's.
      'syncOutbox.put': { requests: 1, records: MOST },
    });
    await expectInStep(db);
  });

  it('editing highlights reads only what they replace, and an article’s highlights only when a filter may go', async () => {
    const db = freshDb();
    const counts = counted(db);
    await db.articles.bulkPut([row('a1'), row('a2')]);
    await db.annotations.bulkAdd(Array.from({ length: 100 }, (_, i) => highlight(`h${i}`, i % 2 ? 'a1' : 'a2', { tags: ['x'] })));
    for (const key of Object.keys(counts)) delete counts[key];
    // A note edited, a tag added: nothing is lost from the filters, no highlight list is read.
    await db.annotations.bulkPut([
      { ...(await db.annotations.get('h1'))!, note: '새 메모', updatedAt: 900 },
      { ...(await db.annotations.get('h2'))!, tags: ['x', 'y'], updatedAt: 900 },
    ]);
    expect(counts['annotations.query(articleId)']).toBeUndefined();
    expect(counts['annotations.getMany']).toEqual({ requests: 1, records: 2 });
    // A colour changed away: that article's highlights are read, once.
    await db.annotations.put({ ...(await db.annotations.get('h1'))!, color: 'pink', updatedAt: 901 });
    expect(counts['annotations.query(articleId)']).toEqual({ requests: 1, records: 50 });
    await expectInStep(db);
  });

  it('an import of new articles and highlights reads no highlight list and replaces nothing in the index', async () => {
    const db = freshDb();
    const counts = counted(db);
    const articles = Array.from({ length: 20 }, (_, i) => ({ ...row(`a${i}`), contentHtml: `<p>${TEXT}</p>`, textContent: TEXT }));
    const annotations = Array.from({ length: MOST }, (_, i) => highlight(`h${i}`, `a${i % 20}`, { note: `메모 ${i}` }));
    await importData(db, { articles, annotations, corrections: [] });
    // New articles look for highlights of theirs (none yet: nothing read); no search row is deleted.
    expect(counts['annotations.query(articleId)']?.records ?? 0).toBe(0);
    expect(counts['search.delete']).toBeUndefined();
    expect(counts['bodySearch.delete']).toBeUndefined();
    expect(counts['search.put']).toEqual({ requests: 2, records: MOST + 20 });
    expect(counts['bodySearch.put']).toEqual({ requests: 1, records: 20 });
    // The keeper's facet rewrite of the 20 articles (the import's own writes are adds).
    expect(counts['articles.put']?.records).toBe(20);
    await expectInStep(db);
  });

  it('a large import into an empty library asks no keyed reads: one count of each table instead (issue 22)', async () => {
    const db = freshDb();
    const counts = counted(db);
    const articles = Array.from({ length: 100 }, (_, i) => ({ ...row(`a${i}`), contentHtml: `<p>${TEXT}</p>`, textContent: TEXT }));
    const annotations = Array.from({ length: MOST }, (_, i) => highlight(`h${i}`, `a${i % 100}`, { note: `메모 ${i}`, color: i % 3 ? 'pink' : 'blue' }));
    await importData(db, { articles, annotations, corrections: [] });
    const keyed = Object.entries(counts).filter(([what]) => /\.(getMany|get|query\(\w+\))$/.test(what));
    expect(keyed).toEqual([]);
    await expectInStep(db);
    // The same file again, into the library it made: fewer rows than keys read at once, nothing changed.
    const before = await db.search.count();
    const summary = await importData(db, { articles, annotations, corrections: [] });
    expect(summary.annotations).toMatchObject({ added: 0, updated: 0, unchanged: MOST });
    expect(await db.search.count()).toBe(before);
    await expectInStep(db);
  });
});
