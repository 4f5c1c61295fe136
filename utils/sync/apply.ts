import { ArticleRepository } from '../db/articles';
import { markArriving, outboxKey } from '../db/outbox';
import type { ArticleRow, HighlightRecord, MarginDB, SyncSeenRow, TrashRecord } from '../db/schema';
import { trashArticle, trashHighlights } from '../db/trash';
import {
  articlePayloadFor,
  canonical,
  highlightPayloadOver,
  mergeHighlights,
  type ArticlePayload,
  type BodyPayload,
  type CorrectionPayload,
  type DocKind,
  type HighlightPayload,
  type LivePayload,
  type SettingPayload,
} from './records';
import type { Round } from './round';

/**
 * Step 3 of a round: versions that arrived, written into Margin's own tables (there is no
 * mirror database). Deletions go to the trash (trash.ts); the search index and the library's
 * filters follow each write in its transaction (utils/db/index-keeper.ts). The writes are
 * marked as arriving, so the outbox records none of them: they are the server's versions,
 * not changes to send back.
 */

/** A version to write here: the record (null: deleted) and what to keep of the version. */
export interface Arrival {
  kind: DocKind;
  id: string;
  payload: LivePayload | null;
  seen: SyncSeenRow;
  /** Its outbox key. */
  key: string;
  /**
   * The outbox row's seq when the version was decided on: the record changed here and the
   * arrival was merged with it (`drop`: the merged version is the arrived one, nothing left to
   * send). Absent: the record had not changed here. If the outbox says otherwise now, the
   * record changed meanwhile and the arrival waits (the push meets the server's version and merges).
   */
  seq?: number;
  drop?: boolean;
  /** Merged here with a version the arrived one does not follow: written, and sent by the next push. */
  resend?: boolean;
}

const ORDER = { r: 0, b: 1, a: 2, c: 3, s: 4 } as const;

/** Write arrivals in one transaction over every synced table and the outbox; answers how many changed something here. */
export async function applyArrived(round: Round, arrivals: Arrival[]): Promise<number> {
  if (!arrivals.length) return 0;
  const db = round.db;
  return db.transaction(
    'rw',
    [db.articles, db.bodies, db.annotations, db.trash, db.syncOutbox, db.settings, db.syncSeen, db.entityCorrections, db.articleVersions],
    async (tx) => {
      markArriving(tx);
      const rows = await db.syncOutbox.bulkGet(arrivals.map((a) => a.key));
      const go = arrivals.filter((a, i) => (a.seq === undefined ? !rows[i] : rows[i]?.seq === a.seq));
      // Highlights merged here with a copy from the trash: to send (rejoinTrashed).
      const resend: string[] = [];
      const changed = await applyBatch(round, go, resend);
      await db.syncSeen.bulkPut(go.map((a) => a.seen));
      await db.syncOutbox.bulkDelete(go.filter((a) => a.drop).map((a) => a.key));
      await db.syncOutbox.bulkPut(
        [...resend.map((id) => outboxKey('annotations', id)), ...go.filter((a) => a.resend).map((a) => a.key)].map((key) => ({ key, seq: 0 })),
      );
      return changed;
    },
  );
}

