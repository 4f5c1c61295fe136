import Dexie, { type DexieOptions, type EntityTable } from 'dexie';
import type { ArticleRecord } from '../article';

export const DB_NAME = 'margin';

/**
 * Margin's database. Lives in the extension's origin; only the background writes it
 * (content scripts run in the page's origin and never open it).
 */
export class MarginDB extends Dexie {
  articles!: EntityTable<ArticleRecord, 'id'>;

  constructor(name = DB_NAME, options?: DexieOptions) {
    super(name, options);
    this.version(1).stores({
      // url is unique: one record per normalised URL.
      articles: 'id, &url, savedAt, updatedAt, siteName, publishedTime',
    });
  }
}
