import { ALL, OUTBOX, SYNCED_TABLES, isSyncedKey, outboxKey, parseOutboxKey, type OutboxRow } from '../db/outbox';
import type { HighlightRecord, ArticleBody, ArticleRow, EntityCorrectionRecord, MarginDB, SettingRecord, SyncSeenRow } from '../db/schema';
import { trashArticle, trashHighlights } from '../db/trash';
import { forgetVersions, moveVersions } from '../db/versions';
import { describeShapeProblem, MAX_BODY_RECORD_CHARS, shapeProblem } from '../limits';
import { checkKey, deriveKey, KEY_CHECK_TEXT, newKeyParams, seal, unseal, type KeyParams } from './crypto';
import {
  highlightPayloadFor,
  articlePayloadFor,
  canonical,
  docId,
  mergePayloads,
  noteHash,
  parseDocId,
  recordName,
  validatePayload,
  versionOf,
  type DocKind,
  KIND_OF,
  TABLE_OF,
  type SyncedTableName,
  type CorrectionPayload,
  type SettingPayload,
  type HighlightPayload,
  type ArticlePayload,
  type BodyPayload,
  type Payload,
  type Tombstone,
} from './records';
import { describeSyncError, SyncError } from './errors';
import { EMPTY_STATUS, LOG_KEY, readSyncLog, STATUS_KEY, type SyncLogEntry, type SyncStatus } from './status';

export { readSyncLog, readSyncStatus, STATUS_KEY, type SyncLogEntry, type SyncStatus } from './status';

/**
 * One round of sync (issue 10), in four steps:
 *
 * 1. **Outbox → mirror.** Every record the outbox names (utils/db/outbox.ts) is compared with
 *    its document in the local replication mirror (a PouchDB database beside Dexie); if it says
 *    something new, a new revision is written — sealed when a passphrase is set.
 * 2. **Mirror ⇄ server** with PouchDB's replicator (the CouchDB replication protocol).
 * 3. **Conflicts** in the mirror (two devices changed one document) are merged field by field
 *    (records.ts), the same way on every device, and written back as one revision.
 * 4. **Mirror → Dexie.** Each changed document is opened, validated and written as a record
 *    (deletions, sealed tombstones, go to the trash: trash.ts); the search index and the
 *    library's filters follow each write in its transaction (utils/db/index-keeper.ts). A
 *    document that fails validation or cannot be opened is reported and changes nothing here.
 */

export interface SyncOptions {
  /** The local mirror (IndexedDB in the browser, memory in tests). */
  local: () => PouchDB.Database;
  /** The reader's server database. */
  remote: () => PouchDB.Database;
  /** Identifies the server database, so a mirror made for another one is started afresh. */
  remoteName: string;
  passphrase?: string;
  /** PBKDF2 iterations for a new database (tests use fewer). */
  iterations?: number;
  now?: () => number;
  batchSize?: number;
  /** Told how long each step of a round took (the bench's breakdown). */
  trace?: (step: string, ms: number) => void;
}

export interface SyncReport {
  sent: number;
  received: number;
  conflicts: number;
  rejected: number;
  log: SyncLogEntry[];
}

interface SyncState {
  identity: string;
  appliedSeq: number | string;
  /** Mirror revisions written since the last successful push. */
  unpushed: number;
  /** Documents the server refused (a per-document 403 from `_bulk_docs`): sent again every round until it takes them. */
  refused?: string[];
  /** The server's update sequence when this device last pulled: unchanged, there is nothing to pull. */
  remoteSeq?: string;
}

interface MetaDoc {
  _id: typeof META_ID;
  _rev?: string;
  format: 1;
  encryption: (KeyParams & { check: string }) | null;
}

export const META_ID = 'margin:meta';
const STATE_KEY = 'sync.state';
const FACETS_KEY = 'sync.facets';
const LOG_LIMIT = 200;

type StoredDoc = PouchDB.Doc & { p?: unknown; x?: string };

/** A document that arrived, as a record to write (null: deleted) and the version it was. */
interface Arrival {
  id: string;
  kind: DocKind;
  payload: Exclude<Payload, Tombstone> | null;
  seen?: SyncSeenRow;
}

/** A fingerprint of a payload's content, to tell two versions with one counter apart. */
const fingerprint = (payload: Payload) => noteHash(canonical(payload));

/** Derived keys of this session, so the slow KDF runs once per passphrase and server, not once per round. */
const keys = new Map<string, Promise<CryptoKey>>();
function cachedKey(passphrase: string, params: KeyParams): Promise<CryptoKey> {
  const id = `${params.salt}|${params.iterations}|${passphrase}`;
  let key = keys.get(id);
  if (!key) {
    key = deriveKey(passphrase, params);
    key.catch(() => keys.delete(id));
    keys.set(id, key);
  }
  return key;
}

