import type { DBCoreMutateRequest, DBCoreTable, Middleware, DBCore } from 'dexie';
import { isDeriving, spansStores } from './transaction';

/**
 * The sync outbox (issue 10): which records changed since sync last looked. One row per
 * record ('annotations:<id>'), written in the same IndexedDB transaction as the change
 * itself by a Dexie middleware, so no repository has to remember it and no write — the
 * background's, the library's import, a schema upgrade's — can slip past it. Sync reads
 * the rows, compares each record with its replicated copy, and removes the rows it handled.
 *
 * Rows are tiny and keyed by record, so with sync off the table holds at most one row per
 * record; turning sync on enqueues everything anyway. Sync reads only these rows: a round
 * costs what changed, not the size of the library.
 */

export const OUTBOX = 'syncOutbox';

/** The tables whose records sync carries (of `settings`, only the keys in SYNCED_SETTINGS). */
export const SYNCED_TABLES = ['annotations', 'articles', 'bodies', 'entityCorrections', 'settings'] as const;
export type SyncedTable = (typeof SYNCED_TABLES)[number];

/**
 * The reader's preferences that follow them to every device (issue 21). Not sync's own state,
 * status and log (this device's), nor "show my highlights on every page", which needs each
 * browser's own permission.
 */
export const SYNCED_SETTINGS = ['preferences', 'hiddenEntityKinds'] as const;
const SYNCED_KEYS = new Set<string>(SYNCED_SETTINGS);
/** Whether a record's key is one sync carries. */
export const isSyncedKey = (table: string, key: string) => table !== 'settings' || SYNCED_KEYS.has(key);

export interface OutboxRow {
  /** `${table}:${id}` */
  key: string;
  /** Counts up with every change of the record, so sync removes a row only if nothing changed it meanwhile. */
  seq: number;
}

export const outboxKey = (table: SyncedTable, id: string) => `${table}:${id}`;

export function parseOutboxKey(key: string): { table: SyncedTable; id: string } | undefined {
  const colon = key.indexOf(':');
  const table = key.slice(0, colon) as SyncedTable;
  return colon > 0 && SYNCED_TABLES.includes(table) ? { table, id: key.slice(colon + 1) } : undefined;
}

const TRACKED = new Set<string>(SYNCED_TABLES);
/** The id of an outbox row that stands for every record of its table. */
export const ALL = '*';
let counter = Date.now() * 1000;
/** An add of this many records or more is recorded as `${table}:*`. */
export const BULK_ADD = 1000;

/** The keys a request writes or deletes; a range deletion (`clear()`) is recorded as `${table}:*`, which sync expands. */
function keysOf(table: DBCoreTable, request: DBCoreMutateRequest): string[] {
  switch (request.type) {
    case 'add':
    case 'put':
      return (request.keys ?? request.values.map((v) => table.schema.primaryKey.extractKey!(v))).map(String);
    case 'delete':
      return request.keys.map(String);
    case 'deleteRange':
      return [ALL];
  }
}

/** Transactions in which sync writes what arrived: their writes are the server's own versions, not changes to send back. */
const arriving = new WeakSet<object>();

/**
 * Mark a Dexie transaction (its IndexedDB transaction) as sync writing what arrived: the outbox
 * records none of its writes — neither the arrived records (echoes) nor what follows from them
 * here (an article's highlights into the trash with it, the copies of one page joined) — while
 * rows that were pending before stay as they are.
 */
export function markArriving(trans: { idbtrans: IDBTransaction }): void {
  arriving.add(trans.idbtrans);
}

/** Widens every read-write transaction over a synced table to the outbox and records each key it writes or deletes. */
export const outboxMiddleware: Middleware<DBCore> = {
  stack: 'dbcore',
  name: 'sync-outbox',
  create: (down) => ({
    ...down,
    transaction: (stores, mode, options) =>
      down.transaction(mode === 'readwrite' && stores.some((s) => TRACKED.has(s)) && !stores.includes(OUTBOX) ? [...stores, OUTBOX] : stores, mode, options),
    table: (name) => {
      const table = down.table(name);
      if (!TRACKED.has(name)) return table;
      return {
        ...table,
        mutate: (request) => {
          // A schema upgrade from before the outbox existed writes without it.
          if (!spansStores(request.trans, [OUTBOX]) || arriving.has(request.trans) || isDeriving(request.trans)) return table.mutate(request);
          // Both writes are issued in this tick, in the caller's transaction: awaiting between them
          // would leave Dexie's zone, which the middlewares below this one need.
          // A bulk add (an import) is recorded as its whole table, as `clear()` is: one row instead of
          // one per record, expanded by sync's next round (with sync off, never: turning it on enqueues everything).
          const keys = request.type === 'add' && request.values.length >= BULK_ADD ? [ALL] : keysOf(table, request);
          const values: OutboxRow[] = keys.filter((k) => k === ALL || isSyncedKey(name, k)).map((k) => ({ key: `${name}:${k}`, seq: ++counter }));
          const done = table.mutate(request);
          if (!values.length) return done;
          return Promise.all([done, down.table(OUTBOX).mutate({ type: 'put', trans: request.trans, values })]).then(([result]) => result);
        },
      };
    },
  }),
};
