import { ALL, isSyncedKey, outboxKey, parseOutboxKey, SYNCED_TABLES, type OutboxRow } from '../db/outbox';
import type { SyncSeenRow } from '../db/schema';
import { describeShapeProblem, MAX_BODY_RECORD_CHARS, shapeProblem } from '../limits';
import { describeSyncError } from './errors';
import { receive } from './incoming';
import { docId, KIND_OF, parseDocId, TABLE_OF, type DocKind, type Payload } from './records';
import { outgoingPayload, quarantine, readLocal, seenOf, seenRow, type Round } from './round';

/**
 * Step 4 of a round: what changed here, from the outbox (utils/db/outbox.ts: one row per
 * changed record, so a round reads only what changed), written to the server with `_bulk_docs`
 * in batches, each document over the revision this device last had. The server answers per
 * document: taken (its new revision is kept), a conflict (it holds a version this device has not
 * seen: read, merged, and sent again), or refused (a validation function's 403: kept and sent
 * again every round, and said in the status line).
 */

/** Rounds of "conflict → read the server's version → merge → send again" per round. */
const CONFLICT_PASSES = 3;
/** About this many characters of documents per `_bulk_docs` request (article bodies can be large). */
const REQUEST_CHARS = 8_000_000;

/** A table cleared at once (`clear()`, recorded as `table:*`): every record it had that the server knows, and every one it has, is looked at. */
export async function expandCleared(round: Round): Promise<void> {
  const db = round.db;
  for (const table of SYNCED_TABLES) {
    const all = await db.syncOutbox.get(outboxKey(table, ALL));
    if (!all) continue;
    const kind = KIND_OF[table];
    const known = (await db.syncSeen.where(':id').startsWith(`${kind}:`).primaryKeys()).map((id) => id.slice(2));
    const here = ((await db.table(table).toCollection().primaryKeys()) as string[]).filter((k) => isSyncedKey(table, k));
    const keys = [...new Set([...known, ...here])].map((id) => outboxKey(table, id));
    await db.transaction('rw', db.syncOutbox, async () => {
      const have = await db.syncOutbox.bulkGet(keys);
      await db.syncOutbox.bulkPut(keys.filter((_, i) => !have[i]).map((key) => ({ key, seq: 0 })));
      await db.syncOutbox.delete(outboxKey(table, ALL));
    });
  }
}

/** Documents the server refused in an earlier round: offered again. */
export async function reoffer(round: Round, ids: Iterable<string>): Promise<void> {
  const keys = [...ids].flatMap((id) => {
    const parsed = parseDocId(id);
    return parsed ? [outboxKey(TABLE_OF[parsed.kind], parsed.id)] : [];
  });
  if (!keys.length) return;
  await round.db.transaction('rw', round.db.syncOutbox, async () => {
    const have = await round.db.syncOutbox.bulkGet(keys);
    await round.db.syncOutbox.bulkPut(keys.filter((_, i) => !have[i]).map((key) => ({ key, seq: 0 })));
  });
}

export async function push(round: Round): Promise<void> {
  for (let pass = 0; pass < CONFLICT_PASSES; pass++) {
    const conflicts = await pushOutbox(round);
    if (!conflicts.length) return;
    // The server holds versions this device has not seen: read them, merge, send again. One it
    // does not hold at all (purged there) is sent again as new.
    const missing = await receive(round, conflicts);
    const lost = (await round.db.syncSeen.bulkGet(missing)).flatMap((row) => (row ? [row] : []));
    await round.db.syncSeen.bulkPut(lost.map(({ rev: _rev, ...row }) => row));
  }
}

/**
 * Tables in the order they are sent: an article and its text before its highlights, so a device
 * reading the server's changes in order has the article when its highlights arrive (it would
 * otherwise look each one's article up by id and URL, two reads a highlight on a first sync).
 */
const PUSH_ORDER = ['articles', 'bodies', 'annotations', 'entityCorrections', 'settings'] as const satisfies readonly (typeof SYNCED_TABLES)[number][];

/** One walk over the outbox, table by table (PUSH_ORDER), in key order; answers the documents the server answered with a conflict. */
async function pushOutbox(round: Round): Promise<string[]> {
  const db = round.db;
  // The usual round: a few rows, read at once and sent in that order in one request.
  const few = await db.syncOutbox.limit(round.batch + 1).toArray();
  if (few.length <= round.batch) {
    const rank = (key: string) => {
      const at = PUSH_ORDER.findIndex((table) => key.startsWith(`${table}:`));
      return at < 0 ? PUSH_ORDER.length : at;
    };
    return few.length
      ? pushRows(
          round,
          few.sort((x, y) => rank(x.key) - rank(y.key)),
        )
      : [];
  }
  const conflicts: string[] = [];
  for (const table of PUSH_ORDER) {
    const prefix = `${table}:`;
    let after = prefix;
    for (;;) {
      const rows = await db.syncOutbox.where(':id').between(after, `${prefix}\uffff`, false, true).limit(round.batch).toArray();
      if (!rows.length) break;
      after = rows.at(-1)!.key;
      conflicts.push(...(await pushRows(round, rows)));
      if (rows.length < round.batch) break;
    }
  }
  // Rows of no table sync carries (written by another version): pushRows clears them.
  const strays = await db.syncOutbox.filter((r) => !PUSH_ORDER.some((table) => r.key.startsWith(`${table}:`))).toArray();
  if (strays.length) conflicts.push(...(await pushRows(round, strays)));
  return conflicts;
}

