import type { HighlightRecord, SyncSeenRow } from '../db/schema';
import { applyArrived, type Arrival } from './apply';
import type { StoredDoc } from './codec';
import { META_ID } from './meta';
import {
  canonical,
  highlightPayloadOver,
  mergeHighlights,
  mergePayloads,
  noteHash,
  parseDocId,
  recordName,
  versionOf,
  type DocKind,
  type HighlightPayload,
  type Payload,
} from './records';
import { fingerprint, outboxKeyOf, outgoingPayload, readLocal, seenOf, seenRow, type Round, type SyncState } from './round';

/**
 * Steps 1 and 2 of a round: what changed on the server since this device last looked, read
 * with `_changes?since=` (revisions only) and, for the documents whose revision this device does
 * not have, `_all_docs` with their bodies — each opened, validated and checked against the
 * version this device last had (a replay, an unsealed deletion: refused, and this device's
 * version is written back over it). A document whose record changed here too is merged with
 * it (records.ts) and the merge is sent on by the push. Then apply.ts writes what arrived.
 */

/** Changes read per request: revisions only, so a device's own writes cost a row each. */
const CHANGES_PER_REQUEST = 2000;

/** One document as it arrived: its version (null: a bare `_deleted`) at revision `rev`. */
interface Opened {
  docId: string;
  kind: DocKind;
  id: string;
  rev: string;
  payload: Payload | null;
}

export async function pull(round: Round, state: SyncState, save: () => Promise<void>): Promise<void> {
  for (;;) {
    const changes = await round.remote.changes({ since: state.since ?? 0, limit: CHANGES_PER_REQUEST, batch_size: CHANGES_PER_REQUEST, style: 'all_docs' });
    const ids: string[] = [];
    for (const change of changes.results) {
      if (parseDocId(change.id)) ids.push(change.id);
      else if (change.id !== META_ID && !change.id.startsWith('_design/')) round.rejected.push(`${change.id.slice(0, 60)}: unknown document`);
    }
    const seen = await seenOf(round.db, ids);
    // A revision this device already has (its own write, or one it applied) is skipped without reading it.
    const wanted = changes.results.filter((c) => parseDocId(c.id) && !(c.changes.length === 1 && seen.get(c.id)?.rev === c.changes[0]!.rev)).map((c) => c.id);
    // The next batch's documents are requested while this one is settled and written here.
    const fetch = (i: number) => (i < wanted.length ? fetchDocs(round, wanted.slice(i, i + round.batch)) : null);
    let next = fetch(0);
    for (let i = 0; i < wanted.length; i += round.batch) {
      const rows = await next!;
      next = fetch(i + round.batch);
      // Awaited in its turn; until then a failure must not count as unhandled.
      next?.catch(() => {});
      await receiveRows(round, rows);
    }
    state.since = changes.last_seq;
    await save();
    if (changes.results.length < CHANGES_PER_REQUEST) return;
  }
}

type DocRows = Awaited<ReturnType<PouchDB.Database['allDocs']>>['rows'];

/** These documents' current versions on the server (with their conflicting leaves named). */
async function fetchDocs(round: Round, ids: string[]): Promise<DocRows> {
  return (await round.remote.allDocs({ keys: ids, include_docs: true, conflicts: true })).rows;
}

/** Read these documents' current versions from the server and settle each with this device; answers those the server does not have. */
export async function receive(round: Round, ids: string[]): Promise<string[]> {
  if (!ids.length) return [];
  return receiveRows(round, await fetchDocs(round, ids));
}

async function receiveRows(round: Round, rows: DocRows): Promise<string[]> {
  const opened: Opened[] = [];
  const plain: { base: Omit<Opened, 'rev' | 'payload'>; doc: StoredDoc; rev: string }[] = [];
  const missing: string[] = [];
  for (const row of rows) {
    const parsed = parseDocId(row.key);
    if (!parsed) continue;
    if (!row.value) {
      missing.push(row.key);
      continue;
    }
    const base = { docId: row.key, kind: parsed.kind, id: parsed.id };
    if (row.value.deleted) {
      opened.push({ ...base, rev: row.value.rev, payload: null });
      continue;
    }
    const doc = row.doc as StoredDoc | undefined;
    if (!doc?._rev) continue;
    if (doc._conflicts?.length) {
      const resolved = await resolveLeaves(round, doc);
      if (resolved) opened.push({ ...base, ...resolved });
      continue;
    }
    plain.push({ base, doc, rev: doc._rev });
  }
  // Opened together: with a passphrase each is a WebCrypto decryption.
  const decoded = await Promise.all(plain.map((p) => round.codec.decode(p.doc)));
  for (const [i, p] of plain.entries()) {
    const d = decoded[i]!;
    if (d.ok) opened.push({ ...p.base, rev: p.rev, payload: d.payload });
    else round.rejected.push(`${recordName(p.base.docId)}: ${d.reason}`);
  }
  await settle(round, opened);
  return missing;
}

