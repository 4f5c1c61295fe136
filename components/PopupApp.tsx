import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { errorMessage, withTimeout } from '../utils/async';
import type { OpenArticleResponse } from '../utils/background/reader';
import { formatDateTime } from '../utils/format';
import { t, uiLanguage } from '../utils/i18n';
import { loadRecognizer } from '../utils/entities/lazy';
import { sendMessage } from '../utils/messages';
import { ReaderScreen } from './ReaderScreen';
import { SettingsMenu } from './SettingsMenu';
import { LoadingPanel, StatusPanel } from './StatusPanel';

type State = { phase: 'loading'; slow: boolean } | { phase: 'done'; response: OpenArticleResponse; tabId?: number };

export interface ArticleAnswer {
  response: OpenArticleResponse;
  tabId?: number;
}

const SLOW_AFTER_MS = 2500;
// The background gives up on a page after 30 s; this only guards against a background
// that never answers at all.
const GIVE_UP_AFTER_MS = 40_000;

async function activeTabId(): Promise<number | undefined> {
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab?.id;
}

/** Ask the background for a tab's article; never rejects. */
export async function requestArticle(tabId: number | undefined): Promise<ArticleAnswer> {
  let id = tabId;
  try {
    id ??= await activeTabId();
    if (id === undefined || Number.isNaN(id)) return { response: { status: 'tab-closed' } };
    return { response: await withTimeout(sendMessage('openArticle', { tabId: id }), GIVE_UP_AFTER_MS), tabId: id };
  } catch (error) {
    return { response: { status: 'failed', detail: errorMessage(error) }, tabId: id };
  }
}

interface Props {
  tabId?: number;
  /** The first request, started before the first render so extraction overlaps it. */
  initial?: Promise<ArticleAnswer>;
}

export function PopupApp({ tabId, initial }: Props) {
  const [state, setState] = useState<State>({ phase: 'loading', slow: false });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    performance.mark('margin:shell');
    // Fetch the recogniser while the article is being extracted.
    void loadRecognizer();
  }, []);

  useEffect(() => {
    let live = true;
    setState({ phase: 'loading', slow: false });
    const slow = setTimeout(() => live && setState((s) => (s.phase === 'loading' ? { ...s, slow: true } : s)), SLOW_AFTER_MS);
    (attempt === 0 && initial ? initial : requestArticle(tabId)).then(({ response, tabId: resolved }) => {
      clearTimeout(slow);
      if (live) setState({ phase: 'done', response, tabId: resolved });
    });
    return () => {
      live = false;
      clearTimeout(slow);
    };
  }, [tabId, attempt]);

  const retry = () => setAttempt((n) => n + 1);
  const response = state.phase === 'done' ? state.response : null;
  const article = response?.status === 'ok' ? response.article : null;

  return (
    <div class="shell">
      <header class="topbar">
        <span class="brand">
          <img src="/icon/32.png" alt="" width={18} height={18} />
          {t('extName')}
        </span>
        <span class="topbar-actions">
          {article && (
            <a class="topbar-link" href={article.url} target="_blank" rel="noopener noreferrer" title={t('openOriginalTitle')}>
              {t('openOriginal')} ↗
            </a>
          )}
          <button type="button" class="topbar-link link-button" title={t('openLibraryTitle')} onClick={() => void browser.runtime.openOptionsPage()} data-testid="open-library">
            {t('openLibrary')}
          </button>
          <SettingsMenu />
        </span>
      </header>
      <main class="content" data-phase={state.phase} data-status={response?.status ?? 'loading'}>
        {state.phase === 'loading' && <LoadingPanel slow={state.slow} />}
        {response && <Outcome response={response} tabId={state.phase === 'done' ? state.tabId : undefined} onRetry={retry} />}
      </main>
    </div>
  );
}

function Outcome({ response, tabId, onRetry }: { response: OpenArticleResponse; tabId?: number; onRetry: () => void }) {
  switch (response.status) {
    case 'ok': {
      const notice = response.notice;
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
          <ReaderScreen article={response.article} tabId={tabId} />
        </>
      );
    }
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