/** Sync switched off: the next round starts afresh (the mirror is gone; local data stays). */
export async function forgetSyncState(db: MarginDB): Promise<void> {
  await db.settings.delete(STATE_KEY);
}

export class SyncEngine {
  private key: CryptoKey | null = null;
  /** Records of this device left out of this round (too deep, too large, refused by the mirror). */
  private quarantined: string[] = [];
  private readonly now: () => number;
  private readonly batch: number;

  constructor(
    private readonly db: MarginDB,
    private readonly options: SyncOptions,
  ) {
    this.now = options.now ?? Date.now;
    this.batch = options.batchSize ?? 500;
  }

  /** One full round. Never throws: the outcome is in the status and the log too. */
  async run(): Promise<{ ok: true; report: SyncReport } | { ok: false; error: SyncError; report: SyncReport }> {
    const report: SyncReport = { sent: 0, received: 0, conflicts: 0, rejected: 0, log: [] };
    const started = this.now();
    this.quarantined = [];
    try {
      await this.round(report);
      for (const detail of this.quarantined.slice(0, 20)) report.log.push({ at: this.now(), kind: 'quarantined', detail });
      await this.finish(report, { lastSynced: started, lastAttempt: started, error: null });
      return { ok: true, report };
    } catch (e) {
      const error = e instanceof SyncError ? e : describeSyncError(e);
      for (const detail of this.quarantined.slice(0, 20)) report.log.push({ at: this.now(), kind: 'quarantined', detail });
      report.log.push({ at: this.now(), kind: 'error', detail: error.kind });
      await this.finish(report, { lastAttempt: started, error: { kind: error.kind, detail: error.message } }).catch(() => {});
      return { ok: false, error, report };
    }
  }

  private async finish(report: SyncReport, status: Partial<SyncStatus>): Promise<void> {
    const state = await this.state();
    const pending = (await this.db.syncOutbox.count()) + (state?.unpushed ?? 0) + (state?.refused?.length ?? 0);
    const previous = (await this.db.settings.get(STATUS_KEY))?.value as SyncStatus | undefined;
    const log = [...report.log, ...(await readSyncLog(this.db))].slice(0, LOG_LIMIT);
    await this.db.settings.bulkPut([
      { key: STATUS_KEY, value: { ...EMPTY_STATUS, ...previous, ...status, pending } satisfies SyncStatus },
      { key: LOG_KEY, value: log },
    ]);
  }

  private async state(): Promise<SyncState | undefined> {
    return (await this.db.settings.get(STATE_KEY))?.value as SyncState | undefined;
  }

  private async saveState(state: SyncState): Promise<void> {
    await this.db.settings.put({ key: STATE_KEY, value: state });
  }

  private async round(report: SyncReport): Promise<void> {
    let mark = performance.now();
    const step = (name: string) => {
      const now = performance.now();
      this.options.trace?.(name, now - mark);
      mark = now;
    };
    const remote = this.options.remote();
    const meta = await this.openMeta(remote);
    step('meta');
    const identity = `${this.options.remoteName}#${meta.encryption?.salt ?? 'plain'}`;
    let local = this.options.local();
    let state = await this.state();
    if (!state || state.identity !== identity) {
      // A new server, database or key: start the mirror afresh and offer every record.
      await local.destroy();
      local = this.options.local();
      state = { identity, appliedSeq: 0, unpushed: 0 };
      await this.db.syncSeen.clear();
      await this.enqueueAll();
      await this.saveState(state);
    }
    step('state');
    try {
      const seqBefore = (await local.info()).update_seq;
      const sent = await this.flush(local);
      step('flush');
      // What the flush wrote came from Dexie: when everything before it was applied, skip reading it back.
      if (String(state.appliedSeq) === String(seqBefore)) state.appliedSeq = (await local.info()).update_seq;
      report.sent += sent;
      state.unpushed += sent;
      await this.saveState(state);
      if (sent) report.log.push({ at: this.now(), kind: 'sent', count: sent });
      // Nothing new in the mirror from this device (the replicator would find nothing to send): no push.
      if (state.unpushed || state.refused?.length) await this.push(local, remote, state);
      step('push');
      // Nothing new on the server since the last pull: no pull. (A round costs what changed, not the library.)
      const remoteSeq = String((await remote.info()).update_seq);
      if (remoteSeq !== state.remoteSeq) {
        await local.replicate.from(remote, { batch_size: this.batch, retry: false });
        state.remoteSeq = remoteSeq;
      }
      step('pull');
      await this.refreshLeftFacets();
      const restore = new Set<string>();
      state.appliedSeq = await this.applyChanges(local, state.appliedSeq, report, restore);
      await this.saveState(state);
      // Versions refused as replays or unsealed deletions: this device's own version is written over them.
      await this.reoffer(restore);
      step('apply');
      // What arrived was written through the repositories, so the outbox names it: flushing again
      // finds those records equal to their documents and clears them. Records changed meanwhile, and
      // merged conflicts, are new revisions to send on.
      const more = await this.flush(local);
      step('flush again');
      if (more || report.conflicts) {
        state.unpushed += more;
        await this.push(local, remote, state);
      }
      step('push again');
      if (state.refused?.length)
        throw new SyncError(
          'refused',
          `The server refused ${state.refused.length} change(s): ${state.refused.slice(0, 3).join(', ')}. They are sent again at every sync.`,
        );
    } finally {
      await local.close().catch(() => {});
      step('close');
    }
  }

