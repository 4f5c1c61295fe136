import type { MarginDB } from '../db/schema';
import type { SyncErrorKind } from './errors';

/** Sync's status line and log (issue 10), kept in Margin's settings table so every page reads them live; no PouchDB needed to read them. */

export const STATUS_KEY = 'sync.status';
export const LOG_KEY = 'sync.log';

export type SyncLogKind = 'received' | 'sent' | 'conflict' | 'kept-edit' | 'rejected' | 'replayed' | 'quarantined' | 'removed' | 'error';

export interface SyncLogEntry {
  at: number;
  kind: SyncLogKind;
  count?: number;
  /** A quote, a title or a reason: shown to the reader. */
  detail?: string;
}

export interface SyncStatus {
  lastSynced: number | null;
  lastAttempt: number | null;
  pending: number;
  error: { kind: SyncErrorKind; detail: string } | null;
}

export const EMPTY_STATUS: SyncStatus = { lastSynced: null, lastAttempt: null, pending: 0, error: null };

export async function readSyncStatus(db: MarginDB): Promise<SyncStatus> {
  const row = await db.settings.get(STATUS_KEY);
  const status = { ...EMPTY_STATUS, ...(row?.value as Partial<SyncStatus> | undefined) };
  // Changes the server refused are still waiting (engine.ts keeps them in its state).
  const refused = ((await db.settings.get('sync.state'))?.value as { refused?: string[] } | undefined)?.refused?.length ?? 0;
  return { ...status, pending: (await db.syncOutbox.count()) + refused };
}

export async function readSyncLog(db: MarginDB): Promise<SyncLogEntry[]> {
  return ((await db.settings.get(LOG_KEY))?.value as SyncLogEntry[] | undefined) ?? [];
}
