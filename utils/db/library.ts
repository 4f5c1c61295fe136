import { findMatches, parseQuery, snippet, snippetOf, spacedVariants, type ParsedQuery, type Snippet } from '../search/terms';
import { entityKey, type HighlightRecord, type ArticleBody, type ArticleRow, type HighlightColor, type MarginDB } from './schema';
import { fromSearchKey, type SearchKind } from './search-index';
import { rowsWhere } from './lookup';
import { groupBy } from '../collections';
import type { EntityType } from '../entities/types';
import { readingOrder } from './highlights';

export interface LibraryFilter {
  site?: string;
  tag?: string;
  color?: HighlightColor;
  /** An entity key ("org:삼성전자"), as entityKey() makes them. */
  entity?: string;
}

export interface LibraryQuery extends LibraryFilter {
  sort: 'saved' | 'published';
  offset: number;
  limit: number;
}

export type ArticleSummary = Omit<ArticleRow, 'facets'>;

export interface LibraryPage {
  items: { article: ArticleSummary; highlights: HighlightRecord[] }[];
  total: number;
}

const summary = ({ facets: _f, ...rest }: ArticleRow): ArticleSummary => rest;

/** Facet keys of a filter (see ArticleRow.facets). */
function facetKeys(f: LibraryFilter): string[] {
  return [f.tag && `t:${f.tag}`, f.color && `c:${f.color}`, f.entity && `e:${f.entity}`].filter((x): x is string => !!x);
}

const sortIndex = (q: Pick<LibraryQuery, 'sort'>) => (q.sort === 'published' ? 'publishedAt' : 'savedAt');

/**
 * The ids of the articles a filter lets through, newest (saved or published) first. Only
 * index keys are read: the order from the date index, the filter from the site and facet
 * indexes.
 */
export async function filteredArticleIds(db: MarginDB, q: LibraryFilter & Pick<LibraryQuery, 'sort'>): Promise<string[]> {
  return db.transaction('r', db.articles, async () => {
    const [ordered, ...sets] = await Promise.all([
      db.articles.orderBy(sortIndex(q)).primaryKeys() as Promise<string[]>,
      ...(q.site ? [db.articles.where('siteName').equals(q.site).primaryKeys() as Promise<string[]>] : []),
      ...facetKeys(q).map((key) => db.articles.where('facets').equals(key).primaryKeys() as Promise<string[]>),
    ]);
    const allowed = sets.map((ids) => new Set(ids));
    return ordered.reverse().filter((id) => allowed.every((set) => set.has(id)));
  });
}

/**
 * One page of the library: articles (newest saved or published first), filtered by site,
 * tag, colour or entity, each with its highlights (those the filter is about). Only the
 * page's rows are read — bodies stay on disk — so 5,000 articles list as fast as fifty.
 */
export async function listArticles(db: MarginDB, q: LibraryQuery): Promise<LibraryPage> {
  return db.transaction('r', db.articles, db.annotations, async () => {
    let pageIds: string[];
    let total: number;
    if (q.site || facetKeys(q).length) {
      const ids = await filteredArticleIds(db, q);
      [pageIds, total] = [ids.slice(q.offset, q.offset + q.limit), ids.length];
    } else {
      // Unfiltered: the page straight from the date index.
      const page = db.articles.orderBy(sortIndex(q)).reverse().offset(q.offset).limit(q.limit).primaryKeys() as Promise<string[]>;
      [pageIds, total] = await Promise.all([page, db.articles.count()]);
    }
    const [rows, highlights] = await Promise.all([db.articles.bulkGet(pageIds), rowsWhere(db.annotations, 'articleId', pageIds)]);
    const byArticle = groupBy(highlights, (h) => h.articleId);
    return {
      total,
      items: (rows.filter(Boolean) as ArticleRow[]).map((row) => ({
        article: summary(row),
        highlights: shownHighlights(byArticle.get(row.id) ?? [], q).sort(readingOrder),
      })),
    };
  });
}

/**
 * The highlights of a listed article that its filter is about: those with the tag and the
 * colour; under an entity filter, those mentioning the entity — or all of them when only
 * the article's text mentions it.
 */
