import type { MarginDB } from './schema';

/**
 * The photos kept with saved copies (issue 22), so a copy opened offline shows them. A device
 * cache: never synced (not in SYNCED_TABLES), never exported, evicted when over budget — and
 * never at the cost of the reader's text, highlights or notes, which live in other tables.
 *
 * Two tables (Dexie version 10): `photos`, one row per kept photo with its bytes, and
 * `photoSets`, one small row per article (what it took, what was not kept and why, when it was
 * last read), so the library's figure and the eviction order never read a photo's bytes.
 */

export interface PhotoRecord {
  /** `${articleId} ${key}` */
  id: string;
  articleId: string;
  /** The picture's `src` in the stored body (utils/extract/photos.ts, photoKey). */
  key: string;
  /** The photo as kept: re-encoded smaller (WebP or JPEG), or the original when that was smaller. */
  blob: Blob;
  width: number;
  height: number;
}

/** Why a photo of the article is not kept. */
export type PhotoMiss =
  /** The site did not let Margin read it from the page, and access to all sites was not given. */
  | 'needs-access'
  /** The network or the site failed (or it was no image at all). */
  | 'failed'
  /** Smaller than a photo once fetched (an icon, a pixel). */
  | 'tiny'
  /** Over the article's share of the budget. */
  | 'article-budget';

export interface PhotoSetRecord {
  articleId: string;
  /** When the article was last read (opened in the popup or as its saved copy): eviction goes by it, oldest first. */
  usedAt: number;
  keptAt: number;
  /** Bytes of the kept photos, and of the same photos as the site served them. */
  bytes: number;
  originalBytes: number;
  kept: number;
  missing: { key: string; reason: PhotoMiss }[];
}

export interface PhotoBudget {
  /** Bytes one article's photos may take. */
  perArticle: number;
  /** Bytes all photos may take together. */
  total: number;
}

/**
 * 3 MB an article holds about 20 photos at the size kept (1,280 px, WebP: ~60–200 kB each);
 * 250 MB holds the photos of a month of a heavy reader's articles (30 a day, ~3 photos each)
 * before the least recently read lose theirs. IndexedDB gives an extension origin far more.
 */
export const PHOTO_BUDGET: PhotoBudget = { perArticle: 3 * 1024 * 1024, total: 250 * 1024 * 1024 };

/** A photo ready to keep: re-encoded, with what the site served weighed. */
export interface KeptPhoto {
  key: string;
  blob: Blob;
  width: number;
  height: number;
  originalBytes: number;
}

export interface PhotoUsage {
  bytes: number;
  photos: number;
  articles: number;
}

const photoId = (articleId: string, key: string) => `${articleId} ${key}`;

const KEEP_PHOTOS = 'keepPhotos';

/** Whether saved copies keep their photos (on unless the reader switched it off; this device's choice, not synced). */
export async function readKeepPhotos(db: MarginDB): Promise<boolean> {
  return (await db.settings.get(KEEP_PHOTOS))?.value !== false;
}

export async function writeKeepPhotos(db: MarginDB, on: boolean): Promise<boolean> {
  await db.settings.put({ key: KEEP_PHOTOS, value: on });
  return on;
}

