import { useEffect, useState } from 'preact/hooks';
import { errorMessage } from '../utils/async';
import { sendMessage, type EntityEdit } from '../utils/background/messages';
import { listEntities, PAGE_ARTICLES, PAGE_HIGHLIGHTS, readEntityPage, type EntityListRow, type EntityPage } from '../utils/db/entities';
import type { MarginDB } from '../utils/db/schema';
import { formatDateTime, formatPublished } from '../utils/format';
import { formatCount, t, tn, uiLanguage } from '../utils/i18n';
import { kindLabel } from './entity-kinds';
import { entityPageUrl } from './entity-links';
import { useLiveQuery } from './hooks/useLiveQuery';
import { savedCopyUrl } from './SavedReaderApp';
import { StatusPanel, LoadingPanel } from './StatusPanel';
import { ToastView, useToast } from './Toast';

const date = (ms: number) => (ms ? formatDateTime(ms, uiLanguage()) : null);

/**
 * One entity across everything the reader saved (issue 24): its kind and forms, every article
 * that mentions it on a timeline (newest first, with the sentence of its first mention), the
 * reader's highlights and notes that name it, and the names most often mentioned with it. The
 * reader merges entries, splits a form off and writes a note about it here; the edits go through
 * the background, as every write of an extension page does. Read live from the entity index.
 */
export function EntityApp({ db, entityKey }: { db: MarginDB; entityKey: string | null }) {
  const [error, setError] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);
  const [limits, setLimits] = useState({ articles: PAGE_ARTICLES, highlights: PAGE_HIGHLIGHTS });
  const page = useLiveQuery(
    () => (entityKey ? readEntityPage(db, entityKey, limits) : Promise.resolve(null)),
    [db, entityKey, attempt, limits],
    (e) => setError(errorMessage(e)),
  );
  const { toast, show, hide } = useToast(5000);

  useEffect(() => {
    if (page === undefined) return;
    document.documentElement.dataset.entity = page ? 'ready' : 'missing';
    if (page) document.title = `${page.text} · ${t('extName')}`;
  }, [page]);

  const edit = async (request: EntityEdit, done?: string) => {
    const result = await sendMessage('editEntity', request).catch((e: unknown) => ({ status: 'failed' as const, reason: errorMessage(e) }));
    if (result.status === 'saved') {
      if (done) show({ text: done });
      return true;
    }
    show({ text: result.status === 'full' ? t('writeFailedFull') : t('writeFailed', 'reason' in result ? result.reason : '') }, 12_000);
    return false;
  };

  return (
    <div class="entity-page" data-testid="entity-page">
      <header class="library-head">
        <h1 class="brand">
          <a href="/library.html" class="brand-link">
            <img src="/icon/32.png" alt="" width={22} height={22} />
            {t('libraryTitle')}
          </a>
        </h1>
      </header>
      <main class="entity-main">
        {error && <StatusPanel tone="problem" title={t('failedTitle')} body={t('entityLoadFailed')} detail={error} onRetry={() => setAttempt((n) => n + 1)} />}
        {!error && page === undefined && <LoadingPanel slow={false} />}
        {!error && page === null && <StatusPanel tone="info" title={t('entityMissingTitle')} body={t('entityMissingBody')} />}
        {page && <EntityView db={db} page={page} onEdit={edit} onMore={(what) => setLimits((l) => ({ ...l, [what]: Infinity }))} />}
      </main>
      <ToastView toast={toast} onDone={hide} />
    </div>
  );
}

interface ViewProps {
  db: MarginDB;
  page: EntityPage;
  onEdit: (request: EntityEdit, done?: string) => Promise<boolean>;
  /** Show every article or highlight (the page opens with the newest). */
  onMore: (what: 'articles' | 'highlights') => void;
}

