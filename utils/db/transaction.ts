import type { DBCoreTransaction } from 'dexie';

/**
 * Whether a DBCore transaction spans every one of these stores. The middlewares that write
 * beside a request (the sync outbox, the index keeper) ask it: a schema upgrade that runs before
 * their tables exist writes without them.
 */
export function spansStores(trans: DBCoreTransaction, stores: readonly string[]): boolean {
  const names = (trans as unknown as IDBTransaction).objectStoreNames as DOMStringList | string[] | undefined;
  if (!names) return false;
  const has = 'contains' in names ? (name: string) => names.contains(name) : (name: string) => names.includes(name);
  return stores.every(has);
}