  /**
   * Mirror → server with PouchDB's replicator. A document the server refuses (a validation
   * function's 403) is counted as a write failure and the replicator's checkpoint moves past
   * it, so it would never be sent again: its id is kept and it is sent again, revision history
   * and all, at every round until the server takes it; meanwhile the status line says so.
   */
  private async push(local: PouchDB.Database, remote: PouchDB.Database, state: SyncState): Promise<void> {
    const result = await local.replicate.to(remote, { batch_size: this.batch, retry: false });
    const refused = new Set(state.refused ?? []);
    const fresh = new Set<string>();
    for (const error of (result.errors ?? []) as { id?: string }[]) if (error.id) fresh.add(error.id);
    const again = [...refused].filter((id) => !fresh.has(id));
    for (const id of fresh) refused.add(id);
    if (again.length) {
      const docs = (await Promise.all(again.map((id) => local.get(id, { revs: true }).catch(() => undefined)))).filter((d) => !!d);
      const answers = docs.length ? await remote.bulkDocs(docs, { new_edits: false }) : [];
      const failed = new Set(answers.filter((a) => 'error' in a && a.error).map((a) => a.id));
      for (const id of again) if (!failed.has(id)) refused.delete(id);
    }
    state.unpushed = 0;
    state.refused = [...refused];
    await this.saveState(state);
  }

  /** Offer these documents' records again (a version of them was refused): the next flush writes this device's version over it. */
  private async reoffer(ids: Set<string>): Promise<void> {
    const rows = [...ids].flatMap((id) => {
      const parsed = parseDocId(id);
      return parsed ? [{ key: outboxKey(TABLE_OF[parsed.kind], parsed.id), seq: 0 }] : [];
    });
    if (rows.length) await this.db.syncOutbox.bulkPut(rows);
  }

  // --- The server's meta document: format and key check -----------------------------

  private async openMeta(remote: PouchDB.Database): Promise<MetaDoc> {
    let meta: MetaDoc | undefined;
    try {
      meta = (await remote.get(META_ID)) as unknown as MetaDoc;
    } catch (e) {
      if ((e as { status?: number }).status !== 404) throw describeSyncError(e);
      // Missing document, or missing database?
      try {
        await remote.info();
      } catch (inner) {
        throw describeSyncError(inner);
      }
    }
    if (!meta) {
      const passphrase = this.options.passphrase;
      let encryption: MetaDoc['encryption'] = null;
      if (passphrase) {
        const params = newKeyParams(this.options.iterations);
        this.key = await cachedKey(passphrase, params);
        encryption = { ...params, check: await seal(this.key, KEY_CHECK_TEXT) };
      } else {
        const info = await remote.info().catch((e: unknown) => {
          throw describeSyncError(e);
        });
        if (info.doc_count > 0) throw new SyncError('not-margin', 'This database holds documents that are not Margin’s.');
      }
      const doc: MetaDoc = { _id: META_ID, format: 1, encryption };
      try {
        await remote.put({ ...doc, encryption });
        return doc;
      } catch (e) {
        // Another device made it first: read theirs.
        if ((e as { status?: number }).status === 409) return this.openMeta(remote);
        throw describeSyncError(e);
      }
    }
    if (typeof meta !== 'object' || meta.format !== 1) throw new SyncError('not-margin', 'The database was not made by this version of Margin.');
    const enc = meta.encryption;
    if (enc) {
      if (!this.options.passphrase) throw new SyncError('needs-passphrase', 'The data on the server is encrypted: enter its passphrase.');
      if (
        enc.kdf !== 'PBKDF2-SHA-256' ||
        typeof enc.salt !== 'string' ||
        !Number.isInteger(enc.iterations) ||
        enc.iterations < 1000 ||
        enc.iterations > 10_000_000
      )
        throw new SyncError('not-margin', 'The server’s key parameters are not valid.');
      this.key = await cachedKey(this.options.passphrase, enc);
      if (!(await checkKey(this.key, enc.check))) throw new SyncError('wrong-passphrase', 'The passphrase does not open the data on the server.');
    } else {
      if (this.options.passphrase) throw new SyncError('not-encrypted', 'The data on the server is not encrypted; use a new database for encrypted sync.');
      this.key = null;
    }
    return meta;
  }

