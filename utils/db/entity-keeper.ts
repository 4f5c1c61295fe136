import type { DBCoreKeyRange } from 'dexie';
import type { ArticleRow, HighlightRecord } from './schema';
import {
  articleEntityRows,
  highlightEntityRows,
  pairId,
  pairKeys,
  pairsOf,
  summaryOf,
  type EntityArticleRow,
  type EntityHighlightRow,
  type EntityMentionsRecord,
  type EntityPairRow,
  type EntitySummaryRow,
} from './entity-index';

/**
 * The index keeper's part for the entity index (entity-index.ts): given what a write changed, the
 * rows it rewrites, all through the keeper's DBCore scope (the same transaction, below the
 * middlewares, promises only — see index-keeper.ts).
 */

/** The DBCore calls it needs from the keeper's scope. */
export interface EntityScope {
  get<T>(table: string, keys: readonly unknown[]): Promise<(T | undefined)[]>;
  where<T>(table: string, index: string, values: readonly unknown[]): Promise<T[][]>;
  put(table: string, values: readonly unknown[]): Promise<void>;
  delete(table: string, keys: readonly unknown[]): Promise<void>;
  count(table: string, index: string | string[], range: DBCoreKeyRange): Promise<number>;
  first<T>(table: string, index: string | string[], range: DBCoreKeyRange): Promise<T | undefined>;
  /** All of a table's rows when it holds at most `atMost`, else undefined. */
  whole<T>(table: string, atMost: number): Promise<T[] | undefined>;
}

/** Keys summarised at once from whole tables rather than four reads each, when the tables hold at most this many rows per key. */
const SUMMARIES_AT_ONCE = 256;
const ROWS_PER_KEY = 40;

/** The tables it writes (and the keeper widens a transaction to). */
export const ENTITY_TABLES = ['entityMentions', 'entityArticles', 'entityHighlights', 'entityPairs', 'entities'];

const EQUAL = 1;
const RANGE = 2;
const equal = (value: unknown): DBCoreKeyRange => ({ type: EQUAL, lower: value, upper: value });
const same = (x: unknown, y: unknown) => JSON.stringify(x) === JSON.stringify(y);

/** Rewrite the summaries of these keys from their rows (counts and the newest row, read by index). */
function summaries(scope: EntityScope, keys: Set<string>): Promise<void> {
  if (!keys.size) return Promise.resolve();
  const list = [...keys];
  if (list.length < SUMMARIES_AT_ONCE) return summariesByKey(scope, list);
  // Thousands of keys (an import): the rows of both tables read once, each summary counted from them as the indexes would.
  const atMost = list.length * ROWS_PER_KEY;
  return Promise.all([scope.whole<EntityArticleRow>('entityArticles', atMost), scope.whole<EntityHighlightRow>('entityHighlights', atMost)]).then(
    ([articleRows, highlightRows]) => {
      if (!articleRows || !highlightRows) return summariesByKey(scope, list);
      const wanted = new Set(list);
      const articles = new Map<string, { n: number; newest: EntityArticleRow }>();
      for (const r of articleRows) {
        if (!wanted.has(r.key)) continue;
        const seen = articles.get(r.key);
        // [key+order] gives the least order first, ties in primary-key order (rows come in that order).
        if (!seen) articles.set(r.key, { n: 1, newest: r });
        else {
          seen.n++;
          if (r.order < seen.newest.order) seen.newest = r;
        }
      }
      const highlights = new Map<string, { n: number; first: EntityHighlightRow }>();
      for (const r of highlightRows) {
        if (!wanted.has(r.key)) continue;
        const seen = highlights.get(r.key);
        // The `key` index gives a key's rows in primary-key order: the first is the least id.
        if (!seen) highlights.set(r.key, { n: 1, first: r });
        else seen.n++;
      }
      return write(
        scope,
        list,
        list.map((key) => {
          const a = articles.get(key);
          const h = highlights.get(key);
          return summaryOf(key, a?.newest, a?.n ?? 0, h?.n ?? 0, h?.first);
        }),
      );
    },
  );
}

/** Each key's summary from four reads of the index. */
function summariesByKey(scope: EntityScope, list: string[]): Promise<void> {
  return Promise.all(
    list.map((key) =>
      Promise.all([
        scope.count('entityArticles', 'key', equal(key)),
        scope.count('entityHighlights', 'key', equal(key)),
        scope.first<EntityArticleRow>('entityArticles', ['key', 'order'], { type: RANGE, lower: [key, -Infinity], upper: [key, Infinity] }),
        scope.first<EntityHighlightRow>('entityHighlights', 'key', equal(key)),
      ]).then(([articles, highlights, newest, named]) => summaryOf(key, newest, articles, highlights, named)),
    ),
  ).then((rows) => write(scope, list, rows));
}