export class PhotoStore {
  constructor(
    private readonly db: MarginDB,
    private readonly budget: PhotoBudget = PHOTO_BUDGET,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * The photos of an article another try would not change: kept, or missed for good (an icon
   * once fetched, over the article's share). Photos that failed or needed access are tried
   * again on the next visit: the network, the site or the reader's access may have changed. A
   * revisit fetches only the others.
   */
  async settledKeys(articleId: string): Promise<Set<string>> {
    const [keys, set] = await Promise.all([this.keptKeys(articleId), this.db.photoSets.get(articleId)]);
    for (const m of set?.missing ?? []) if (m.reason === 'tiny' || m.reason === 'article-budget') keys.add(m.key);
    return keys;
  }

  /** The keys of the photos kept for an article. */
  async keptKeys(articleId: string): Promise<Set<string>> {
    const ids = await this.db.photos.where('articleId').equals(articleId).primaryKeys();
    const prefix = `${articleId} `.length;
    return new Set(ids.map((id) => id.slice(prefix)));
  }

  /** An article's kept photos, in no particular order, and its record. */
  async forArticle(articleId: string): Promise<{ photos: PhotoRecord[]; set: PhotoSetRecord | undefined }> {
    return this.db.transaction('r', this.db.photos, this.db.photoSets, async () => ({
      photos: await this.db.photos.where('articleId').equals(articleId).toArray(),
      set: await this.db.photoSets.get(articleId),
    }));
  }

  /**
   * Keep an article's photos (in the order of its text), within its share of the budget, then
   * bring all photos within the total by dropping those of the least recently read articles.
   * Photos kept before (a revisit) stay and count first. `missing` are the photos not fetched.
   */
  async keep(articleId: string, fetched: KeptPhoto[], missing: { key: string; reason: PhotoMiss }[]): Promise<PhotoSetRecord> {
    const time = this.now();
    return this.db.transaction('rw', this.db.photos, this.db.photoSets, async () => {
      const before = await this.db.photoSets.get(articleId);
      let bytes = before?.bytes ?? 0;
      let originalBytes = before?.originalBytes ?? 0;
      let kept = before?.kept ?? 0;
      const have = await this.keptKeys(articleId);
      const misses = new Map<string, PhotoMiss>();
      for (const m of before?.missing ?? []) if (!have.has(m.key)) misses.set(m.key, m.reason);
      for (const m of missing) if (!have.has(m.key)) misses.set(m.key, m.reason);
      const rows: PhotoRecord[] = [];
      for (const photo of fetched) {
        if (have.has(photo.key)) continue;
        if (bytes + photo.blob.size > this.budget.perArticle) {
          misses.set(photo.key, 'article-budget');
          continue;
        }
        have.add(photo.key);
        misses.delete(photo.key);
        bytes += photo.blob.size;
        originalBytes += photo.originalBytes;
        kept += 1;
        rows.push({ id: photoId(articleId, photo.key), articleId, key: photo.key, blob: photo.blob, width: photo.width, height: photo.height });
      }
      const set: PhotoSetRecord = {
        articleId,
        usedAt: time,
        keptAt: before?.keptAt ?? time,
        bytes,
        originalBytes,
        kept,
        missing: [...misses].map(([key, reason]) => ({ key, reason })),
      };
      if (rows.length) await this.db.photos.bulkPut(rows);
      await this.db.photoSets.put(set);
      await this.fitTotal(articleId);
      return set;
    });
  }

  /** Drop whole articles' photos, least recently read first, until all photos fit the total. */
  private async fitTotal(keep: string): Promise<void> {
    let total = 0;
    await this.db.photoSets.each((set) => void (total += set.bytes));
    if (total <= this.budget.total) return;
    const drop: string[] = [];
    await this.db.photoSets
      .orderBy('usedAt')
      .until(() => total <= this.budget.total)
      .each((set) => {
        if (set.articleId === keep) return;
        drop.push(set.articleId);
        total -= set.bytes;
      });
    for (const articleId of drop) await this.removeArticle(articleId);
  }

  /**
   * Forget the photos of articles no longer saved nor in the trash (deleted for good here, or
   * deleted on another device and synced). Run when the background starts, after the trash is emptied of old entries.
   */
  async sweep(): Promise<number> {
    const sets = await this.db.photoSets.toCollection().primaryKeys();
    const rows = await this.db.articles.bulkGet(sets);
    const unsaved = sets.filter((_, i) => !rows[i]);
    const trashed = new Set(await this.db.trash.where('id').anyOf(unsaved).primaryKeys());
    const gone = unsaved.filter((id) => !trashed.has(id));
    for (const articleId of gone) await this.removeArticle(articleId);
    return gone.length;
  }

  /** The article was read again: its photos move to the back of the eviction order. */
  async touch(articleId: string): Promise<void> {
    await this.db.photoSets.update(articleId, { usedAt: this.now() });
  }

  /** Forget one article's photos (it was deleted for good). */
  async removeArticle(articleId: string): Promise<void> {
    await this.db.transaction('rw', this.db.photos, this.db.photoSets, async () => {
      await this.db.photos.where('articleId').equals(articleId).delete();
      await this.db.photoSets.delete(articleId);
    });
  }

  /** Forget every kept photo (the reader asked, in settings). */
  async clear(): Promise<void> {
    await this.db.transaction('rw', this.db.photos, this.db.photoSets, async () => {
      await this.db.photos.clear();
      await this.db.photoSets.clear();
    });
  }

  /** What the kept photos take: read from the per-article rows, never from the photos' bytes. */
  async usage(): Promise<PhotoUsage> {
    return photoUsage(this.db);
  }
}

/** What the kept photos take (the library's storage figure and settings read it live). */
export async function photoUsage(db: MarginDB): Promise<PhotoUsage> {
  let bytes = 0;
  let photos = 0;
  let articles = 0;
  await db.photoSets.each((set) => {
    bytes += set.bytes;
    photos += set.kept;
    if (set.kept) articles += 1;
  });
  return { bytes, photos, articles };
}