  // --- Payloads in and out of documents ------------------------------------------------

  private async encode(payload: Payload): Promise<{ p?: unknown; x?: string }> {
    return this.key ? { x: await seal(this.key, payload) } : { p: payload };
  }

  private async decode(doc: StoredDoc): Promise<{ ok: true; payload: Payload } | { ok: false; reason: string }> {
    let value: unknown;
    if (this.key) {
      if (typeof doc.x !== 'string') return { ok: false, reason: 'not encrypted' };
      try {
        value = await unseal(this.key, doc.x);
      } catch {
        return { ok: false, reason: 'cannot be decrypted with this key' };
      }
    } else {
      if (doc.x !== undefined || doc.p === undefined) return { ok: false, reason: 'no readable content' };
      value = doc.p;
    }
    return validatePayload(doc._id, value);
  }

  // --- 1. Outbox → mirror -------------------------------------------------------------

  private async enqueueAll(): Promise<void> {
    let seq = 0;
    for (const table of SYNCED_TABLES) {
      const keys = ((await this.db.table(table).toCollection().primaryKeys()) as string[]).filter((k) => isSyncedKey(table, k));
      for (let i = 0; i < keys.length; i += 5000)
        await this.db.syncOutbox.bulkPut(keys.slice(i, i + 5000).map((id) => ({ key: outboxKey(table, id), seq: ++seq })));
    }
  }

  private async flush(local: PouchDB.Database): Promise<number> {
    let written = 0;
    // A table cleared at once: every record it had, and every one the mirror knows, is looked at.
    for (const table of SYNCED_TABLES) {
      const all = await this.db.syncOutbox.get(outboxKey(table, ALL));
      if (!all) continue;
      const kind = KIND_OF[table];
      const mirrored = (await local.allDocs({ startkey: `${kind}:`, endkey: `${kind}:\uffff` })).rows.map((r) => r.key.slice(2));
      const here = ((await this.db.table(table).toCollection().primaryKeys()) as string[]).filter((k) => isSyncedKey(table, k));
      await this.db.syncOutbox.bulkPut([...new Set([...mirrored, ...here])].map((id) => ({ key: outboxKey(table, id), seq: 0 })));
      await this.db.syncOutbox.delete(outboxKey(table, ALL));
    }
    for (;;) {
      const rows = await this.db.syncOutbox.limit(this.batch).toArray();
      if (!rows.length) return written;
      written += await this.flushRows(local, rows);
      // Remove only rows no write touched meanwhile.
      await this.db.transaction('rw', this.db.syncOutbox, async () => {
        const now = await this.db.syncOutbox.bulkGet(rows.map((r) => r.key));
        const done = now.filter((r, i): r is OutboxRow => !!r && r.seq === rows[i]!.seq).map((r) => r.key);
        await this.db.syncOutbox.bulkDelete(done);
      });
      if (rows.length < this.batch) return written;
    }
  }