function EntityView({ db, page, onEdit, onMore }: ViewProps) {
  const language = uiLanguage();
  return (
    <article class="entity" data-kind={page.type} data-key={page.key}>
      <header class="entity-head">
        <p class={`chip chip-${page.type} entity-kind`}>
          <span class={`swatch ent-${page.type}`} aria-hidden="true" />
          {t(kindLabel(page.type))}
        </p>
        <h1 class="entity-name" data-testid="entity-name">
          {page.text}
        </h1>
        <p class="card-meta">
          <span data-testid="entity-article-count">{tn('articlesCount', page.totalArticles)}</span>
          <span>{tn('highlightsCount', page.totalHighlights)}</span>
        </p>
      </header>

      {(page.forms.length > 0 || page.aliases.length > 0 || page.splits.length > 0) && (
        <section class="entity-section" aria-labelledby="entity-forms">
          <h2 id="entity-forms">{t('entityForms')}</h2>
          <ul class="entity-forms" data-testid="entity-forms">
            {page.forms.map((form) => {
              const alias = page.aliases.find((a) => a.text === form);
              return (
                <li key={form}>
                  <span class="entity-form">{form}</span>
                  {alias ? (
                    <button
                      type="button"
                      class="toolbar-text"
                      onClick={() => void onEdit({ op: 'unmerge', key: alias.key }, t('entityUnmerged', form))}
                      data-action="unmerge"
                    >
                      {t('entityUnmerge')}
                    </button>
                  ) : (
                    <button
                      type="button"
                      class="toolbar-text"
                      onClick={() => void onEdit({ op: 'split', key: page.key, form }, t('entitySplitDone', form))}
                      data-action="split"
                    >
                      {t('entitySplit')}
                    </button>
                  )}
                </li>
              );
            })}
            {page.splits.map((form) => (
              <li key={`split:${form}`} class="entity-split">
                <s class="entity-form">{form}</s>
                <button type="button" class="toolbar-text" onClick={() => void onEdit({ op: 'unsplit', key: page.key, form })} data-action="unsplit">
                  {t('entityUnsplit')}
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}

      <EntityNote key={page.key} page={page} onSave={(note) => onEdit({ op: 'note', key: page.key, note }, t('entityNoteSaved'))} />
      <MergeBox db={db} page={page} onMerge={(other) => onEdit({ op: 'merge', key: other.key, into: page.key }, t('entityMerged', [other.text, page.text]))} />

      {page.related.length > 0 && (
        <section class="entity-section" aria-labelledby="entity-related">
          <h2 id="entity-related">{t('entityRelated')}</h2>
          <p class="chip-list" data-testid="entity-related">
            {page.related.map((r) => (
              <a key={r.key} class={`chip chip-${r.type}`} href={entityPageUrl(r.key)} title={`${t(kindLabel(r.type))} · ${tn('articlesCount', r.n)}`}>
                <span class={`swatch ent-${r.type}`} aria-hidden="true" />
                {r.text}
                <span class="chip-count">{r.n}</span>
              </a>
            ))}
          </p>
        </section>
      )}

      <section class="entity-section" aria-labelledby="entity-timeline">
        <h2 id="entity-timeline">{t('entityTimeline')}</h2>
        <ol class="entity-timeline" data-testid="entity-timeline">
          {page.articles.map((a) => (
            <li key={a.articleId} data-article={a.articleId}>
              <p class="card-meta">
                <time dateTime={new Date(a.publishedAt).toISOString()}>{formatPublished(a.publishedTime, language) ?? date(a.publishedAt)}</time>
                {a.siteName && <span>{a.siteName}</span>}
                <span>{t('mentions', String(a.count))}</span>
              </p>
              <h3 class="card-title">
                <a href={savedCopyUrl(a.articleId)} target="_blank" rel="noopener">
                  {a.title || a.url}
                </a>
              </h3>
              {a.first && <blockquote class="entity-first">{a.first}</blockquote>}
            </li>
          ))}
        </ol>
        {page.articles.length < page.totalArticles && (
          <button type="button" class="button load-more" onClick={() => onMore('articles')} data-action="more-articles">
            {t('entityShowAll', formatCount(page.totalArticles))}
          </button>
        )}
      </section>

      {page.highlights.length > 0 && (
        <section class="entity-section" aria-labelledby="entity-highlights">
          <h2 id="entity-highlights">{t('entityHighlights')}</h2>
          <ol class="notes-list" data-testid="entity-highlights">
            {page.highlights.map((h) => (
              <li key={h.id}>
                <a class={`entity-quote hl-swatch-${h.color}`} href={savedCopyUrl(h.articleId, { highlight: h.id })} target="_blank" rel="noopener">
                  {h.quote}
                </a>
                {h.note && <p class="note-text">{h.note}</p>}
                <p class="card-meta">{formatDateTime(h.createdAt, language)}</p>
              </li>
            ))}
          </ol>
          {page.highlights.length < page.totalHighlights && (
            <button type="button" class="button load-more" onClick={() => onMore('highlights')} data-action="more-highlights">
              {t('entityShowAll', formatCount(page.totalHighlights))}
            </button>
          )}
        </section>
      )}
    </article>
  );
}

function EntityNote({ page, onSave }: { page: EntityPage; onSave: (note: string) => Promise<boolean> }) {
  const [text, setText] = useState(page.note);
  const dirty = text !== page.note;
  return (
    <section class="entity-section" aria-labelledby="entity-note">
      <h2 id="entity-note">{t('entityNote')}</h2>
      <textarea
        class="entity-note"
        rows={3}
        value={text}
        aria-labelledby="entity-note"
        placeholder={t('entityNotePlaceholder')}
        onInput={(e) => setText((e.target as HTMLTextAreaElement).value)}
        onBlur={() => dirty && void onSave(text)}
        data-testid="entity-note"
      />
    </section>
  );
}

/** Find another entry of the library and merge it into this one. */
function MergeBox({ db, page, onMerge }: { db: MarginDB; page: EntityPage; onMerge: (other: EntityListRow) => Promise<boolean> }) {
  const [query, setQuery] = useState('');
  const [found, setFound] = useState<EntityListRow[]>([]);
  useEffect(() => {
    const q = query.trim();
    if (!q) return setFound([]);
    let live = true;
    const timer = setTimeout(() => {
      void listEntities(db, { text: q, sort: 'articles', limit: 8 }).then(
        (rows) => live && setFound(rows.filter((r) => r.key !== page.key && !page.aliases.some((a) => a.key === r.key))),
      );
    }, 120);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [db, query, page]);
  return (
    <section class="entity-section" aria-labelledby="entity-merge">
      <h2 id="entity-merge">{t('entityMergeTitle')}</h2>
      <p class="entity-hint">{t('entityMergeHint', page.text)}</p>
      <input
        type="search"
        class="library-search"
        value={query}
        aria-labelledby="entity-merge"
        placeholder={t('entityFilterPlaceholder')}
        onInput={(e) => setQuery((e.target as HTMLInputElement).value)}
        data-testid="entity-merge-search"
      />
      <ul class="entity-merge-list">
        {found.map((r) => (
          <li key={r.key}>
            <span class={`swatch ent-${r.type}`} aria-hidden="true" /> {r.text} <span class="card-meta">{tn('articlesCount', r.articles)}</span>
            <button
              type="button"
              class="toolbar-text"
              data-action="merge"
              onClick={() => {
                void onMerge(r).then((ok) => ok && setQuery(''));
              }}
            >
              {t('entityMergeInto')}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
