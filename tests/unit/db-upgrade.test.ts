import Dexie from 'dexie';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { CorrectionRepository } from '../../utils/db/corrections';
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
    db.close();
  });
});
