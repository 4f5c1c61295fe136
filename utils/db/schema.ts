import Dexie, { type DexieOptions, type EntityTable } from 'dexie';
import type { ArticleRecord } from '../article';
import type { Selectors } from '../anchoring';
import type { EntityType } from '../entities/types';

export const HIGHLIGHT_COLORS = ['yellow', 'green', 'blue', 'pink'] as const;
export type HighlightColor = (typeof HIGHLIGHT_COLORS)[number];

/** A highlight, with the reader's note and tags, anchored to its article's text. */
export interface AnnotationRecord {
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
 * Margin's database. Lives in the extension's origin; only the background writes it
 * (content scripts run in the page's origin and never open it). Every schema change is
 * a new version; tests/unit/db-upgrade.test.ts opens databases of every older version.
 */
export class MarginDB extends Dexie {
  articles!: EntityTable<ArticleRecord, 'id'>;
  entityCorrections!: EntityTable<EntityCorrectionRecord, 'id'>;
  annotations!: EntityTable<AnnotationRecord, 'id'>;
  settings!: EntityTable<SettingRecord, 'key'>;

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
  }
}