function shownHighlights(list: HighlightRecord[], q: LibraryFilter): HighlightRecord[] {
  const kept = list.filter((a) => (!q.tag || a.tags.includes(q.tag)) && (!q.color || a.color === q.color));
  if (!q.entity) return kept;
  const mentioning = kept.filter((a) => a.entities.some((e) => entityKey(e) === q.entity));
  return mentioning.length ? mentioning : kept;
}

/** The sites and tags there are, for the library's filters. */
export async function filterOptions(db: MarginDB): Promise<{ sites: string[]; tags: string[] }> {
  const [sites, tags] = await Promise.all([db.articles.orderBy('siteName').uniqueKeys(), db.annotations.orderBy('tags').uniqueKeys()]);
  return { sites: (sites as string[]).filter(Boolean), tags: tags as string[] };
}

export interface SearchHit {
  kind: 'article' | 'highlight' | 'body';
  articleId: string;
  highlightId?: string;
  title: string;
  /** The article's page. */
  url: string;
  /** Where it is from and when: the article's site, and its published (or saved) time. */
  siteName: string | null;
  publishedTime: string | null;
  savedAt: number;
  color?: HighlightColor;
  /** Where the match is: the title, a name the article mentions, the quote, the note, a tag, or the article's text. */
  field: 'title' | 'entity' | 'quote' | 'note' | 'tag' | 'body';
  snippet: Snippet;
  /** A note or tag hit: the passage the note or tag belongs to. */
  quote?: string;
  /** A hit on the names an article mentions: those names (each opens its entity page, issue 24). */
  names?: { key: string; text: string; type: EntityType }[];
  /** A body hit: where in the article's text the match starts, to open the saved copy there. */
  at?: number;
  /** When the highlight was last changed, or the article first saved: hits come newest first. */
  updatedAt: number;
}

/** Hits a search answers at most (the newest). */
export const SEARCH_LIMIT = 50;

/** Keys read per term in a first pass when lists must meet; the search reads deeper only when it must. */
const FIRST_PASS = 400;

/** A single term's list is the answer itself (the check rarely drops one): a first pass reads about what the hits need. */
const firstDepth = (parsed: ParsedQuery, limit: number) => (parsed.terms.length === 1 && !parsed.prefixes.length ? limit + 10 : FIRST_PASS);

/**
 * Search keys of the records having every term and one of the prefixes, newest first, as
 * far back as `depth` keys per term allow. `complete` says nothing older can match.
 */
async function candidates(index: MarginDB['search'], parsed: ParsedQuery, depth: number): Promise<{ keys: string[]; complete: boolean }> {
  const byTerm = await Promise.all(parsed.terms.map((t) => index.where('terms').equals(t).limit(depth).primaryKeys() as Promise<string[]>));
  // A one-syllable word is any piece starting with it. Those come term by term, not in time
  // order, so a list cut short says nothing and is left to the check against the query.
  const byPrefix = (
    await Promise.all(
      parsed.prefixes.map(async (p) => [
        ...new Set(
          await (index
            .where('terms')
            .startsWith(p)
            .limit(depth * 4)
            .primaryKeys() as Promise<string[]>),
        ),
      ]),
    )
  ).filter((l) => l.length < depth * 4);
  const lists = [...byTerm, ...byPrefix];
  // Only cut-short prefix lists: every record, newest first, is a candidate.
  if (!lists.length) lists.push(await index.limit(depth).primaryKeys());
  const intersect = ([first = [], ...others]: string[][], horizon?: string) => {
    const sets = others.map((l) => new Set(l));
    return first.filter((k) => (horizon === undefined || k <= horizon) && sets.every((set) => set.has(k))).sort();
  };
  const whole = lists.filter((l) => l.length < depth || byPrefix.includes(l)).sort((a, b) => a.length - b.length);
  // A list read to its end bounds the answer: the others only narrow it, and the check against the query does the rest.
  if (whole.length) return { keys: intersect(whole), complete: true };
  // Every list cut short: each is complete up to its last key (keys sort newest first), all together up to the earliest of those.
  const horizon = lists.map((l) => l[l.length - 1]).sort()[0];
  return {
    keys: intersect(
      lists.sort((a, b) => a.length - b.length),
      horizon,
    ),
    complete: false,
  };
}

