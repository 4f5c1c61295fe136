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

/**
 * Transactions that only derive what the index keeper keeps from records already written (the
 * index queue's drain, index-queue.ts): the keeper derives without writing the records again and
 * the outbox records nothing — no record changed.
 */
const deriving = new WeakSet<object>();

export function markDeriving(trans: { idbtrans: IDBTransaction }): void {
  deriving.add(trans.idbtrans);
}

export const isDeriving = (trans: DBCoreTransaction) => deriving.has(trans);
