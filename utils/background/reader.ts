import type { Article, ArticleRecord } from '../article';
import type { ArticleRepository } from '../db/articles';
import { isQuotaError } from '../db/articles';
import type { ExtractResult, NoArticleReason } from '../extract/finish';
import { classifyUrl, normalizeUrl } from '../url';
import { errorMessage as message, withTimeout } from '../async';

export interface TabInfo {
  id: number;
  url?: string;
}

export interface ReaderDeps {
  /** null when the tab no longer exists. */
  getTab(tabId: number): Promise<TabInfo | null>;
  /** Inject the content script into the tab and ask it for the article. */
  extractFromTab(tabId: number): Promise<ExtractResult>;
  articles: ArticleRepository;
  /** How long a page may take to extract before the reader is told it failed. */
  timeoutMs?: number;
}

export type Notice = { kind: 'not-saved'; quota: boolean; detail: string } | { kind: 'saved-copy'; savedAt: number; because: 'failed' | 'no-article' };

/** Where the background's time went for one article (ms): injection + capture + cleaning, and the save. */
export interface OpenTimings {
  extractMs: number;
  saveMs: number;
}

export type OpenArticleResponse =
  | { status: 'ok'; article: ArticleRecord | Article; saved: boolean; notice?: Notice; timings?: OpenTimings }
  | { status: 'restricted'; url: string }
  /** The side panel follows a tab Margin has not been given access to: the reader clicks Margin's button on it. */
  | { status: 'needs-access' }
  | { status: 'no-article'; url: string; reason: NoArticleReason }
  | { status: 'tab-closed' }
  | { status: 'failed'; detail: string };

// What Chrome and Firefox say when an extension may not script a page.
const NO_ACCESS = /cannot access|cannot be scripted|missing host permission|extensions gallery|not allowed to access/i;
const TAB_GONE = /no tab with id|tab .* not found|invalid tab id/i;

/**
 * The popup's one request: the article of a tab. Extracts it fresh, stores it, and
 * answers with something the reader can always act on — the article, a saved copy, or
 * a reason. Never throws.
 */
export async function openArticle(deps: ReaderDeps, tabId: number, options: { follow?: boolean } = {}): Promise<OpenArticleResponse> {
  const tab = await deps.getTab(tabId).catch(() => null);
  if (!tab) return { status: 'tab-closed' };
  // Without access (no click on Margin's button there yet) a tab's URL is not told at all.
  if (options.follow && tab.url === undefined) return { status: 'needs-access' };
  const url = tab.url ?? '';
  if (classifyUrl(url) !== 'readable') return { status: 'restricted', url };

  let extracted: ExtractResult;
  const started = performance.now();
  try {
    extracted = await withTimeout(deps.extractFromTab(tabId), deps.timeoutMs ?? 30_000);
  } catch (error) {
    const detail = message(error);
    if (TAB_GONE.test(detail)) return { status: 'tab-closed' };
    if (NO_ACCESS.test(detail)) return options.follow ? { status: 'needs-access' } : { status: 'restricted', url };
    return savedCopyOr(deps, url, 'failed', { status: 'failed', detail });
  }

  if (!extracted.ok) {
    return savedCopyOr(deps, url, 'no-article', { status: 'no-article', url: normalizeUrl(url), reason: extracted.reason });
  }

  const extractMs = performance.now() - started;
  try {
    const record = await deps.articles.save(extracted.article);
    return { status: 'ok', article: record, saved: true, timings: { extractMs, saveMs: performance.now() - started - extractMs } };
  } catch (error) {
    return {
      status: 'ok',
      article: extracted.article,
      saved: false,
      notice: { kind: 'not-saved', quota: isQuotaError(error), detail: message(error) },
    };
  }
}

async function savedCopyOr(deps: ReaderDeps, url: string, because: 'failed' | 'no-article', otherwise: OpenArticleResponse): Promise<OpenArticleResponse> {
  const saved = await deps.articles.getByUrl(url).catch(() => undefined);
  if (!saved) return otherwise;
  return { status: 'ok', article: saved, saved: true, notice: { kind: 'saved-copy', savedAt: saved.updatedAt, because } };
}
