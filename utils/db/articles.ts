import type { Article, ArticleRecord } from '../article';
import { ARTICLE_FIELDS } from '../article';
import { normalizeUrl, type NormalizedUrl } from '../url';
import type { EntityMention } from './entity-index';
import { splitMentions, type RawEntity } from '../entities/mentions';
import { readSplits } from './entity-splits';
import { forgetVersions, keepReplacedVersion, moveVersions } from './versions';
import { publishedAt, type ArticleBody, type ArticleEntity, type ArticleRow, type MarginDB } from './schema';

/** An article row as another device sent it (sync): everything but the filters, which are counted here. */
export type ArrivedArticleRow = Omit<ArticleRow, 'facets'>;

export function newId(): string {
  return crypto.randomUUID();
}

/** The row and body of a record, and back. */
export function splitArticle(record: ArticleRecord, previous?: ArticleRow): { row: ArticleRow; body: ArticleBody } {
  const { contentHtml, textContent, ...meta } = record;
  const entities = previous?.entities ?? (record as Partial<ArticleRow>).entities ?? [];
  return {
    // Facets are counted by the index keeper (index-keeper.ts) as the row is written.
    row: { ...meta, publishedAt: publishedAt(record), entities, facets: previous?.facets ?? [] },
    body: { id: record.id, contentHtml, textContent },
  };
}

export function joinArticle(row: ArticleRow, body: ArticleBody | undefined): ArticleRecord {
  const { publishedAt: _published, facets: _facets, entities: _entities, ...meta } = row;
  return { ...meta, contentHtml: body?.contentHtml ?? '', textContent: body?.textContent ?? '' };
}

/**
 * Articles, and their identity: one article per normalised URL. This is the one place that
 * looks an article up by its URL (saving, restoring from the trash, and sync joining the same
 * page saved on two devices all come here).
 */
export class ArticleRepository {
  constructor(
    private readonly db: MarginDB,
    private readonly now: () => number = Date.now,
  ) {}

  /** The row of the article at this URL, if one is saved. */
  rowAt(url: NormalizedUrl): Promise<ArticleRow | undefined> {
    return this.db.articles.where('url').equals(url).first();
  }

  async getByUrl(url: string): Promise<ArticleRecord | undefined> {
    return this.db.transaction('r', this.db.articles, this.db.bodies, async () => {
      const row = await this.rowAt(normalizeUrl(url));
      return row && joinArticle(row, await this.db.bodies.get(row.id));
    });
  }

  /**
   * The article a highlight that arrived by sync belongs to here: its own, or — when this device
   * keeps the same page under another id (saved on both devices) — that one.
   */
  async keptFor(articleId: string, url: NormalizedUrl): Promise<string> {
    if (await this.db.articles.get(articleId)) return articleId;
    return (await this.rowAt(url))?.id ?? articleId;
  }

  /**
   * Put an article row that arrived by sync; answers whether anything changed here. The same
   * page saved independently on two devices has two ids: the smaller id is kept everywhere, this
   * device's highlights move to it and its own row is deleted (so the other devices follow).
   */
  async putArrived(rec: ArrivedArticleRow, same: (here: ArticleRow) => boolean): Promise<boolean> {
    const db = this.db;
    return db.transaction('rw', [db.articles, db.bodies, db.annotations, db.articleVersions], async () => {
      const existing = await db.articles.get(rec.id);
      if (existing && same(existing)) return false;
      const twin = await this.rowAt(rec.url);
      if (twin && twin.id !== rec.id) {
        if (twin.id < rec.id) return false;
        const moved = (await db.annotations.where('articleId').equals(twin.id).toArray()).map((a) => ({ ...a, articleId: rec.id }));
        const body = await db.bodies.get(twin.id);
        await db.articles.delete(twin.id);
        await db.bodies.delete(twin.id);
        await db.articles.put({ ...rec, facets: [] });
        // The twin's text and its earlier versions (versions.ts) go together: moved, or forgotten with it.
        if (body && !(await db.bodies.get(rec.id))) {
          await db.bodies.put({ ...body, id: rec.id });
          await moveVersions(db, twin.id, rec.id);
        } else await forgetVersions(db, [twin.id]);
        await db.annotations.bulkPut(moved);
      } else {
        // A body that arrived before its article is indexed as the row is written (index-keeper.ts).
        await db.articles.put({ ...rec, facets: existing?.facets ?? [] });
      }
      return true;
    });
  }

