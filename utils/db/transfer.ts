import type { ArticleRecord } from '../article';
import type { MarginData } from '../export/model';
import { putAnnotations } from './annotations';
import { isQuotaError, joinArticle, splitArticle } from './articles';
import type { AnnotationRecord, ArticleRow, MarginDB } from './schema';
import { articleSearchRow, searchRef, unindex, writeSearchRows } from './search-index';
import { keysWhere, rowsWhere } from './lookup';

export interface ImportSummary {
  articles: { added: number; updated: number };
  annotations: { added: number; updated: number; unchanged: number };
  corrections: number;
}

export class StorageFullError extends Error {
  constructor() {
    super('Your device has no room for this import. Nothing was imported.');
    this.name = 'StorageFullError';
  }
}

/**
 * Write imported data in one transaction: all of it, or — if anything fails, a full disk
 * included — none of it. Articles are matched by URL (the one already here keeps its id,
 * and takes the import's content only if that is newer); highlights by id, so importing the
 * same file twice changes nothing.
 */
export async function importData(db: MarginDB, data: MarginData): Promise<ImportSummary> {
  const summary: ImportSummary = { articles: { added: 0, updated: 0 }, annotations: { added: 0, updated: 0, unchanged: 0 }, corrections: 0 };
  try {
    await db.transaction('rw', [db.articles, db.bodies, db.annotations, db.entityCorrections, db.search], async () => {
      const idMap = new Map<string, string>();
      const existingRows = await rowsWhere(db.articles, 'url', data.articles.map((a) => a.url));
      const byUrl = new Map(existingRows.map((r) => [r.url, r]));
      const rows: ArticleRow[] = [];
      const replaced: ArticleRow[] = [];
      const bodies: ReturnType<typeof splitArticle>['body'][] = [];
      for (const article of data.articles) {
        const existing = byUrl.get(article.url);
        idMap.set(article.id, existing?.id ?? article.id);
        if (!existing) {
          const { row, body } = splitArticle(article as ArticleRecord);
          rows.push(row);
          bodies.push(body);
          summary.articles.added++;
        } else if (article.updatedAt > existing.updatedAt && article.textContent) {
          const merged: ArticleRecord = { ...(article as ArticleRecord), id: existing.id, savedAt: Math.min(existing.savedAt, article.savedAt) };
          const { row, body } = splitArticle(merged, existing);
          rows.push(row);
          replaced.push(row);
          bodies.push(body);
          summary.articles.updated++;
        }
      }
      await db.articles.bulkPut(rows);
      await db.bodies.bulkPut(bodies);
      await unindex(db, replaced.map((r) => searchRef('t', r.id)));
      await writeSearchRows(db, rows.map(articleSearchRow), 'new');

      const incoming = data.annotations.map((a) => ({ ...a, articleId: idMap.get(a.articleId) ?? a.articleId }));
      const present = new Map((await db.annotations.bulkGet(incoming.map((a) => a.id))).filter(Boolean).map((r) => [r!.id, r!]));
      const added: AnnotationRecord[] = [];
      const updated: AnnotationRecord[] = [];
      for (const a of incoming) {
        const old = present.get(a.id);
        if (!old) added.push(a);
        else if (a.updatedAt > old.updatedAt) updated.push(a);
        else summary.annotations.unchanged++;
      }
      summary.annotations.added = added.length;
      summary.annotations.updated = updated.length;
      await putAnnotations(db, added, 'new');
      await putAnnotations(db, updated);

      for (const c of data.corrections) {
        const old = await db.entityCorrections.where('text').equals(c.text).first();
        if (old && old.updatedAt >= c.updatedAt) continue;
        await db.entityCorrections.put({ ...c, id: old?.id ?? c.id });
        summary.corrections++;
      }
    });
  } catch (error) {
    if (isQuotaError(error)) throw new StorageFullError();
    throw error;
  }
  return summary;
}

export interface ExportFilter {
  articleIds?: string[];
}

/** Everything (or the given articles) with their highlights and the entity corrections. */
export async function readData(db: MarginDB, filter: ExportFilter = {}): Promise<MarginData> {
  return db.transaction('r', [db.articles, db.bodies, db.annotations, db.entityCorrections], async () => {
    const rows = filter.articleIds ? ((await db.articles.bulkGet(filter.articleIds)).filter(Boolean) as ArticleRow[]) : await db.articles.toArray();
    const bodies = await db.bodies.bulkGet(rows.map((r) => r.id));
    const articles = rows.map((row, i) => ({ ...joinArticle(row, bodies[i]), entities: row.entities }));
    const annotations: AnnotationRecord[] = filter.articleIds ? await rowsWhere(db.annotations, 'articleId', filter.articleIds) : await db.annotations.toArray();
    const corrections = await db.entityCorrections.toArray();
    return { articles, annotations, corrections };
  });
}

/** Delete articles with their bodies, highlights and search rows. */
export async function deleteArticles(db: MarginDB, articleIds: string[]): Promise<void> {
  await db.transaction('rw', [db.articles, db.bodies, db.annotations, db.search], async () => {
    const highlights = await keysWhere(db.annotations, 'articleId', articleIds);
    await db.annotations.bulkDelete(highlights);
    await db.articles.bulkDelete(articleIds);
    await db.bodies.bulkDelete(articleIds);
    await unindex(db, [...articleIds.map((id) => searchRef('t', id)), ...highlights.map((id) => searchRef('a', id))]);
  });
}
