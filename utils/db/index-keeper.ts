import type { DBCore, DBCoreKeyRange, DBCoreMutateRequest, DBCoreMutateResponse, DBCoreTable, DBCoreTransaction, Middleware } from 'dexie';
import { entityKey, type EntityType } from '../entities/types';
import type { ArticleBody, ArticleRow, HighlightRecord, SearchRow } from './records';
import { articleSearchRow, bodySearchRow, highlightSearchRow, searchKey } from './search-index';
import { isDeriving, spansStores } from './transaction';
import { DEFER_AT, INDEX_QUEUE, isQueuedTable, queueRows, type QueuedTable } from './index-queue';
import { BULK_FACTOR, BULK_READ } from './lookup';
import { groupBy } from '../collections';
import { ENTITY_TABLES, reindexArticles, reindexHighlights } from './entity-keeper';

/**
 * The one owner of what Margin derives from its records (issue 13): the search index (`search`,
 * `bodySearch`, search-index.ts) and the library's filters (each article's `facets`). A Dexie
 * DBCore middleware, like the sync outbox (outbox.ts): every add, put, delete or deleteRange of
 * `articles`, `bodies` or `annotations` (the highlights), whoever issues it — a repository, the
 * import, the trash, sync, a test writing the raw table — rewrites the rows and facets it changes
 * in the same transaction, so no writer can forget them and writers only write records.
 *
 * - A transaction that writes one of the three tables is widened to all five it keeps.
 * - Each request is handled after the ones before it in its transaction (a queue per transaction),
 *   so it reads what they left. Its own writes go to the tables *below* this middleware: they pass
 *   under the outbox (which sits above, so facets — not synced, see utils/sync/records.ts — never
 *   enqueue an article) and never come back here (so a facet rewrite of an article cannot loop).
 * - Only DBCore promises and their `then` are used, never `await`: a native await would leave
 *   Dexie's zone, which the middlewares below (the hooks) need, and a transaction could commit
 *   between a read and the write that follows it.
 * - What it costs is grouped per request: one read of the records it replaces (none for an `add`,
 *   new by definition), one read of the articles whose facets change, and a read of an article's
 *   highlights only when a facet may have to go (a colour or tag changed away, a highlight deleted
 *   or moved, the article's names changed, an article row new): adding highlights only adds facets.
 * - Search rows are found by their key (record kind, id, time), computed from the record replaced:
 *   no lookup by `ref`. A body's row is keyed by its article's first-saved time, so a body is in
 *   the index exactly while it and its article both exist.
 * - A schema upgrade that runs before all five tables exist (v4, v5) writes without it and builds
 *   its rows itself, as the outbox skips upgrades that predate it.
 */

/** The tables whose records it reads the index and facets from (and, for the entity index, the articles' mentions). */
const WATCHED = new Set(['articles', 'bodies', 'annotations', 'entityMentions']);
/** Every table it reads or writes. */
const KEPT = ['articles', 'bodies', 'annotations', 'search', 'bodySearch', ...ENTITY_TABLES];

/** What an article is filtered by (see ArticleRow.facets): 't:' + tag, 'c:' + colour, 'e:' + entity key. */
export function articleFacets(
  entities: readonly { text: string; type: EntityType }[],
  highlights: readonly Pick<HighlightRecord, 'color' | 'tags' | 'entities'>[],
): string[] {
  const out = new Set<string>();
  for (const e of entities) out.add(`e:${entityKey(e)}`);
  for (const h of highlights) {
    out.add(`c:${h.color}`);
    for (const tag of h.tags) out.add(`t:${tag}`);
    for (const e of h.entities) out.add(`e:${entityKey(e)}`);
  }
  return [...out];
}

const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && new Set([...a, ...b]).size === a.length;
const sameList = (a: readonly string[], b: readonly string[]) => a.join('\u0000') === b.join('\u0000');
const noop = () => {};
/** DBCoreRangeType.Equal and .Any (a const enum, which isolated modules cannot read from dexie's types). */
const EQUAL = 1;
const ANY: DBCoreKeyRange = { type: 3 } as DBCoreKeyRange;

