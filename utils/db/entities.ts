import type { EntityType } from '../entities/types';
import { splitParticle } from '../search/terms';
import { ENTITY_EDIT_MAX } from '../limits';
import { newId } from './articles';
import { pairable, SEP, type EntityArticleRow, type EntitySummaryRow } from './entity-index';
import type { EntityCorrectionRecord, HighlightRecord, MarginDB } from './schema';

/**
 * The entity explorer's reads (issue 24): an entity's page and the library's Entities view, from
 * the entity index (entity-index.ts) — a few index reads, never the articles — with the reader's
 * merges, splits and notes (kept in the corrections table, so export and sync carry them) applied.
 */

/** The reader's entity records: merges (key → into), splits (key → forms) and notes (key → text). */
export interface EntityEdits {
  merges: Map<string, string>;
  splits: Map<string, string[]>;
  notes: Map<string, string>;
}

export const MERGE_PREFIX = 'merge:';
export const SPLIT_PREFIX = 'split:';
export const NOTE_PREFIX = 'note:';
/** The longest note about an entity. */
export const MAX_ENTITY_NOTE = ENTITY_EDIT_MAX.note;

/** Whether a correction record is one of the explorer's (not a correction of the recogniser). */
export const isEntityEdit = (r: Pick<EntityCorrectionRecord, 'action'>) => r.action === 'merge' || r.action === 'split' || r.action === 'note';

export function entityEdits(records: readonly EntityCorrectionRecord[]): EntityEdits {
  const edits: EntityEdits = { merges: new Map(), splits: new Map(), notes: new Map() };
  for (const r of records) {
    if (!r.key) continue;
    if (r.action === 'merge' && r.into && r.into !== r.key) edits.merges.set(r.key, r.into);
    else if (r.action === 'split' && r.form) edits.splits.set(r.key, [...(edits.splits.get(r.key) ?? []), r.form]);
    else if (r.action === 'note' && r.note) edits.notes.set(r.key, r.note);
  }
  return edits;
}

export async function readEntityEdits(db: MarginDB): Promise<EntityEdits> {
  return entityEdits((await db.entityCorrections.toArray()).filter(isEntityEdit));
}

/** The entity a key stands for after the reader's merges (a chain followed, a cycle broken). */
export function resolveKey(merges: ReadonlyMap<string, string>, key: string): string {
  const seen = new Set<string>([key]);
  let at = key;
  for (let next = merges.get(at); next && !seen.has(next); next = merges.get(at)) {
    seen.add(next);
    at = next;
  }
  return at;
}

/** The keys merged into `root` (itself first). */
export function keysOf(merges: ReadonlyMap<string, string>, root: string): string[] {
  return [root, ...[...merges.keys()].filter((k) => k !== root && resolveKey(merges, k) === root)];
}

const kindOf = (key: string) => key.slice(0, key.indexOf(':')) as EntityType;
const nameOf = (key: string) => key.slice(key.indexOf(':') + 1);

export interface EntityArticle extends EntityArticleRow {
  /** The key (of the merged ones) this article names it by. */
  via: string;
}

export interface RelatedEntity {
  key: string;
  type: EntityType;
  text: string;
  /** Articles naming both. */
  n: number;
}

export interface EntityPage {
  key: string;
  type: EntityType;
  text: string;
  /** Other entries merged into this one by the reader. */
  aliases: { key: string; text: string; type: EntityType }[];
  /** The forms its mentions were written in, most common first (the merged entries' names among them). */
  forms: string[];
  /** Forms the reader split off it. */
  splits: string[];
  /** The saved articles that mention it, newest first (the newest PAGE_ARTICLES unless asked for more). */
  articles: EntityArticle[];
  /** How many articles mention it in all. */
  totalArticles: number;
  /** The reader's highlights that name it, newest first (the newest PAGE_HIGHLIGHTS unless asked for more). */
  highlights: HighlightRecord[];
  totalHighlights: number;
  /** The names most often mentioned in the same articles. */
  related: RelatedEntity[];
  note: string;
}

const RELATED = 12;
/** How much of an entity's page opens at first: its newest articles and highlights (the reader asks for more). */
export const PAGE_ARTICLES = 50;
export const PAGE_HIGHLIGHTS = 30;

/**
 * An entity's page, or null when nothing in the library mentions it (the key as asked, after
 * merges): its newest `limits.articles` articles and `limits.highlights` highlights (totals beside
 * them), read by index newest first, so an entity in thousands of articles opens as fast as a rare one.
 */
