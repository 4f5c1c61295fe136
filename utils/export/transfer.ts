import type { ArticleRecord } from '../article';
import type { MarginData } from './model';
import { contentKey, stableId } from './ids';
import type { ImportNotices, SkipReport } from './import';
import { MAX_NOTE } from '../db/highlights';
import { isQuotaError, joinArticle, newId, splitArticle } from '../db/articles';
import type { EntityCorrectionRecord, HighlightRecord, ArticleRow, MarginDB } from '../db/schema';
import { keysWhere, manyRows, manyRowsWhere, rowsWhere } from '../db/lookup';
import { forgetVersions } from '../db/versions';

export interface ImportSummary {
  articles: { added: number; updated: number };
  annotations: {
    added: number;
    updated: number;
    unchanged: number;
    /** Highlights whose note here and note in the file differed: both kept, the file's below a heading. */
    conflicts: number;
    /** Highlights whose id was already taken by a different highlight here: imported under a new id. */
    renamed: number;
    /** Another person's annotation (another `creator` or Hypothesis `user`) on a passage already here: added as its own highlight. */
    otherCreators: number;
    /** Notes that could not go below the one here without passing MAX_NOTE: added as their own highlight, never cut. */
    keptApart: number;
  };
  corrections: number;
  /** Items of the file that had nothing to anchor (page notes, replies…), from parseImport. */
  skipped: SkipReport;
  /** What parseImport noticed: notes shortened, dates without a time zone. */
  notices: ImportNotices;
}

export interface ImportOptions {
  /** The heading above an imported note kept beside the reader's (in the reader's language). */
  conflictHeading?: string;
  now?: number;
}

export const CONFLICT_HEADING = '— Imported version (differs from the note above) —';

export class StorageFullError extends Error {
  constructor() {
    super('Your device has no room for this import. Nothing was imported.');
    this.name = 'StorageFullError';
  }
}

const NO_SKIPS: SkipReport = { count: 0, byReason: {}, first: [] };

/**
 * Who wrote an annotation, as the file says it (W3C `creator`, Hypothesis `user`), or null when
 * it does not say (the reader's own highlights, most files). Two annotations whose creators are
 * both known and differ are two people's, never merged into one.
 */
function creatorOf(a: HighlightRecord): string | null {
  const p = a.imported?.properties;
  const who = p?.creator ?? p?.user;
  if (who === undefined || who === null) return null;
  const one = Array.isArray(who) ? who[0] : who;
  if (typeof one === 'string') return one;
  if (one && typeof one === 'object' && typeof (one as { id?: unknown }).id === 'string') return (one as { id: string }).id;
  return JSON.stringify(who);
}

const otherPeople = (a: HighlightRecord, b: HighlightRecord) => {
  const x = creatorOf(a);
  const y = creatorOf(b);
  return x !== null && y !== null && x !== y;
};

/** A fresh id that is not `taken`. */
function freshId(seed: string, taken: (id: string) => boolean): string {
  const derived = stableId(seed);
  return taken(derived) ? newId() : derived;
}

function union(mine: string[], theirs: string[]): string[] {
  const out = [...mine];
  for (const t of theirs) if (!out.includes(t)) out.push(t);
  return out;
}

/**
 * One highlight as it is here and as the file has it: nothing the reader wrote is lost.
 * Notes: the note the file gave when this highlight was imported from it says nothing new (the
 * file is unchanged; the reader's edit stands); an empty one takes the other; one that contains
 * the other (the file's later version of it, or a note already merged) is kept; otherwise both,
 * the file's under a heading — a conflict the reader sees and resolves. When both would not fit
 * in one note (MAX_NOTE), 'apart': the file's becomes its own highlight, nothing cut. Tags: both
 * sets. Colour, context and anchoring stay as here unless the file is dated and newer.
 */
function merge(old: HighlightRecord, incoming: HighlightRecord, heading: string, now: number): { record: HighlightRecord; conflict: boolean } | 'apart' | null {
  let note = old.note;
  let conflict = false;
  const seenBefore = old.imported?.note !== undefined && old.imported.note === incoming.note;
  if (incoming.note && incoming.note !== old.note && !seenBefore) {
    if (!old.note || incoming.note.includes(old.note)) note = incoming.note;
    else if (!old.note.includes(incoming.note)) {
      conflict = true;
      note = `${old.note}\n\n${heading}\n${incoming.note}`;
      if (note.length > MAX_NOTE) return 'apart';
    }
  }
  const tags = union(old.tags, incoming.tags);
  const newer = !incoming.imported?.undated && incoming.updatedAt > old.updatedAt;
  const color = newer ? incoming.color : old.color;
  if (note === old.note && color === old.color && tags.length === old.tags.length) return null;
  return { record: { ...old, note, tags, color, updatedAt: Math.max(old.updatedAt, newer ? incoming.updatedAt : now) }, conflict };
}