  private async flushRows(local: PouchDB.Database, rows: OutboxRow[]): Promise<number> {
    const wanted = new Map<string, { table: string; id: string }>();
    for (const row of rows) {
      const parsed = parseOutboxKey(row.key);
      if (!parsed) continue;
      if (!isSyncedKey(parsed.table, parsed.id)) continue;
      wanted.set(docId(KIND_OF[parsed.table], parsed.id), parsed);
    }
    const ids = [...wanted.keys()];
    const existing = await local.allDocs({ keys: ids, include_docs: true });
    const byTable = (table: SyncedTableName) => [...wanted.values()].filter((w) => w.table === table).map((w) => w.id);
    const unreadable = new Set<string>();
    const [highlights, articles, bodies, corrections, settings] = await Promise.all([
      this.readEach<HighlightRecord>(this.db.annotations, byTable('annotations'), 'a', unreadable),
      this.readEach<ArticleRow>(this.db.articles, byTable('articles'), 'r', unreadable),
      this.readEach<ArticleBody>(this.db.bodies, byTable('bodies'), 'b', unreadable),
      this.readEach<EntityCorrectionRecord>(this.db.entityCorrections, byTable('entityCorrections'), 'c', unreadable),
      this.readEach<SettingRecord>(this.db.settings, byTable('settings'), 's', unreadable),
    ]);
    const bodyTimes = new Map((await this.db.articles.bulkGet(byTable('bodies'))).flatMap((r) => (r ? [[r.id, r.updatedAt] as const] : [])));
    const records = new Map<string, HighlightRecord | ArticleRow | ArticleBody | EntityCorrectionRecord | SettingRecord>();
    for (const r of highlights) if (r) records.set(docId('a', r.id), r);
    for (const r of articles) if (r) records.set(docId('r', r.id), r);
    for (const r of bodies) if (r) records.set(docId('b', r.id), r);
    for (const r of corrections) if (r) records.set(docId('c', r.id), r);
    for (const r of settings) if (r) records.set(docId('s', r.key), r);
    const seen = await this.seenOf(existing.rows.map((r) => r.key));
    const docs: PouchDB.PutDoc[] = [];
    const written: SyncSeenRow[] = [];
    const write = async (id: string, rev: string | undefined, payload: Payload) => {
      const shape = shapeProblem(payload, undefined, payload.k === 'b' ? MAX_BODY_RECORD_CHARS : undefined);
      if (shape) {
        this.quarantine(id, payload, describeShapeProblem(shape));
        return;
      }
      payload.n = Math.max(versionOf(payload), seen.get(id)?.n ?? 0) + 1;
      docs.push({ _id: id, ...(rev ? { _rev: rev } : {}), ...(await this.encode(payload)) });
      written.push({ id, n: payload.n, h: fingerprint(payload) });
    };
    for (const row of existing.rows) {
      const parsed = parseDocId(row.key);
      if (!parsed || unreadable.has(row.key)) continue;
      const record = records.get(row.key);
      const current = 'doc' in row && row.doc ? (row.doc as StoredDoc) : undefined;
      const rev = 'value' in row && row.value ? row.value.rev : undefined;
      const deleted = 'value' in row && row.value?.deleted;
      const previous = current && !deleted ? await this.decode(current) : undefined;
      const before = previous?.ok ? previous.payload : undefined;
      if (!record) {
        // Deleted here: a tombstone, sealed like any change (deleting what was never sent sends nothing).
        if (current && !deleted && before?.k !== 'd')
          await write(row.key, rev, { k: 'd', of: parsed.kind, id: parsed.id, at: this.now(), n: versionOf(before) } satisfies Tombstone);
        continue;
      }
      let payload: Payload;
      if (parsed.kind === 'a') payload = highlightPayloadFor(record as HighlightRecord, before?.k === 'a' ? before : undefined);
      else if (parsed.kind === 'r') payload = articlePayloadFor(record as ArticleRow);
      else if (parsed.kind === 'c') payload = { k: 'c', rec: record as EntityCorrectionRecord };
      else if (parsed.kind === 's') {
        const { key, value } = record as SettingRecord;
        payload = { k: 's', rec: { key, value }, at: this.now() };
      } else payload = { k: 'b', rec: record as ArticleBody, at: bodyTimes.get(parsed.id) ?? 0 };
      if (before && before.k !== 'd' && canonical(before.rec) === canonical(payload.rec)) continue;
      payload.n = versionOf(before);
      await write(row.key, rev, payload);
    }
    if (!docs.length) return 0;
    const results = await local.bulkDocs(docs);
    const done = new Set<string>();
    for (const [i, result] of results.entries()) {
      if (!('error' in result && result.error)) {
        done.add(docs[i]!._id);
        continue;
      }
      const error = describeSyncError(result);
      if (error.kind === 'quota') throw error;
      // One record the mirror cannot take must not hold back the others.
      this.quarantine(docs[i]!._id, undefined, error.message);
    }
    await this.db.syncSeen.bulkPut(written.filter((w) => done.has(w.id)));
    return done.size;
  }

  /**
   * Records by id. A record this device's database cannot hand back (IndexedDB's structured
   * clone overflows on one nested thousands deep, as an import of an earlier version could
   * store) fails the whole bulk read: then each is read alone, and the unreadable ones are
   * quarantined — never taken for deleted — while the others go on.
   */
  private async readEach<T>(
    table: { bulkGet(ids: string[]): Promise<(T | undefined)[]>; get(id: string): Promise<T | undefined> },
    ids: string[],
    kind: DocKind,
    unreadable: Set<string>,
  ): Promise<(T | undefined)[]> {
    try {
      return await table.bulkGet(ids);
    } catch (e) {
      if (describeSyncError(e).kind === 'quota') throw e;
      return Promise.all(
        ids.map(async (id) => {
          try {
            return await table.get(id);
          } catch (inner) {
            unreadable.add(docId(kind, id));
            this.quarantine(
              docId(kind, id),
              undefined,
              `this device's database cannot read it (${(inner as Error).name}: ${(inner as Error).message})`.slice(0, 300),
            );
            return undefined;
          }
        }),
      );
    }
  }

  /** The versions of these documents this device last had. */
  private async seenOf(ids: string[]): Promise<Map<string, SyncSeenRow>> {
    const rows = await this.db.syncSeen.bulkGet(ids);
    return new Map(rows.flatMap((r) => (r ? [[r.id, r] as const] : [])));
  }

  /** A record of this device that cannot be sent: kept here as it is, left out of sync, and said in the log. */
  private quarantine(id: string, payload: Payload | undefined, reason: string): void {
    this.quarantined.push(`${recordName(id, payload)}: ${reason}`);
  }

  // --- 3 and 4. Conflicts, then mirror → Dexie ------------------------------------------

