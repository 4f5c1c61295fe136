import { indexTerms } from '../search/terms';
import type { HighlightRecord, ArticleBody, ArticleRow, MarginDB, SearchRow } from './schema';
import { keysWhere } from './lookup';

/**
 * The search index: one row per article (its title and the names it mentions), per
 * highlight (quote, note, tags) and per article body (its text), holding its terms in a
 * multi-entry index. IndexedDB keeps a term's entries in primary-key order, and the key
 * begins with the record's time counted backwards, so "the newest records with this term"
 * is a plain key range read — a search at 100k highlights reads a few hundred keys and only
 * the records it shows. Bodies have a table of their own (`bodySearch`, same shape): they
 * hold far more terms than titles and notes, and a search reads what the reader wrote or
 * titled first, then the article text, each newest first, neither wading through the other.
 *
 * Every write of an article or highlight rewrites its row in the same transaction (the
 * repositories and the import do it through the functions here).
 */

/** 'a' a highlight, 't' an article's title line, 'b' an article's body. */
export type SearchKind = 'a' | 't' | 'b';

/** Later than any time Margin will see (year 2286), so keys stay fixed-width. */
const LAST = 1e13;

export function searchKey(kind: SearchKind, id: string, time: number): string {
  const backwards = Math.max(0, Math.min(LAST - 1, LAST - Math.floor(time)));
  return `${String(backwards).padStart(13, '0')}${kind}${id}`;
}

/** The record a search row stands for, as its `ref`: 'a' + highlight id, 't' or 'b' + article id. */
export const searchRef = (kind: SearchKind, id: string) => `${kind}${id}`;

/** The record a search key stands for. */
export function fromSearchKey(key: string): { kind: SearchKind; id: string } {
  return { kind: key[13] as SearchKind, id: key.slice(14) };
}

/** An article's title line with the names it mentions, placed by when it was first saved (so revisiting it rewrites nothing). */
export function articleSearchRow(row: Pick<ArticleRow, 'id' | 'savedAt' | 'title' | 'entities'>): SearchRow {
  return { key: searchKey('t', row.id, row.savedAt), ref: searchRef('t', row.id), terms: indexTerms(row.title, ...(row.entities ?? []).map((e) => e.text)) };
}

/** An article's text. Bodies hold far more terms than a title or a note: the cap is higher. */
export function bodySearchRow(row: Pick<ArticleRow, 'id' | 'savedAt'>, body: Pick<ArticleBody, 'textContent'>): SearchRow {
  return { key: searchKey('b', row.id, row.savedAt), ref: searchRef('b', row.id), terms: indexTerms.capped(BODY_MAX_TERMS, body.textContent) };
}

/** Distinct terms indexed of one body: a 40,000-character Korean article has about this many pieces. */
export const BODY_MAX_TERMS = 12_000;

/** The refs of everything an article puts in the index itself (its highlights have their own). */
export const articleRefs = (id: string) => [searchRef('t', id), searchRef('b', id)];

export function highlightSearchRow(record: Pick<HighlightRecord, 'id' | 'updatedAt' | 'quote' | 'note' | 'tags'>): SearchRow {
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
  const [bodies, others] = split(rows, (r) => r.ref);
  await Promise.all([bodies.length && db.bodySearch.bulkPut(bodies), others.length && db.search.bulkPut(others)]);
}

/** Take records out of the index (by searchRef). */
export async function unindex(db: MarginDB, refs: string[]): Promise<void> {
  const [bodies, others] = split(refs, (r) => r);
  if (bodies.length) await db.bodySearch.bulkDelete(await keysWhere(db.bodySearch, 'ref', bodies));
  if (others.length) await db.search.bulkDelete(await keysWhere(db.search, 'ref', others));
}

/** Bodies' rows (their table) apart from the others'. */
function split<T>(items: T[], ref: (item: T) => string): [T[], T[]] {
  const bodies: T[] = [];
  const others: T[] = [];
  for (const item of items) (ref(item).startsWith('b') ? bodies : others).push(item);
  return [bodies, others];
}

/**
 * An article's body in the index, replacing what it had there: for writers that put a body
 * apart from its article (sync applies them as they arrive). Needs the article's row, which
 * gives the key its time; without the row or the body, the body is only taken out.
 */
export async function indexBody(db: MarginDB, articleId: string, body: ArticleBody | undefined): Promise<void> {
  await unindex(db, [searchRef('b', articleId)]);
  const row = body && (await db.articles.get(articleId));
  if (row && body) await db.bodySearch.put(bodySearchRow(row, body));
}
