import type { Article, ArticleRecord } from '../article';
import { ARTICLE_FIELDS } from '../article';
import { normalizeUrl } from '../url';
import type { MarginDB } from './schema';

export function newId(): string {
  return crypto.randomUUID();
}

export class ArticleRepository {
  constructor(
    private readonly db: MarginDB,
    private readonly now: () => number = Date.now,
  ) {}

  async getByUrl(url: string): Promise<ArticleRecord | undefined> {
    return this.db.articles.where('url').equals(normalizeUrl(url)).first();
  }

  async get(id: string): Promise<ArticleRecord | undefined> {
    return this.db.articles.get(id);
  }

  /**
   * Save an extracted article: a new record for a new URL, otherwise the existing record
   * brought up to date (same id, same savedAt) so that everything attached to it stays.
   */
  async save(article: Article): Promise<ArticleRecord> {
    const url = normalizeUrl(article.url);
    return this.db.transaction('rw', this.db.articles, async () => {
      const existing = await this.db.articles.where('url').equals(url).first();
      const time = this.now();
      const fields = Object.fromEntries(ARTICLE_FIELDS.map((key) => [key, article[key]])) as unknown as Article;
      const record: ArticleRecord = existing
        ? { ...existing, ...fields, url, updatedAt: time }
        : { ...fields, url, id: newId(), savedAt: time, updatedAt: time };
      await this.db.articles.put(record);
      return record;
    });
  }
}

/** IndexedDB reports a full disk as QuotaExceededError; Dexie keeps the name (also on .inner). */
export function isQuotaError(error: unknown): boolean {
  for (let e: any = error; e; e = e.inner) {
    if (e.name === 'QuotaExceededError' || e.name === 'NS_ERROR_DOM_QUOTA_REACHED') return true;
  }
  return false;
}
