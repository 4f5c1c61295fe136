import type { Selectors } from '../anchoring';
import type { EntityType } from '../entities/types';
import { assertShape } from '../limits';
import { normalizeUrl, type NormalizedUrl } from '../url';
import { newId } from './articles';
import { HIGHLIGHT_COLORS, type HighlightRecord, type HighlightColor, type ImportedExtras, type MarginDB } from './schema';

export interface NewHighlight {
  articleId: string;
  url: string;
  selectors: Selectors;
  color: HighlightColor;
  note?: string;
  tags?: string[];
  entities?: { text: string; type: EntityType }[];
}

/**
 * What a highlight record is built from: what only the caller knows (id, article, where it is,
 * when it was made); everything else has a default. `quote` is always the selector's exact text.
 */
export interface HighlightInit {
  id: string;
  articleId: string;
  url: NormalizedUrl;
  selectors: Selectors;
  createdAt: number;
  /** Default 'yellow'. */
  color?: HighlightColor;
  /** Default ''. */
  note?: string;
  /** Default none; stored as given (the repository cleans them, an import keeps them as written). */
  tags?: string[];
  /** Default none. */
  entities?: { text: string; type: EntityType }[];
  /** Default `createdAt`. */
  updatedAt?: number;
  /** Default false. */
  orphaned?: boolean;
  /** Absent unless given. */
  imported?: ImportedExtras | undefined;
}

/**
 * Every field of HighlightRecord, once. `Record<keyof HighlightRecord, true>` fails tsc when a
 * field is added to the record and not here; newHighlightRecord's `Complete` literal fails when
 * the builder does not set it — so a new field cannot be forgotten by the repository, the import
 * or any other place that makes records (they all go through newHighlightRecord).
 */
export const HIGHLIGHT_FIELDS: Readonly<Record<keyof HighlightRecord, true>> = {
  id: true,
  articleId: true,
  url: true,
  selectors: true,
  quote: true,
  color: true,
  note: true,
  tags: true,
  entities: true,
  createdAt: true,
  updatedAt: true,
  orphaned: true,
  imported: true,
};

/** Each field of T required, though it may hold undefined: an object literal of this type must name every field. */
type Complete<T> = { [K in keyof Required<T>]: T[K] | undefined };

/** A complete highlight record from the caller's fields and defaults for the rest (see HighlightInit). */
export function newHighlightRecord(init: HighlightInit): HighlightRecord {
  const record: Complete<HighlightRecord> & HighlightRecord = {
    id: init.id,
    articleId: init.articleId,
    url: init.url,
    selectors: init.selectors,
    quote: init.selectors.quote.exact,
    color: init.color ?? 'yellow',
    note: init.note ?? '',
    tags: init.tags ?? [],
    entities: init.entities ?? [],
    createdAt: init.createdAt,
    updatedAt: init.updatedAt ?? init.createdAt,
    orphaned: init.orphaned ?? false,
    imported: init.imported,
  };
  // An optional field not given is left out, not stored as undefined (IndexedDB and sync would keep the key).
  if (record.imported === undefined) delete (record as HighlightRecord).imported;
  return record;
}

export type HighlightPatch = Partial<Pick<HighlightRecord, 'color' | 'note' | 'tags' | 'orphaned'>>;

export const MAX_NOTE = 200_000;

/**
 * What an edit was based on: the record's `updatedAt` as the editor last saw it, and the
 * values it saw of the fields the patch changes. With it, a stale editor (a library card
 * opened before the popup changed the note) never overwrites another page's edit.
 */
export interface PatchBase {
  updatedAt: number;
  color?: HighlightColor;
  note?: string;
  tags?: string[];
}

/** How an edit went: saved (merged with edits made meanwhile), refused, or failed. */
export type EditOutcome =
  | { status: 'saved'; record: HighlightRecord; merged: boolean }
  /** Another page changed these fields since `base`: nothing was written; `record` is as it is now. */
  | { status: 'conflict'; record: HighlightRecord; fields: ('color' | 'note')[] }
  /** The highlight was deleted meanwhile (in another page). */
  | { status: 'gone' }
  /** The disk (or the browser's quota) is full: nothing was written. */
  | { status: 'full' }
  | { status: 'failed'; reason: string };