type Context = Pick<SearchHit, 'title' | 'siteName' | 'publishedTime' | 'savedAt'>;
const NO_CONTEXT: Context = { title: '', siteName: null, publishedTime: null, savedAt: 0 };
const contextOf = (row: ArticleRow): Context => ({ title: row.title, siteName: row.siteName, publishedTime: row.publishedTime, savedAt: row.savedAt });

const hasWord = (text: string, parsed: ParsedQuery, word: ParsedQuery['words'][number]) => findMatches(text, { ...parsed, words: [word] }).length > 0;

/** A title, body or highlight that really has the query (the index can only say it may). */
function hitOf(kind: SearchKind, row: HighlightRecord | ArticleRow, parsed: ParsedQuery, body?: ArticleBody): SearchHit | null {
  if (kind === 't' || kind === 'b') {
    const article = row as ArticleRow;
    const base = { articleId: article.id, url: article.url, updatedAt: article.savedAt, ...contextOf(article) };
    if (kind === 'b') {
      const text = body?.textContent ?? '';
      const ranges = findMatches(text, parsed);
      const shown = snippetOf(text, ranges);
      return shown && { ...base, kind: 'body', field: 'body', snippet: shown, ...(ranges[0] && { at: ranges[0].start }) };
    }
    const title = snippet(article.title, parsed);
    if (title) return { ...base, kind: 'article', field: 'title', snippet: title };
    // The names the article mentions that have the query's words, most mentioned first; every word in the title or those names.
    const byCount = [...article.entities].sort((a, b) => b.count - a.count);
    const seen = new Set<string>();
    const found = byCount.filter((e) => !seen.has(e.text) && (seen.add(e.text), parsed.words.some((w) => hasWord(e.text, parsed, w)))).slice(0, 6);
    const names = found.map((e) => e.text);
    if (!names.length || !findMatches(`${article.title}\n${names.join('\n')}`, parsed).length) return null;
    const line = names.join(' · ');
    const shown = snippet(line, { ...parsed, words: parsed.words.filter((w) => hasWord(line, parsed, w)) });
    return (
      shown && {
        ...base,
        kind: 'article',
        field: 'entity',
        snippet: shown,
        names: found.map((e) => ({ key: entityKey(e), text: e.text, type: e.type })),
      }
    );
  }
  const a = row as HighlightRecord;
  if (!findMatches(`${a.quote}\n${a.note}\n${a.tags.join(' ')}`, parsed).length) return null;
  type Field = [SearchHit['field'], string];
  const quote: Field = ['quote', a.quote];
  const fields: Field[] = [quote, ['note', a.note], ['tag', a.tags.join(' ')]];
  // Shown where the first of the query's words is, with every word found there marked.
  const [field, text] = fields.find(([, t]) => parsed.words.some((w) => hasWord(t, parsed, w))) ?? quote;
  const shown = snippet(text, { ...parsed, words: parsed.words.filter((w) => hasWord(text, parsed, w)) });
  return (
    shown && {
      kind: 'highlight',
      articleId: a.articleId,
      highlightId: a.id,
      ...NO_CONTEXT,
      url: a.url,
      color: a.color,
      field,
      snippet: shown,
      ...(field !== 'quote' && { quote: a.quote }),
      updatedAt: a.updatedAt,
    }
  );
}

/** Hits from the article text a search shows at most, after those from what the reader wrote. */
export const BODY_HITS = 20;

/**
 * The first `limit` records of one index table that really have the query, newest first.
 * The index gives the candidates in time order; they are read a batch at a time and checked
 * against the query itself until `limit` hits are found, so a common word costs no more
 * than a rare one.
 */