async function applyBatch(round: Round, arrived: Arrival[], resend: string[]): Promise<number> {
  const db = round.db;
  const articles = new ArticleRepository(db, round.now);
  let changed = 0;
  arrived.sort((x, y) => ORDER[x.kind] - ORDER[y.kind]);
  // Entity corrections and preferences.
  for (const item of arrived.filter((a) => a.kind === 'c' || a.kind === 's')) if (await putSmall(db, item)) changed++;
  // Articles, then their bodies.
  for (const item of arrived.filter((a) => a.kind === 'r')) {
    if (!item.payload) {
      // Deleted on another device: into the trash here, restorable as any deletion.
      const outcome = await trashArticle(db, item.id, round.now());
      if (outcome.status === 'done') {
        changed++;
        round.report.log.push({ at: round.now(), kind: 'removed', detail: outcome.record.title.slice(0, 80) });
      }
    } else {
      const rec = (item.payload as ArticlePayload).rec;
      if (await articles.putArrived(rec, (here: ArticleRow) => canonical(articlePayloadFor(here).rec) === canonical(rec))) changed++;
    }
  }
  const bodies = arrived.filter((a) => a.kind === 'b');
  if (bodies.length) {
    const ids = bodies.map((b) => b.id);
    const [current, rows] = await Promise.all([db.bodies.bulkGet(ids), db.articles.bulkGet(ids)]);
    // A body deleted goes only when its article has gone too (an article's deletion brings its body to the trash).
    const gone = bodies.filter((b, i) => !b.payload && !rows[i] && current[i]).map((b) => b.id);
    const puts = bodies.flatMap((b, i) => {
      const body = (b.payload as BodyPayload | null)?.rec;
      return body && (!current[i] || canonical(current[i]) !== canonical(body)) ? [body] : [];
    });
    if (gone.length) await db.bodies.bulkDelete(gone);
    if (puts.length) await db.bodies.bulkPut(puts);
    changed += gone.length + puts.length;
  }
  // Highlights, in one transaction per batch (their search rows and the articles' filters follow: index-keeper.ts).
  const highlights = arrived.filter((a) => a.kind === 'a');
  if (!highlights.length) return changed;
  await db.transaction('rw', [db.annotations, db.articles, db.trash], async () => {
    const current = await db.annotations.bulkGet(highlights.map((h) => h.id));
    const articleIds = [...new Set(highlights.flatMap((h) => (h.payload ? [(h.payload as HighlightPayload).rec.articleId] : [])))];
    const here = new Set((await db.articles.bulkGet(articleIds)).flatMap((row) => (row ? [row.id] : [])));
    const missing = articleIds.filter((id) => !here.has(id));
    const trashed = new Map(missing.length ? (await db.trash.bulkGet(missing)).flatMap((e) => (e ? [[e.id, e] as const] : [])) : []);
    const payloads = new Map(highlights.map((h) => [h.id, h.payload as HighlightPayload | null]));
    const puts: HighlightRecord[] = [];
    const gone: HighlightRecord[] = [];
    const toTrash: HighlightRecord[] = [];
    for (const [i, item] of highlights.entries()) {
      const mine = current[i];
      if (!item.payload) {
        // Deleted on another device: into the trash here, restorable (trash.ts).
        if (mine) gone.push(mine);
        continue;
      }
      let rec = (item.payload as HighlightPayload).rec;
      // The same page saved on two devices is one article: follow the one this device keeps.
      if (!here.has(rec.articleId)) {
        const articleId = await articles.keptFor(rec.articleId, rec.url);
        if (articleId !== rec.articleId) rec = { ...rec, articleId };
        else if (!mine && trashed.has(articleId)) {
          // Its article is in the trash here (deleted here, the deletion not yet on the other
          // device): the highlight joins it there, restorable with it, rather than live without it.
          toTrash.push(rec);
          continue;
        }
      }
      if (mine && canonical(mine) === canonical(rec)) continue;
      puts.push(rec);
    }
    if (toTrash.length) await trashHighlights(db, withTrashedCopies(toTrash, trashed, payloads), round.now());
    const rejoined = await rejoinTrashed(db, puts, payloads, current);
    // Highlights new here only add to their articles' filters: the keeper reads none of their other highlights.
    if (puts.length) await db.annotations.bulkPut(puts);
    await trashHighlights(db, gone, round.now());
    resend.push(...rejoined);
    changed += puts.length + gone.length;
    if (gone.length) round.report.log.push({ at: round.now(), kind: 'removed', count: gone.length, detail: gone[0]!.quote.slice(0, 80) });
  });
  return changed;
}