export async function readEntityPage(
  db: MarginDB,
  asked: string,
  limits: { articles: number; highlights: number } = { articles: PAGE_ARTICLES, highlights: PAGE_HIGHLIGHTS },
): Promise<EntityPage | null> {
  return db.transaction('r', [db.entityCorrections, db.entities, db.entityArticles, db.entityHighlights, db.entityPairs, db.annotations], async () => {
    // Two waits, not five: the reads of one key go out with the reader's edits (most keys are merged
    // with nothing), and the highlights and the related names' rows go out together. Requests of one
    // transaction queue in IndexedDB without coming back to the page between them; on a busy machine
    // each return costs more than the reading itself.
    const [edits, first] = await Promise.all([readEntityEdits(db), readKey(db, asked, limits)]);
    const key = resolveKey(edits.merges, asked);
    const keys = keysOf(edits.merges, key);
    const read = await Promise.all(keys.map((k) => (k === asked ? Promise.resolve(first) : readKey(db, k, limits))));
    const summaries = read.map((r) => r.summary);
    const articleLists = read.map((r) => r.articles);
    const highlightLists = read.map((r) => r.highlights);
    const own = summaries[0] ?? summaries.find((s) => s);
    const anyArticle = articleLists.flat()[0];
    const anyHighlight = highlightLists.flat()[0];
    if (!own && !anyArticle && !anyHighlight && !edits.notes.has(key)) return null;
    // One entry per article: an article naming two merged entries counts their mentions together.
    const byArticle = new Map<string, EntityArticle>();
    keys.forEach((k, i) => {
      for (const row of articleLists[i]!) {
        const seen = byArticle.get(row.articleId);
        if (!seen) byArticle.set(row.articleId, { ...row, via: k });
        else byArticle.set(row.articleId, { ...seen, count: seen.count + row.count, forms: [...seen.forms, ...row.forms], first: seen.first || row.first });
      }
    });
    // Each list comes newest first from its index: one key's needs no sorting.
    const articles =
      keys.length === 1 ? [...byArticle.values()] : [...byArticle.values()].sort((x, y) => y.publishedAt - x.publishedAt).slice(0, limits.articles);
    const highlightIds = [
      ...new Set((keys.length === 1 ? highlightLists[0]! : highlightLists.flat().sort((x, y) => x.order - y.order)).map((r) => r.highlightId)),
    ].slice(0, limits.highlights);
    // Related names: counts summed over the merged entries, resolved through merges, itself left out.
    const related = new Map<string, number>();
    for (const p of read.flatMap((r) => r.pairs)) {
      const other = resolveKey(edits.merges, p.b);
      if (other !== key) related.set(other, (related.get(other) ?? 0) + p.n);
    }
    const top = [...related].sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1)).slice(0, RELATED);
    // Totals: from the summary, or for merged entries their articles counted once each (keys only).
    const [found, relatedRows, mergedArticles] = await Promise.all([
      db.annotations.bulkGet(highlightIds),
      db.entities.bulkGet(top.map(([k]) => k)),
      keys.length === 1 ? null : Promise.all(keys.map((k) => db.entityArticles.where('key').equals(k).primaryKeys())),
    ]);
    const highlights = found.filter((h): h is HighlightRecord => !!h);
    const totalArticles =
      mergedArticles === null
        ? Math.max(own?.articles ?? 0, articles.length)
        : new Set(mergedArticles.flat().map((id) => String(id).slice(String(id).indexOf(SEP) + 1))).size;
    const totalHighlights = summaries.reduce((n, s) => n + (s?.highlights ?? 0), 0);
    // Forms by how many articles write them.
    const formCounts = new Map<string, number>();
    for (const a of articles) for (const f of new Set(a.forms)) formCounts.set(f, (formCounts.get(f) ?? 0) + 1);
    const text = own?.text ?? anyArticle?.text ?? anyHighlight?.text ?? nameOf(key);
    const aliasSummaries = keys.slice(1).map((k, i) => ({ key: k, text: summaries[i + 1]?.text ?? nameOf(k), type: summaries[i + 1]?.type ?? kindOf(k) }));
    for (const alias of aliasSummaries) if (!formCounts.has(alias.text)) formCounts.set(alias.text, 0);
    const splits = keys.flatMap((k) => edits.splits.get(k) ?? []);
    const forms = [...formCounts]
      .filter(([f]) => f !== text && !splits.includes(f))
      .sort((x, y) => y[1] - x[1])
      .map(([f]) => f);
    return {
      key,
      type: own?.type ?? anyArticle?.type ?? anyHighlight?.type ?? kindOf(key),
      text,
      aliases: aliasSummaries,
      forms,
      splits,
      articles,
      totalArticles,
      highlights,
      totalHighlights: Math.max(totalHighlights, highlights.length),
      related: top.map(([k, n], i) => ({ key: k, n, type: relatedRows[i]?.type ?? kindOf(k), text: relatedRows[i]?.text ?? nameOf(k) })),
      note: edits.notes.get(key) ?? '',
    };
  });
}

