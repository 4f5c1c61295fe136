import { indexTerms } from '../search/terms';
import type { AnnotationRecord, ArticleRow, MarginDB, SearchRow } from './schema';
import { keysWhere } from './lookup';

/**
 * The search index: one row per article (its title) and per highlight (quote,
 * note, tags), holding its terms in a multi-entry index. IndexedDB keeps a term's entries
 * in primary-key order, and the key begins with the record's time counted backwards, so
 * "the newest records with this term" is a plain key range read — a search at 100k
 * highlights reads a few hundred keys and only the records it shows.
 *
 * Every write of an article or highlight rewrites its row in the same transaction (the
 * repositories and the import do it through the functions here).
 */

export type SearchKind = 'a' | 't';

/** Later than any time Margin will see (year 2286), so keys stay fixed-width. */
const LAST = 1e13;

export function searchKey(kind: SearchKind, id: string, time: number): string {
  const backwards = Math.max(0, Math.min(LAST - 1, LAST - Math.floor(time)));
  return `${String(backwards).padStart(13, '0')}${kind}${id}`;
}

/** The record a search row stands for, as its `ref`: 'a' + highlight id, 't' + article id. */
export const searchRef = (kind: SearchKind, id: string) => `${kind}${id}`;

/** The record a search key stands for. */
export function fromSearchKey(key: string): { kind: SearchKind; id: string } {
  return { kind: key[13] as SearchKind, id: key.slice(14) };
}

/** An article's row, placed by when it was first saved (so revisiting it rewrites nothing). */
export function articleSearchRow(row: Pick<ArticleRow, 'id' | 'savedAt' | 'title'>): SearchRow {
  return { key: searchKey('t', row.id, row.savedAt), ref: searchRef('t', row.id), terms: indexTerms(row.title) };
}

export function annotationSearchRow(record: Pick<AnnotationRecord, 'id' | 'updatedAt' | 'quote' | 'note' | 'tags'>): SearchRow {
  return { key: searchKey('a', record.id, record.updatedAt), ref: searchRef('a', record.id), terms: indexTerms(record.quote, record.note, ...record.tags) };
}

/**
 * Put rows in the index, replacing what the same records had there. `known` says the
 * records are new (nothing to replace), which spares a bulk import a lookup per record.
 */
export async function writeSearchRows(db: MarginDB, rows: SearchRow[], known: 'new' | 'maybe-indexed' = 'maybe-indexed'): Promise<void> {
  if (!rows.length) return;
  if (known === 'maybe-indexed')
    await unindex(
      db,
      rows.map((r) => r.ref),
    );
  await db.search.bulkPut(rows);
}

/** Take records out of the index (by searchRef). */
export async function unindex(db: MarginDB, refs: string[]): Promise<void> {
  if (refs.length) await db.search.bulkDelete(await keysWhere(db.search, 'ref', refs));
}
