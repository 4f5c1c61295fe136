import { isSyncedKey, outboxKey, SYNCED_TABLES } from '../db/outbox';
import type { ArticleBody, ArticleRow, EntityCorrectionRecord, HighlightRecord, MarginDB, SettingRecord, SyncSeenRow } from '../db/schema';
import type { Codec } from './codec';
import { describeSyncError } from './errors';
import {
  articlePayloadFor,
  canonical,
  digest,
  docId,
  highlightBase,
  highlightPayloadOver,
  noteHash,
  recordName,
  TABLE_OF,
  versionOf,
  type DocKind,
  type LivePayload,
  type Payload,
} from './records';
import type { SyncLogEntry } from './status';

/**
 * What the steps of one round share (engine.ts runs them: pull in incoming.ts, apply in
 * apply.ts, push in outgoing.ts), and what sync keeps per document between rounds
 * (SyncSeenRow, in the `syncSeen` table): the revision, counter and fingerprint of the version
 * this device last had, a digest of its record, and a highlight's merge base.
 */

export interface SyncReport {
  sent: number;
  received: number;
  conflicts: number;
  rejected: number;
  log: SyncLogEntry[];
}

export interface Round {
  db: MarginDB;
  remote: PouchDB.Database;
  codec: Codec;
  report: SyncReport;
  now: () => number;
  batch: number;
  /** Documents refused as they arrived (invalid, undecryptable, unsealed deletions), with why. */
  rejected: string[];
  /** Old versions the server put back, by name. */
  replayed: string[];
  /** Deletions an edit outlived (the edit is kept), by document id. */
  keptEdits: string[];
  /** Records of this device left out of this round (too deep, too large, unreadable), with why. */
  quarantined: string[];
  /** Documents the server refused (a validation function's 403): sent again every round until it takes them. */
  refused: Set<string>;
}

/** The sync state kept in settings: which server, and how far its changes feed has been read. */
export interface SyncState {
  /** 2: sync pulls into Dexie itself (no mirror database). A state without it is from the mirror's time. */
  format?: 2;
  identity: string;
  /** The server's update sequence this device has read up to. */
  since?: number | string;
  refused?: string[];
}

export const STATE_KEY = 'sync.state';

export async function readState(db: MarginDB): Promise<SyncState | undefined> {
  return (await db.settings.get(STATE_KEY))?.value as SyncState | undefined;
}

export async function saveState(db: MarginDB, state: SyncState): Promise<void> {
  await db.settings.put({ key: STATE_KEY, value: state });
}

/** Sync switched off for good, or pointed elsewhere: the next round starts afresh (local data stays). */
export async function forgetSyncState(db: MarginDB): Promise<void> {
  await db.settings.delete(STATE_KEY);
}

/** A fingerprint of a payload's content, to tell two versions with one counter apart. */
export const fingerprint = (payload: Payload) => noteHash(canonical(payload));

/** A digest of the record a live payload carries. */
export const recordDigest = (payload: LivePayload) => digest(canonical(payload.rec));

/** What this device keeps of a version it had (sent or received) at revision `rev`. */
export function seenRow(id: string, rev: string | undefined, payload: Payload, had?: SyncSeenRow): SyncSeenRow {
  const row: SyncSeenRow = { id, n: versionOf(payload), h: fingerprint(payload), ...(rev ? { rev } : {}) };
  if (payload.k === 'd') {
    row.d = true;
    // A highlight that comes back after a deletion continues from its last live version.
    if (had?.base) row.base = had.base;
  } else {
    row.r = recordDigest(payload);
    if (payload.k === 'a') row.base = highlightBase(payload);
  }
  return row;
}

/** The versions of these documents this device last had. */
export async function seenOf(db: MarginDB, ids: string[]): Promise<Map<string, SyncSeenRow>> {
  const rows = await db.syncSeen.bulkGet(ids);
  return new Map(rows.flatMap((r) => (r ? [[r.id, r] as const] : [])));
}

export const outboxKeyOf = (kind: DocKind, id: string) => outboxKey(TABLE_OF[kind], id);

type AnyRecord = HighlightRecord | ArticleRow | ArticleBody | EntityCorrectionRecord | SettingRecord;

