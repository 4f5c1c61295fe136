import { useEffect, useRef, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { errorMessage } from '../utils/async';
import type { Notice, OpenArticleResponse } from '../utils/background/reader';
import { openSidePanel, sidePanelAvailable } from '../utils/dom/side-panel';
import { formatDateTime } from '../utils/format';
import { t, uiLanguage } from '../utils/i18n';
import { sendMessage } from '../utils/background/messages';
import { requestArticle, type ArticleAnswer, type Surface } from './article-request';
import { useFollowTab } from './hooks/useFollowTab';
import { usePreferences } from './hooks/useReaderData';
import { ReaderScreen } from './ReaderScreen';
import { ReaderTopbar } from './ReaderTopbar';
import { LoadingPanel, StatusPanel } from './StatusPanel';

type State = { phase: 'loading'; slow: boolean } | { phase: 'done'; response: OpenArticleResponse; tabId?: number };

const SLOW_AFTER_MS = 2500;

interface Props {
  surface: Surface;
  tabId?: number;
  /** The first request, started before the first render so extraction overlaps it. */
  initial?: Promise<ArticleAnswer>;
}

/**
 * Margin's reader, in the toolbar popup or in the side panel beside the page. The popup reads
 * the tab it was opened on; the panel follows the active tab (useFollowTab) and keeps the last
 * article on screen while the same tab is read again.
 */
export function ReaderApp({ surface, tabId, initial }: Props) {
  const followed = useFollowTab(surface === 'panel' ? tabId : undefined);
  const target = surface === 'panel' ? followed.id : tabId;
  const [state, setState] = useState<State>({ phase: 'loading', slow: false });
  const [attempt, setAttempt] = useState(0);
  const preferences = usePreferences();
  const [windowId, setWindowId] = useState<number | undefined>(undefined);
  // Read by the request effect without re-running it: a change of phase is no reason to ask again.
  const phase = useRef(state.phase);
  phase.current = state.phase;

  useEffect(() => {
    performance.mark('margin:shell');
    // The entities are recognised by the background (useEntityLayer), which starts reading the
    // models while the page is extracted: nothing of the recogniser loads here unless it fails.
    // Known before the reader clicks "Open in side panel" (the click may await nothing first).
    if (surface === 'popup')
      browser.windows.getCurrent().then(
        (w) => setWindowId(w.id),
        () => {},
      );
  }, [surface]);

  useEffect(() => {
    document.documentElement.dataset.textSize = preferences.textSize;
  }, [preferences.textSize]);

  useEffect(() => {
    if (surface === 'panel' && target === undefined && followed.version === 0 && phase.current === 'loading') return;
    let live = true;
    // A new tab shows the loading state; the same tab read again keeps its article meanwhile.
    setState((s) => (s.phase === 'done' && s.tabId === target && target !== undefined ? s : { phase: 'loading', slow: false }));
    const slow = setTimeout(() => live && setState((s) => (s.phase === 'loading' ? { ...s, slow: true } : s)), SLOW_AFTER_MS);
    const first = attempt === 0 && followed.version === 0 && initial && target === tabId;
    (first ? initial : requestArticle(target, surface)).then(
      ({ response, tabId: resolved }) => {
        clearTimeout(slow);
        // The answer's arrival, with where the background's time went (read by npm run bench).
        performance.mark('margin:answer', { detail: response.status === 'ok' && response.saved ? response.timings : undefined });
        if (live) setState({ phase: 'done', response, tabId: resolved });
      },
      (error: unknown) => {
        clearTimeout(slow);
        if (live) setState({ phase: 'done', response: { status: 'failed', detail: errorMessage(error) }, tabId: target });
      },
    );
    return () => {
      live = false;
      clearTimeout(slow);
    };
  }, [target, followed.version, attempt, surface, tabId, initial]);

  const retry = () => setAttempt((n) => n + 1);
  const response = state.phase === 'done' ? state.response : null;
  const article = response?.status === 'ok' ? response.article : null;
  const shownTab = state.phase === 'done' ? state.tabId : undefined;

  const toPanel = async () => {
    if (await openSidePanel(windowId)) window.close();
  };

  return (
    <div class={`shell surface-${surface}`}>
      <ReaderTopbar url={article?.url} preferences={preferences}>
        {surface === 'popup' && sidePanelAvailable() && (
          <button type="button" class="topbar-link link-button" title={t('openInPanelTitle')} onClick={() => void toPanel()} data-testid="open-panel">
            {t('openInPanel')}
          </button>
        )}
      </ReaderTopbar>
      <main class="content" data-phase={state.phase} data-status={response?.status ?? 'loading'} data-tab={shownTab ?? ''}>
        {state.phase === 'loading' && <LoadingPanel slow={state.slow} />}
        {response && (
          <Outcome
            key={shownTab}
            response={response}
            tabId={shownTab}
            onRetry={retry}
            onGoToHighlight={
              surface === 'panel' && shownTab !== undefined
                ? (id) => void sendMessage('scrollPageToHighlight', { tabId: shownTab, id }).catch(() => {})
                : undefined
            }
          />
        )}
      </main>
    </div>
  );
}

function Outcome({
  response,
  tabId,
  onRetry,
  onGoToHighlight,
}: {
  response: OpenArticleResponse;
  tabId?: number;
  onRetry: () => void;
  onGoToHighlight?: (id: string) => void;
}) {
  const late = useLateSaveNotice(response);
  switch (response.status) {
    case 'ok': {
      const notice = response.notice ?? late;
      return (
        <>
          {notice?.kind === 'not-saved' && (
            <p class="notice notice-warning" role="alert" data-testid="notice">
              {notice.quota ? t('noticeQuota') : t('noticeNotSaved')}
            </p>
          )}
          {notice?.kind === 'saved-copy' && (
            <p class="notice" role="status" data-testid="notice">
              {t('noticeSavedCopy', formatDateTime(notice.savedAt, uiLanguage()) ?? '')}
            </p>
          )}
          <ReaderScreen key={response.article.url} article={response.article} tabId={tabId} onGoToHighlight={onGoToHighlight} />
        </>
      );
    }
    case 'needs-access':
      return <StatusPanel tone="info" title={t('needsAccessTitle')} body={t('needsAccessBody')} onRetry={onRetry} />;
    case 'restricted':
      return <StatusPanel tone="info" title={t('restrictedTitle')} body={t('restrictedBody')} />;
    case 'no-article':
      return <StatusPanel tone="info" title={t('noArticleTitle')} body={t('noArticleBody')} onRetry={onRetry} />;
    case 'tab-closed':
      return <StatusPanel tone="problem" title={t('tabClosedTitle')} body={t('tabClosedBody')} />;
    case 'failed':
      return <StatusPanel tone="problem" title={t('failedTitle')} body={t('failedBody')} detail={response.detail} onRetry={onRetry} />;
  }
}

/**
 * The article is shown before it is saved (utils/background/reader.ts); once it is, the
 * background says how the save went, and a failed one is told as an answer's would be.
 */
function useLateSaveNotice(response: OpenArticleResponse): Notice | undefined {
  const [notice, setNotice] = useState<Notice | undefined>(undefined);
  const articleId = response.status === 'ok' && response.saved && response.pending ? response.article.id : undefined;
  useEffect(() => {
    if (!articleId) return;
    let live = true;
    sendMessage('articleSaved', { articleId }).then(
      (outcome) => {
        if (live && outcome?.status === 'not-saved') setNotice({ kind: 'not-saved', quota: outcome.quota, detail: outcome.detail });
      },
      () => {},
    );
    return () => {
      live = false;
    };
  }, [articleId]);
  return notice;
}