/** The DBCore calls the keeper makes, all in one transaction and below it. */
class Scope {
  constructor(
    private readonly down: DBCore,
    readonly trans: DBCoreTransaction,
  ) {}

  get<T>(table: string, keys: readonly unknown[]): Promise<(T | undefined)[]> {
    if (!keys.length) return Promise.resolve([]);
    const keyed = () => this.down.table(table).getMany({ trans: this.trans, keys: [...keys] });
    if (keys.length < BULK_READ) return keyed();
    // Many keys (an import's): one read of a table no larger than they are, none of an empty one.
    const core = this.down.table(table);
    return this.whole<T>(table, keys.length * BULK_FACTOR).then((all) => {
      if (!all) return keyed();
      const byKey = new Map(all.map((r) => [core.schema.primaryKey.extractKey!(r), r]));
      return keys.map((k) => byKey.get(k));
    });
  }

  /** Records of `table` whose `index` equals each value, all reads in flight together. */
  where<T>(table: string, index: string, values: readonly unknown[]): Promise<T[][]> {
    const core = this.down.table(table);
    const idx = core.schema.getIndexByKeyPath(index)!;
    const keyed = () =>
      Promise.all(
        values.map((value) =>
          core
            .query({ trans: this.trans, values: true, query: { index: idx, range: { type: EQUAL, lower: value, upper: value } } })
            .then((r) => r.result as T[]),
        ),
      );
    if (values.length < BULK_READ || idx.multiEntry || typeof idx.keyPath !== 'string') return keyed();
    return this.whole<T>(table, values.length * BULK_FACTOR).then((all) => {
      if (!all) return keyed();
      // The table's records come in primary-key order, as an index gives the records of one value.
      const groups = groupBy(all, (r) => idx.extractKey!(r));
      return values.map((v) => groups.get(v) ?? []);
    });
  }

  /**
   * All of a table's records when it holds at most `atMost` (none read when it is empty), else
   * undefined: one request answers what thousands of keyed ones would (an import's reads).
   */
  whole<T>(table: string, atMost: number): Promise<T[] | undefined> {
    const core = this.down.table(table);
    return core.count({ trans: this.trans, query: { index: core.schema.primaryKey, range: ANY } }).then((size) => {
      if (size === 0) return [];
      if (size > atMost) return undefined;
      return core.query({ trans: this.trans, values: true, query: { index: core.schema.primaryKey, range: ANY } }).then((r) => r.result as T[]);
    });
  }

  /** The records of a key range (what a deleteRange, such as `clear()`, removes). */
  inRange<T>(table: string, range: DBCoreKeyRange): Promise<T[]> {
    const core = this.down.table(table);
    return core.query({ trans: this.trans, values: true, query: { index: core.schema.primaryKey, range } }).then((r) => r.result as T[]);
  }

  count(table: string, index: string | string[], range: DBCoreKeyRange): Promise<number> {
    const core = this.down.table(table);
    return core.count({ trans: this.trans, query: { index: core.schema.getIndexByKeyPath(index)!, range } });
  }

  /** The first record of an index range (in index order). */
  first<T>(table: string, index: string | string[], range: DBCoreKeyRange): Promise<T | undefined> {
    const core = this.down.table(table);
    return core
      .query({ trans: this.trans, values: true, limit: 1, query: { index: core.schema.getIndexByKeyPath(index)!, range } })
      .then((r) => r.result[0] as T | undefined);
  }

  keysInRange(table: string, range: DBCoreKeyRange): Promise<unknown[]> {
    const core = this.down.table(table);
    return core.query({ trans: this.trans, values: false, query: { index: core.schema.primaryKey, range } }).then((r) => r.result);
  }

  put(table: string, values: readonly unknown[]): Promise<void> {
    return values.length ? this.down.table(table).mutate({ type: 'put', trans: this.trans, values }).then(check) : Promise.resolve();
  }