/** A record of this device, as read for sync: its value, missing (deleted here), or unreadable. */
export type LocalRecord = { record: AnyRecord | undefined; bodyTime?: number } | 'unreadable';

/**
 * Records by document. A record this device's database cannot hand back (IndexedDB's structured
 * clone overflows on one nested thousands deep, as an import of an earlier version could store)
 * fails the whole bulk read: then each is read alone, and the unreadable ones are quarantined —
 * never taken for deleted — while the others go on.
 */
export async function readLocal(round: Round, docs: { kind: DocKind; id: string }[]): Promise<Map<string, LocalRecord>> {
  const out = new Map<string, LocalRecord>();
  const db = round.db;
  for (const kind of ['a', 'r', 'b', 'c', 's'] as const) {
    const ids = docs.filter((d) => d.kind === kind).map((d) => d.id);
    if (!ids.length) continue;
    const table = db.table(TABLE_OF[kind]) as unknown as {
      bulkGet(ids: string[]): Promise<(AnyRecord | undefined)[]>;
      get(id: string): Promise<AnyRecord | undefined>;
    };
    let records: (AnyRecord | undefined | 'unreadable')[];
    try {
      records = await table.bulkGet(ids);
    } catch (e) {
      if (describeSyncError(e).kind === 'quota') throw e;
      records = await Promise.all(
        ids.map(async (id) => {
          try {
            return await table.get(id);
          } catch (inner) {
            quarantine(
              round,
              docId(kind, id),
              undefined,
              `this device's database cannot read it (${(inner as Error).name}: ${(inner as Error).message})`.slice(0, 300),
            );
            return 'unreadable' as const;
          }
        }),
      );
    }
    // A body's version time is its article's.
    const times = kind === 'b' ? await db.articles.bulkGet(ids) : [];
    for (const [i, id] of ids.entries()) {
      const record = records[i];
      out.set(docId(kind, id), record === 'unreadable' ? record : { record, ...(kind === 'b' ? { bodyTime: times[i]?.updatedAt ?? 0 } : {}) });
    }
  }
  return out;
}

/**
 * The payload this device would send for a record now, given the version it last had (`had`):
 * a sealed tombstone for a record deleted here; nothing when there is nothing new (the record
 * is as that version had it, or was never sent and is gone). Its counter is above `had`'s.
 */
export function outgoingPayload(
  kind: DocKind,
  id: string,
  local: Exclude<LocalRecord, 'unreadable'>,
  had: SyncSeenRow | undefined,
  now: number,
): Payload | undefined {
  const { record } = local;
  const n = (had?.n ?? 0) + 1;
  if (!record) return had && (!had.d || had.stale) ? { k: 'd', of: kind, id, at: now, n } : undefined;
  let payload: LivePayload;
  if (kind === 'a') payload = highlightPayloadOver(record as HighlightRecord, had?.base);
  else if (kind === 'r') payload = articlePayloadFor(record as ArticleRow);
  else if (kind === 'c') payload = { k: 'c', rec: record as EntityCorrectionRecord };
  else if (kind === 's') {
    const { key, value } = record as SettingRecord;
    payload = { k: 's', rec: { key, value }, at: now };
  } else payload = { k: 'b', rec: record as ArticleBody, at: local.bodyTime ?? 0 };
  if (had && !had.d && !had.stale && had.r === recordDigest(payload)) return undefined;
  payload.n = n;
  return payload;
}

/** A record of this device that cannot be sent: kept here as it is, left out of sync, and said in the log. */
export function quarantine(round: Round, id: string, payload: Payload | undefined, reason: string): void {
  round.quarantined.push(`${recordName(id, payload)}: ${reason}`);
}

/** Every synced record of this device into the outbox (a new server, database or key: everything is offered). */
export async function enqueueAll(db: MarginDB): Promise<void> {
  let seq = 0;
  for (const table of SYNCED_TABLES) {
    const keys = ((await db.table(table).toCollection().primaryKeys()) as string[]).filter((k) => isSyncedKey(table, k));
    for (let i = 0; i < keys.length; i += 5000) await db.syncOutbox.bulkPut(keys.slice(i, i + 5000).map((id) => ({ key: outboxKey(table, id), seq: ++seq })));
  }
}
