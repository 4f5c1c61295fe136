import type { NormalizedUrl } from './url';

/** What the extractor returns for one page: plain data, safe to pass in messages. */
export interface Article {
  /** Normalised URL: no fragment, no tracking parameters (see utils/url.ts). */
  url: NormalizedUrl;
  title: string;
  byline: string | null;
  siteName: string | null;
  /** BCP 47 language tag of the article text, e.g. "ko" or "en-GB". */
  lang: string | null;
  /** ISO 8601, with the offset the page gave (or +09:00 for Korean pages that give none). */
  publishedTime: string | null;
  excerpt: string | null;
  /** Extracted HTML. Untrusted: every extension page sanitises it before rendering. */
  contentHtml: string;
  /** The text of contentHtml exactly as its text nodes concatenate (blocks separated by "\n"). */
  textContent: string;
  /**
   * The page's address as the reader first saved it, when it differs from `url` (tracking
   * parameters, a #fragment): exports that name the page (Readwise CSV) give it as saved.
   */
  savedUrl?: string;
}

/** An article as stored on the device. Times are epoch milliseconds. */
export interface ArticleRecord extends Article {
  id: string;
  savedAt: number;
  updatedAt: number;
}

/** Whether an article is a stored record (it has an id) or only extracted. */
export const isRecord = (article: Article | ArticleRecord): article is ArticleRecord => 'id' in article;

export const ARTICLE_FIELDS = [
  'url',
  'title',
  'byline',
  'siteName',
  'lang',
  'publishedTime',
  'excerpt',
  'contentHtml',
  'textContent',
] as const satisfies readonly (keyof Article)[];
