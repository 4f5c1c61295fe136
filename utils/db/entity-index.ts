import { entityKey, type EntityType } from '../entities/types';
import type { RawEntity } from '../entities/mentions';
import type { ArticleRow, HighlightRecord } from './schema';

/**
 * The entity index (issue 24): for every entity key (kind + name, entityKey) the articles that
 * mention it, the highlights that name it, and the names mentioned beside it — so that the
 * entity page and the library's Entities view read a few index rows, never the articles.
 *
 * Kept by the index keeper (index-keeper.ts) in the transaction of every write of `articles`,
 * `annotations` and `entityMentions`; `deriveEntityIndex` computes the same rows from scratch (the
 * schema upgrade that creates the tables, and the tests that check the keeper against it).
 *
 * Derived only: none of these tables is synced or exported; each device derives them from the
 * records it has. The reader's merges, splits and notes (corrections table) apply when the index is
 * read (utils/db/entities.ts), so one merge rewrites nothing.
 */

/**
 * What the reader's last visit of an article saw of each entity beyond its name and count: the
 * forms it was written in and the sentence of its first mention. Local (not synced): another
 * device writes its own on its first visit; until then the page shows no sentence.
 */
export interface EntityMentionsRecord {
  /** The article's id. */
  id: string;
  entities: EntityMention[];
  /**
   * The article's entities as the recogniser joined them, before the reader's splits, with the
   * count of each form (entity-splits.ts): what lets a split apply to the article at once. Absent
   * in records written before it (those articles follow a split on their next visit).
   */
  raw?: RawEntity[];
}

export interface EntityMention {
  /** entityKey of the article's entry. */
  key: string;
  /** The spellings of its mentions, particles stripped (as the marks carry them), most frequent first. */
  forms: string[];
  /** The sentence of its first mention (at most FIRST_SENTENCE characters). */
  first: string;
}

/** One article that mentions an entity. */
export interface EntityArticleRow {
  /** key + "\u0000" + articleId. */
  id: string;
  key: string;
  type: EntityType;
  text: string;
  articleId: string;
  count: number;
  forms: string[];
  first: string;
  title: string;
  url: string;
  siteName: string | null;
  /** As the page gave it (with its offset), for showing; null when it gave none. */
  publishedTime: string | null;
  publishedAt: number;
  /** -publishedAt: the compound index [key+order] gives an entity's articles newest first. */
  order: number;
}

/** One highlight that names an entity (its `entities`, as made). */
export interface EntityHighlightRow {
  /** key + "\u0000" + highlight id. */
  id: string;
  key: string;
  type: EntityType;
  text: string;
  highlightId: string;
  articleId: string;
  /** -createdAt: the compound index [key+order] gives an entity's highlights newest first. */
  order: number;
}

/** How many articles name both `a` and `b` among their PAIR_NAMES principal names. Kept both ways (a→b and b→a). */
export interface EntityPairRow {
  /** a + "\u0000" + b. */
  id: string;
  a: string;
  b: string;
  n: number;
  /** -n: the compound index [a+order] gives the names most often beside `a` first. */
  order: number;
}

/** One entity across the library, for the Entities view. */
export interface EntitySummaryRow {
  key: string;
  type: EntityType;
  /** The name as the newest article mentioning it writes it. */
  text: string;
  articles: number;
  highlights: number;
  /** Publication time of the newest article mentioning it (0 when only highlights name it). */
  lastAt: number;
  /** -articles and -lastAt: indexes read newest or most-mentioned first. */
  rank: number;
  since: number;
  /** Lower-case words of the name (and the tails of Hangul/Han words): what the text filter matches the start of. */
  words: string[];
}

/** Names of an article that count for co-occurrence: its most mentioned people, organisations, places (and other named kinds). */
export const PAIR_NAMES = 8;
/** Kinds that are not names of someone or something: never paired. */
const UNPAIRED = new Set<string>(['date', 'money', 'percent', 'misc']);

export const pairable = (type: string) => !UNPAIRED.has(type);

export const SEP = '\u0000';
export const articleRowId = (key: string, articleId: string) => `${key}${SEP}${articleId}`;
export const highlightRowId = (key: string, highlightId: string) => `${key}${SEP}${highlightId}`;
export const pairId = (a: string, b: string) => `${a}${SEP}${b}`;

