import type { Article, ArticleRecord } from '../article';
import type { ArticleRepository } from '../db/articles';
import { isQuotaError } from '../db/articles';
import type { ExtractResult, NoArticleReason } from '../extract/finish';
import { classifyUrl, normalizeUrl } from '../url';
import { errorMessage as message, withTimeout } from '../async';

export interface TabInfo {
  id: number;
  url?: string;
  title?: string;
}

export interface ReaderDeps {
  /** null when the tab no longer exists. */
  getTab(tabId: number): Promise<TabInfo | null>;
  /** Told when a readable tab is about to be extracted (the background starts reading the entity models its title calls for). */
  beforeExtract?(tab: TabInfo): void;
  /** Inject the content script into the tab and ask it for the article (and how long the page took to capture it). */
  extractFromTab(tabId: number): Promise<ExtractResult & { captureMs?: number }>;
  articles: ArticleRepository;
  /** How long a page may take to extract before the reader is told it failed. */
  timeoutMs?: number;
  /**
   * With a tracker the reader is answered as soon as the article is extracted, and the save
   * follows (writes about the article wait for it; the reader asks how it went). Without one
   * (tests of the answer itself, the CLI) the answer waits for the save.
   */
  saves?: SaveTracker;
  /** Once an article is saved (not awaited): keep its photos for the saved copy (issue 22, utils/background/photos.ts). */
  afterSave?: (record: ArticleRecord, tabId: number) => void;
}

/** How an article's save went: what the reader is told when it did not. */
export type SaveOutcome = { status: 'saved' } | { status: 'not-saved'; quota: boolean; detail: string };

/**
 * Saves under way, by article id and by URL. A write about an article (a highlight, its
 * names) waits for the article's save; a second open of the same page waits for the first
 * save, so both get one id. A failed save is remembered, for the reader to be told.
 */
export class SaveTracker {
  private readonly byId = new Map<string, Promise<SaveOutcome>>();
  private readonly byUrl = new Map<string, Promise<SaveOutcome>>();
  private readonly failed = new Map<string, SaveOutcome>();
  private readonly turns = new Map<string, Promise<unknown>>();

  track(id: string, url: string, saving: Promise<unknown>): Promise<SaveOutcome> {
    const outcome = saving.then(
      (): SaveOutcome => ({ status: 'saved' }),
      (error: unknown): SaveOutcome => ({ status: 'not-saved', quota: isQuotaError(error), detail: message(error) }),
    );
    this.byId.set(id, outcome);
    this.byUrl.set(url, outcome);
    void outcome.then((result) => {
      if (result.status === 'not-saved') this.failed.set(id, result);
      else this.failed.delete(id);
      if (this.byId.get(id) === outcome) this.byId.delete(id);
      if (this.byUrl.get(url) === outcome) this.byUrl.delete(url);
    });
    return outcome;
  }

  /** How the article's last save went (waiting for one under way); null when none is known. */
  async outcome(id: string): Promise<SaveOutcome | null> {
    return (await this.byId.get(id)) ?? this.failed.get(id) ?? null;
  }

  /** Once the article's save, if one is under way, is done (whatever its outcome). */
  async settled(id: string): Promise<void> {
    await this.byId.get(id);
  }

  /**
   * Give an article of `url` its record and start its save, one page at a time per URL:
   * a second open of the page waits until the first save is done, then finds its row.
   */
  async begin(url: string, prepare: () => Promise<ArticleRecord>, save: (record: ArticleRecord) => Promise<unknown>): Promise<ArticleRecord | null> {
    const turn = async () => {
      await this.byUrl.get(url);
      const record = await prepare().catch(() => null);
      if (record) void this.track(record.id, url, save(record));
      return record;
    };
    const run = (this.turns.get(url) ?? Promise.resolve()).then(turn, turn);
    const settled = run.catch(() => null);
    this.turns.set(url, settled);
    void settled.then(() => this.turns.get(url) === settled && this.turns.delete(url));
    return run;
  }
}

export type Notice = { kind: 'not-saved'; quota: boolean; detail: string } | { kind: 'saved-copy'; savedAt: number; because: 'failed' | 'no-article' };

/**
 * Where the background's time went for one article (ms): injection + capture + cleaning, and the
 * save; with the moments (epoch ms, `performance.timeOrigin + performance.now()`, comparable across
 * the extension's pages) at which the request arrived, the injection began and the answer left.
 */
export interface OpenTimings {
  extractMs: number;
  saveMs: number;
  /** Capture in the page itself (the content script's own clock), when the page said. */
  captureMs?: number;
  receivedAt?: number;
  injectAt?: number;
  answerAt?: number;
}

