import { markDeriving } from './transaction';
import type { MarginDB } from './schema';

/**
 * The index queue (issue 22, item 9: importing 100k highlights in ≤ 30 s; issue 21: a second
 * device's first sync). The index keeper (index-keeper.ts) derives the search index, the facets
 * and the entity index in the same transaction as every write. For one write of hundreds of new
 * records — an import, a first sync's batch — that is most of the time the reader waits: at 20k
 * highlights over 1k articles, about six times the records themselves (the entity index alone
 * 40 %). Such a write (an add, or a put of records none of which is here yet) now keeps only
 * the records and, in the same transaction, their ids in this queue; `drainIndex` then derives
 * their rows in short transactions of `DRAIN_CHUNK` records, while the library is already in use.
 *
 * - Nothing can be written and never indexed: the ids are queued with the records, and the
 *   queue outlives the page (the library drains it after an import and when it opens, the
 *   background after a sync round and when it starts).
 * - Draining is "derive as if these records were added now": the keeper's own code, run in a
 *   transaction marked as deriving (transaction.ts), reading the records as they are then. What
 *   it writes is keyed by record and counted from the tables, so a record changed, moved or
 *   deleted before its turn ends with the same rows as if it had never waited, and two pages
 *   draining at once (each chunk taken and derived in one transaction) do no harm.
 * - Until it is drained, search may miss the waiting records and the library says so.
 */

/** A write of at least this many new records is indexed through the queue; smaller ones at once. A sync batch is up to 500 documents. */
export const DEFER_AT = 200;
/**
 * Records derived per drain transaction, by table: each transaction takes about a second on a
 * loaded two-core machine, so a highlight the reader saves meanwhile waits at most that long.
 * An article brings its entity rows and pairs, a body its text's terms, a highlight little.
 */
export const DRAIN_CHUNK = { articles: 100, bodies: 250, annotations: 1000 } as const;
export const INDEX_QUEUE = 'indexQueue';
/** The pause before each chunk, in ms. */
const DRAIN_PAUSE_MS = 50;

/** The tables whose records' rows may wait in the queue. */
export type QueuedTable = keyof typeof DRAIN_CHUNK;
const QUEUED_TABLES = Object.keys(DRAIN_CHUNK) as QueuedTable[];
export const isQueuedTable = (name: string): name is QueuedTable => Object.hasOwn(DRAIN_CHUNK, name);

export interface IndexQueueRow {
  /** Order of arrival (auto-incremented). */
  seq?: number;
  table: QueuedTable;
  /** At most DRAIN_CHUNK[table] record ids. */
  ids: string[];
}

/**
 * The queue rows for records of one table, one per chunk. Highlights go by article: a chunk then
 * touches a few articles' facets and names, not one article per highlight.
 */
export function queueRows(table: QueuedTable, records: readonly { id: string; articleId?: string }[]): IndexQueueRow[] {
  const ordered = table === 'annotations' ? [...records].sort((a, b) => (a.articleId! < b.articleId! ? -1 : a.articleId! > b.articleId! ? 1 : 0)) : records;
  const ids = ordered.map((r) => r.id);
  const rows: IndexQueueRow[] = [];
  const size = DRAIN_CHUNK[table];
  for (let i = 0; i < ids.length; i += size) rows.push({ table, ids: ids.slice(i, i + size) });
  return rows;
}

/** How many queue rows (chunks of up to DRAIN_CHUNK records) wait to be derived. */
export const indexBacklog = (db: MarginDB): Promise<number> => db.indexQueue.count();

const draining = new WeakMap<object, Promise<number>>();

/**
 * Derive the rows of every queued record, one chunk per transaction, oldest first; resolves with
 * the number of records derived. One drain at a time per database object (a second call joins it).
 */
export function drainIndex(db: MarginDB): Promise<number> {
  const running = draining.get(db);
  if (running) return running;
  const run = (async () => {
    let derived = 0;
    for (;;) {
      // A beat before each chunk: what the page reads after the last write (the list, a search)
      // starts its transaction first, instead of waiting behind the next chunk.
      await new Promise((resolve) => setTimeout(resolve, DRAIN_PAUSE_MS));
      const n = await db.transaction('rw', [db.indexQueue, ...QUEUED_TABLES.map((name) => db.table(name))], async (tx) => {
        const row = await db.indexQueue.orderBy(':id').first();
        if (!row) return -1;
        await db.indexQueue.delete(row.seq);
        const table = db.table(row.table);
        const records = (await table.bulkGet(row.ids)).filter((r) => r !== undefined);
        if (!records.length) return 0;
        markDeriving(tx);
        await table.bulkAdd(records);
        return records.length;
      });
      if (n < 0) return derived;
      derived += n;
    }
  })();
  draining.set(db, run);
  const forget = () => draining.delete(db);
  run.then(forget, forget);
  return run;
}
