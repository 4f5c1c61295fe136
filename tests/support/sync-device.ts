import { ArticleRepository } from '../../utils/db/articles';
import { HighlightRepository } from '../../utils/db/highlights';
import type { MarginDB } from '../../utils/db/schema';
import { SyncEngine } from '../../utils/sync/engine';
import { PouchDB, type CouchServer } from './couch';
import { freshDb } from './db';

/** One reader's device in the sync tests: its own database and clock, syncing to a real server. */
export interface SyncDevice {
  db: MarginDB;
  articles: ArticleRepository;
  annotations: HighlightRepository;
  /** Moves the device's clock on by a second and returns it. */
  tick: () => number;
  sync: (overrides?: Partial<{ passphrase: string; password: string; url: string; database: string }>) => ReturnType<SyncEngine['run']>;
  /** Every request the device's rounds made to the server, in order (the scale tests count them). */
  requests: { method: string; path: string; body?: string }[];
}

/** A device syncing to `database` on the server `couch()` gives (read when a round starts: tests start it in beforeAll). */
export function syncDevice(couch: () => CouchServer, password: string, database: string, passphrase?: string): SyncDevice {
  const db = freshDb();
  let now = 1_700_000_000_000 + Math.floor(Math.random() * 1000);
  const clock = () => now;
  const requests: SyncDevice['requests'] = [];
  const recorded = (url: string, init: RequestInit) => {
    const path = new URL(url).pathname;
    requests.push({ method: init.method ?? 'GET', path, ...(typeof init.body === 'string' ? { body: init.body } : {}) });
    return fetch(url, init);
  };
  return {
    db,
    requests,
    articles: new ArticleRepository(db, clock),
    annotations: new HighlightRepository(db, clock),
    tick: () => (now += 1000),
    sync: (o = {}) => {
      const remoteName = `${o.url ?? couch().url}/${o.database ?? database}`;
      return new SyncEngine(db, {
        remote: () =>
          new PouchDB(remoteName, { adapter: 'http', skip_setup: true, auth: { username: 'reader', password: o.password ?? password }, fetch: recorded }),
        remoteName,
        passphrase: o.passphrase ?? passphrase,
        iterations: 2000,
        now: clock,
      }).run();
    },
  };
}

/** A round's report; a failed round fails the test with what went wrong. */
export async function syncOk(result: ReturnType<SyncEngine['run']>) {
  const r = await result;
  if (!r.ok) throw new Error(`sync failed: ${r.error.kind} ${r.error.message}`);
  return r.report;
}