/** Now on a clock every extension context shares. */
const epochNow = (): number => performance.timeOrigin + performance.now();

export type OpenArticleResponse =
  /**
   * The stored record (`pending`: answered before the save is done; the reader asks how it
   * went with `articleSaved`), or, when it could not be saved, the article as extracted.
   */
  | { status: 'ok'; saved: true; article: ArticleRecord; pending?: boolean; notice?: Notice; timings?: OpenTimings }
  | { status: 'ok'; saved: false; article: Article; notice: Notice }
  | { status: 'restricted'; url: string }
  /** The side panel follows a tab Margin has not been given access to: the reader clicks Margin's button on it. */
  | { status: 'needs-access' }
  | { status: 'no-article'; url: string; reason: NoArticleReason }
  | { status: 'tab-closed' }
  | { status: 'failed'; detail: string };

// What Chrome and Firefox say when an extension may not script a page.
const NO_ACCESS = /cannot access|cannot be scripted|missing host permission|extensions gallery|not allowed to access/i;
const TAB_GONE = /no tab with id|tab .* not found|invalid tab id/i;
// What Chrome says when the page is one no extension may ever script (a browser page), as
// opposed to one Margin was not given access to yet.
const BROWSER_PAGE =
  /cannot access an? [\w-]+:\/\/ url|cannot access contents of url "(?:about|chrome|edge|devtools|view-source|data):|extensions gallery cannot be scripted/i;

/**
 * The popup's one request: the article of a tab. Extracts it fresh, stores it, and
 * answers with something the reader can always act on — the article, a saved copy, or
 * a reason. Never throws.
 */
export async function openArticle(deps: ReaderDeps, tabId: number, options: { follow?: boolean } = {}): Promise<OpenArticleResponse> {
  const receivedAt = epochNow();
  const tab = await deps.getTab(tabId).catch(() => null);
  if (!tab) return { status: 'tab-closed' };
  // Without access (no click on Margin's button there yet) a tab's URL is not told at all:
  // the browser's refusal says whether the button would help (a browser page: it would not).
  if (options.follow && tab.url === undefined) return followWithoutAccess(deps, tabId);
  const url = tab.url ?? '';
  if (classifyUrl(url) !== 'readable') return { status: 'restricted', url };
  deps.beforeExtract?.(tab);

  let extracted: ExtractResult & { captureMs?: number };
  const injectAt = epochNow();
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
  const timeline = { receivedAt, injectAt, ...(extracted.captureMs === undefined ? {} : { captureMs: extracted.captureMs }) };
  if (deps.saves) {
    // Answer with the article now; save it after (see SaveTracker).
    const article = extracted.article;
    const record = await deps.saves.begin(
      article.url,
      () => deps.articles.prepare(article),
      async (as) => {
        const saved = await deps.articles.save(article, as);
        deps.afterSave?.(saved, tabId);
        return saved;
      },
    );
    if (record) {
      return { status: 'ok', article: record, saved: true, pending: true, timings: { extractMs, saveMs: 0, ...timeline, answerAt: epochNow() } };
    }
  }
  try {
    const record = await deps.articles.save(extracted.article);
    deps.afterSave?.(record, tabId);
    return {
      status: 'ok',
      article: record,
      saved: true,
      timings: { extractMs, saveMs: performance.now() - started - extractMs, ...timeline, answerAt: epochNow() },
    };
  } catch (error) {
    return {
      status: 'ok',
      article: extracted.article,
      saved: false,
      notice: { kind: 'not-saved', quota: isQuotaError(error), detail: message(error) },
    };
  }
}

/** The side panel on a tab whose URL it is not told: a browser page, or a page that needs the button's click. */
async function followWithoutAccess(deps: ReaderDeps, tabId: number): Promise<OpenArticleResponse> {
  try {
    // Never succeeds without access; run only to read the browser's reason.
    await withTimeout(deps.extractFromTab(tabId), deps.timeoutMs ?? 30_000);
  } catch (error) {
    const detail = message(error);
    if (TAB_GONE.test(detail)) return { status: 'tab-closed' };
    if (BROWSER_PAGE.test(detail)) return { status: 'restricted', url: '' };
  }
  return { status: 'needs-access' };
}

async function savedCopyOr(deps: ReaderDeps, url: string, because: 'failed' | 'no-article', otherwise: OpenArticleResponse): Promise<OpenArticleResponse> {
  const saved = await deps.articles.getByUrl(url).catch(() => undefined);
  if (!saved) return otherwise;
  return { status: 'ok', article: saved, saved: true, notice: { kind: 'saved-copy', savedAt: saved.updatedAt, because } };
}
