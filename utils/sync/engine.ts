import type { MarginDB } from '../db/schema';
import { refreshLeftFacets } from './apply';
import { Codec } from './codec';
import { describeSyncError, SyncError } from './errors';
import { pull } from './incoming';
import { openMeta } from './meta';
import { expandCleared, push, reoffer } from './outgoing';
import { enqueueAll, readState, saveState, type Round, type SyncReport, type SyncState } from './round';
import { EMPTY_STATUS, LOG_KEY, readSyncLog, STATUS_KEY, type SyncStatus } from './status';

export { readSyncLog, readSyncStatus, STATUS_KEY, type SyncLogEntry, type SyncStatus } from './status';
export { forgetSyncState, type SyncReport } from './round';
export { META_ID } from './meta';

/**
 * One round of sync (issues 10 and 21), straight between Margin's tables and the reader's
 * CouchDB-protocol server — no mirror database, so a round costs what changed, not the library:
 *
 * 1. **Meta** (meta.ts): the server's format and, with a passphrase, the key check.
 * 2. **Pull** (incoming.ts): `_changes?since=` the last checkpoint, revisions only; the documents
 *    whose revision this device does not have are read with `_all_docs`, opened, validated and
 *    checked against the version this device last had (`syncSeen`: revision, counter,
 *    fingerprint — a replay or an unsealed deletion is refused and written over). A document
 *    whose record changed here too is merged with it (records.ts).
 * 3. **Apply** (apply.ts): into Dexie, deletions into the trash; the search index and the filters
 *    follow each write in its transaction (utils/db/index-keeper.ts).
 * 4. **Push** (outgoing.ts): the outbox's records (utils/db/outbox.ts: only what changed) with
 *    `_bulk_docs` in batches, each over the revision last had; a conflict is read, merged and sent
 *    again, a per-document refusal is kept, said and retried.
 */

export interface SyncOptions {
  /** The reader's server database. */
  remote: () => PouchDB.Database;
  /** Identifies the server database, so a state made for another one is started afresh. */
  remoteName: string;
  passphrase?: string;
  /** PBKDF2 iterations for a new database (tests use fewer). */
  iterations?: number;
  now?: () => number;
  /** Documents per `_all_docs` read and per `_bulk_docs` write. */
  batchSize?: number;
  /** Told how long each step of a round took (the bench's breakdown). */
  trace?: (step: string, ms: number) => void;
}

const LOG_LIMIT = 200;

export class SyncEngine {
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
    const round: Partial<Round> = {};
    try {
      await this.round(report, round);
      this.logRound(report, round);
      await this.finish(report, { lastSynced: started, lastAttempt: started, error: null });
      return { ok: true, report };
    } catch (e) {
      const error = e instanceof SyncError ? e : describeSyncError(e);
      this.logRound(report, round);
      report.log.push({ at: this.now(), kind: 'error', detail: error.kind });
      await this.finish(report, { lastAttempt: started, error: { kind: error.kind, detail: error.message } }).catch(() => {});
      return { ok: false, error, report };
    }
  }

  private logRound(report: SyncReport, round: Partial<Round>): void {
    const at = this.now();
    for (const id of round.keptEdits ?? []) report.log.push({ at, kind: 'kept-edit', detail: id });
    for (const name of (round.replayed ?? []).slice(0, 20)) report.log.push({ at, kind: 'replayed', detail: name });
    report.rejected += (round.replayed?.length ?? 0) + (round.rejected?.length ?? 0);
    for (const reason of (round.rejected ?? []).slice(0, 20)) report.log.push({ at, kind: 'rejected', detail: reason });
    for (const detail of (round.quarantined ?? []).slice(0, 20)) report.log.push({ at, kind: 'quarantined', detail });
    if (report.received) report.log.push({ at, kind: 'received', count: report.received });
    if (report.sent) report.log.push({ at, kind: 'sent', count: report.sent });
    round.keptEdits = [];
    round.replayed = [];
    round.rejected = [];
    round.quarantined = [];
  }

  private async finish(report: SyncReport, status: Partial<SyncStatus>): Promise<void> {
    const state = await readState(this.db);
    const pending = (await this.db.syncOutbox.count()) + (state?.refused?.length ?? 0);
    const previous = (await this.db.settings.get(STATUS_KEY))?.value as SyncStatus | undefined;
    const log = [...report.log, ...(await readSyncLog(this.db))].slice(0, LOG_LIMIT);
    await this.db.settings.bulkPut([
      { key: STATUS_KEY, value: { ...EMPTY_STATUS, ...previous, ...status, pending } satisfies SyncStatus },
      { key: LOG_KEY, value: log },
    ]);
  }

  private async round(report: SyncReport, into: Partial<Round>): Promise<void> {
    const db = this.db;
    let mark = performance.now();
    const step = (name: string) => {
      const now = performance.now();
      this.options.trace?.(name, now - mark);
      mark = now;
    };
    const remote = this.options.remote();
    const { meta, key, created } = await openMeta(remote, this.options.passphrase, this.options.iterations);
    step('meta');
    const identity = `${this.options.remoteName}#${meta.encryption?.salt ?? 'plain'}`;
    let state: SyncState | undefined = await readState(db);
    if (!state || state.identity !== identity || state.format !== 2 || created) {
      // A new server, database or key, or one emptied since (this device had to write its meta
      // document): what this device knew of documents is forgotten, and everything is offered. A
      // state from the mirror's time (same server) keeps the versions seen, so replays stay refused.
      if (!state || state.identity !== identity || created) await db.syncSeen.clear();
      // Every record is offered; the pull that follows finds those the server already has as they are.
      await enqueueAll(db);
      state = { format: 2, identity, since: 0, refused: state?.identity === identity && !created ? state.refused : [] };
      await saveState(db, state);
    }
    const round: Round = Object.assign(into, {
      db,
      remote,
      codec: new Codec(key),
      report,
      now: this.now,
      batch: this.batch,
      rejected: [],
      replayed: [],
      keptEdits: [],
      quarantined: [],
      refused: new Set(state.refused ?? []),
    } satisfies Round);
    const saved = state;
    const save = async () => {
      saved.refused = [...round.refused];
      await saveState(db, saved);
    };
    await reoffer(round, round.refused);
    await expandCleared(round);
    await refreshLeftFacets(db);
    step('state');
    await pull(round, state, save);
    step('pull');
    try {
      await push(round);
    } finally {
      await save();
      step('push');
    }
    if (round.refused.size)
      throw new SyncError(
        'refused',
        `The server refused ${round.refused.size} change(s): ${[...round.refused].slice(0, 3).join(', ')}. They are sent again at every sync.`,
      );
  }
}
