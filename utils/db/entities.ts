import type { EntityType } from '../entities/types';
import { ENTITY_EDIT_MAX } from '../limits';
import { newId } from './articles';
import { pairable, SEP, type EntityArticleRow, type EntityHighlightRow, type EntitySummaryRow } from './entity-index';
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
export const PAGE_ARTICLES = 200;
export const PAGE_HIGHLIGHTS = 100;

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
    const edits = await readEntityEdits(db);
    const key = resolveKey(edits.merges, asked);
    const keys = keysOf(edits.merges, key);
    const newest = (table: typeof db.entityArticles | typeof db.entityHighlights, k: string, n: number) =>
      table.where('[key+order]').between([k, -Infinity], [k, Infinity]).limit(n).toArray();
    const [summaries, articleLists, highlightLists, pairLists] = await Promise.all([
      db.entities.bulkGet(keys),
      Promise.all(keys.map((k) => newest(db.entityArticles, k, limits.articles) as Promise<EntityArticleRow[]>)),
      Promise.all(keys.map((k) => newest(db.entityHighlights, k, limits.highlights) as Promise<EntityHighlightRow[]>)),
      Promise.all(
        keys.map((k) =>
          db.entityPairs
            .where('[a+order]')
            .between([k, -Infinity], [k, Infinity])
            .limit(RELATED * 3)
            .toArray(),
        ),
      ),
    ]);
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
    const articles = [...byArticle.values()].sort((x, y) => y.publishedAt - x.publishedAt).slice(0, limits.articles);
    const highlightIds = [
      ...new Set(
        highlightLists
          .flat()
          .sort((x, y) => x.order - y.order)
          .map((r) => r.highlightId),
      ),
    ].slice(0, limits.highlights);
    const highlights = (await db.annotations.bulkGet(highlightIds)).filter((h): h is HighlightRecord => !!h);
    // Totals: from the summary, or for merged entries their articles counted once each (keys only).
    const totalArticles =
      keys.length === 1
        ? Math.max(own?.articles ?? 0, articles.length)
        : new Set(
            (await Promise.all(keys.map((k) => db.entityArticles.where('key').equals(k).primaryKeys())))
              .flat()
              .map((id) => String(id).slice(String(id).indexOf(SEP) + 1)),
          ).size;
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
    // Related names: counts summed over the merged entries, resolved through merges, itself left out.
    const related = new Map<string, number>();
    for (const p of pairLists.flat()) {
      const other = resolveKey(edits.merges, p.b);
      if (other !== key) related.set(other, (related.get(other) ?? 0) + p.n);
    }
    const top = [...related].sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1)).slice(0, RELATED);
    const relatedRows = await db.entities.bulkGet(top.map(([k]) => k));
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

/** The Entities view: one page of the entities across the library. */
export async function listEntities(db: MarginDB, q: EntityQuery): Promise<EntityListRow[]> {
  return db.transaction('r', [db.entityCorrections, db.entities, db.entityArticles], async () => {
    const edits = await readEntityEdits(db);
    const merged = (r: EntitySummaryRow) => edits.merges.has(r.key) && resolveKey(edits.merges, r.key) !== r.key;
    const wanted = (r: EntitySummaryRow) => (q.kind ? r.type === q.kind : pairable(r.type)) && !merged(r);
    const field = q.sort === 'articles' ? 'rank' : 'since';
    const text = q.text?.normalize('NFC').trim().toLowerCase();
    let rows: EntitySummaryRow[];
    if (text) {
      const found = await db.entities.where('words').startsWith(text).distinct().limit(TEXT_READ).toArray();
      rows = found.filter(wanted).sort((x, y) => x[field] - y[field] || x.rank - y.rank || (x.key < y.key ? -1 : 1));
    } else if (q.kind) {
      rows = await db.entities
        .where(`[type+${field}]`)
        .between([q.kind, -Infinity], [q.kind, Infinity])
        .filter((r) => !merged(r))
        .limit(q.limit)
        .toArray();
    } else {
      rows = await db.entities.orderBy(field).filter(wanted).limit(q.limit).toArray();
    }
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
