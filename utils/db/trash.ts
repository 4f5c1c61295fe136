import type { HighlightRecord, MarginDB, TrashRecord } from './schema';

/** Days a deleted article stays restorable. */
export const TRASH_DAYS = 30;
const DAY = 24 * 60 * 60 * 1000;

export type TrashOutcome = { status: 'done'; record: TrashRecord } | { status: 'gone' };

/**
 * Deleting an article moves it, its body and its highlights into the trash in one
 * transaction: the library and search no longer show it, and it can be restored for
 * TRASH_DAYS days (then `purgeTrash` forgets it). Search rows and filters follow the records (index-keeper.ts).
 */
export async function trashArticle(db: MarginDB, articleId: string, now = Date.now()): Promise<TrashOutcome> {
  return db.transaction('rw', [db.articles, db.bodies, db.annotations, db.trash], async (): Promise<TrashOutcome> => {
    const row = await db.articles.get(articleId);
    if (!row) return { status: 'gone' };
    const [body, annotations] = await Promise.all([db.bodies.get(articleId), db.annotations.where('articleId').equals(articleId).toArray()]);
    const record: TrashRecord = { id: articleId, deletedAt: now, title: row.title, url: row.url, row, body, annotations };
    await db.trash.put(record);
    // The article first: its highlights' deletion then has no filters left to recount.
    await db.articles.delete(articleId);
    await db.bodies.delete(articleId);
    await db.annotations.bulkDelete(annotations.map((a) => a.id));
    return { status: 'done', record };
  });
}

/**
 * Put a trashed article back with its highlights. When the reader has saved the same page
 * again since (a new article with the same URL), the highlights join that article and its
 * newer text and metadata stay; a highlight whose id exists again is left as it is now.
 */
export async function restoreArticle(db: MarginDB, articleId: string): Promise<TrashOutcome> {
  return db.transaction('rw', [db.articles, db.bodies, db.annotations, db.trash], async (): Promise<TrashOutcome> => {
    const record = await db.trash.get(articleId);
    if (!record) return { status: 'gone' };
    const existing = await db.articles.where('url').equals(record.row.url).first();
    const target = existing?.id ?? record.id;
    if (!existing) {
      await db.articles.put(record.row);
      if (record.body) await db.bodies.put(record.body);
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

/** Forget what was deleted more than TRASH_DAYS days ago; answers how many. */
export async function purgeTrash(db: MarginDB, now = Date.now(), days = TRASH_DAYS): Promise<number> {
  return db.trash
    .where('deletedAt')
    .below(now - days * DAY)
    .delete();
}