/**
 * Write imported data in one transaction: all of it, or — if anything fails, a full disk
 * included — none of it. Nothing here is overwritten by the file:
 * - articles are matched by normalised URL (the one here keeps its id, and takes the file's
 *   text only if that is newer); an article whose id is taken here by another URL gets a new id;
 * - highlights are matched by id and by content (page, quote, position); an id taken here by a
 *   different highlight gives the imported one a new id; a matched one is merged (see merge);
 * - entity corrections are matched by their text; an id taken by another text gets a new id.
 * Importing the same file twice changes nothing. The records are written as they are: search rows
 * and filters follow in the same transaction (utils/db/index-keeper.ts); new records are added,
 * which spares the keeper reading what they would replace.
 */
export async function importData(
  db: MarginDB,
  data: MarginData & { skipped?: SkipReport; notices?: ImportNotices },
  options: ImportOptions = {},
): Promise<ImportSummary> {
  const heading = options.conflictHeading ?? CONFLICT_HEADING;
  const now = options.now ?? Date.now();
  const summary: ImportSummary = {
    articles: { added: 0, updated: 0 },
    annotations: { added: 0, updated: 0, unchanged: 0, conflicts: 0, renamed: 0, otherCreators: 0, keptApart: 0 },
    corrections: 0,
    skipped: data.skipped ?? NO_SKIPS,
    notices: data.notices ?? { shortened: [], floatingDates: 0 },
  };
  try {
    await db.transaction('rw', [db.articles, db.bodies, db.annotations, db.entityCorrections], async () => {
      // --- Articles
      const idMap = new Map<string, string>();
      const existingRows = await manyRowsWhere(
        db.articles,
        'url',
        data.articles.map((a) => a.url),
      );
      const byUrl = new Map(existingRows.map((r) => [r.url, r]));
      const sameIds = await manyRows(
        db.articles,
        data.articles.map((a) => a.id),
      );
      const takenArticleIds = new Set(sameIds.filter(Boolean).map((r) => r!.id));
      const added: ReturnType<typeof splitArticle>[] = [];
      const replaced: ReturnType<typeof splitArticle>[] = [];
      for (const article of data.articles) {
        const existing = byUrl.get(article.url);
        if (!existing) {
          // The id may belong to another article here: never take it over.
          const id = takenArticleIds.has(article.id) ? freshId(`article:${article.url}`, (x) => takenArticleIds.has(x)) : article.id;
          idMap.set(article.id, id);
          added.push(splitArticle({ ...(article as ArticleRecord), id }));
          summary.articles.added++;
        } else {
          idMap.set(article.id, existing.id);
          if (article.updatedAt > existing.updatedAt && article.textContent) {
            const merged: ArticleRecord = { ...(article as ArticleRecord), id: existing.id, savedAt: Math.min(existing.savedAt, article.savedAt) };
            replaced.push(splitArticle(merged, existing));
            summary.articles.updated++;
          }
        }
      }
      await db.articles.bulkAdd(added.map((a) => a.row));
      await db.bodies.bulkAdd(added.map((a) => a.body));
      await db.articles.bulkPut(replaced.map((a) => a.row));
      await db.bodies.bulkPut(replaced.map((a) => a.body));

      // --- Highlights
      const incoming = data.annotations.map((a) => ({ ...a, articleId: idMap.get(a.articleId) ?? a.articleId }));
      const byId = new Map(
        (
          await manyRows(
            db.annotations,
            incoming.map((a) => a.id),
          )
        )
          .filter(Boolean)
          .map((r) => [r!.id, r!]),
      );
      const here = await manyRowsWhere(db.annotations, 'url', [...new Set(incoming.map((a) => a.url))]);
      const byContent = new Map<string, HighlightRecord[]>();
      for (const r of here) byContent.set(contentKey(r), [...(byContent.get(contentKey(r)) ?? []), r]);
      // A file that gives no position (most tools but Margin and Hypothesis) still names the
      // highlight by its page and quote, when exactly one highlight here has them.
      const byQuote = new Map<string, HighlightRecord[]>();
      for (const r of here) {
        const key = `${r.url}\u0000${r.quote}`;
        byQuote.set(key, [...(byQuote.get(key) ?? []), r]);
      }
      // Two people's annotations on one passage are two annotations: only the same person's (or one that does not say) is a match.
      const samePerson = (a: HighlightRecord, rs: HighlightRecord[] | undefined) => (rs ?? []).filter((r) => !otherPeople(a, r));
      const onlyByQuote = (a: HighlightRecord) => {
        if (a.selectors.position) return undefined;
        const same = samePerson(a, byQuote.get(`${a.url}\u0000${a.quote}`));
        return same.length === 1 ? same[0] : undefined;
      };
      const someoneElses = (a: HighlightRecord, key: string) =>
        [...(byContent.get(key) ?? []), ...(a.selectors.position ? [] : (byQuote.get(`${a.url}\u0000${a.quote}`) ?? []))].some((r) => otherPeople(a, r));
      const fileIds = new Set(incoming.map((a) => a.id));
      const fresh: HighlightRecord[] = [];
      const updated = new Map<string, HighlightRecord>();
      for (const a of incoming) {
        const key = contentKey(a);
        const sameId = byId.get(a.id);
        const candidates = samePerson(a, byContent.get(key));
        // One that already has the file's note first (a note kept apart before is met again, not added twice).
        const match =
          sameId && contentKey(sameId) === key ? sameId : (candidates.find((r) => a.note && r.note.includes(a.note)) ?? candidates[0] ?? onlyByQuote(a));
        const current = match && (updated.get(match.id) ?? match);
        const merged = current && merge(current, a, heading, now);
        if (!match || merged === 'apart') {
          if (!match && someoneElses(a, key)) summary.annotations.otherCreators++;
          if (merged === 'apart') summary.annotations.keptApart++;
          if (sameId) {
            // Same id, another highlight (or this one, its note too long to join): both stay, the imported one under a new id.
            const id = freshId(`renamed:${a.id}:${key}`, (x) => byId.has(x) || fileIds.has(x));
            fresh.push({ ...a, id });
            if (merged !== 'apart') summary.annotations.renamed++;
          } else fresh.push(a);
          continue;
        }
        if (!merged) {
          if (!updated.has(match.id)) summary.annotations.unchanged++;
          continue;
        }
        updated.set(match.id, merged.record);
        if (merged.conflict) summary.annotations.conflicts++;
      }
      summary.annotations.added = fresh.length;
      summary.annotations.updated = updated.size;
      await db.annotations.bulkAdd(fresh);
      await db.annotations.bulkPut([...updated.values()]);

      // --- Entity corrections: the table read once, the changes written together. Each one is
      // decided against what the ones before it in the file left (a later one of the same text wins).
      const byText = new Map<string, EntityCorrectionRecord>();
      const ids = new Set<string>();
      for (const c of await db.entityCorrections.toArray()) {
        if (!byText.has(c.text)) byText.set(c.text, c);
        ids.add(c.id);
      }
      const puts = new Map<string, EntityCorrectionRecord>();
      for (const c of data.corrections) {
        const old = byText.get(c.text);
        let id = old?.id ?? c.id;
        if (old && old.updatedAt >= c.updatedAt) continue;
        if (!old && ids.has(id)) {
          id = stableId(`correction:${c.text}`);
          if (ids.has(id)) id = newId();
        }
        const record = { ...c, id };
        byText.set(c.text, record);
        ids.add(id);
        puts.set(id, record);
        summary.corrections++;
      }
      await db.entityCorrections.bulkPut([...puts.values()]);
    });
  } catch (error) {
    if (isQuotaError(error)) throw new StorageFullError();
    throw error;
  }
  return summary;
}

