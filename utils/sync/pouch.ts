import PouchDB from 'pouchdb-core';
import http from 'pouchdb-adapter-http';
import type { SyncConfig } from './config';
import { remoteUrl } from './config';

/**
 * PouchDB as the background uses it: the reader's server over HTTP (the CouchDB protocol's
 * requests, retries and errors), nothing stored locally — sync writes into Margin's own
 * database (engine.ts). Only the background imports this file, so PouchDB is in no page's bundle.
 */
PouchDB.plugin(http);

/** The replication mirror earlier versions kept beside Margin's database (PouchDB's IndexedDB name for 'margin-sync'). */
export const LEGACY_MIRROR = '_pouch_margin-sync';

/** A request that hangs is a server that does not answer. */
const TIMEOUT_MS = 30_000;

export function remoteDatabase(config: SyncConfig): PouchDB.Database {
  return new PouchDB(remoteUrl(config), {
    adapter: 'http',
    skip_setup: true,
    auth: { username: config.user, password: config.password },
    fetch: (url, init) => fetch(url, { ...init, signal: AbortSignal.timeout(TIMEOUT_MS) }),
  });
}

/** Delete the mirror an earlier version kept (a second copy of every synced record): nothing reads it any more. */
export function dropLegacyMirror(): void {
  try {
    indexedDB.deleteDatabase(LEGACY_MIRROR);
  } catch {
    // No IndexedDB here (never in the extension): nothing to drop.
  }
}
