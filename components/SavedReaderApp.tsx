import { useEffect, useState } from 'preact/hooks';
import type { ArticleRecord } from '../utils/article';
import { errorMessage } from '../utils/async';
import { ArticleRepository } from '../utils/db/articles';
import { TRASH_DAYS } from '../utils/db/trash';
import { formatDateTime } from '../utils/format';
import { t, uiLanguage } from '../utils/i18n';
import { loadLiveDb } from './hooks/db';
import { usePreferences } from './hooks/useReaderData';
import { ReaderScreen, type ReaderFocus } from './ReaderScreen';
import { ReaderTopbar } from './ReaderTopbar';
import { LoadingPanel, StatusPanel } from './StatusPanel';

type State = { phase: 'loading' } | { phase: 'ok'; article: ArticleRecord } | { phase: 'missing' } | { phase: 'failed'; detail: string };

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

/** Whether a saved copy shows photos (which come from the site, not from the copy). */
export const hasImages = (html: string) => /<(?:img|picture)\b/i.test(html);

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
    if (!id) return setState({ phase: 'missing' });
    loadLiveDb()
      .then(({ readerDb }) => new ArticleRepository(readerDb()).get(id))
      .then(
        (article) => {
          if (!live) return;
          setState(article ? { phase: 'ok', article } : { phase: 'missing' });
          if (article) document.title = `${article.title} · ${t('extName')}`;
        },
        (error: unknown) => live && setState({ phase: 'failed', detail: errorMessage(error) }),
      );
    return () => {
      live = false;
    };
  }, [id, attempt]);

  const article = state.phase === 'ok' ? state.article : null;
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
              {/* The text is kept; the photos are not (issue 22): said plainly where there are any. */}
              {hasImages(article.contentHtml) && <span data-testid="images-need-network"> {t('savedImagesNeedNetwork')}</span>}
            </p>
            <ReaderScreen key={article.id} article={article} focus={focus} />
          </>
        )}
      </main>
    </div>
  );
}