  delete(table: string, keys: readonly unknown[]): Promise<void> {
    return keys.length
      ? this.down
          .table(table)
          .mutate({ type: 'delete', trans: this.trans, keys: [...keys] })
          .then(check)
      : Promise.resolve();
  }

  /** Search rows out and in, outs first (a row's key may be both). */
  index(table: 'search' | 'bodySearch', outs: readonly string[], ins: readonly SearchRow[]): Promise<void> {
    const kept = new Set(ins.map((row) => row.key));
    const drop = outs.filter((key) => !kept.has(key));
    return Promise.all([this.delete(table, drop), this.put(table, ins)]).then(noop);
  }

  /**
   * Bring articles' facets up to date: `added` facets join an article's (highlights were added),
   * `recount` articles are computed afresh from their names and all their highlights.
   */
  facets(added: Map<string, Set<string>>, recount: Set<string>): Promise<void> {
    const ids = [...new Set([...added.keys(), ...recount])];
    if (!ids.length) return Promise.resolve();
    const counted = [...recount];
    return Promise.all([this.get<ArticleRow>('articles', ids), this.where<HighlightRecord>('annotations', 'articleId', counted)]).then(([rows, lists]) => {
      const highlights = new Map(counted.map((id, i) => [id, lists[i]!]));
      const changed: ArticleRow[] = [];
      for (const row of rows) {
        if (!row) continue;
        const list = highlights.get(row.id);
        const facets = list ? articleFacets(row.entities ?? [], list) : [...new Set([...(row.facets ?? []), ...(added.get(row.id) ?? [])])];
        if (!sameSet(facets, row.facets ?? [])) changed.push({ ...row, facets });
      }
      return this.put('articles', changed);
    });
  }
}

function check(res: DBCoreMutateResponse): void {
  if (res.numFailures) throw Object.values(res.failures)[0] ?? new Error('index-keeper: a write failed');
}

/** The keys of a put or add (all three tables key records by an `id` in the record). */
function keysOf(table: DBCoreTable, request: DBCoreMutateRequest & { type: 'add' | 'put' }): unknown[] {
  return request.keys ?? request.values.map((v) => table.schema.primaryKey.extractKey!(v));
}

/** Values of a write that succeeded, the last one per key. */
function written<T extends { id: string }>(values: readonly T[], res: DBCoreMutateResponse): T[] {
  const out = new Map<string, T>();
  values.forEach((v, i) => {
    if (!(i in res.failures)) out.set(v.id, v);
  });
  return [...out.values()];
}

/** What a highlight adds to its article's facets. */
const contribution = (h: HighlightRecord) => articleFacets([], [h]);

type Old<T> = Map<string, T>;

/** The records a request replaces or removes, before it runs: none for an add; `known` when they were read already. */
function before<T extends { id: string }>(scope: Scope, table: DBCoreTable, request: DBCoreMutateRequest, known?: Old<T>): Promise<Old<T>> {
  if (known) return Promise.resolve(known);
  const byId = (list: (T | undefined)[]) => new Map(list.filter((r): r is T => !!r).map((r) => [r.id, r]));
  switch (request.type) {
    case 'add':
      return Promise.resolve(new Map());
    case 'put':
      return scope.get<T>(table.name, keysOf(table, request)).then(byId);
    case 'delete':
      return scope.get<T>(table.name, request.keys).then(byId);
    case 'deleteRange':
      return scope.inRange<T>(table.name, request.range).then(byId);
  }
}

