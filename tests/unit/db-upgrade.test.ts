import Dexie from 'dexie';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { CorrectionRepository } from '../../utils/db/corrections';
import { describeTextQuote as describeQuote } from '../../utils/anchoring';
import { ArticleRepository } from '../../utils/db/articles';
import { listArticles, search } from '../../utils/db/library';
import { MarginDB } from '../../utils/db/schema';

describe('database upgrades', () => {
  it('opens a version-1 database (articles only) and finds every record', async () => {
    const indexedDB = new IDBFactory();
    const old = new Dexie('margin', { indexedDB, IDBKeyRange });
    old.version(1).stores({ articles: 'id, &url, savedAt, updatedAt, siteName, publishedTime' });
    await old.table('articles').bulkPut([
      { id: 'a', url: 'https://x.example/1', title: 'One', savedAt: 1, updatedAt: 1 },
      { id: 'b', url: 'https://x.example/2', title: 'Two', savedAt: 2, updatedAt: 2 },
    ]);
    old.close();

    const db = new MarginDB('margin', { indexedDB, IDBKeyRange });
    expect(await db.articles.count()).toBe(2);
    expect((await db.articles.where('url').equals('https://x.example/2').first())?.title).toBe('Two');
    // The new tables work.
    const corrections = new CorrectionRepository(db);
    await corrections.save({ text: ' 사진 ', action: 'set', type: 'org' });
    await corrections.save({ text: '사진', action: 'remove' });
    expect(await corrections.list()).toEqual([{ text: '사진', action: 'remove' }]);
    await corrections.remove('사진');
    expect(await corrections.list()).toEqual([]);
    // v10 (issue 22): the photo tables are there, empty, beside what was kept.
    expect(db.verno).toBeGreaterThanOrEqual(10);
    expect([await db.photos.count(), await db.photoSets.count()]).toEqual([0, 0]);
    db.close();
  });

  it('moves a version-7 library to version 8: the entity index built from the articles and highlights there are', async () => {
    const indexedDB = new IDBFactory();
    const old = new Dexie('margin', { indexedDB, IDBKeyRange });
    old.version(7).stores({
      articles: 'id, &url, savedAt, siteName, publishedAt, *facets',
      bodies: 'id',
      entityCorrections: 'id, &text, updatedAt',
      annotations: 'id, articleId, url, *tags',
      search: 'key, ref, *terms',
      bodySearch: 'key, ref, *terms',
      settings: 'key',
      trash: 'id, deletedAt',
      syncOutbox: 'key',
    });
    const article = (id: string, publishedAt: number) => ({
      id,
      url: `https://x.example/${id}`,
      title: id,
      byline: null,
      siteName: null,
      lang: 'ko',
      publishedTime: null,
      excerpt: null,
      savedAt: publishedAt,
      updatedAt: publishedAt,
      publishedAt,
      entities: [
        { text: '이재용', type: 'person', count: 2 },
        { text: '삼성전자', type: 'org', count: 1 },
      ],
      facets: [],
    });
    await old.table('articles').bulkPut([article('a', 1), article('b', 2)]);
    old.close();

    const db = new MarginDB('margin', { indexedDB, IDBKeyRange });
    expect(await db.entities.get('person:이재용')).toMatchObject({ articles: 2, highlights: 0, lastAt: 2 });
    expect((await db.entityPairs.get('person:이재용\u0000org:삼성전자'))?.n).toBe(2);
    expect(await db.articleVersions.count()).toBe(0);
    db.close();
  });

  it('moves a version-3 library to version 4: bodies apart, every title and highlight searchable and filterable', async () => {
    const indexedDB = new IDBFactory();
    const old = new Dexie('margin', { indexedDB, IDBKeyRange });
    old.version(1).stores({ articles: 'id, &url, savedAt, updatedAt, siteName, publishedTime' });
    old.version(2).stores({ entityCorrections: 'id, &text, updatedAt' });
    old.version(3).stores({ annotations: 'id, articleId, url, *tags, updatedAt, color, createdAt', settings: 'key' });
    const text = '딥시크가 미국에 역습을 가했다.';
    await old.table('articles').put({
      id: 'a',
      url: 'https://x.example/1',
      title: '딥시크의 역습',
      byline: null,
      siteName: '뉴스핌',
      lang: 'ko',
      publishedTime: 'not a date',
      excerpt: null,
      contentHtml: `<p>${text}</p>`,
      textContent: text,
      savedAt: 5,
      updatedAt: 5,
    });
    await old.table('annotations').put({
      id: 'h',
      articleId: 'a',
      url: 'https://x.example/1',
      selectors: describeQuote(text, 0, 8),
      quote: text.slice(0, 8),
      color: 'pink',
      note: 'Ferries later',
      tags: ['AI'],
      entities: [{ text: '미국', type: 'loc' }],
      createdAt: 6,
      updatedAt: 6,
      orphaned: false,
    });
    old.close();

    const db = new MarginDB('margin', { indexedDB, IDBKeyRange });
    const row = await db.articles.get('a');
    expect(row && 'textContent' in row).toBe(false);
    expect(row?.publishedAt).toBe(5); // an unreadable published date sorts by the saved one
    expect((await new ArticleRepository(db).get('a'))?.textContent).toBe(text);
    // Through v6: the body is searched too, after the title and the highlight.
    expect((await search(db, '딥시크')).map((h) => h.kind)).toEqual(['highlight', 'article', 'body']);
    expect((await search(db, 'ferry')).map((h) => h.highlightId)).toEqual(['h']);
    for (const filter of [{ tag: 'AI' }, { color: 'pink' as const }, { entity: 'loc:미국' }]) {
      expect(
        (await listArticles(db, { sort: 'published', offset: 0, limit: 5, ...filter })).items.map((i) => i.article.id),
        JSON.stringify(filter),
      ).toEqual(['a']);
    }
    db.close();
  });
});
