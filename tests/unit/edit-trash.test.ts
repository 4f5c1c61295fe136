import { describe as group, expect, it } from 'vitest';
import { describeTextQuote } from '../../utils/anchoring';
import { HighlightRepository, mergePatch } from '../../utils/db/highlights';
import { ArticleRepository } from '../../utils/db/articles';
import { search } from '../../utils/db/library';
import { emptyTrash, listTrash, purgeTrash, restoreArticle, trashArticle, TRASH_DAYS } from '../../utils/db/trash';
import { deleteArticles } from '../../utils/export/transfer';
import type { HighlightRecord } from '../../utils/db/schema';
import { freshDb } from '../support/db';
import { normalizeUrl } from '../../utils/url';

const TEXT = '시의회는 오늘 오후 본회의를 열어 내년도 예산안을 표결에 부쳤다. 위원회는 교통과 주거 분야의 지출을 늘리는 데 합의했다.';
const selectors = (quote: string) => {
  const start = TEXT.indexOf(quote);
  return describeTextQuote(TEXT, start, start + quote.length);
};

group('a stale editor never overwrites another page’s edit (issue 14, item 2)', () => {
  const setup = async () => {
    let now = 1000;
    const repo = new HighlightRepository(freshDb(), () => now);
    const a = await repo.create({
      articleId: 'art',
      url: 'https://x.example/a',
      selectors: selectors('예산안'),
      color: 'yellow',
      note: '처음 메모',
      tags: ['예산'],
    });
    return { repo, a, tick: () => (now += 10) };
  };

  it('applies a patch made against the current version as it is', async () => {
    const { repo, a, tick } = await setup();
    tick();
    const result = await repo.edit(a.id, { note: '고친 메모' }, { updatedAt: a.updatedAt, note: a.note });
    expect(result).toMatchObject({ status: 'saved', merged: false, record: { note: '고친 메모' } });
  });

  it('refuses a note written against an older version when the popup changed the note meanwhile', async () => {
    const { repo, a, tick } = await setup();
    tick();
    const popup = await repo.update(a.id, { note: '팝업에서 쓴 메모', tags: ['예산', '팝업'] });
    tick();
    const stale = await repo.edit(a.id, { note: '낡은 카드의 메모' }, { updatedAt: a.updatedAt, note: a.note });
    expect(stale).toMatchObject({ status: 'conflict', fields: ['note'], record: { note: '팝업에서 쓴 메모', tags: ['예산', '팝업'] } });
    expect((await repo.forArticle('art'))[0]).toEqual(popup);
  });

  it('merges tags as sets: the stale card’s added tag joins the popup’s, its removal applies, nothing else is lost', async () => {
    const { repo, a, tick } = await setup();
    tick();
    await repo.update(a.id, { note: '팝업에서 쓴 메모', tags: ['예산', '팝업'] });
    tick();
    const added = await repo.edit(a.id, { tags: ['예산', '카드'] }, { updatedAt: a.updatedAt, tags: a.tags });
    expect(added).toMatchObject({ status: 'saved', merged: true, record: { note: '팝업에서 쓴 메모', tags: ['예산', '팝업', '카드'] } });
    tick();
    const removed = await repo.edit(a.id, { tags: [] }, { updatedAt: a.updatedAt, tags: ['예산'] });
    expect(removed).toMatchObject({ status: 'saved', record: { tags: ['팝업', '카드'] } });
  });

  it('lets a stale edit of another field through (colour after the popup changed the note)', async () => {
    const { repo, a, tick } = await setup();
    tick();
    await repo.update(a.id, { note: '팝업에서 쓴 메모' });
    const result = await repo.edit(a.id, { color: 'pink' }, { updatedAt: a.updatedAt, color: a.color });
    expect(result).toMatchObject({ status: 'saved', merged: true, record: { color: 'pink', note: '팝업에서 쓴 메모' } });
  });

  it('answers gone for a highlight deleted meanwhile, and every write moves the version on even within one millisecond', async () => {
    const repo = new HighlightRepository(freshDb(), () => 5);
    const a = await repo.create({ articleId: 'art', url: 'https://x.example/a', selectors: selectors('예산안'), color: 'yellow' });
    const b = await repo.update(a.id, { note: '1' });
    const c = await repo.update(a.id, { note: '2' });
    expect(new Set([a.updatedAt, b.updatedAt, c.updatedAt]).size).toBe(3);
    await repo.remove(a.id);
    expect(await repo.edit(a.id, { note: '3' }, { updatedAt: c.updatedAt, note: '2' })).toEqual({ status: 'gone' });
  });

  it('mergePatch: an editor that says nothing of what it saw cannot overwrite a changed note', () => {
    const current = { note: 'new', color: 'yellow', tags: [], updatedAt: 2 } as unknown as HighlightRecord;
    expect(mergePatch(current, { note: 'mine' }, { updatedAt: 1 }).conflicts).toEqual(['note']);
    expect(mergePatch(current, { note: 'new' }, { updatedAt: 1, note: 'old' }).conflicts).toEqual([]);
    expect(mergePatch(current, { note: 'mine' }, undefined).conflicts).toEqual([]);
  });
});

