import type { Selectors } from '../anchoring';
import type { EntityType } from '../entities/types';
import { normalizeUrl } from '../url';
import { newId, refreshFacets } from './articles';
import { annotationSearchRow, searchRef, unindex, writeSearchRows } from './search-index';
import { HIGHLIGHT_COLORS, type AnnotationRecord, type HighlightColor, type MarginDB } from './schema';

export interface NewAnnotation {
  articleId: string;
  url: string;
  selectors: Selectors;
  color: HighlightColor;
  note?: string;
  tags?: string[];
  entities?: { text: string; type: EntityType }[];
}

export type AnnotationPatch = Partial<Pick<AnnotationRecord, 'color' | 'note' | 'tags' | 'orphaned'>>;

export const MAX_NOTE = 200_000;

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
 * Store highlights with their search rows and their articles' filters, in the caller's
 * transaction (which must cover annotations, search and articles).
 */
export async function putAnnotations(db: MarginDB, records: AnnotationRecord[], known: 'new' | 'maybe-indexed' = 'maybe-indexed'): Promise<void> {
  await db.annotations.bulkPut(records);
  await writeSearchRows(db, records.map(annotationSearchRow), known);
  await refreshFacets(db, records.map((r) => r.articleId));
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
export class AnnotationRepository {
  constructor(
    private readonly db: MarginDB,
    private readonly now: () => number = Date.now,
  ) {}

  async create(input: NewAnnotation): Promise<AnnotationRecord> {
    const time = this.now();
    const record: AnnotationRecord = {
      id: newId(),
      articleId: input.articleId,
      url: normalizeUrl(input.url),
      selectors: input.selectors,
      quote: input.selectors.quote.exact,
      color: checkColor(input.color),
      note: checkNote(input.note ?? ''),
      tags: cleanTags(input.tags ?? []),
      entities: input.entities ?? [],
      createdAt: time,
      updatedAt: time,
      orphaned: false,
    };
    await this.db.transaction('rw', [this.db.annotations, this.db.search, this.db.articles], () => putAnnotations(this.db, [record], 'new'));
    return record;
  }

  async update(id: string, patch: AnnotationPatch): Promise<AnnotationRecord> {
    return this.db.transaction('rw', [this.db.annotations, this.db.search, this.db.articles], async () => {
      const current = await this.db.annotations.get(id);
      if (!current) throw new Error('This highlight no longer exists');
      const next: AnnotationRecord = { ...current };
      if (patch.color !== undefined) next.color = checkColor(patch.color);
      if (patch.note !== undefined) next.note = checkNote(patch.note);
      if (patch.tags !== undefined) next.tags = cleanTags(patch.tags);
      if (patch.orphaned !== undefined) next.orphaned = patch.orphaned;
      const changed = next.color !== current.color || next.note !== current.note || next.orphaned !== current.orphaned || next.tags.join('\u0000') !== current.tags.join('\u0000');
      if (!changed) return current;
      if (patch.orphaned === undefined || patch.color !== undefined || patch.note !== undefined || patch.tags !== undefined) next.updatedAt = this.now();
      await putAnnotations(this.db, [next]);
      return next;
    });
  }

  /** Delete, answering the record so the reader can undo. */
  async remove(id: string): Promise<AnnotationRecord | undefined> {
    return this.db.transaction('rw', [this.db.annotations, this.db.search, this.db.articles], async () => {
      const record = await this.db.annotations.get(id);
      if (!record) return undefined;
      await this.db.annotations.delete(id);
      await unindex(this.db, [searchRef('a', id)]);
      await refreshFacets(this.db, [record.articleId]);
      return record;
    });
  }

  /** Put a deleted highlight back exactly as it was. */
  async restore(record: AnnotationRecord): Promise<AnnotationRecord> {
    await this.db.transaction('rw', [this.db.annotations, this.db.search, this.db.articles], () => putAnnotations(this.db, [record]));
    return record;
  }

  async forArticle(articleId: string): Promise<AnnotationRecord[]> {
    return this.db.annotations.where('articleId').equals(articleId).sortBy('createdAt');
  }

  async forUrl(url: string): Promise<AnnotationRecord[]> {
    return this.db.annotations.where('url').equals(normalizeUrl(url)).sortBy('createdAt');
  }
}
