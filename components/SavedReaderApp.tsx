import { useEffect, useState } from 'preact/hooks';
import type { ArticleRecord } from '../utils/article';
import { errorMessage } from '../utils/async';
import { ArticleRepository } from '../utils/db/articles';
import { TRASH_DAYS } from '../utils/db/trash';
import { formatDateTime } from '../utils/format';
import { t, uiLanguage, type MessageKey } from '../utils/i18n';
import { photoCandidates } from '../utils/extract/photos';
import { PhotoStore } from '../utils/db/photos';
import type { MarginDB } from '../utils/db/schema';
import { sendMessage } from '../utils/background/messages';
import { loadLiveDb } from './hooks/db';
import { usePreferences } from './hooks/useReaderData';
import { ReaderScreen, type ReaderFocus } from './ReaderScreen';
import { ReaderTopbar } from './ReaderTopbar';
import { LoadingPanel, StatusPanel } from './StatusPanel';

/** The saved copy's photos as kept on this device (issue 22): object URLs by picture key, and how many of its photos that is. */
interface KeptPhotos {
  urls: Map<string, string>;
  /** Photos of the article (what the keeper would keep), and of those, kept here. */
  total: number;
  kept: number;
}

type State = { phase: 'loading' } | { phase: 'ok'; article: ArticleRecord; photos: KeptPhotos } | { phase: 'missing' } | { phase: 'failed'; detail: string };

/** Read an article's kept photos and make object URLs of them (revoked by the caller). */
async function readPhotos(db: MarginDB, article: ArticleRecord): Promise<KeptPhotos> {
  const candidates = photoCandidates(article.contentHtml, article.url);
  const urls = new Map<string, string>();
  if (!candidates.length) return { urls, total: 0, kept: 0 };
  const { photos } = await new PhotoStore(db).forArticle(article.id);
  for (const photo of photos) urls.set(photo.key, URL.createObjectURL(photo.blob));
  return { urls, total: candidates.length, kept: candidates.filter((c) => urls.has(c.key)).length };
}

const revoke = (photos: KeptPhotos | undefined) => photos?.urls.forEach((url) => URL.revokeObjectURL(url));

/** What reader.html's address asks for: `?id=<article>` and, to open at a hit, `&hl=<highlight>` or `&at=<start>-<end>`. */
export function readerAddress(params: URLSearchParams): { id: string | null; focus?: ReaderFocus } {
  const id = params.get('id');
  const hl = params.get('hl');
  const at = /^(\d+)-(\d+)$/.exec(params.get('at') ?? '');
  if (hl) return { id, focus: { highlight: hl } };
  if (at) return { id, focus: { start: Number(at[1]), end: Number(at[2]) } };
  return { id };
}

/** The address of a saved copy, opened at a highlight or a passage. */
export function savedCopyUrl(articleId: string, focus?: ReaderFocus): string {
  const params = new URLSearchParams({ id: articleId });
  if (focus && 'highlight' in focus) params.set('hl', focus.highlight);
  else if (focus) params.set('at', `${focus.start}-${focus.end}`);
  return `/reader.html?${params}`;
}

/** Whether a saved copy shows pictures at all. */
export const hasImages = (html: string) => /<(?:img|picture)\b/i.test(html);

/** What the saved copy says of its photos: all kept here, some, or none (they come from the site). */
export function photosNotice(photos: { total: number; kept: number }, html: string): { key: MessageKey; args?: string[]; kept: boolean } | null {
  if (photos.total > 0 && photos.kept === photos.total) return { key: 'savedPhotosKept', args: [String(photos.kept)], kept: true };
  if (photos.kept > 0) return { key: 'savedPhotosSomeKept', args: [String(photos.kept), String(photos.total)], kept: false };
  return hasImages(html) ? { key: 'savedImagesNeedNetwork', kept: false } : null;
}

/**
 * A saved article read from the library: the stored copy (no network, so it opens offline
 * and after the page has changed or gone), with the reader's highlights, notes and entity
 * marks and the same actions as in the popup. Writes go through the background as there.
 */
export function SavedReaderApp({ id, focus }: { id: string | null; focus?: ReaderFocus }) {
  const [state, setState] = useState<State>({ phase: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const preferences = usePreferences();

  useEffect(() => {
    document.documentElement.dataset.textSize = preferences.textSize;
  }, [preferences.textSize]);

  useEffect(() => {
    let live = true;
    let shown: KeptPhotos | undefined;
    if (!id) return setState({ phase: 'missing' });
    loadLiveDb()
      .then(async ({ readerDb }) => {
        const db = readerDb();
        const article = await new ArticleRepository(db).get(id);
        // Photos are a cache: the copy opens without them when they cannot be read.
        const photos = article ? await readPhotos(db, article).catch((): KeptPhotos => ({ urls: new Map(), total: 0, kept: 0 })) : undefined;
        return { article, photos };
      })
      .then(
        ({ article, photos }) => {
          if (!live) return revoke(photos);
          shown = photos;
          setState(article && photos ? { phase: 'ok', article, photos } : { phase: 'missing' });
          if (article) document.title = `${article.title} · ${t('extName')}`;
          // Read again: its photos are the last the budget gives up.
          if (article && photos?.kept) void sendMessage('photosRead', { articleId: article.id }).catch(() => {});
        },
        (error: unknown) => live && setState({ phase: 'failed', detail: errorMessage(error) }),
      );
    return () => {
      live = false;
      revoke(shown);
    };
  }, [id, attempt]);

  const article = state.phase === 'ok' ? state.article : null;
  const photos = state.phase === 'ok' ? state.photos : null;
  const said = article && photos ? photosNotice(photos, article.contentHtml) : null;
  return (
    <div class="shell surface-saved">
      <ReaderTopbar url={article?.url} preferences={preferences} />
      <main class="content" data-phase={state.phase} data-status={state.phase === 'ok' ? 'ok' : state.phase}>
        {state.phase === 'loading' && <LoadingPanel slow={false} />}
        {state.phase === 'missing' && <StatusPanel tone="info" title={t('savedMissingTitle')} body={t('savedMissingBody', String(TRASH_DAYS))} />}
        {state.phase === 'failed' && (
          <StatusPanel tone="problem" title={t('failedTitle')} body={t('savedFailedBody')} detail={state.detail} onRetry={() => setAttempt((n) => n + 1)} />
        )}
        {article && (
          <>
            <p class="notice" role="status" data-testid="notice">
              {t('savedCopyNotice', formatDateTime(article.savedAt, uiLanguage()) ?? '')}
              {/* The text is kept; the photos when the reader keeps them (issue 22): said plainly either way. */}
              {said && (
                <span data-testid={said.kept ? 'photos-kept' : 'images-need-network'} data-kept={photos?.kept} data-total={photos?.total}>
                  {' '}
                  {t(said.key, said.args)}
                </span>
              )}
            </p>
            <ReaderScreen key={article.id} article={article} focus={focus} photos={photos?.urls} />
          </>
        )}
      </main>
    </div>
  );
}