function keepHighlights(scope: Scope, table: DBCoreTable, request: DBCoreMutateRequest, known?: Old<HighlightRecord>): Promise<DBCoreMutateResponse> {
  return before<HighlightRecord>(scope, table, request, known).then((old) =>
    table.mutate(request).then((res) => {
      const outs: string[] = [];
      const ins: SearchRow[] = [];
      const added = new Map<string, Set<string>>();
      const recount = new Set<string>();
      const named: { was?: HighlightRecord; now?: HighlightRecord }[] = [];
      if (request.type === 'add' || request.type === 'put') {
        for (const h of written(request.values as HighlightRecord[], res)) {
          const was = old.get(h.id);
          named.push({ was, now: h });
          const key = searchKey('a', h.id, h.updatedAt);
          if (was) {
            const wasKey = searchKey('a', was.id, was.updatedAt);
            if (wasKey !== key) outs.push(wasKey);
            // A colour, tag or name this highlight gave its article may have gone with the change.
            const now = new Set(contribution(h));
            if (was.articleId !== h.articleId || !contribution(was).every((f) => now.has(f))) recount.add(was.articleId);
          }
          if (!was || was.updatedAt !== h.updatedAt || was.quote !== h.quote || was.note !== h.note || !sameList(was.tags, h.tags))
            ins.push(highlightSearchRow(h));
          const facets = added.get(h.articleId) ?? new Set<string>();
          for (const f of contribution(h)) facets.add(f);
          added.set(h.articleId, facets);
        }
      } else {
        for (const was of old.values()) {
          outs.push(searchKey('a', was.id, was.updatedAt));
          recount.add(was.articleId);
          named.push({ was });
        }
      }
      return Promise.all([scope.index('search', outs, ins), scope.facets(added, recount), reindexHighlights(scope, named)]).then(() => res);
    }),
  );
}

function keepArticles(scope: Scope, table: DBCoreTable, request: DBCoreMutateRequest, known?: Old<ArticleRow>): Promise<DBCoreMutateResponse> {
  return before<ArticleRow>(scope, table, request, known).then((old) => {
    if (request.type === 'delete' || request.type === 'deleteRange')
      return table.mutate(request).then((res) =>
        Promise.all([
          reindexArticles(scope, new Map([...old.keys()].map((id) => [id, undefined]))),
          scope.delete('entityMentions', [...old.keys()]),
          scope.delete(
            'search',
            [...old.values()].map((was) => searchKey('t', was.id, was.savedAt)),
          ),
          scope.delete(
            'bodySearch',
            [...old.values()].map((was) => searchKey('b', was.id, was.savedAt)),
          ),
        ]).then(() => res),
      );
    const values = request.values as ArticleRow[];
    // Facets are the keeper's: a row that brings back its own (read, changed, written) keeps them
    // while its names stay; a new row, new names, or a row with no facets or others has them counted.
    const counted = (row: ArticleRow) => {
      const was = old.get(row.id);
      return !!was && sameList(names(was), names(row)) && !!row.facets?.length && sameList(row.facets, was.facets ?? []);
    };
    const recount = [...new Set(values.filter((row) => !counted(row)).map((row) => row.id))];
    return scope.where<HighlightRecord>('annotations', 'articleId', recount).then((lists) => {
      const highlights = new Map(recount.map((id, i) => [id, lists[i]!]));
      const facetted = values.map((row) => {
        const list = highlights.get(row.id);
        if (!list) return row;
        const facets = articleFacets(row.entities ?? [], list);
        return row.facets && sameList(facets, row.facets) ? row : { ...row, facets };
      });
      return table.mutate({ ...request, values: facetted }).then((res) => {
        const rows = written(facetted, res);
        const outs: string[] = [];
        const ins: SearchRow[] = [];
        const bodyOuts: string[] = [];
        // Articles whose body must be (re)indexed: new ones (a body may have come first), and ones whose first-saved time changed.
        const rekey: ArticleRow[] = [];
        for (const row of rows) {
          const was = old.get(row.id);
          if (was && was.savedAt !== row.savedAt) {
            outs.push(searchKey('t', was.id, was.savedAt));
            bodyOuts.push(searchKey('b', was.id, was.savedAt));
          }
          if (!was || was.savedAt !== row.savedAt) rekey.push(row);
          if (!was || was.savedAt !== row.savedAt || was.title !== row.title || !sameList(names(was), names(row))) ins.push(articleSearchRow(row));
        }
        const bodies = scope.get<ArticleBody>(
          'bodies',
          rekey.map((r) => r.id),
        );
        // The entity index carries each article's names, title, site and date.
        const entityRows = new Map<string, ArticleRow | undefined>();
        for (const row of rows) {
          const was = old.get(row.id);
          if (!was || !sameList(names(was), names(row)) || entityCounts(was) !== entityCounts(row) || was.title !== row.title || was.url !== row.url)
            entityRows.set(row.id, row);
          else if (was.siteName !== row.siteName || was.publishedAt !== row.publishedAt || was.publishedTime !== row.publishedTime) entityRows.set(row.id, row);
        }
        return Promise.all([
          reindexArticles(scope, entityRows),
          scope.index('search', outs, ins),
          bodies.then((list) =>
            scope.index(
              'bodySearch',
              bodyOuts,
              list.flatMap((body, i) => (body ? [bodySearchRow(rekey[i]!, body)] : [])),
            ),
          ),
        ]).then(() => res);
      });
    });
  });
}

