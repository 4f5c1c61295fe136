import Dexie, { type DexieOptions, type EntityTable } from 'dexie';
import type { Article, ArticleRecord } from '../article';
import { groupBy } from '../collections';
import { HIGHLIGHT_COLORS, type HighlightColor } from '../colors';
import { articleSearchRow, highlightSearchRow, bodySearchRow } from './search-index';
import type { Selectors } from '../anchoring';
import { entityKey, type EntityType } from '../entities/types';
import { OUTBOX, outboxMiddleware, type OutboxRow } from './outbox';
import { articleFacets, indexKeeper } from './index-keeper';

export { HIGHLIGHT_COLORS, type HighlightColor };

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
  url: string;
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
  /** The note and tags as imported, to tell whether the reader has changed them since. */
  note?: string;
  tags?: string[];
  motivation?: unknown;
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

/** What an article is filtered by (see ArticleRow.facets): kept by the index keeper (index-keeper.ts). */
export { articleFacets };

export { entityKey };

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
 * The version of each synced document this device last had (issue 21): its counter and a
 * fingerprint of its content, so that an older version the server puts back is recognised.
 */
export interface SyncSeenRow {
  /** The document id ('a:…', 'r:…', 'b:…'). */
  id: string;
  n: number;
  h: string;
}

/** Small settings kept with the data. */
export interface SettingRecord {
  key: string;
  value: unknown;
}

export const DB_NAME = 'margin';

/** A reader's correction of the entity recogniser; applies to every article. */
export interface EntityCorrectionRecord {
  id: string;
  /** The name as written (NFC, white space collapsed); unique. */
  text: string;
  action: 'remove' | 'set';
  type?: EntityType;
  createdAt: number;
  updatedAt: number;
}

/**
 * Margin's database. Lives in the extension's origin, shared by the background (which
 * writes for the popup and the page) and the library page; content scripts run in the
 * page's origin and never open it. Every schema change is
 * a new version; tests/unit/db-upgrade.test.ts opens databases of every older version.
 */
export class MarginDB extends Dexie {
  articles!: EntityTable<ArticleRow, 'id'>;
  bodies!: EntityTable<ArticleBody, 'id'>;
  entityCorrections!: EntityTable<EntityCorrectionRecord, 'id'>;
  /** The highlights. The table keeps its first name, `annotations`: renaming it means a data migration and breaks sync (see HighlightRecord). */
  annotations!: EntityTable<HighlightRecord, 'id'>;
  search!: EntityTable<SearchRow, 'key'>;
  /** The search index of article bodies (search-index.ts): apart, so titles and notes are searched without wading through text. */
  bodySearch!: EntityTable<SearchRow, 'key'>;
  settings!: EntityTable<SettingRecord, 'key'>;
  trash!: EntityTable<TrashRecord, 'id'>;
  syncOutbox!: EntityTable<OutboxRow, 'key'>;
  syncSeen!: EntityTable<SyncSeenRow, 'id'>;

  constructor(name = DB_NAME, options?: DexieOptions) {
    super(name, options);
    // v1: articles, one record per normalised URL.
    this.version(1).stores({
      articles: 'id, &url, savedAt, updatedAt, siteName, publishedTime',
    });
    // v2: the reader's entity corrections.
    this.version(2).stores({
      entityCorrections: 'id, &text, updatedAt',
    });
    // v3: highlights and notes, and settings.
    this.version(3).stores({
      annotations: 'id, articleId, url, *tags, updatedAt, color, createdAt',
      settings: 'key',
    });
    // v4: the library — bodies apart from rows; a search index; filters (facets) and sort keys indexed.
    this.version(4)
      .stores({
        articles: 'id, &url, savedAt, siteName, publishedAt, *facets',
        bodies: 'id',
        // Colour and times are filtered through articles' facets and sorted in memory: no index to keep up.
        annotations: 'id, articleId, url, *tags',
        search: 'key, ref, *terms',
      })
      .upgrade(async (tx) => {
        const bodies: ArticleBody[] = [];
        const search: SearchRow[] = [];
        await tx
          .table('articles')
          .toCollection()
          .modify((row: ArticleRow & Partial<ArticleBody>) => {
            bodies.push({ id: row.id, contentHtml: row.contentHtml ?? '', textContent: row.textContent ?? '' });
            delete row.contentHtml;
            delete row.textContent;
            row.publishedAt = publishedAt(row);
            row.entities = [];
            row.facets = [];
            search.push(articleSearchRow(row));
          });
        await tx.table('bodies').bulkPut(bodies);
        const highlights: HighlightRecord[] = await tx.table('annotations').toArray();
        search.push(...highlights.map(highlightSearchRow));
        await tx.table('search').bulkPut(search);
        const byArticle = groupBy(highlights, (h) => h.articleId);
        await tx
          .table('articles')
          .toCollection()
          .modify((row: ArticleRow) => {
            row.facets = articleFacets(row.entities, byArticle.get(row.id) ?? []);
          });
      });
    // v5: deleted articles kept for some days (the trash).
    this.version(5).stores({
      trash: 'id, deletedAt',
    });
    // v6: search reaches article text (its own index table) and the names an article mentions (with the title).
    this.version(6)
      .stores({ bodySearch: 'key, ref, *terms' })
      .upgrade(async (tx) => {
        const rows = new Map<string, ArticleRow>();
        await tx
          .table('articles')
          .toCollection()
          .each((row: ArticleRow) => void rows.set(row.id, row));
        const bodies: SearchRow[] = [];
        await tx
          .table('bodies')
          .toCollection()
          .each((body: ArticleBody) => {
            const row = rows.get(body.id);
            if (row) bodies.push(bodySearchRow(row, body));
          });
        await tx.table('search').bulkPut([...rows.values()].map(articleSearchRow));
        await tx.table('bodySearch').bulkPut(bodies);
      });
    // sync (issue 10): the outbox of changed records, written by a middleware in each write's own transaction (utils/db/outbox.ts).
    this.version(7).stores({ [OUTBOX]: 'key' });
    // sync (issue 21): the version of each document this device last had, to refuse replays.
    this.version(8).stores({ syncSeen: 'id' });
    // Above the index keeper: the outbox records the caller's writes, not the keeper's (facets are not synced).
    this.use(outboxMiddleware);
    // The search index and the articles' facets, kept in every write's own transaction (index-keeper.ts).
    this.use(indexKeeper);
  }
}
