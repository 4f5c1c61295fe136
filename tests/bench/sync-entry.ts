// Bundled into a page of headless Chromium (real IndexedDB, real fetch) by tests/bench/sync.ts.
import PouchDB from 'pouchdb-core';
import idb from 'pouchdb-adapter-idb';
import http from 'pouchdb-adapter-http';
import replication from 'pouchdb-replication';
import { HighlightRepository } from '../../utils/db/highlights';
import { MarginDB } from '../../utils/db/schema';
import { drainIndex } from '../../utils/db/index-queue';
import { importData } from '../../utils/export/transfer';
import { SyncEngine } from '../../utils/sync/engine';
import { generate } from './library-entry';

PouchDB.plugin(idb).plugin(http).plugin(replication);

interface Device {
  db: MarginDB;
  engine: SyncEngine;
}

const devices = new Map<string, Device>();
/** Milliseconds per step of the rounds since the last read (SyncOptions.trace). */
let steps: Record<string, number> = {};
let server = '';
const auth = { username: 'reader', password: 'bench' };
const remote = (database: string) => new PouchDB(`${server}/${database}`, { adapter: 'http', skip_setup: true, auth });

/** Device `name` ('a', 'b': the library; 'a1', 'b1': the small library) syncing to `database`. */
function device(name: string, database: string, passphrase?: string): Device {
  let d = devices.get(name);
  if (!d) {
    const db = new MarginDB(`bench-${name}`);
    d = {
      db,
      engine: new SyncEngine(db, {
        remote: () => remote(database),
        remoteName: `${server}/${database}`,
        passphrase,
        trace: (step, ms) => void (steps[`${name}.${step}`] = (steps[`${name}.${step}`] ?? 0) + ms),
      }),
    };
    devices.set(name, d);
  }
  return d;
}

const databaseOf = (name: string) => (name.endsWith('1') ? 'small' : 'margin');

/**
 * Bytes of what device A stores, as stored: every key and value of every object store of its
 * IndexedDB databases (Margin's, and with sync on the PouchDB mirror's, whose revision trees
 * and by-sequence store are counted too), as JSON. Read record by record with a cursor; the
 * origin's `navigator.storage.estimate()` is no measure here, since on a disk profile it follows
 * when LevelDB happens to compact its logs.
 */
async function storedBytes(names: string[]): Promise<number> {
  let total = 0;
  for (const info of await indexedDB.databases()) {
    if (!info.name || !names.includes(info.name)) continue;
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open(info.name!);
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error ?? new Error(`${info.name} did not open`));
    });
    for (const store of Array.from(db.objectStoreNames)) {
      total += await new Promise<number>((resolve, reject) => {
        let bytes = 0;
        const cursor = db.transaction(store, 'readonly').objectStore(store).openCursor();
        cursor.onsuccess = () => {
          const c = cursor.result;
          if (!c) return resolve(bytes);
          bytes += JSON.stringify(c.primaryKey).length + (JSON.stringify(c.value)?.length ?? 0);
          c.continue();
        };
        cursor.onerror = () => reject(cursor.error ?? new Error(`${store} could not be read`));
      });
    }
    db.close();
  }
  return total;
}

/** Device A's stored bytes: its Margin database (sync keeps no other since issue 21: no mirror). */
const usageOfA = () => storedBytes(['bench-a']);

const api = {
  start(url: string) {
    server = url;
  },
  /** Profile A (or A1, the small library's) with the generated library (imported, as a reader's backup would be). */
  async seed(sentences: string[], articles: number, annotations: number, name: 'a' | 'a1' = 'a') {
    const a = device(name, databaseOf(name));
    const data = generate(sentences, articles, annotations);
    const t = performance.now();
    await importData(a.db, data);
    const ms = performance.now() - t;
    // The index the import left for later (index-queue.ts), built as the library would: A's storage "before" holds it.
    await drainIndex(a.db);
    return { ms, articles: data.articles.length, annotations: data.annotations.length, usage: name === 'a' ? await usageOfA() : 0 };
  },
  async syncRound(name: 'a' | 'b' | 'a1' | 'b1') {
    const d = device(name, databaseOf(name));
    const t = performance.now();
    const result = await d.engine.run();
    if (!result.ok) throw new Error(`${name}: ${result.error.kind} ${result.error.message}`);
    const ms = performance.now() - t;
    // What the round wrote without its index (a first sync's batches, index-queue.ts), built after it as the background does.
    const i = performance.now();
    await drainIndex(d.db);
    return { ms, indexMs: performance.now() - i, received: result.report.received, sent: result.report.sent, usage: name === 'a' ? await usageOfA() : 0 };
  },
  /** The engine's floor: PouchDB-to-PouchDB replication of the same documents into an empty IndexedDB PouchDB. */
  async floor() {
    const target = new PouchDB('floor', { adapter: 'idb' });
    const t = performance.now();
    const r = await target.replicate.from(remote('margin'), { batch_size: 250 });
    const ms = performance.now() - t;
    await target.destroy();
    return { ms, docs: r.docs_written };
  },
  async counts(name: 'a' | 'b' | 'a1' | 'b1') {
    const d = device(name, databaseOf(name));
    return { annotations: await d.db.annotations.count(), articles: await d.db.articles.count(), bodies: await d.db.bodies.count() };
  },
  /** One edit on A until B has it: A's round, then B's (the scheduling delay of the extension — 3 s debounce, 1 min alarm — not included). */
  async propagate(index: number, small = false) {
    const a = device(small ? 'a1' : 'a', databaseOf(small ? 'a1' : 'a'));
    const b = device(small ? 'b1' : 'b', databaseOf(small ? 'b1' : 'b'));
    const target = (await a.db.annotations.offset((index * 37) % (await a.db.annotations.count())).first())!;
    const text = `편집 ${index} · edit ${index}`;
    const t = performance.now();
    await new HighlightRepository(a.db).update(target.id, { note: text });
    for (const d of [a, b]) {
      const r = await d.engine.run();
      if (!r.ok) throw new Error(r.error.message);
    }
    const arrived = (await b.db.annotations.get(target.id))?.note === text;
    return { ms: performance.now() - t, arrived };
  },
  /** The steps' times since the last call, and start counting afresh. */
  takeSteps() {
    const out = steps;
    steps = {};
    return out;
  },
};

export type SyncBenchApi = typeof api;
(window as unknown as { marginSync: SyncBenchApi }).marginSync = api;