/**
 * A document with several live leaves on the server (devices that wrote it at once through a
 * replicator, as earlier versions of Margin did): the versions merge (records.ts) into one
 * revision over the winner, and the other leaves are removed. Versions that fail validation
 * take no part.
 */
async function resolveLeaves(round: Round, winner: StoredDoc): Promise<{ rev: string; payload: Payload } | undefined> {
  const id = winner._id;
  const losers = winner._conflicts ?? [];
  const others = await Promise.all(losers.map((rev) => round.remote.get(id, { rev }) as Promise<StoredDoc>));
  const versions = [winner, ...others].sort((a, b) => (a._rev! < b._rev! ? -1 : 1));
  const payloads: Payload[] = [];
  for (const version of versions) {
    const decoded = await round.codec.decode(version);
    if (decoded.ok) payloads.push(decoded.payload);
    else round.rejected.push(`${id.slice(0, 60)}@${version._rev!.slice(0, 8)}: ${decoded.reason}`);
  }
  const removals = losers.map((rev) => ({ _id: id, _rev: rev, _deleted: true }));
  if (!payloads.length) {
    await round.remote.bulkDocs(removals);
    return undefined;
  }
  let merged = payloads[0]!;
  let conflict = false;
  for (const other of payloads.slice(1)) {
    const m = mergePayloads(merged, other);
    merged = m.payload;
    conflict ||= m.conflict;
  }
  const answers = await round.remote.bulkDocs([...removals, { _id: id, _rev: winner._rev, ...(await round.codec.encode(merged)) }]);
  const answer = answers.at(-1);
  // Another device merged it first: the next pull brings theirs.
  if (!answer?.rev || answer.error) return undefined;
  round.report.conflicts++;
  if (conflict && merged.k === 'a') round.report.log.push({ at: round.now(), kind: 'conflict', detail: merged.rec.quote.slice(0, 80) });
  if (merged.k !== 'd' && payloads.some((p) => p.k === 'd')) round.keptEdits.push(id);
  return { rev: answer.rev, payload: merged };
}

/** A version kept with the merge base this device had (none if it had none). */
function withBase(kept: SyncSeenRow, had: SyncSeenRow | undefined): SyncSeenRow {
  const { base: _base, ...row } = kept;
  return had?.base ? { ...row, base: had.base } : row;
}

/** Whether a highlight's note is, or was written over (or keeps), the note `note`. */
function follows(p: HighlightPayload, note: string): boolean {
  return p.rec.note === note || p.nh.includes(noteHash(note)) || p.rec.note.includes(note);
}

/** Both say the same record (or both a deletion). */
function sameRecord(a: Payload, b: Payload): boolean {
  if (a.k === 'd' || b.k === 'd') return a.k === b.k;
  return canonical(a.rec) === canonical(b.rec);
}

/** A version this device refuses: its own is written back over revision `rev` at the push. */
function staleRow(docIdText: string, rev: string, had: SyncSeenRow | undefined): SyncSeenRow {
  return had ? { ...had, rev, stale: true } : { id: docIdText, n: 0, h: '', rev, d: true, stale: true };
}