  async get(id: string): Promise<ArticleRecord | undefined> {
    return this.db.transaction('r', this.db.articles, this.db.bodies, async () => {
      const row = await this.db.articles.get(id);
      return row && joinArticle(row, await this.db.bodies.get(id));
    });
  }

  /**
   * The record an article will be saved as, without writing: a known URL keeps its id and
   * first-saved time, a new one gets new ones. The reader shows it at once and `save(article,
   * record)` writes it after (utils/background/reader.ts).
   */
  async prepare(article: Article): Promise<ArticleRecord> {
    return this.recordFor(article, await this.rowAt(article.url));
  }

  private recordFor(article: Article, existing: ArticleRow | undefined, as?: Pick<ArticleRecord, 'id' | 'savedAt'>): ArticleRecord {
    const time = this.now();
    const fields = Object.fromEntries(ARTICLE_FIELDS.map((key) => [key, article[key]])) as unknown as Article;
    // The address as first saved stays (later visits through other links do not change it).
    const savedUrl = existing ? existing.savedUrl : article.savedUrl;
    const url = article.url;
    const record: ArticleRecord = existing
      ? { ...joinArticle(existing, undefined), ...fields, url, updatedAt: time }
      : { ...fields, url, id: as?.id ?? newId(), savedAt: as?.savedAt ?? time, updatedAt: time };
    if (savedUrl && savedUrl !== url) record.savedUrl = savedUrl;
    return record;
  }

  /**
   * Save an extracted article: a new record for a new URL (under the id `as` gives, when the
   * reader was shown it already), otherwise the existing record brought up to date (same id,
   * same savedAt) so that everything attached to it stays.
   */
  async save(article: Article, as?: Pick<ArticleRecord, 'id' | 'savedAt'>): Promise<ArticleRecord> {
    const url = article.url;
    // The search rows and facets follow in the same transaction (index-keeper.ts), rewritten only for what changed.
    return this.db.transaction('rw', this.db.articles, this.db.bodies, this.db.articleVersions, async () => {
      const existing = await this.rowAt(url);
      const record = this.recordFor(article, existing, as);
      const { row, body } = splitArticle(record, existing);
      // A revisit that finds other text keeps the text it replaces (what changed since you highlighted it).
      if (existing)
        await keepReplacedVersion(
          this.db,
          existing,
          await this.db.bodies.get(existing.id),
          { title: row.title, textContent: body.textContent },
          record.updatedAt,
        );
      await this.db.articles.put(row);
      await this.db.bodies.put(body);
      return record;
    });
  }

  /** Remember the names the reader's last visit found in an article (for the library's filters, and searched with the title). */
  async setEntities(id: string, given: ArticleEntity[], givenMentions?: EntityMention[], raw?: RawEntity[]): Promise<void> {
    await this.db.transaction('rw', this.db.articles, this.db.entityMentions, this.db.entityCorrections, async () => {
      const row = await this.db.articles.get(id);
      if (!row) return;
      // With the entities before splits, the splits there are now apply here (entity-splits.ts): a
      // split made while the page was open is not undone by the page's older view of it.
      const derived = raw && splitMentions(raw, await readSplits(this.db));
      const entities = derived?.entities ?? given;
      const mentions = derived?.mentions ?? givenMentions;
      // Every visit reports them; most visits find the same names. The forms and first sentences
      // (local, for the entity index) are written first, so the row's write indexes them once.
      if (mentions) {
        const had = await this.db.entityMentions.get(id);
        if (JSON.stringify(had?.entities) !== JSON.stringify(mentions) || (raw && JSON.stringify(had?.raw) !== JSON.stringify(raw)))
          await this.db.entityMentions.put({ id, entities: mentions, ...(raw && { raw }) });
      }
      if (JSON.stringify(row.entities) === JSON.stringify(entities)) return;
      await this.db.articles.update(id, { entities });
    });
  }
}

/** IndexedDB reports a full disk as QuotaExceededError; Dexie keeps the name (also on .inner). */
export function isQuotaError(error: unknown): boolean {
  type Chained = { name?: unknown; inner?: unknown };
  for (let e = error as Chained | null | undefined; e; e = e.inner as Chained | undefined) {
    if (e.name === 'QuotaExceededError' || e.name === 'NS_ERROR_DOM_QUOTA_REACHED') return true;
  }
  return false;
}