/**
 * Highlights that came back from another device (restored there, or edited there after the
 * deletion) while this device still holds them in its trash: the reader's own copy may carry
 * words the other device never had (written here before the deletion). It is taken out of the
 * trash and merged into the version that arrived (records.ts: the same merge as two live
 * versions, so a note that differs is kept under SYNC_CONFLICT_HEADING, never dropped); a merge
 * that differs from what arrived is sent on by the next push. An entry left with no highlights,
 * whose article is in the library again, leaves the trash. `puts` is merged in place; answers
 * the ids to send.
 */
async function rejoinTrashed(
  db: MarginDB,
  puts: HighlightRecord[],
  payloads: Map<string, HighlightPayload | null>,
  current: (HighlightRecord | undefined)[],
): Promise<string[]> {
  const here = new Set(current.flatMap((h) => (h ? [h.id] : [])));
  const back = puts.filter((rec) => !here.has(rec.id));
  if (!back.length) return [];
  const entries = (await db.trash.bulkGet([...new Set(back.map((rec) => rec.articleId))])).filter((e): e is TrashRecord => !!e);
  if (!entries.length) return [];
  const send: string[] = [];
  for (const entry of entries) {
    const copies = new Map(entry.annotations.map((a) => [a.id, a]));
    let taken = false;
    for (const [i, rec] of puts.entries()) {
      const copy = rec.articleId === entry.id && !here.has(rec.id) ? copies.get(rec.id) : undefined;
      const incoming = payloads.get(rec.id);
      if (!copy || !incoming) continue;
      copies.delete(rec.id);
      taken = true;
      const merged = withCopy(copy, incoming, rec);
      if (canonical(merged) === canonical(rec)) continue;
      puts[i] = merged;
      send.push(rec.id);
    }
    if (!taken) continue;
    if (copies.size || !(await db.articles.get(entry.id))) await db.trash.put({ ...entry, annotations: [...copies.values()] });
    else await db.trash.delete(entry.id);
  }
  return send;
}

/** Arrived highlights bound for the trash, each merged with the copy its article's trash entry holds of it (if any). */
function withTrashedCopies(recs: HighlightRecord[], entries: Map<string, TrashRecord>, payloads: Map<string, HighlightPayload | null>): HighlightRecord[] {
  return recs.map((rec) => {
    const copy = entries.get(rec.articleId)?.annotations.find((a) => a.id === rec.id);
    const incoming = payloads.get(rec.id);
    return copy && incoming ? withCopy(copy, incoming, rec) : rec;
  });
}

/** An arrived highlight (`rec`, as it is to be written here) merged with this device's copy of it from the trash, as two live versions merge. */
function withCopy(copy: HighlightRecord, incoming: HighlightPayload, rec: HighlightRecord): HighlightRecord {
  return mergeHighlights(highlightPayloadOver(copy, undefined), { ...incoming, rec }).payload.rec;
}

/**
 * An entity correction or a preference that arrived (or its deletion). A correction is unique
 * by its name: when this device has corrected the same name under another id, the later
 * correction is kept on every device (ties: the smaller id) and the other deleted.
 */
async function putSmall(db: MarginDB, item: Arrival): Promise<boolean> {
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

const FACETS_KEY = 'sync.facets';

/**
 * Articles whose filters a round of an earlier version left to recount (it recounted them once per
 * round, after applying; the index keeper now keeps them with every write). A row written with no
 * facets has them counted afresh (index-keeper.ts).
 */
export async function refreshLeftFacets(db: MarginDB): Promise<void> {
  const ids = ((await db.settings.get(FACETS_KEY))?.value as string[] | undefined) ?? [];
  if (!ids.length) return;
  for (let i = 0; i < ids.length; i += 200) {
    await db.transaction('rw', [db.articles, db.syncOutbox], async (tx) => {
      markArriving(tx);
      const rows = (await db.articles.bulkGet(ids.slice(i, i + 200))).filter((r): r is ArticleRow => !!r);
      await db.articles.bulkPut(rows.map((row) => ({ ...row, facets: [] })));
    });
  }
  await db.settings.delete(FACETS_KEY);
}