/** What the page reads of one key, all at once: its summary, newest articles and highlights (by index), and the names most often beside it. */
async function readKey(db: MarginDB, k: string, limits: { articles: number; highlights: number }) {
  const [summary, articles, highlights, pairs] = await Promise.all([
    db.entities.get(k),
    db.entityArticles.where('[key+order]').between([k, -Infinity], [k, Infinity]).limit(limits.articles).toArray(),
    db.entityHighlights.where('[key+order]').between([k, -Infinity], [k, Infinity]).limit(limits.highlights).toArray(),
    db.entityPairs
      .where('[a+order]')
      .between([k, -Infinity], [k, Infinity])
      .limit(RELATED * 3)
      .toArray(),
  ]);
  return { summary, articles, highlights, pairs };
}

export type EntitySort = 'articles' | 'recent';

export interface EntityQuery {
  /** One kind, or every kind of name (people, organisations, places…: not dates or amounts). */
  kind?: EntityType;
  text?: string;
  sort: EntitySort;
  limit: number;
}

export interface EntityListRow extends EntitySummaryRow {
  /** Entries merged into this one. */
  aliases: string[];
}

/** How many rows a text filter reads at most before it sorts them. */
const TEXT_READ = 5000;
/** Rows read beyond a page, for entries merged into others (left out after they are read). */
const MERGED_SLACK = 16;

/**
 * The first `limit` rows of an ordered collection that pass `keep`, read in batches (one request
 * each) rather than row by row: a filter run by Dexie walks a cursor, one trip to the database per
 * row, and dates and amounts, left out of the view, are a good share of the rows.
 */
async function firstOfKind(
  slice: (offset: number, limit: number) => Promise<EntitySummaryRow[]>,
  keep: (r: EntitySummaryRow) => boolean,
  limit: number,
): Promise<EntitySummaryRow[]> {
  const out: EntitySummaryRow[] = [];
  for (let offset = 0, batch = limit * 2; out.length < limit; offset += batch, batch *= 2) {
    const rows = await slice(offset, batch);
    out.push(...rows.filter(keep));
    if (rows.length < batch) break;
  }
  return out.slice(0, limit);
}

/** The Entities view: one page of the entities across the library. */
export async function listEntities(db: MarginDB, q: EntityQuery): Promise<EntityListRow[]> {
  return db.transaction('r', [db.entityCorrections, db.entities, db.entityArticles], async () => {
    const field = q.sort === 'articles' ? 'rank' : 'since';
    const text = q.text?.normalize('NFC').trim().toLowerCase();
    const ofKind = (r: EntitySummaryRow) => (q.kind ? r.type === q.kind : pairable(r.type));
    // The rows go out with the reader's edits (one wait, not two); entries merged into others are
    // left out after, so a page reads MERGED_SLACK rows more, and again only if more were merged.
    // A text filter: the rows of the words index's range in one request (getAll; a distinct() walks a
    // cursor, one trip per row, three to five times slower at 5k articles), one per entity.
    const matching = async (words: string): Promise<EntitySummaryRow[]> => {
      const rows = await db.entities.where('words').startsWith(words).limit(TEXT_READ).toArray();
      return [...new Map(rows.map((r) => [r.key, r])).values()];
    };
    const read = (limit: number): Promise<EntitySummaryRow[]> => {
      if (text) return matching(text);
      if (q.kind) return db.entities.where(`[type+${field}]`).between([q.kind, -Infinity], [q.kind, Infinity]).limit(limit).toArray();
      return firstOfKind((offset, n) => db.entities.orderBy(field).offset(offset).limit(n).toArray(), ofKind, limit);
    };
    const [edits, first] = await Promise.all([readEntityEdits(db), read(q.limit + MERGED_SLACK)]);
    const merged = (r: EntitySummaryRow) => edits.merges.has(r.key) && resolveKey(edits.merges, r.key) !== r.key;
    const short = !text && first.length === q.limit + MERGED_SLACK && first.filter(merged).length > MERGED_SLACK;
    let rows = (short ? await read(q.limit + edits.merges.size) : first).filter((r) => ofKind(r) && !merged(r));
    if (text) rows.sort((x, y) => x[field] - y[field] || x.rank - y.rank || (x.key < y.key ? -1 : 1));
    rows = rows.slice(0, q.limit);
    // An entry with others merged into it counts the articles of all (each article once) and their highlights.
    return Promise.all(
      rows.map(async (r) => {
        const aliases = keysOf(edits.merges, r.key).slice(1);
        if (!aliases.length) return { ...r, aliases };
        const keys = [r.key, ...aliases];
        const [articleKeys, others] = await Promise.all([
          Promise.all(keys.map((k) => db.entityArticles.where('key').equals(k).primaryKeys())),
          db.entities.bulkGet(aliases),
        ]);
        const articleIds = new Set(articleKeys.flat().map((id) => String(id).slice(String(id).indexOf(SEP) + 1)));
        const lastAt = Math.max(r.lastAt, ...others.map((o) => o?.lastAt ?? 0));
        return { ...r, aliases, articles: articleIds.size, highlights: r.highlights + others.reduce((n, o) => n + (o?.highlights ?? 0), 0), lastAt };
      }),
    );
  });
}