  private async applyChanges(local: PouchDB.Database, since: number | string, report: SyncReport, restore: Set<string>): Promise<number | string> {
    let seq = since;
    const kept: string[] = [];
    const rejected: string[] = [];
    const replayed: string[] = [];
    for (;;) {
      const changes = await local.changes({ since: seq, limit: this.batch, include_docs: true, conflicts: true, style: 'all_docs' });
      if (!changes.results.length) break;
      const arrived: Arrival[] = [];
      const opened: { doc: StoredDoc; kind: DocKind; id: string; payload: Payload }[] = [];
      for (const change of changes.results) {
        const parsed = parseDocId(change.id);
        if (!parsed) {
          if (change.id !== META_ID && !change.id.startsWith('_design/')) rejected.push(`${change.id.slice(0, 60)}: unknown document`);
          continue;
        }
        let doc: StoredDoc | undefined = change.doc;
        if (!doc) continue;
        if (change.changes.length > 1) {
          const resolved = await this.resolve(local, change.id, change.changes.length, report, rejected);
          if (resolved === 'kept-edit') kept.push(change.id);
          doc = await local.get(change.id).catch(() => undefined);
          if (!doc) {
            arrived.push({ id: parsed.id, kind: parsed.kind, payload: null });
            continue;
          }
        }
        if (doc._deleted) {
          // Margin writes deletions as tombstones (records.ts). With a passphrase a bare deletion can
          // only be the server's: refused, and this device's version written back. Without one it may
          // come from an earlier version of Margin: applied — into the trash, restorable.
          if (this.key) {
            rejected.push(`${recordName(change.id)}: a deletion that is not sealed with the passphrase was refused`);
            restore.add(change.id);
          } else arrived.push({ id: parsed.id, kind: parsed.kind, payload: null });
          continue;
        }
        const decoded = await this.decode(doc);
        if (!decoded.ok) {
          rejected.push(`${recordName(change.id)}: ${decoded.reason}`);
          continue;
        }
        opened.push({ doc, kind: parsed.kind, id: parsed.id, payload: decoded.payload });
      }
      // A version no newer than one this device already had, and not that one: the server put an old version back.
      const seen = await this.seenOf(opened.map((o) => o.doc._id));
      for (const o of opened) {
        const had = seen.get(o.doc._id);
        const n = versionOf(o.payload);
        const h = fingerprint(o.payload);
        if (had && (n < had.n || (n === had.n && h !== had.h))) {
          replayed.push(recordName(o.doc._id, o.payload));
          restore.add(o.doc._id);
          continue;
        }
        arrived.push({ id: o.id, kind: o.kind, payload: o.payload.k === 'd' ? null : o.payload, seen: { id: o.doc._id, n, h } });
      }
      report.received += await this.apply(arrived, report);
      seq = changes.last_seq;
      if (changes.results.length < this.batch) break;
    }
    for (const id of kept) report.log.push({ at: this.now(), kind: 'kept-edit', detail: id });
    for (const name of replayed.slice(0, 20)) report.log.push({ at: this.now(), kind: 'replayed', detail: name });
    report.rejected += replayed.length;
    if (rejected.length) {
      report.rejected += rejected.length;
      for (const reason of rejected.slice(0, 20)) report.log.push({ at: this.now(), kind: 'rejected', detail: reason });
    }
    if (report.received) report.log.push({ at: this.now(), kind: 'received', count: report.received });
    return seq;
  }

  /**
   * A document with several leaf revisions. Live versions merge (records.ts); a deletion
   * beside an edit leaves the edit (CouchDB already makes the live leaf the winner), which
   * is reported. Versions that fail validation take no part and are removed.
   */
  private async resolve(local: PouchDB.Database, id: string, leaves: number, report: SyncReport, rejected: string[]): Promise<'merged' | 'kept-edit' | 'none'> {
    const winner = await local.get(id, { conflicts: true }).catch(() => undefined);
    if (!winner) return 'none';
    // Leaves that are neither the live winner nor live conflicts are deletions the live version outlived.
    const keptEdit = leaves > 1 + (winner._conflicts?.length ?? 0);
    const losers = winner._conflicts ?? [];
    if (!losers.length) return keptEdit ? 'kept-edit' : 'none';
    const versions = [winner, ...(await Promise.all(losers.map((rev) => local.get(id, { rev }) as Promise<StoredDoc>)))].sort((a, b) =>
      a._rev < b._rev ? -1 : 1,
    );
    const payloads: Payload[] = [];
    for (const version of versions) {
      const decoded = await this.decode(version);
      if (decoded.ok) payloads.push(decoded.payload);
      else rejected.push(`${id.slice(0, 60)}@${version._rev.slice(0, 8)}: ${decoded.reason}`);
    }
    const removals = losers.map((rev) => ({ _id: id, _rev: rev, _deleted: true }));
    if (!payloads.length) {
      await local.bulkDocs(removals);
      return 'none';
    }
    let merged = payloads[0]!;
    let conflict = false;
    for (const other of payloads.slice(1)) {
      const m = mergePayloads(merged, other);
      merged = m.payload;
      conflict ||= m.conflict;
    }
    // A deletion beside an edit that outlived it (records.ts): the edit is kept, and said.
    const outlived = merged.k !== 'd' && payloads.some((p) => p.k === 'd');
    const docs: PouchDB.PutDoc[] = [...removals];
    const winnerPayload = await this.decode(winner);
    if (!winnerPayload.ok || canonical(winnerPayload.payload) !== canonical(merged)) docs.push({ _id: id, _rev: winner._rev, ...(await this.encode(merged)) });
    await local.bulkDocs(docs);
    report.conflicts++;
    if (conflict && merged.k === 'a') report.log.push({ at: this.now(), kind: 'conflict', detail: merged.rec.quote.slice(0, 80) });
    return keptEdit || outlived ? 'kept-edit' : 'merged';
  }

