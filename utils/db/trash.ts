import { groupBy } from '../collections';
import { ArticleRepository } from './articles';
import type { ArticleRow, HighlightRecord, MarginDB, TrashRecord } from './schema';
import { forgetVersions } from './versions';

/** Days a deleted article stays restorable. */
export const TRASH_DAYS = 30;
const DAY = 24 * 60 * 60 * 1000;

export type TrashOutcome = { status: 'done'; record: TrashRecord } | { status: 'gone' };

/**
 * Deleting an article moves it, its body and its highlights into the trash in one
 * transaction: the library and search no longer show it, and it can be restored for
 * TRASH_DAYS days (then `purgeTrash` forgets it). Search rows and filters follow the records (index-keeper.ts).
 * Its earlier versions (versions.ts) stay where they are, keyed by the article's id, until it is
 * restored (they are its again) or forgotten with it.
 */
export async function trashArticle(db: MarginDB, articleId: string, now = Date.now()): Promise<TrashOutcome> {
  return db.transaction('rw', [db.articles, db.bodies, db.annotations, db.trash], async (): Promise<TrashOutcome> => {
    const row = await db.articles.get(articleId);
    if (!row) return { status: 'gone' };
    const [body, annotations] = await Promise.all([db.bodies.get(articleId), db.annotations.where('articleId').equals(articleId).toArray()]);
    // Highlights of this article already in the trash (deleted on another device before it) stay there beside these.
    const earlier = await db.trash.get(articleId);
    const record: TrashRecord = {
      id: articleId,
      deletedAt: now,
      title: row.title,
      url: row.url,
      row,
      body,
      annotations: unite(earlier?.annotations, annotations),
    };
    await db.trash.put(record);
    // The article first: its highlights' deletion then has no filters left to recount.
    await db.articles.delete(articleId);
    await db.bodies.delete(articleId);
    await db.annotations.bulkDelete(annotations.map((a) => a.id));
    return { status: 'done', record };
  });
}

function unite(earlier: HighlightRecord[] | undefined, later: HighlightRecord[]): HighlightRecord[] {
  const ids = new Set(later.map((a) => a.id));
  return [...(earlier ?? []).filter((a) => !ids.has(a.id)), ...later];
}

/**
 * Highlights deleted on another device (issue 21): into the trash with their article, as an
 * article deleted elsewhere is, so that a deletion that arrives by sync — true or forged — can
 * always be undone. They join their article's trash entry (made now, holding the article's row
 * as it is, when the article itself stays); restoring it brings them back to the article.
 * Call inside a transaction over annotations, articles and trash.
 */
export async function trashHighlights(db: MarginDB, highlights: HighlightRecord[], now = Date.now()): Promise<void> {
  if (!highlights.length) return;
  for (const [articleId, group] of groupBy(highlights, (h) => h.articleId)) {
    const earlier = await db.trash.get(articleId);
    const row: ArticleRow = earlier?.row ??
      (await db.articles.get(articleId)) ?? {
        id: articleId,
        url: group[0]!.url,
        title: group[0]!.url,
        byline: null,
        siteName: null,
        lang: null,
        publishedTime: null,
        excerpt: null,
        savedAt: now,
        updatedAt: now,
        publishedAt: now,
        entities: [],
        facets: [],
      };
    await db.trash.put({
      id: articleId,
      deletedAt: now,
      title: row.title,
      url: row.url,
      row,
      body: earlier?.body,
      annotations: unite(earlier?.annotations, group),
    });
  }
  await db.annotations.bulkDelete(highlights.map((h) => h.id));
}

/**
 * Put a trashed article back with its highlights. When the reader has saved the same page
 * again since (a new article with the same URL), the highlights join that article and its
 * newer text and metadata stay; a highlight whose id exists again is left as it is now.
 */
export async function restoreArticle(db: MarginDB, articleId: string): Promise<TrashOutcome> {
  return db.transaction('rw', [db.articles, db.bodies, db.annotations, db.trash, db.articleVersions], async (): Promise<TrashOutcome> => {
    const record = await db.trash.get(articleId);
    if (!record) return { status: 'gone' };
    const existing = await new ArticleRepository(db).rowAt(record.row.url);
    const target = existing?.id ?? record.id;
    if (!existing) {
      await db.articles.put(record.row);
      if (record.body) await db.bodies.put(record.body);
    } else if (existing.id !== record.id) {
      // The newer copy's text stays, and so do its versions; the trashed copy's earlier texts go with its body.
      await forgetVersions(db, [record.id]);
    }
    const taken = new Set((await db.annotations.bulkGet(record.annotations.map((a) => a.id))).flatMap((a) => (a ? [a.id] : [])));
    const back: HighlightRecord[] = record.annotations.filter((a) => !taken.has(a.id)).map((a) => ({ ...a, articleId: target }));
    // None of them is here (`taken`): added, not replaced.
    await db.annotations.bulkAdd(back);
    await db.trash.delete(articleId);
    return { status: 'done', record };
  });
}

/** What is in the trash, most recently deleted first (rows only: title, URL, when, how many highlights). */
export async function listTrash(db: MarginDB): Promise<{ id: string; title: string; url: string; deletedAt: number; highlights: number }[]> {
  const records = await db.trash.orderBy('deletedAt').reverse().toArray();
  return records.map((r) => ({ id: r.id, title: r.title, url: r.url, deletedAt: r.deletedAt, highlights: r.annotations.length }));
}

/**
 * Forget what was deleted more than TRASH_DAYS days ago, with the earlier versions of those
 * articles (unless the article is in the library again under its id); answers how many.
 */
export async function purgeTrash(db: MarginDB, now = Date.now(), days = TRASH_DAYS): Promise<number> {
  return forgetTrashed(db, (trash) =>
    trash
      .where('deletedAt')
      .below(now - days * DAY)
      .primaryKeys(),
  );
}

/** Empty the trash: everything in it is forgotten now, versions included; answers how many. */
export async function emptyTrash(db: MarginDB): Promise<number> {
  return forgetTrashed(db, (trash) => trash.toCollection().primaryKeys());
}

async function forgetTrashed(db: MarginDB, which: (trash: MarginDB['trash']) => Promise<string[]>): Promise<number> {
  return db.transaction('rw', [db.trash, db.articles, db.articleVersions], async () => {
    const ids = await which(db.trash);
    if (!ids.length) return 0;
    // An article put back under the same id (sync, import) keeps its versions.
    const living = new Set((await db.articles.bulkGet(ids)).flatMap((a) => (a ? [a.id] : [])));
    await forgetVersions(
      db,
      ids.filter((id) => !living.has(id)),
    );
    await db.trash.bulkDelete(ids);
    return ids.length;
  });
}
