import { indexTerms } from '../search/terms';
import type { HighlightRecord, ArticleBody, ArticleRow, SearchRow } from './records';

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
 * This module only says what the rows are (their keys and terms). Nobody writes them by hand:
 * the index keeper (index-keeper.ts), a Dexie middleware, rewrites a record's row in the same
 * transaction as every write of an article, body or highlight — whoever writes it, the raw
 * tables included — and takes it out with the record. A record's row is found by its key,
 * computed from the record (kind, id, and `updatedAt` for a highlight or the article's first-saved
 * `savedAt` for a title or body), so replacing or removing one needs no lookup by `ref`.
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

export function highlightSearchRow(record: Pick<HighlightRecord, 'id' | 'updatedAt' | 'quote' | 'note' | 'tags'>): SearchRow {
  return { key: searchKey('a', record.id, record.updatedAt), ref: searchRef('a', record.id), terms: indexTerms(record.quote, record.note, ...record.tags) };
}