group('the trash (issue 14, item 7)', () => {
  const article = {
    url: normalizeUrl('https://news.example/story'),
    title: '예산안 통과',
    byline: null,
    siteName: '뉴스',
    publishedTime: null,
    lang: 'ko',
    excerpt: '',
    contentHtml: `<p>${TEXT}</p>`,
    textContent: TEXT,
  };

  it('keeps a deleted article with its highlights and notes, restorable exactly, searchable again', async () => {
    const db = freshDb();
    const saved = await new ArticleRepository(db).save(article);
    const repo = new HighlightRepository(db);
    const h = await repo.create({ articleId: saved.id, url: saved.url, selectors: selectors('예산안'), color: 'pink', note: '중요한 메모', tags: ['예산'] });
    expect(await trashArticle(db, saved.id, 1_000)).toMatchObject({ status: 'done' });
    expect(await db.articles.count()).toBe(0);
    expect(await db.annotations.count()).toBe(0);
    expect(await search(db, '중요한')).toEqual([]);
    expect(await listTrash(db)).toEqual([{ id: saved.id, title: '예산안 통과', url: saved.url, deletedAt: 1_000, highlights: 1 }]);

    expect(await restoreArticle(db, saved.id)).toMatchObject({ status: 'done' });
    expect(await db.annotations.get(h.id)).toEqual(h);
    expect((await db.bodies.get(saved.id))?.textContent).toBe(TEXT);
    expect((await search(db, '중요한')).map((x) => x.highlightId)).toEqual([h.id]);
    expect((await db.articles.get(saved.id))?.facets).toEqual(expect.arrayContaining(['c:pink', 't:예산']));
    expect(await listTrash(db)).toEqual([]);
    expect(await restoreArticle(db, saved.id)).toEqual({ status: 'gone' });
  });

  it('restores the highlights onto the page saved again since (same URL, new article)', async () => {
    const db = freshDb();
    const articles = new ArticleRepository(db);
    const first = await articles.save(article);
    const h = await new HighlightRepository(db).create({ articleId: first.id, url: first.url, selectors: selectors('본회의'), color: 'blue', note: '메모' });
    await trashArticle(db, first.id);
    const again = await articles.save(article);
    expect(again.id).not.toBe(first.id);
    await restoreArticle(db, first.id);
    expect(await db.articles.count()).toBe(1);
    expect(await db.annotations.get(h.id)).toMatchObject({ articleId: again.id, note: '메모' });
  });

  it(`forgets what was deleted more than ${TRASH_DAYS} days ago, and only that`, async () => {
    const db = freshDb();
    const articles = new ArticleRepository(db);
    const a = await articles.save(article);
    const b = await articles.save({ ...article, url: normalizeUrl('https://news.example/other') });
    const day = 24 * 60 * 60 * 1000;
    await trashArticle(db, a.id, 0);
    await trashArticle(db, b.id, 10 * day);
    expect(await purgeTrash(db, (TRASH_DAYS + 1) * day)).toBe(1);
    expect((await listTrash(db)).map((x) => x.id)).toEqual([b.id]);
  });

  // Issue 24: an article's earlier versions (what changed since you highlighted it) go when it goes for good.
  group('earlier versions go with an article deleted for good', () => {
    const UPDATED = TEXT.replace('합의했다', '최종 합의했다');
    /** Two articles, each revisited once with other text: one earlier version each. */
    const twoWithVersions = async () => {
      const db = freshDb();
      const articles = new ArticleRepository(db);
      const a = await articles.save(article);
      await articles.save({ ...article, textContent: UPDATED, contentHtml: `<p>${UPDATED}</p>` });
      const b = await articles.save({ ...article, url: normalizeUrl('https://news.example/other') });
      await articles.save({ ...article, url: normalizeUrl('https://news.example/other'), textContent: UPDATED, contentHtml: `<p>${UPDATED}</p>` });
      expect((await db.articleVersions.toArray()).map((v) => v.articleId).sort()).toEqual([a.id, b.id].sort());
      return { db, articles, a, b };
    };
    const day = 24 * 60 * 60 * 1000;

    it('kept while in the trash and back on restore; purged with it', async () => {
      const { db, a, b } = await twoWithVersions();
      await trashArticle(db, a.id, 0);
      await trashArticle(db, b.id, 10 * day);
      expect(await db.articleVersions.count()).toBe(2);
      expect(await purgeTrash(db, (TRASH_DAYS + 1) * day)).toBe(1);
      expect((await db.articleVersions.toArray()).map((v) => v.articleId)).toEqual([b.id]);
      await restoreArticle(db, b.id);
      expect((await db.articleVersions.toArray()).map((v) => v.articleId)).toEqual([b.id]);
    });

    it('emptying the trash forgets every version of what was in it, and nothing else', async () => {
      const { db, a, b } = await twoWithVersions();
      await trashArticle(db, a.id);
      expect(await emptyTrash(db)).toBe(1);
      expect(await db.trash.count()).toBe(0);
      expect((await db.articleVersions.toArray()).map((v) => v.articleId)).toEqual([b.id]);
    });

    it('a trashed copy restored into the page saved again since leaves its versions behind it', async () => {
      const { db, articles, a } = await twoWithVersions();
      await trashArticle(db, a.id);
      const again = await articles.save(article);
      await restoreArticle(db, a.id);
      expect(await db.articleVersions.where('articleId').equals(a.id).count()).toBe(0);
      expect(await db.articles.get(again.id)).toBeDefined();
    });

    it('deleting articles outright deletes their versions', async () => {
      const { db, a, b } = await twoWithVersions();
      await deleteArticles(db, [a.id]);
      expect((await db.articleVersions.toArray()).map((v) => v.articleId)).toEqual([b.id]);
    });
  });
});