const entityCounts = (row: Pick<ArticleRow, 'entities'>) => (row.entities ?? []).map((e) => e.count).join(',');

/** The names an article's title line and facets take from it. */
const names = (row: Pick<ArticleRow, 'entities'>) => (row.entities ?? []).map((e) => `${e.type}\u0000${e.text}`);

function keepBodies(scope: Scope, table: DBCoreTable, request: DBCoreMutateRequest, known?: Old<ArticleBody>): Promise<DBCoreMutateResponse> {
  // A body's row needs its article (the key carries the article's first-saved time); without it, the body is not indexed.
  const rowsOf = (ids: readonly unknown[]) => scope.get<ArticleRow>('articles', ids);
  if (request.type === 'delete' || request.type === 'deleteRange') {
    // Only the ids are needed: a range (`clear()`) is read as keys, never as texts.
    const ids = request.type === 'delete' ? Promise.resolve(request.keys) : scope.keysInRange(table.name, request.range);
    return ids.then((keys) =>
      table.mutate(request).then((res) =>
        rowsOf(keys)
          .then((rows) =>
            scope.delete(
              'bodySearch',
              rows.flatMap((row) => (row ? [searchKey('b', row.id, row.savedAt)] : [])),
            ),
          )
          .then(() => res),
      ),
    );
  }
  return before<ArticleBody>(scope, table, request, known).then((old) =>
    table.mutate(request).then((res) => {
      // Revisiting a page mostly finds the same text: only a changed text is indexed again.
      const bodies = written(request.values as ArticleBody[], res).filter((b) => old.get(b.id)?.textContent !== b.textContent);
      return rowsOf(bodies.map((b) => b.id))
        .then((rows) =>
          scope.put(
            'bodySearch',
            rows.flatMap((row, i) => (row ? [bodySearchRow(row, bodies[i]!)] : [])),
          ),
        )
        .then(() => res);
    }),
  );
}

/** What the reader's visit saw of an article's names (forms, first sentences): its entity rows follow. */
function keepMentions(scope: Scope, table: DBCoreTable, request: DBCoreMutateRequest): Promise<DBCoreMutateResponse> {
  const ids =
    request.type === 'delete'
      ? Promise.resolve(request.keys as string[])
      : request.type === 'deleteRange'
        ? scope.keysInRange(table.name, request.range).then((keys) => keys as string[])
        : Promise.resolve(keysOf(table, request) as string[]);
  return ids.then((keys) =>
    table.mutate(request).then((res) =>
      scope
        .get<ArticleRow>('articles', keys)
        .then((rows) => reindexArticles(scope, new Map(keys.flatMap((id, i) => (rows[i] ? [[id, rows[i]] as const] : [])))))
        .then(() => res),
    ),
  );
}

/**
 * A bulk write of new records (an import, a first sync's batch) written now, its derived rows
 * left to the index queue: the ids go to the queue in the same transaction, so no record can be
 * written and never indexed. A new record replaces nothing, so nothing derived has to go first.
 */
