import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { MarginDB } from '../../utils/db/schema';

let counter = 0;

/** A fresh, isolated database on fake-indexeddb. */
export function freshDb(name = `margin-test-${++counter}`): MarginDB {
  return new MarginDB(name, { indexedDB: new IDBFactory(), IDBKeyRange });
}