/** The words the Entities view's text filter matches the start of. */
export function nameWords(text: string): string[] {
  const lower = text.normalize('NFC').toLowerCase();
  const out = new Set<string>([lower]);
  for (const word of lower.split(/[\s\-‐–—·・.,'’()]+/u)) {
    if (!word) continue;
    out.add(word);
    // Korean and Chinese names are written without spaces: "재용" finds 이재용.
    if (/^[\p{Script=Hangul}\p{Script=Han}]+$/u.test(word)) for (let i = 1; i < word.length - 1; i++) out.add(word.slice(i));
  }
  return [...out];
}

/** The article's entries, one per key (counts summed if a row lists a key twice). */
function entriesOf(row: Pick<ArticleRow, 'entities'>): { key: string; text: string; type: EntityType; count: number }[] {
  const byKey = new Map<string, { key: string; text: string; type: EntityType; count: number }>();
  for (const e of row.entities ?? []) {
    const key = entityKey(e);
    const seen = byKey.get(key);
    if (seen) seen.count += e.count;
    else byKey.set(key, { key, text: e.text, type: e.type, count: e.count });
  }
  return [...byKey.values()];
}

/** The index rows of one article. */
export function articleEntityRows(row: ArticleRow, mentions: EntityMentionsRecord | undefined): EntityArticleRow[] {
  const extra = new Map((mentions?.entities ?? []).map((m) => [m.key, m]));
  return entriesOf(row).map((e) => ({
    id: articleRowId(e.key, row.id),
    key: e.key,
    type: e.type,
    text: e.text,
    articleId: row.id,
    count: e.count,
    forms: extra.get(e.key)?.forms ?? [],
    first: extra.get(e.key)?.first ?? '',
    title: row.title,
    url: row.url,
    siteName: row.siteName,
    publishedTime: row.publishedTime ?? null,
    publishedAt: row.publishedAt,
    order: -row.publishedAt,
  }));
}

/** The keys an article's co-occurrence counts: its PAIR_NAMES most mentioned names (then by key, for one answer everywhere). */
export function pairKeys(rows: readonly Pick<EntityArticleRow, 'key' | 'type' | 'count'>[]): string[] {
  return rows
    .filter((r) => pairable(r.type))
    .sort((x, y) => y.count - x.count || (x.key < y.key ? -1 : x.key > y.key ? 1 : 0))
    .slice(0, PAIR_NAMES)
    .map((r) => r.key);
}

/** The ordered pairs (both ways) of a set of keys. */
export function pairsOf(keys: readonly string[]): [string, string][] {
  const out: [string, string][] = [];
  for (const a of keys) for (const b of keys) if (a !== b) out.push([a, b]);
  return out;
}

export function highlightEntityRows(h: Pick<HighlightRecord, 'id' | 'articleId' | 'entities' | 'createdAt'>): EntityHighlightRow[] {
  const byKey = new Map<string, EntityHighlightRow>();
  for (const e of h.entities ?? []) {
    const key = entityKey(e);
    if (!byKey.has(key))
      byKey.set(key, { id: highlightRowId(key, h.id), key, type: e.type, text: e.text, highlightId: h.id, articleId: h.articleId, order: -h.createdAt });
  }
  return [...byKey.values()];
}

/** The summary of one key from its rows: undefined when nothing mentions it any more. */
export function summaryOf(
  key: string,
  newest: EntityArticleRow | undefined,
  articles: number,
  highlights: number,
  named?: EntityHighlightRow,
): EntitySummaryRow | undefined {
  const source = newest ?? named;
  if (!source || (!articles && !highlights)) return undefined;
  const lastAt = newest?.publishedAt ?? 0;
  return { key, type: source.type, text: source.text, articles, highlights, lastAt, rank: -articles, since: -lastAt, words: nameWords(source.text) };
}

export interface EntityIndex {
  entityArticles: EntityArticleRow[];
  entityHighlights: EntityHighlightRow[];
  entityPairs: EntityPairRow[];
  entities: EntitySummaryRow[];
}

/** Newest first, ties by article id: the row a summary takes its name from. */
const newer = (x: EntityArticleRow, y: EntityArticleRow) => x.order - y.order || (x.articleId < y.articleId ? -1 : x.articleId > y.articleId ? 1 : 0);

/** The whole index, from scratch. */
export function deriveEntityIndex(
  articles: readonly ArticleRow[],
  mentions: readonly EntityMentionsRecord[],
  highlights: readonly HighlightRecord[],
): EntityIndex {
  const mentionsById = new Map(mentions.map((m) => [m.id, m]));
  const entityArticles = articles.flatMap((a) => articleEntityRows(a, mentionsById.get(a.id)));
  const entityHighlights = highlights.flatMap(highlightEntityRows);
  const pairs = new Map<string, number>();
  const byArticle = new Map<string, EntityArticleRow[]>();
  for (const r of entityArticles) byArticle.set(r.articleId, [...(byArticle.get(r.articleId) ?? []), r]);
  for (const rows of byArticle.values()) for (const [a, b] of pairsOf(pairKeys(rows))) pairs.set(pairId(a, b), (pairs.get(pairId(a, b)) ?? 0) + 1);
  const entityPairs = [...pairs].map(([id, n]) => {
    const [a, b] = id.split(SEP) as [string, string];
    return { id, a, b, n, order: -n };
  });
  const keys = new Set([...entityArticles.map((r) => r.key), ...entityHighlights.map((r) => r.key)]);
  const articlesOf = new Map<string, EntityArticleRow[]>();
  for (const r of entityArticles) articlesOf.set(r.key, [...(articlesOf.get(r.key) ?? []), r]);
  const highlightsOf = new Map<string, EntityHighlightRow[]>();
  for (const r of entityHighlights) highlightsOf.set(r.key, [...(highlightsOf.get(r.key) ?? []), r]);
  const entities = [...keys].flatMap((key) => {
    const list = articlesOf.get(key) ?? [];
    const named = (highlightsOf.get(key) ?? []).sort((x, y) => (x.id < y.id ? -1 : 1));
    const s = summaryOf(key, [...list].sort(newer)[0], list.length, named.length, named[0]);
    return s ? [s] : [];
  });
  return { entityArticles, entityHighlights, entityPairs, entities };
}