function defer(down: DBCore, table: DBCoreTable, name: QueuedTable, request: DBCoreMutateRequest & { type: 'add' | 'put' }): Promise<DBCoreMutateResponse> {
  return table.mutate(request).then((res) => {
    const added = (request.values as { id: string; articleId?: string }[]).filter((_, i) => !(i in res.failures));
    const values = queueRows(name, added);
    if (!values.length) return res;
    return down
      .table(INDEX_QUEUE)
      .mutate({ type: 'add', trans: request.trans, values })
      .then(check)
      .then(() => res);
  });
}

/**
 * The table as the drain's keeper sees it: the records it is given are there already. An
 * article is written again for the facets the keeper counts into it; the others are not written.
 */
function derivingTable(table: DBCoreTable): DBCoreTable {
  return {
    ...table,
    mutate: (request) => {
      if (table.name === 'articles' && request.type === 'add') return table.mutate({ ...request, type: 'put' });
      const keys = request.type === 'add' || request.type === 'put' ? keysOf(table, request) : [];
      return Promise.resolve({ numFailures: 0, failures: {}, results: keys, lastResult: keys[keys.length - 1] });
    },
  };
}

/** `known`: the records the request replaces, when they were read already (each keeper reads its own table's). */
type Keeper = (scope: Scope, table: DBCoreTable, request: DBCoreMutateRequest, known?: Old<never>) => Promise<DBCoreMutateResponse>;

const KEEPERS: Record<string, Keeper> = {
  annotations: keepHighlights,
  articles: keepArticles,
  bodies: keepBodies,
  entityMentions: keepMentions,
};

/**
 * Registered in the schema below the outbox (level 5; the outbox has Dexie's default, 10): the
 * outbox sees the caller's writes, not the keeper's.
 */
export const indexKeeper: Middleware<DBCore> = {
  stack: 'dbcore',
  name: 'index-keeper',
  level: 5,
  create: (down) => {
    /** The last request of each transaction still being kept: the next one waits for it. */
    const queues = new WeakMap<object, Promise<unknown>>();
    const serial = <T>(trans: DBCoreTransaction, work: () => Promise<T>): Promise<T> => {
      const previous = queues.get(trans);
      const done = previous ? previous.then(work, work) : work();
      queues.set(trans, done);
      const forget = () => {
        if (queues.get(trans) === done) queues.delete(trans);
      };
      done.then(forget, forget);
      return done;
    };
    return {
      ...down,
      transaction: (stores, mode, options) =>
        down.transaction(mode === 'readwrite' && stores.some((s) => WATCHED.has(s)) ? [...new Set([...stores, ...KEPT, INDEX_QUEUE])] : stores, mode, options),
      table: (name) => {
        const table = down.table(name);
        const keep = KEEPERS[name];
        /** Its records' rows may wait for the index queue. */
        const queued = isQueuedTable(name) ? name : null;
        if (!keep) return table;
        return {
          ...table,
          mutate: (request) => {
            // A schema upgrade that runs before every table it keeps exists writes without it.
            if (!spansStores(request.trans, KEPT)) return table.mutate(request);
            // The queue's drain: the records are written already, their rows are derived as if they were added now.
            if (isDeriving(request.trans)) return serial(request.trans, () => keep(new Scope(down, request.trans), derivingTable(table), request));
            if ((request.type === 'add' || request.type === 'put') && request.values.length >= DEFER_AT && queued && spansStores(request.trans, [INDEX_QUEUE]))
              return serial(request.trans, () => {
                if (request.type === 'add') return defer(down, table, queued, request);
                // A put of records none of which is here yet (a first sync's batch) is an add; otherwise it is kept at once.
                const scope = new Scope(down, request.trans);
                return before<{ id: string }>(scope, table, request).then((old) =>
                  old.size ? keep(scope, table, request, old as Old<never>) : defer(down, table, queued, request),
                );
              });
            return serial(request.trans, () => keep(new Scope(down, request.trans), table, request));
          },
        };
      },
    };
  },
};
