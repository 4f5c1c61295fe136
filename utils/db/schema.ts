import Dexie, { type DexieOptions, type EntityTable } from 'dexie';
import type { ArticleRecord } from '../article';
import type { EntityType } from '../entities/types';

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
 * Margin's database. Lives in the extension's origin; only the background writes it
 * (content scripts run in the page's origin and never open it). Every schema change is
 * a new version; tests/unit/db-upgrade.test.ts opens databases of every older version.
 */
export class MarginDB extends Dexie {
  articles!: EntityTable<ArticleRecord, 'id'>;
  entityCorrections!: EntityTable<EntityCorrectionRecord, 'id'>;

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
  }
}