  /** Apply arrived versions as records (the index keeper keeps their search rows and filters); answers how many changed something here. */
  private async apply(arrived: Arrival[], report: SyncReport): Promise<number> {
    if (!arrived.length) return 0;
    const db = this.db;
    const seen = arrived.flatMap((a) => (a.seen ? [a.seen] : []));
    // One transaction over every synced table and the outbox: no other write interleaves, so the
    // outbox rows it adds are this batch's own echoes (records now equal to their documents) and
    // are removed before it commits, while rows that were pending stay.
    return db.transaction(
      'rw',
      [db.articles, db.bodies, db.annotations, db.trash, db.syncOutbox, db.settings, db.syncSeen, db.entityCorrections, db.articleVersions],
      async () => {
        const pending = new Set(await db.syncOutbox.toCollection().primaryKeys());
        const changed = await this.applyBatch(arrived, report, pending);
        await db.syncSeen.bulkPut(seen);
        const echoes = (await db.syncOutbox.toCollection().primaryKeys()).filter((key) => !pending.has(key));
        await db.syncOutbox.bulkDelete(echoes);
        return changed;
      },
    );
  }

  /**
   * Articles whose filters a round of an earlier version left to recount (it recounted them once per
   * round, after applying; the index keeper now keeps them with every write). A row written with no
   * facets has them counted afresh (index-keeper.ts).
   */
  private async refreshLeftFacets(): Promise<void> {
    const db = this.db;
    const ids = ((await db.settings.get(FACETS_KEY))?.value as string[] | undefined) ?? [];
    for (let i = 0; i < ids.length; i += 200) {
      await db.transaction('rw', [db.articles, db.syncOutbox], async () => {
        const pending = new Set(await db.syncOutbox.toCollection().primaryKeys());
        const rows = (await db.articles.bulkGet(ids.slice(i, i + 200))).filter((r): r is ArticleRow => !!r);
        await db.articles.bulkPut(rows.map((row) => ({ ...row, facets: [] })));
        const echoes = (await db.syncOutbox.toCollection().primaryKeys()).filter((key) => !pending.has(key));
        await db.syncOutbox.bulkDelete(echoes);
      });
    }
    await db.settings.delete(FACETS_KEY);
  }