async function scan(
  index: MarginDB['search'],
  parsed: ParsedQuery,
  limit: number,
  check: (batch: { kind: SearchKind; id: string }[]) => Promise<(SearchHit | null)[]>,
): Promise<SearchHit[]> {
  const hits: SearchHit[] = [];
  const seen = new Set<string>();
  for (let depth = firstDepth(parsed, limit); limit > 0; depth *= 8) {
    const { keys, complete } = await candidates(index, parsed, depth);
    const fresh = keys.filter((k) => !seen.has(k));
    for (let i = 0; i < fresh.length && hits.length < limit; i += limit) {
      const batch = fresh.slice(i, i + limit).map((k) => (seen.add(k), fromSearchKey(k)));
      for (const hit of await check(batch)) if (hit && hits.length < limit) hits.push(hit);
    }
    if (hits.length >= limit || complete) break;
  }
  return hits;
}

/**
 * Full-text search: first titles and the names articles mention, highlighted quotes, notes
 * and tags (up to `limit`), then the articles' text (up to BODY_HITS), each newest first.
 * The index (Hangul and CJK pieces, English stems; see utils/search/terms.ts) has a table
 * for each (search-index.ts), so neither search wades through the other's entries.
 */
export async function search(db: MarginDB, query: string, limit = SEARCH_LIMIT): Promise<SearchHit[]> {
  const parsed = parseQuery(query);
  if (!parsed.words.length) return [];
  const found = await searchParsed(db, parsed, limit);
  if (found.written.length || found.text.length) return [...found.written, ...found.text];
  // Nothing: perhaps the text spaces a word the reader typed whole (딥 시크 for 딥시크).
  const written = new Map<string, SearchHit>();
  const text = new Map<string, SearchHit>();
  for (const variant of spacedVariants(parsed)) {
    const more = await searchParsed(db, variant, limit);
    for (const h of more.written) written.set(`${h.kind}${h.highlightId ?? h.articleId}`, h);
    for (const h of more.text) text.set(h.articleId, h);
  }
  // Ranked as any search: what the reader wrote or titled, then the text, each newest first.
  const newest = (list: Map<string, SearchHit>, max: number) => [...list.values()].sort((a, b) => b.updatedAt - a.updatedAt).slice(0, max);
  return [...newest(written, limit), ...newest(text, Math.min(BODY_HITS, limit))];
}

async function searchParsed(db: MarginDB, parsed: ParsedQuery, limit: number): Promise<{ written: SearchHit[]; text: SearchHit[] }> {
  return db.transaction('r', [db.search, db.bodySearch, db.articles, db.bodies, db.annotations], async () => {
    // Both tables at once: their reads queue in the one transaction while the hits of the other are checked.
    const [written, text] = await Promise.all([
      scan(db.search, parsed, limit, async (batch) => {
        const ids = (kind: SearchKind) => batch.filter((b) => b.kind === kind).map((b) => b.id);
        const [hRows, aRows] = await Promise.all([db.annotations.bulkGet(ids('a')), db.articles.bulkGet(ids('t'))]);
        const rows = new Map<string, HighlightRecord | ArticleRow>();
        for (const r of [...hRows, ...aRows]) if (r) rows.set(r.id, r);
        return batch.map((b) => {
          const row = rows.get(b.id);
          return row ? hitOf(b.kind, row, parsed) : null;
        });
      }).then(withArticleContext(db)),
      scan(db.bodySearch, parsed, Math.min(BODY_HITS, limit), async (batch) => {
        const ids = batch.map((b) => b.id);
        const [rows, bodies] = await Promise.all([db.articles.bulkGet(ids), db.bodies.bulkGet(ids)]);
        return rows.map((row, i) => (row ? hitOf('b', row, parsed, bodies[i]) : null));
      }),
    ]);
    return { written, text };
  });
}

/** Highlight hits with where they come from: their articles' titles, sites and dates. */
function withArticleContext(db: MarginDB) {
  return async (hits: SearchHit[]): Promise<SearchHit[]> => {
    const need = [...new Set(hits.filter((h) => h.kind === 'highlight').map((h) => h.articleId))];
    const articles = new Map((await db.articles.bulkGet(need)).flatMap((a) => (a ? [[a.id, a] as const] : [])));
    for (const h of hits) {
      const article = h.kind === 'highlight' ? articles.get(h.articleId) : undefined;
      if (article) Object.assign(h, contextOf(article));
    }
    return hits;
  };
}
