import type { ArticleRecord } from '../article';
import type { HighlightRecord, ArticleEntity, EntityCorrectionRecord } from '../db/schema';
import { groupBy } from '../collections';
import { readingOrder } from '../db/highlights';

/** Everything Margin keeps, as exported and imported. */
export interface MarginData {
  articles: (ArticleRecord & { entities?: ArticleEntity[] })[];
  annotations: HighlightRecord[];
  corrections: EntityCorrectionRecord[];
}

/** A file to download. */
export interface ExportFile {
  name: string;
  type: string;
  data: string | Uint8Array;
}

/**
 * Margin's JSON format. 2: TextPositionSelector offsets in code points, as W3C counts them
 * (1 counted UTF-16 units and wrote 0–0 for "no position"); both are read.
 */
export const FORMAT_VERSION = 2;
export const READABLE_VERSIONS: readonly number[] = [1, 2];
export const MARGIN_NS = 'https://margin-reader.app/ns/';
export const ANNO_CONTEXT = 'http://www.w3.org/ns/anno.jsonld';

/** Highlights of each article, in reading order (orphaned ones last), articles newest first. */
export function byArticle(data: MarginData): { article: MarginData['articles'][number]; annotations: HighlightRecord[] }[] {
  const groups = groupBy(data.annotations, (a) => a.articleId);
  return [...data.articles]
    .sort((a, b) => b.savedAt - a.savedAt)
    .map((article) => ({
      article,
      annotations: (groups.get(article.id) ?? []).sort(readingOrder),
    }));
}

const iso = (ms: number) => new Date(ms).toISOString();
export { iso };
