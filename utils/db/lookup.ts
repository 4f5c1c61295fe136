import type { IndexableType, Table } from 'dexie';

/*
 * Rows (or primary keys) whose index has any of some values: one keyed read per value,
 * all in flight together. Dexie's anyOf() walks one cursor across the index instead, which
 * in Chromium measured ~25× slower (30 articles' highlights out of 100k: 280 ms against 11).
 */

export async function rowsWhere<T, K, I>(table: Table<T, K, I>, index: string, values: readonly IndexableType[]): Promise<T[]> {
  return (await Promise.all([...new Set(values)].map((v) => table.where(index).equals(v).toArray()))).flat();
}

export async function keysWhere<T, K, I>(table: Table<T, K, I>, index: string, values: readonly IndexableType[]): Promise<K[]> {
  return (await Promise.all([...new Set(values)].map((v) => table.where(index).equals(v).primaryKeys()))).flat();
}
