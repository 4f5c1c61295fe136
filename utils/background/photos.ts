import type { ArticleRecord } from '../article';
import { photoCandidates, type PhotoCandidate } from '../extract/photos';
import { PHOTO_BUDGET, type KeptPhoto, type PhotoBudget, type PhotoMiss, type PhotoSetRecord, type PhotoStore } from '../db/photos';
import { fromTransfer, type PhotoResult, type PhotoTransfer } from '../page/photos';

/** The parts of the browser the photo keeper uses (tests and the bench give their own). */
export interface PhotoKeeperDeps {
  store: PhotoStore;
  /** Whether the reader keeps photos with saved copies (settings; on by default). */
  enabled(): Promise<boolean>;
  /** Fetch and shrink in the context of the tab showing `pageUrl`; throws when it cannot (closed, navigated elsewhere). */
  inPage(tabId: number, pageUrl: string, jobs: PhotoCandidate[], budget: number): Promise<PhotoTransfer[]>;
  /** Whether the reader gave Margin access to all sites (the optional host permission), so the background may read any photo. */
  hasAllSites(): Promise<boolean>;
  /** Fetch and shrink in the background, without cookies (only asked with that access). */
  inBackground(jobs: PhotoCandidate[], budget: number): Promise<PhotoResult[]>;
  budget?: PhotoBudget;
}

/**
 * Keeps the photos of an article once it is saved (issue 22): the photos of its stored body
 * (utils/extract/photos.ts), fetched where the page's cache has them, shrunk, and kept within
 * the budgets (utils/db/photos.ts). One article at a time per article; never throws (a photo
 * that could not be kept is remembered with its reason, and the saved copy says so).
 */
export class PhotoKeeper {
  private readonly running = new Map<string, Promise<PhotoSetRecord | null>>();

  constructor(private readonly deps: PhotoKeeperDeps) {}

  keep(article: Pick<ArticleRecord, 'id' | 'url' | 'contentHtml'>, tabId: number | null): Promise<PhotoSetRecord | null> {
    const before = this.running.get(article.id) ?? Promise.resolve(null);
    const run = before.then(
      () => this.keepNow(article, tabId),
      () => this.keepNow(article, tabId),
    );
    const settled = run.catch(() => null);
    this.running.set(article.id, settled);
    void settled.then(() => this.running.get(article.id) === settled && this.running.delete(article.id));
    return settled;
  }

  /** Once the photos being kept for an article, if any, are kept. */
  async settled(articleId: string): Promise<void> {
    await this.running.get(articleId);
  }

  private async keepNow(article: Pick<ArticleRecord, 'id' | 'url' | 'contentHtml'>, tabId: number | null): Promise<PhotoSetRecord | null> {
    const { store } = this.deps;
    if (!(await this.deps.enabled())) return null;
    const candidates = photoCandidates(article.contentHtml, article.url);
    if (!candidates.length) return null;
    const settled = await store.settledKeys(article.id);
    const jobs = candidates.filter((c) => !settled.has(c.key));
    if (!jobs.length) {
      await store.touch(article.id);
      return null;
    }
    const budget = (this.deps.budget ?? PHOTO_BUDGET).perArticle;
    const kept: KeptPhoto[] = [];
    const missing = new Map<string, PhotoMiss>();
    let retry: PhotoCandidate[] = jobs;
    if (tabId !== null) {
      const results = await this.deps
        .inPage(tabId, article.url, jobs, budget)
        .catch((): PhotoTransfer[] => jobs.map((j) => ({ key: j.key, ok: false, reason: 'needs-access' })));
      retry = [];
      results.forEach((result, i) => {
        if (result.ok)
          kept.push({ key: result.key, blob: fromTransfer(result), width: result.width, height: result.height, originalBytes: result.originalBytes });
        else if (result.reason === 'needs-access') retry.push(jobs[i]!);
        else missing.set(result.key, result.reason);
      });
    }
    if (retry.length) {
      if (await this.deps.hasAllSites().catch(() => false)) {
        const used = kept.reduce((sum, p) => sum + p.blob.size, 0);
        for (const result of await this.deps.inBackground(retry, Math.max(0, budget - used))) {
          if (result.ok) kept.push({ key: result.key, blob: result.blob, width: result.width, height: result.height, originalBytes: result.originalBytes });
          else missing.set(result.key, result.reason === 'needs-access' ? 'failed' : result.reason);
        }
      } else for (const job of retry) missing.set(job.key, 'needs-access');
    }
    // In the order of the text, so the budget keeps the first photos.
    const order = new Map(jobs.map((j, i) => [j.key, i]));
    kept.sort((a, b) => order.get(a.key)! - order.get(b.key)!);
    return store.keep(
      article.id,
      kept,
      [...missing].map(([key, reason]) => ({ key, reason })),
    );
  }
}