/** How many names a library search shows above its hits. */
export const SEARCH_NAMES = 6;

/**
 * The names a library search finds (issue 24: the entity page is reached from search): the
 * entities whose name has a word starting with the query, most mentioned first, merges applied
 * — the Entities view's text filter. A Korean word with a particle (딥시크가, 이재용의) that
 * finds none is looked up without it.
 */
export async function findEntities(db: MarginDB, query: string, limit = SEARCH_NAMES): Promise<EntityListRow[]> {
  const text = query.normalize('NFC').replace(/\s+/g, ' ').trim();
  if (!text) return [];
  const found = await listEntities(db, { text, sort: 'articles', limit });
  if (found.length || /\s/.test(text)) return found;
  const { stem, particle } = splitParticle(text);
  return particle && stem ? listEntities(db, { text: stem, sort: 'articles', limit }) : found;
}

/** Articles (ids) that mention an entity, merges applied: for the library's filter by entity. */
export async function entityArticleIds(db: MarginDB, key: string): Promise<string[]> {
  const edits = await readEntityEdits(db);
  const keys = keysOf(edits.merges, resolveKey(edits.merges, key));
  const lists = await Promise.all(keys.map((k) => db.entityArticles.where('key').equals(k).toArray()));
  return [...new Set(lists.flat().map((r: EntityArticleRow) => r.articleId))];
}

// --- Writing the reader's merges, splits and notes -----------------------------------------

async function putEdit(
  db: MarginDB,
  text: string,
  fields: Omit<EntityCorrectionRecord, 'id' | 'text' | 'createdAt' | 'updatedAt'>,
  now: number,
): Promise<EntityCorrectionRecord> {
  return db.transaction('rw', db.entityCorrections, async () => {
    const existing = await db.entityCorrections.where('text').equals(text).first();
    const record: EntityCorrectionRecord = { id: existing?.id ?? newId(), text, ...fields, createdAt: existing?.createdAt ?? now, updatedAt: now };
    await db.entityCorrections.put(record);
    return record;
  });
}

const removeEdit = (db: MarginDB, text: string) => db.entityCorrections.where('text').equals(text).delete();

/** The reader says `key` is the same entity as `into`: its articles, highlights and names join `into`'s everywhere. */
export async function mergeEntity(db: MarginDB, key: string, into: string, now = Date.now()): Promise<void> {
  const edits = await readEntityEdits(db);
  const root = resolveKey(edits.merges, into);
  if (root === key || key === into) throw new Error('An entity cannot be merged into itself');
  await putEdit(db, MERGE_PREFIX + key, { action: 'merge', key, into: root }, now);
}

/** Undo a merge: `key` is its own entity again. */
export async function unmergeEntity(db: MarginDB, key: string): Promise<void> {
  await removeEdit(db, MERGE_PREFIX + key);
}

/** The reader says a form the recogniser joined to `key` (a short form, a variant) is not that entity. */
export async function splitForm(db: MarginDB, key: string, form: string, now = Date.now()): Promise<void> {
  await putEdit(db, `${SPLIT_PREFIX}${key}${SEP}${form}`, { action: 'split', key, form }, now);
}

export async function unsplitForm(db: MarginDB, key: string, form: string): Promise<void> {
  await removeEdit(db, `${SPLIT_PREFIX}${key}${SEP}${form}`);
}

/** The reader's note about an entity (empty: none). */
export async function setEntityNote(db: MarginDB, key: string, note: string, now = Date.now()): Promise<void> {
  const text = note.replace(/\r\n?/g, '\n').slice(0, MAX_ENTITY_NOTE);
  if (!text.trim()) await removeEdit(db, NOTE_PREFIX + key);
  else await putEdit(db, NOTE_PREFIX + key, { action: 'note', key, note: text }, now);
}