export interface ExportFilter {
  articleIds?: string[];
}

/** Everything (or the given articles) with their highlights and the entity corrections. */
export async function readData(db: MarginDB, filter: ExportFilter = {}): Promise<MarginData> {
  return db.transaction('r', [db.articles, db.bodies, db.annotations, db.entityCorrections], async () => {
    const rows = filter.articleIds ? ((await db.articles.bulkGet(filter.articleIds)).filter(Boolean) as ArticleRow[]) : await db.articles.toArray();
    const bodies = await db.bodies.bulkGet(rows.map((r) => r.id));
    const articles = rows.map((row, i) => ({ ...joinArticle(row, bodies[i]), entities: row.entities }));
    const annotations: HighlightRecord[] = filter.articleIds ? await rowsWhere(db.annotations, 'articleId', filter.articleIds) : await db.annotations.toArray();
    const corrections = await db.entityCorrections.toArray();
    return { articles, annotations, corrections };
  });
}

/** Delete articles for good with their bodies, highlights and earlier versions (their search rows go with them: index-keeper.ts). */
export async function deleteArticles(db: MarginDB, articleIds: string[]): Promise<void> {
  await db.transaction('rw', [db.articles, db.bodies, db.annotations, db.articleVersions], async () => {
    const highlights = await keysWhere(db.annotations, 'articleId', articleIds);
    // The articles first: their highlights' deletion then has no filters left to recount.
    await db.articles.bulkDelete(articleIds);
    await db.bodies.bulkDelete(articleIds);
    await db.annotations.bulkDelete(highlights);
    await forgetVersions(db, articleIds);
  });
}
