import Dexie, { type DexieOptions, type EntityTable } from 'dexie';
import { groupBy } from '../collections';
import { articleSearchRow, highlightSearchRow, bodySearchRow } from './search-index';
import { OUTBOX, outboxMiddleware, type OutboxRow } from './outbox';
import { articleFacets, indexKeeper } from './index-keeper';
import type { ArticleVersionRecord } from './versions';
import type { PhotoRecord, PhotoSetRecord } from './photos';
import type { IndexQueueRow } from './index-queue';
import {
  deriveEntityIndex,
  type EntityArticleRow,
  type EntityHighlightRow,
  type EntityMentionsRecord,
  type EntityPairRow,
  type EntitySummaryRow,
} from './entity-index';

import {
  publishedAt,
  type ArticleBody,
  type ArticleRow,
  type EntityCorrectionRecord,
  type HighlightRecord,
  type SearchRow,
  type SettingRecord,
  type SyncSeenRow,
  type TrashRecord,
} from './records';

/** The record types live in records.ts; importers of schema.ts keep finding them here. */
export * from './records';

/** What an article is filtered by (see ArticleRow.facets): kept by the index keeper (index-keeper.ts). */
export { articleFacets };

export const DB_NAME = 'margin';

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
  /** The entity index (entity-index.ts): the forms and first sentences a visit saw (input), and the rows derived by the index keeper. */
  entityMentions!: EntityTable<EntityMentionsRecord, 'id'>;
  entityArticles!: EntityTable<EntityArticleRow, 'id'>;
  entityHighlights!: EntityTable<EntityHighlightRow, 'id'>;
  entityPairs!: EntityTable<EntityPairRow, 'id'>;
  entities!: EntityTable<EntitySummaryRow, 'key'>;
  /** The earlier texts of articles that changed since they were saved (versions.ts). */
  articleVersions!: EntityTable<ArticleVersionRecord, 'id'>;
  syncSeen!: EntityTable<SyncSeenRow, 'id'>;
  /** The photos kept with saved copies, and one row per article of what they take (photos.ts): a device cache, never synced or exported. */
  photos!: EntityTable<PhotoRecord, 'id'>;
  photoSets!: EntityTable<PhotoSetRecord, 'articleId'>;
  /** Records of a bulk add whose derived rows wait to be written (index-queue.ts). */
  indexQueue!: EntityTable<IndexQueueRow, 'seq'>;

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
    // v8 (issue 24, the entity explorer): the entity index, kept by the index keeper; built here from the records there are.
    this.version(8)
      .stores({
        entityMentions: 'id',
        entityArticles: 'id, key, articleId, [key+order]',
        entityHighlights: 'id, key, highlightId, [key+order]',
        entityPairs: 'id, [a+order]',
        entities: 'key, rank, since, *words, [type+rank], [type+since]',
        // What changed since you highlighted it: the texts a revisit replaced (versions.ts).
        articleVersions: 'id, articleId',
      })
      .upgrade(async (tx) => {
        const index = deriveEntityIndex(await tx.table('articles').toArray(), [], await tx.table('annotations').toArray());
        await tx.table('entityArticles').bulkPut(index.entityArticles);
        await tx.table('entityHighlights').bulkPut(index.entityHighlights);
        await tx.table('entityPairs').bulkPut(index.entityPairs);
        await tx.table('entities').bulkPut(index.entities);
      });
    // v9 (issue 21, sync): the version of each document this device last had, to refuse replays.
    this.version(9).stores({ syncSeen: 'id' });
    // v10 (issue 22, photos offline): the photos kept with saved copies, and per article what they take and when it was last read.
    this.version(10).stores({ photos: 'id, articleId', photoSets: 'articleId, usedAt' });
    // v11 (issue 22, import speed): the records of a bulk add whose search, facet and entity rows are still to be derived.
    this.version(11).stores({ indexQueue: '++seq' });
    // Above the index keeper: the outbox records the caller's writes, not the keeper's (facets are not synced).
    this.use(outboxMiddleware);
    // The search index and the articles' facets, kept in every write's own transaction (index-keeper.ts).
    this.use(indexKeeper);
  }
}