/** Summaries in, and out for keys nothing mentions any more. */
function write(scope: EntityScope, list: string[], rows: (EntitySummaryRow | undefined)[]): Promise<void> {
  const gone = list.filter((_, i) => !rows[i]);
  return Promise.all([
    scope.delete('entities', gone),
    scope.put(
      'entities',
      rows.filter((r) => !!r),
    ),
  ]).then(() => undefined);
}

/**
 * Bring the index up to date for these articles: `rows` gives each one's row as it is now
 * (undefined: deleted). Reads the rows it had, and its mentions; writes only what differs.
 */
export function reindexArticles(scope: EntityScope, rows: Map<string, ArticleRow | undefined>): Promise<void> {
  const ids = [...rows.keys()];
  if (!ids.length) return Promise.resolve();
  const live = ids.filter((id) => rows.get(id));
  return Promise.all([scope.where<EntityArticleRow>('entityArticles', 'articleId', ids), scope.get<EntityMentionsRecord>('entityMentions', live)]).then(
    ([olds, mentionList]) => {
      const mentions = new Map(live.map((id, i) => [id, mentionList[i]]));
      const outs: string[] = [];
      const ins: EntityArticleRow[] = [];
      const touched = new Set<string>();
      const delta = new Map<string, number>();
      ids.forEach((id, i) => {
        const old = olds[i]!;
        const row = rows.get(id);
        const now = row ? articleEntityRows(row, mentions.get(id)) : [];
        const oldById = new Map(old.map((r) => [r.id, r]));
        const nowIds = new Set(now.map((r) => r.id));
        for (const r of old)
          if (!nowIds.has(r.id)) {
            outs.push(r.id);
            touched.add(r.key);
          }
        for (const r of now) {
          const was = oldById.get(r.id);
          if (was && same(was, r)) continue;
          ins.push(r);
          // A summary depends on which articles name a key and on the newest one's name, kind and date.
          if (!was || was.publishedAt !== r.publishedAt || was.text !== r.text || was.type !== r.type) touched.add(r.key);
        }
        for (const [a, b] of pairsOf(pairKeys(old))) delta.set(pairId(a, b), (delta.get(pairId(a, b)) ?? 0) - 1);
        for (const [a, b] of pairsOf(pairKeys(now))) delta.set(pairId(a, b), (delta.get(pairId(a, b)) ?? 0) + 1);
      });
      const changedPairs = [...delta].filter(([, d]) => d !== 0);
      return Promise.all([
        scope.delete('entityArticles', outs),
        scope.put('entityArticles', ins),
        scope
          .get<EntityPairRow>(
            'entityPairs',
            changedPairs.map(([id]) => id),
          )
          .then((pairs) => {
            const drop: string[] = [];
            const keep: EntityPairRow[] = [];
            changedPairs.forEach(([id, d], i) => {
              const n = (pairs[i]?.n ?? 0) + d;
              if (n <= 0) drop.push(id);
              else {
                const [a, b] = id.split('\u0000') as [string, string];
                keep.push({ id, a, b, n, order: -n });
              }
            });
            return Promise.all([scope.delete('entityPairs', drop), scope.put('entityPairs', keep)]);
          }),
      ]).then(() => summaries(scope, touched));
    },
  );
}

/** Bring the index up to date for changed highlights: `was` as it was (absent for a new one), `now` as it is (absent when deleted). */
export function reindexHighlights(scope: EntityScope, changes: readonly { was?: HighlightRecord; now?: HighlightRecord }[]): Promise<void> {
  const outs: string[] = [];
  const ins: EntityHighlightRow[] = [];
  const touched = new Set<string>();
  for (const { was, now } of changes) {
    const old = was ? highlightEntityRows(was) : [];
    const fresh = now ? highlightEntityRows(now) : [];
    const oldById = new Map(old.map((r) => [r.id, r]));
    const freshIds = new Set(fresh.map((r) => r.id));
    for (const r of old)
      if (!freshIds.has(r.id)) {
        outs.push(r.id);
        touched.add(r.key);
      }
    for (const r of fresh) {
      const prior = oldById.get(r.id);
      if (prior && same(prior, r)) continue;
      ins.push(r);
      touched.add(r.key);
    }
  }
  if (!outs.length && !ins.length) return Promise.resolve();
  const keptIds = new Set(ins.map((r) => r.id));
  return Promise.all([
    scope.delete(
      'entityHighlights',
      outs.filter((id) => !keptIds.has(id)),
    ),
    scope.put('entityHighlights', ins),
  ]).then(() => summaries(scope, touched));
}
