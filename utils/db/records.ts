import type { Article, ArticleRecord } from '../article';
import type { Selectors } from '../anchoring';
import type { NormalizedUrl } from '../url';
import { HIGHLIGHT_COLORS, type HighlightColor } from '../colors';
import { entityKey, type EntityType } from '../entities/types';

/*
 * The records Margin keeps (CODE-NOTES improvement 2): their types, apart from the database that
 * stores them (schema.ts), so that the modules MarginDB is built from (index-keeper.ts,
 * search-index.ts) read these without importing the database — no import cycle.
 */

export { HIGHLIGHT_COLORS, type HighlightColor };
export { entityKey };

/**
 * A highlight, with the reader's note and tags, anchored to its article's text.
 *
 * In code the stored record is a *highlight* (HighlightRecord, HighlightRepository in highlights.ts);
 * "annotation" names only the W3C/Hypothesis format (utils/export). Its Dexie table is still called
 * `annotations` (MarginDB.annotations), as are the trash's `annotations` field and the sync outbox's
 * `annotations:<id>` keys: those names are on disk in every reader's IndexedDB and in the documents
 * other devices sync, so renaming them would need a data migration and would break sync with devices
 * that have not updated. Keep them.
 */
export interface HighlightRecord {
  id: string;
  articleId: string;
  /** The article's normalised URL, so the live page can ask for its highlights. */
  url: NormalizedUrl;
  selectors: Selectors;
  /** The highlighted text (= selectors.quote.exact), kept for search and export. */
  quote: string;
  color: HighlightColor;
  /** Plain text, never HTML. */
  note: string;
  tags: string[];
  /** Entities inside the highlight when it was made. */
  entities: { text: string; type: EntityType }[];
  createdAt: number;
  updatedAt: number;
  /** Its text could not be found in the article any more: shown apart, never dropped. */
  orphaned: boolean;
  /** Only on highlights imported from other tools: what the file said that Margin does not use itself. */
  imported?: ImportedExtras;
}

/**
 * What an imported annotation carried beyond Margin's own fields, kept as written so that
 * an export gives it back (utils/export/jsonld.ts) and nothing of the file is lost.
 */
export interface ImportedExtras {
  /** The annotation's id in the file, when it was not a Margin (UUID) id. */
  id?: string;
  /** The target's source as written, when it differs from `url` (tracking parameters, a #fragment, `{id: …}`). */
  source?: unknown;
  /** Selectors other than the text quote and position Margin reads (a PDF page, a CSS selector…), as written. */
  selectors?: unknown[];
  /** The position as written, in code points, while the article has no text to convert it with. */
  position?: { start: number; end: number };
  /** Further targets, as written. */
  targets?: unknown[];
  /** The whole `target` as written, when the quote came from one item of a Choice or a set of targets: given back instead of Margin's own. */
  target?: unknown;
  /** The anchoring target's properties besides `source` and `selector` (type, state, styleClass, scope…), as written. */
  targetProperties?: Record<string, unknown>;
  /** The annotation's properties that Margin has no field for (creator, generator, rights, canonical, audience, stylesheet…), as written. */
  properties?: Record<string, unknown>;
  /** The bodies as written (a Choice, a link, a language), given back while note and tags are as imported. */
  body?: unknown;
  /** The file gave its note as `bodyValue`: given back so while note and tags are as imported. */
  bodyValue?: true;
  /**
   * The note as imported: whether the reader has changed it since (bodies given back as written
   * only while not), and whether a file imported again says anything new (an unchanged file's
   * note never comes back as a conflict with the reader's edit).
   */
  note?: string;
  /** The tags as imported, with `body`. */
  tags?: string[];
  motivation?: unknown;
  /** `type` as written, when it is more than "Annotation" (["Annotation", "oa:Annotation"]). */
  type?: unknown;
  /** `created` and `modified` as written, when Margin would write them otherwise (microseconds, an offset, no time zone). */
  created?: string;
  modified?: string;
  /** The quote was scoped (inside a `refinedBy`, or refined itself): written only as it came, never also at top level. */
  quoteScoped?: true;
  /** The file gave no creation time: `createdAt` is when it was imported, and no `created` is exported. */
  undated?: true;
}

/** The names an article mentions (from the reader's last visit), with counts. */
export interface ArticleEntity {
  text: string;
  type: EntityType;
  count: number;
}

/**
 * An article's row: its metadata and what the library filters and searches by. The body
 * (contentHtml, textContent) lives in `bodies`, so lists of thousands of articles never
 * load megabytes of HTML.
 */