const sameTags = (a: readonly string[], b: readonly string[]) => a.join('\u0000') === b.join('\u0000');

/**
 * Three-way merge of a patch made against `base` onto the record as it is now. Tags merge
 * as sets (what the editor added and removed is applied to the current list); colour and
 * note take the editor's value when nobody else changed them (or changed them to the same
 * value), and are a conflict otherwise.
 */
export function mergePatch(
  current: HighlightRecord,
  patch: HighlightPatch,
  base: PatchBase | undefined,
): { patch: HighlightPatch; conflicts: ('color' | 'note')[] } {
  if (!base || base.updatedAt === current.updatedAt) return { patch, conflicts: [] };
  const merged: HighlightPatch = { ...patch };
  const conflicts: ('color' | 'note')[] = [];
  for (const field of ['color', 'note'] as const) {
    const wanted = patch[field];
    if (wanted === undefined) continue;
    const seen = base[field];
    // An editor that does not say what it saw cannot prove it is not stale.
    if (current[field] !== wanted && (seen === undefined || current[field] !== seen)) conflicts.push(field);
  }
  if (patch.tags !== undefined) {
    const seen = base.tags ?? current.tags;
    const key = (t: string) => t.toLowerCase();
    const added = patch.tags.filter((t) => !seen.some((s) => key(s) === key(t)));
    const removed = new Set(seen.filter((s) => !patch.tags!.some((t) => key(s) === key(t))).map(key));
    merged.tags = [...current.tags.filter((t) => !removed.has(key(t))), ...added];
  }
  return { patch: merged, conflicts };
}