async function settle(round: Round, opened: Opened[]): Promise<void> {
  if (!opened.length) return;
  const db = round.db;
  const seen = await seenOf(
    db,
    opened.map((o) => o.docId),
  );
  const keys = opened.map((o) => outboxKeyOf(o.kind, o.id));
  const rows = await db.syncOutbox.bulkGet(keys);
  // The records of those changed here too, to merge with, and the highlights that did not change
  // here (an arrived note must follow theirs: see `follows`). A highlight this device never had
  // has no record here (every record of its own has an outbox row until sent): nothing to read,
  // which leaves a first sync without a read per highlight.
  const locals = await readLocal(
    round,
    opened.filter((o, i) => rows[i] || (o.payload?.k === 'a' && seen.has(o.docId))),
  );
  const arrivals: Arrival[] = [];
  // Versions refused (written over at the push) and versions this device had under another revision.
  const restore: SyncSeenRow[] = [];
  for (const [i, o] of opened.entries()) {
    const had = seen.get(o.docId);
    let incoming: Payload;
    let kept: SyncSeenRow;
    if (o.payload === null) {
      // Margin writes deletions as tombstones (records.ts). With a passphrase a bare deletion can
      // only be the server's: refused, and this device's version written back. Without one it may
      // come from an earlier version of Margin: applied — into the trash, restorable.
      if (round.codec.key) {
        round.rejected.push(`${recordName(o.docId)}: a deletion that is not sealed with the passphrase was refused`);
        restore.push(staleRow(o.docId, o.rev, had));
        continue;
      }
      incoming = { k: 'd', of: o.kind, id: o.id, at: 0, n: had?.n ?? 0 };
      kept = { id: o.docId, n: had?.n ?? 0, h: had?.h ?? '', rev: o.rev, d: true, ...(had?.base ? { base: had.base } : {}) };
    } else {
      // A version no newer than one this device already had, and not that one: the server put an old version back.
      const n = versionOf(o.payload);
      if (had && (n < had.n || (n === had.n && fingerprint(o.payload) !== had.h))) {
        round.replayed.push(recordName(o.docId, o.payload));
        restore.push(staleRow(o.docId, o.rev, had));
        continue;
      }
      if (had && n === had.n) {
        // The version this device last had, under a revision it did not know (its row is from
        // the mirror's time, or a write's answer was lost): its revision is kept, nothing arrives.
        restore.push(seenRow(o.docId, o.rev, o.payload, had));
        continue;
      }
      incoming = o.payload;
      kept = seenRow(o.docId, o.rev, o.payload, had);
    }
    const arrival: Arrival = { kind: o.kind, id: o.id, payload: incoming.k === 'd' ? null : incoming, seen: kept, key: keys[i]! };
    const row = rows[i];
    const local = locals.get(o.docId);
    if (row) {
      if (!local || local === 'unreadable') continue;
      const mine = outgoingPayload(o.kind, o.id, local, had, round.now());
      arrival.seq = row.seq;
      if (mine && !sameRecord(mine, incoming)) {
        // Changed on both sides: merged (records.ts), written here, and sent on by the push.
        const m = mergePayloads(mine, incoming);
        round.report.conflicts++;
        if (m.conflict && m.payload.k === 'a') round.report.log.push({ at: round.now(), kind: 'conflict', detail: m.payload.rec.quote.slice(0, 80) });
        if (m.payload.k !== 'd' && (mine.k === 'd' || incoming.k === 'd')) round.keptEdits.push(o.docId);
        if (!sameRecord(m.payload, incoming)) {
          // Here: the merged record (a deletion that won was made here: the record is gone already).
          // The version kept is the server's, so the push writes the merge over it; the row stays for it.
          arrival.payload = m.payload.k === 'd' ? null : m.payload;
          // This device's deletion stood: its record (in the trash, restorable) never took the
          // arrived version, so its merge base stays the one it was written over — restored, it
          // must not claim to follow a note it never had (that note would then be dropped).
          if (m.payload.k === 'd') arrival.seen = withBase(kept, had);
          arrivals.push(arrival);
          continue;
        }
      }
      // Nothing of this device's is left to send: the arrived version is the record.
      arrival.drop = true;
    }
    const record = incoming.k === 'a' && local && local !== 'unreadable' ? (local.record as HighlightRecord | undefined) : undefined;
    if (incoming.k === 'a' && record && !follows(incoming, record.note)) {
      // The record here is the version this device had, and the arrived note does not follow it
      // (a copy restored elsewhere from before a deletion that lost here, or a note written over
      // one that never reached this device): merged with it, never put over it; sent by the push.
      const m = mergeHighlights(highlightPayloadOver(record, had?.base), incoming);
      round.report.conflicts++;
      if (m.conflict) round.report.log.push({ at: round.now(), kind: 'conflict', detail: m.payload.rec.quote.slice(0, 80) });
      arrival.payload = m.payload;
      arrival.resend = true;
    }
    arrivals.push(arrival);
  }
  round.report.received += await applyArrived(round, arrivals);
  if (restore.length) {
    await db.transaction('rw', db.syncSeen, db.syncOutbox, async () => {
      await db.syncSeen.bulkPut(restore);
      const ks = restore
        .filter((r) => r.stale)
        .flatMap((r) => {
          const parsed = parseDocId(r.id);
          return parsed ? [outboxKeyOf(parsed.kind, parsed.id)] : [];
        });
      const have = await db.syncOutbox.bulkGet(ks);
      await db.syncOutbox.bulkPut(ks.filter((_, i) => !have[i]).map((key) => ({ key, seq: 0 })));
    });
  }
}
