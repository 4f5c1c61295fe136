import PouchDB from 'pouchdb-core';
import idb from 'pouchdb-adapter-idb';
import http from 'pouchdb-adapter-http';
import replication from 'pouchdb-replication';
import type { SyncConfig } from './config';
import { remoteUrl } from './config';

/**
 * PouchDB as the background uses it: the replication mirror in IndexedDB (`_pouch_margin-sync`,
 * beside Margin's own database) and the reader's server over HTTP, with PouchDB's replicator.
 * Only the background imports this file, so PouchDB is in no page's bundle.
 */
PouchDB.plugin(idb).plugin(http).plugin(replication);

export const MIRROR_NAME = 'margin-sync';

/** A request that hangs is a server that does not answer. */
const TIMEOUT_MS = 30_000;

export function localMirror(): PouchDB.Database {
  return new PouchDB(MIRROR_NAME, { adapter: 'idb', auto_compaction: true });
}

export function remoteDatabase(config: SyncConfig): PouchDB.Database {
  return new PouchDB(remoteUrl(config), {
    adapter: 'http',
    skip_setup: true,
    auth: { username: config.user, password: config.password },
    fetch: (url, init) => fetch(url, { ...init, signal: AbortSignal.timeout(TIMEOUT_MS) }),
  });
}