interface Outgoing {
  row: OutboxRow;
  kind: DocKind;
  id: string;
  docId: string;
}

async function pushRows(round: Round, rows: OutboxRow[]): Promise<string[]> {
  const db = round.db;
  const entries: Outgoing[] = [];
  // Rows with nothing to send are done as they are read.
  const done: OutboxRow[] = [];
  for (const row of rows) {
    const parsed = parseOutboxKey(row.key);
    // A table cleared during this round: expanded at the next.
    if (parsed?.id === ALL) continue;
    if (!parsed || !isSyncedKey(parsed.table, parsed.id)) {
      done.push(row);
      continue;
    }
    const kind = KIND_OF[parsed.table];
    entries.push({ row, kind, id: parsed.id, docId: docId(kind, parsed.id) });
  }
  const seen = await seenOf(
    db,
    entries.map((e) => e.docId),
  );
  const locals = await readLocal(round, entries);
  const sending: { entry: Outgoing; payload: Payload; had: SyncSeenRow | undefined }[] = [];
  for (const entry of entries) {
    const local = locals.get(entry.docId);
    const had = seen.get(entry.docId);
    if (!local || local === 'unreadable') {
      done.push(entry.row);
      continue;
    }
    const payload: Payload | undefined = outgoingPayload(entry.kind, entry.id, local, had, round.now());
    if (!payload) {
      done.push(entry.row);
      continue;
    }
    const shape = shapeProblem(payload, undefined, payload.k === 'b' ? MAX_BODY_RECORD_CHARS : undefined);
    if (shape) {
      quarantine(round, entry.docId, payload, describeShapeProblem(shape));
      done.push(entry.row);
      continue;
    }
    sending.push({ entry, payload, had });
  }
  // Sealed together: with a passphrase each is a WebCrypto encryption.
  const encoded = await Promise.all(sending.map((s) => round.codec.encode(s.payload)));
  const docs = sending.map(({ entry, payload, had }, i) => {
    const body = encoded[i]!;
    const chars = body.x?.length ?? (payload.k === 'b' ? payload.rec.contentHtml.length + payload.rec.textContent.length : 2000);
    return { entry, doc: { _id: entry.docId, ...(had?.rev ? { _rev: had.rev } : {}), ...body }, kept: seenRow(entry.docId, undefined, payload, had), chars };
  });
  const conflicts: string[] = [];
  const taken: SyncSeenRow[] = [];
  for (let start = 0; start < docs.length;) {
    let end = start;
    for (let chars = 0; end < docs.length && (end === start || chars + docs[end]!.chars <= REQUEST_CHARS); end++) chars += docs[end]!.chars;
    const part = docs.slice(start, end);
    start = end;
    const answers = await round.remote.bulkDocs(part.map((d) => d.doc));
    for (const [i, answer] of answers.entries()) {
      const sent = part[i]!;
      const result = answer as { rev?: string; error?: string; reason?: string; status?: number };
      if (result.rev && !result.error) {
        taken.push({ ...sent.kept, rev: result.rev });
        round.refused.delete(sent.entry.docId);
        done.push(sent.entry.row);
        continue;
      }
      if (result.error === 'conflict' || result.status === 409) {
        conflicts.push(sent.entry.docId);
        continue;
      }
      const error = describeSyncError(result);
      if (error.kind === 'quota') throw error;
      // Refused (a validation function's 403, or anything else the server would not take): sent again every round.
      round.refused.add(sent.entry.docId);
      done.push(sent.entry.row);
    }
  }
  round.report.sent += taken.length;
  // Remove only rows no write touched meanwhile; keep what the server took.
  await db.transaction('rw', db.syncSeen, db.syncOutbox, async () => {
    await db.syncSeen.bulkPut(taken);
    const now = await db.syncOutbox.bulkGet(done.map((r) => r.key));
    await db.syncOutbox.bulkDelete(now.filter((r, i): r is OutboxRow => !!r && r.seq === done[i]!.seq).map((r) => r.key));
  });
  return conflicts;
}