  private async applyBatch(arrived: Arrival[], report: SyncReport, pending: Set<string>): Promise<number> {
    const db = this.db;
    let changed = 0;
    const order = { r: 0, b: 1, a: 2, c: 3, s: 4 } as const;
    arrived.sort((x, y) => order[x.kind] - order[y.kind]);
    // Entity corrections and preferences.
    for (const item of arrived.filter((a) => a.kind === 'c' || a.kind === 's')) {
      if (pending.has(outboxKey(TABLE_OF[item.kind], item.id))) continue;
      if (await this.putSmall(item)) changed++;
    }
    // Articles and bodies.
    for (const item of arrived.filter((a) => a.kind === 'r' || a.kind === 'b')) {
      if (pending.has(outboxKey(TABLE_OF[item.kind], item.id))) continue;
      if (item.kind === 'r') {
        if (!item.payload) {
          // Deleted on another device: into the trash here, restorable as any deletion.
          const outcome = await trashArticle(db, item.id, this.now());
          if (outcome.status === 'done') {
            changed++;
            report.log.push({ at: this.now(), kind: 'removed', detail: outcome.record.title.slice(0, 80) });
          }
        } else if (await this.putArticle((item.payload as ArticlePayload).rec)) changed++;
      } else if (!item.payload) {
        if (!(await db.articles.get(item.id)) && (await db.bodies.get(item.id))) {
          await db.bodies.delete(item.id);
          changed++;
        }
      } else {
        const body = (item.payload as BodyPayload).rec;
        const current = await db.bodies.get(body.id);
        if (!current || canonical(current) !== canonical(body)) {
          await db.bodies.put(body);
          changed++;
        }
      }
    }
    // Highlights, in one transaction per batch (their search rows and the articles' filters follow: index-keeper.ts).
    const highlights = arrived.filter((a) => a.kind === 'a' && !pending.has(outboxKey('annotations', a.id)));
    if (!highlights.length) return changed;
    await db.transaction('rw', [db.annotations, db.articles, db.trash], async () => {
      const current = await db.annotations.bulkGet(highlights.map((h) => h.id));
      const puts: HighlightRecord[] = [];
      const gone: HighlightRecord[] = [];
      for (const [i, item] of highlights.entries()) {
        const here = current[i];
        if (!item.payload) {
          // Deleted on another device: into the trash here, restorable (trash.ts).
          if (here) gone.push(here);
          continue;
        }
        let rec = (item.payload as HighlightPayload).rec;
        // The same page saved on two devices is one article: follow the one this device keeps.
        if (!(await db.articles.get(rec.articleId))) {
          const byUrl = await db.articles.where('url').equals(rec.url).first();
          if (byUrl) rec = { ...rec, articleId: byUrl.id };
        }
        if (here && canonical(here) === canonical(rec)) continue;
        puts.push(rec);
      }
      // Highlights new here only add to their articles' filters: the keeper reads none of their other highlights.
      if (puts.length) await db.annotations.bulkPut(puts);
      await trashHighlights(db, gone, this.now());
      changed += puts.length + gone.length;
      if (gone.length) report.log.push({ at: this.now(), kind: 'removed', count: gone.length, detail: gone[0]!.quote.slice(0, 80) });
    });
    return changed;
  }

  /**
   * An entity correction or a preference that arrived (or its deletion). A correction is unique
   * by its name: when this device has corrected the same name under another id, the later
   * correction is kept on every device (ties: the smaller id) and the other deleted.
   */
  private async putSmall(item: Arrival): Promise<boolean> {
    const db = this.db;
    if (item.kind === 's') {
      const current = await db.settings.get(item.id);
      if (!item.payload) {
        if (!current) return false;
        await db.settings.delete(item.id);
        return true;
      }
      const rec = (item.payload as SettingPayload).rec;
      if (current && canonical(current.value) === canonical(rec.value)) return false;
      await db.settings.put({ key: rec.key, value: rec.value });
      return true;
    }
    return db.transaction('rw', db.entityCorrections, async () => {
      const current = await db.entityCorrections.get(item.id);
      if (!item.payload) {
        if (!current) return false;
        await db.entityCorrections.delete(item.id);
        return true;
      }
      const rec = (item.payload as CorrectionPayload).rec;
      if (current && canonical(current) === canonical(rec)) return false;
      const twin = await db.entityCorrections.where('text').equals(rec.text).first();
      if (twin && twin.id !== rec.id) {
        const twinFirst = twin.updatedAt !== rec.updatedAt ? twin.updatedAt > rec.updatedAt : twin.id < rec.id;
        if (twinFirst) return false;
        await db.entityCorrections.delete(twin.id);
      }
      await db.entityCorrections.put(rec);
      return true;
    });
  }

  /**
   * Put an article row that arrived. The same page saved independently on two devices has
   * two ids: the smaller id is kept everywhere, this device's highlights move to it and its
   * own row is deleted (so the other devices follow).
   */
  private async putArticle(rec: ArticlePayload['rec']): Promise<boolean> {
    const db = this.db;
    return db.transaction('rw', [db.articles, db.bodies, db.annotations, db.articleVersions], async () => {
      const existing = await db.articles.get(rec.id);
      if (existing && canonical(articlePayloadFor(existing).rec) === canonical(rec)) return false;
      const twin = await db.articles.where('url').equals(rec.url).first();
      if (twin && twin.id !== rec.id) {
        if (twin.id < rec.id) return false;
        const moved = (await db.annotations.where('articleId').equals(twin.id).toArray()).map((a) => ({ ...a, articleId: rec.id }));
        const body = await db.bodies.get(twin.id);
        await db.articles.delete(twin.id);
        await db.bodies.delete(twin.id);
        await db.articles.put({ ...rec, facets: [] });
        // The twin's text and its earlier versions (versions.ts) go together: moved, or forgotten with it.
        if (body && !(await db.bodies.get(rec.id))) {
          await db.bodies.put({ ...body, id: rec.id });
          await moveVersions(db, twin.id, rec.id);
        } else await forgetVersions(db, [twin.id]);
        await db.annotations.bulkPut(moved);
      } else {
        // A body that arrived before its article is indexed as the row is written (index-keeper.ts).
        await db.articles.put({ ...rec, facets: existing?.facets ?? [] });
      }
      return true;
    });
  }
}

export { OUTBOX };