/** Tags as the reader means them: trimmed, no leading #, no empty or repeated ones. */
export function cleanTags(tags: readonly string[]): string[] {
  const out: string[] = [];
  for (const raw of tags) {
    const tag = raw.normalize('NFC').replace(/^#+/, '').replace(/\s+/g, ' ').trim();
    if (tag && !out.some((t) => t.toLowerCase() === tag.toLowerCase())) out.push(tag.slice(0, 80));
  }
  return out;
}

/**
 * Store highlights, in the caller's transaction or one of their own. Their search rows and their
 * articles' filters follow (index-keeper.ts); `new` records are added, which spares the keeper
 * reading what they replace.
 */
export async function putHighlights(db: MarginDB, records: HighlightRecord[], known: 'new' | 'maybe-indexed' = 'maybe-indexed'): Promise<void> {
  // Every highlight a page, a message or an import writes passes the one shape guard (issue 21):
  // a record nested too deep or too large would break every later read of it, sync's included.
  for (const record of records)
    assertShape(record, `highlight ${String(record.id).slice(0, 60)}${record.quote ? ` “${String(record.quote).slice(0, 40)}”` : ''}`);
  if (known === 'new') await db.annotations.bulkAdd(records);
  else await db.annotations.bulkPut(records);
}

function checkColor(color: string): HighlightColor {
  if (!(HIGHLIGHT_COLORS as readonly string[]).includes(color)) throw new Error(`Unknown highlight colour: ${color}`);
  return color as HighlightColor;
}

function checkNote(note: string): string {
  if (note.length > MAX_NOTE) throw new Error(`A note is limited to ${MAX_NOTE} characters`);
  return note;
}

/**
 * Highlights and notes. Every change is a patch applied inside a transaction to the
 * record as it is then, so writers that do not see each other (two tabs, the popup and
 * the library) never undo one another's edits.
 */
export class HighlightRepository {
  constructor(
    private readonly db: MarginDB,
    private readonly now: () => number = Date.now,
  ) {}

  async create(input: NewHighlight): Promise<HighlightRecord> {
    const record = newHighlightRecord({
      id: newId(),
      articleId: input.articleId,
      url: normalizeUrl(input.url),
      selectors: input.selectors,
      color: checkColor(input.color),
      note: checkNote(input.note ?? ''),
      tags: cleanTags(input.tags ?? []),
      entities: input.entities ?? [],
      createdAt: this.now(),
    });
    await this.db.transaction('rw', this.db.annotations, () => putHighlights(this.db, [record], 'new'));
    return record;
  }

  async update(id: string, patch: HighlightPatch): Promise<HighlightRecord> {
    return this.db.transaction('rw', this.db.annotations, async () => {
      const current = await this.db.annotations.get(id);
      if (!current) throw new Error('This highlight no longer exists');
      return this.apply(current, patch);
    });
  }

  /**
   * An edit from a page that may be stale: the patch is merged field-wise with what other
   * pages wrote since `base` (see mergePatch), or refused when they changed the same note
   * or colour. Answers an outcome instead of throwing, so every caller can say what happened.
   */
  async edit(id: string, patch: HighlightPatch, base?: PatchBase): Promise<EditOutcome> {
    return this.db.transaction('rw', this.db.annotations, async (): Promise<EditOutcome> => {
      const current = await this.db.annotations.get(id);
      if (!current) return { status: 'gone' };
      const merge = mergePatch(current, patch, base);
      if (merge.conflicts.length) return { status: 'conflict', record: current, fields: merge.conflicts };
      const record = await this.apply(current, merge.patch);
      return { status: 'saved', record, merged: !!base && base.updatedAt !== current.updatedAt };
    });
  }

  /** Apply a patch to the record as it is (inside the caller's transaction). */
  private async apply(current: HighlightRecord, patch: HighlightPatch): Promise<HighlightRecord> {
    const next: HighlightRecord = { ...current };
    if (patch.color !== undefined) next.color = checkColor(patch.color);
    if (patch.note !== undefined) next.note = checkNote(patch.note);
    if (patch.tags !== undefined) next.tags = cleanTags(patch.tags);
    if (patch.orphaned !== undefined) next.orphaned = patch.orphaned;
    const changed = next.color !== current.color || next.note !== current.note || next.orphaned !== current.orphaned || !sameTags(next.tags, current.tags);
    if (!changed) return current;
    // Strictly later than the version it replaces, so a base version always tells two writes apart.
    if (patch.orphaned === undefined || patch.color !== undefined || patch.note !== undefined || patch.tags !== undefined)
      next.updatedAt = Math.max(this.now(), current.updatedAt + 1);
    await putHighlights(this.db, [next]);
    return next;
  }

  /** Delete, answering the record so the reader can undo. */
  async remove(id: string): Promise<HighlightRecord | undefined> {
    return this.db.transaction('rw', this.db.annotations, async () => {
      const record = await this.db.annotations.get(id);
      if (!record) return undefined;
      await this.db.annotations.delete(id);
      return record;
    });
  }

  /** Put a deleted highlight back exactly as it was. */
  async restore(record: HighlightRecord): Promise<HighlightRecord> {
    await this.db.transaction('rw', this.db.annotations, () => putHighlights(this.db, [record]));
    return record;
  }

  async forArticle(articleId: string): Promise<HighlightRecord[]> {
    return this.db.annotations.where('articleId').equals(articleId).sortBy('createdAt');
  }

  async forUrl(url: string): Promise<HighlightRecord[]> {
    return this.db.annotations.where('url').equals(normalizeUrl(url)).sortBy('createdAt');
  }
}

/** Highlights in the order of the article's text, orphaned ones (no longer in it) last. */
export function readingOrder(x: HighlightRecord, y: HighlightRecord): number {
  return (
    Number(x.orphaned) - Number(y.orphaned) ||
    (x.selectors.position?.start ?? Infinity) - (y.selectors.position?.start ?? Infinity) ||
    0 ||
    x.createdAt - y.createdAt
  );
}