export type ArticleRow = Omit<ArticleRecord, 'contentHtml' | 'textContent'> & {
  /** Published time in ms (saved time when the page gave none): the library sorts by it. */
  publishedAt: number;
  entities: ArticleEntity[];
  /**
   * What the library filters by, for the article and its highlights together:
   * 't:' + tag, 'c:' + colour, 'e:' + entity key. Derived, never written by hand: the index
   * keeper (index-keeper.ts) sets it on every write of the article and rewrites it whenever one of
   * its highlights changes, so a filter is one index read however large the library.
   */
  facets: string[];
};

export interface ArticleBody {
  id: string;
  contentHtml: string;
  textContent: string;
}

/**
 * One searchable record (an article's title line, its body, or a highlight) in the search index.
 * The key starts with the record's time counted backwards, so the index's entries for a
 * term come newest first and a search reads only as many records as it shows.
 */
export interface SearchRow {
  key: string;
  /** 'a' + highlight id, 't' + article id (title and names) or 'b' + article id (body). */
  ref: string;
  terms: string[];
}

/** The time the library sorts "by date published" with. */
export function publishedAt(a: Pick<Article, 'publishedTime'> & { savedAt: number }): number {
  const time = a.publishedTime ? Date.parse(a.publishedTime) : NaN;
  return Number.isFinite(time) ? time : a.savedAt;
}

/**
 * A deleted article with its body and highlights, kept in the trash for TRASH_DAYS so that
 * deleting stays undoable after the toast is gone (utils/db/trash.ts).
 */
export interface TrashRecord {
  /** The article's id. */
  id: string;
  deletedAt: number;
  title: string;
  url: string;
  row: ArticleRow;
  body: ArticleBody | undefined;
  /** The article's highlights (stored under this name: see HighlightRecord). */
  annotations: HighlightRecord[];
}

/**
 * What sync keeps of each document (issue 21): the version this device last had — its counter
 * and a fingerprint of its content, so that an older version the server puts back is recognised —
 * and, since sync pulls straight into these tables (no mirror database), what the protocol needs
 * to write the next version: the server's revision, a digest of the record as it was, and for a
 * highlight the per-field times and note history its merge rule reads (utils/sync/records.ts).
 */
export interface SyncSeenRow {
  /** The document id ('a:…', 'r:…', 'b:…', 'c:…', 's:…'). */
  id: string;
  n: number;
  h: string;
  /** The server's revision of that version (absent in rows written before sync pulled into Dexie). */
  rev?: string;
  /** A digest of the record that version carried: equal, the record has nothing new to send. */
  r?: string;
  /** That version was a deletion. */
  d?: true;
  /** The server holds a version that is not this one (a replay, a forged deletion): this device's is written over it. */
  stale?: true;
  /** A highlight's colour, note and tags digests, per-field times and note history as that version had them. */
  base?: { c: string; nt: string; tg: string; t: { color: number; note: number; tags: number }; nh: string[] };
}

/** Small settings kept with the data. */
export interface SettingRecord {
  key: string;
  value: unknown;
}

/** What a correction record does: the recogniser's corrections, then the entity explorer's edits. */
export const CORRECTION_ACTIONS = ['remove', 'set', 'merge', 'split', 'note'] as const;

/**
 * A reader's correction of the entity recogniser; applies to every article.
 *
 * 'remove' and 'set' correct the recogniser (`text` is the name as written). The entity explorer
 * (issue 24) keeps its records in the same table, so that export, import and sync carry them
 * alike; their `text` is a unique handle, never a name the recogniser reads:
 * - 'merge' ("merge:" + key): the entity `key` is the same as `into` (both entity keys);
 * - 'split' ("split:" + key + "\u0000" + form): the form `form` is not the entity `key`
 *   (undoes the recogniser's join of a short form or a variant with a fuller name);
 * - 'note' ("note:" + key): the reader's note about the entity `key`.
 */
export interface EntityCorrectionRecord {
  id: string;
  /** The name as written (NFC, white space collapsed); unique. */
  text: string;
  action: (typeof CORRECTION_ACTIONS)[number];
  type?: EntityType;
  /** merge, split, note: the entity (entityKey) the record is about. */
  key?: string;
  /** merge: the entity it is merged into. */
  into?: string;
  /** split: the form that is not this entity. */
  form?: string;
  /** note: plain text. */
  note?: string;
  createdAt: number;
  updatedAt: number;
}
