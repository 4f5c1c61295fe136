import { useEffect, useRef, useState } from 'preact/hooks';
import { errorMessage } from '../utils/async';
import { download } from '../utils/dom/download';
import { filterOptions, filteredArticleIds, listArticles, search, type LibraryPage, type LibraryQuery, type SearchHit } from '../utils/db/library';
import type { MarginDB } from '../utils/db/schema';
import { importData, readData, StorageFullError } from '../utils/export/transfer';
import { listTrash, TRASH_DAYS } from '../utils/db/trash';
import { photoUsage } from '../utils/db/photos';
import { drainIndex, indexBacklog } from '../utils/db/index-queue';
import { formatBytes } from '../utils/format';
import { findEntities, type EntityListRow } from '../utils/db/entities';
import { reconcileSplits } from '../utils/db/entity-splits';
import type { ExportFormat } from '../utils/export/build';
import { formatCount, t, tn, uiLanguage } from '../utils/i18n';
import { sendMessage } from '../utils/background/messages';
import { useLiveQuery } from './hooks/useLiveQuery';
import { HighlightCard } from './HighlightCard';
import { failureText, highlightsClient, type WriteFailure } from './highlights-client';
import { useHighlightEditor } from './hooks/useHighlightEditor';
import { ArticleCard } from './library/ArticleCard';
import { filtered, LibraryFilters, type Filter } from './library/LibraryFilters';
import { ExportMenu, TrashMenu } from './library/LibraryMenus';
import { useOneMenu } from './library/MenuButton';
import { SearchResults } from './library/SearchResults';
import { EntitiesView } from './library/EntitiesView';
import { UpdatedView } from './library/UpdatedView';
import { StatusPanel } from './StatusPanel';
import { ToastView, useToast } from './Toast';
import { SyncSettings } from './SyncSettings';

const PAGE = 30;
/** The library's views: its articles, the entities across them (issue 24), the articles updated since they were highlighted. */
const LIBRARY_VIEWS = [
  ['articles', 'libraryViewArticles'],
  ['entities', 'entitiesView'],
  ['updated', 'libraryViewUpdated'],
] as const;
type LibraryView = (typeof LIBRARY_VIEWS)[number][0];

/** The language Margin's own words in a Markdown export are written in: the reader's. */
const markdownLang = () => (uiLanguage().startsWith('ko') ? 'ko' : 'en');

/**
 * The library: every saved article with its highlights and notes, sorted and filtered
 * (site, tag, colour, entity), searched, edited, exported and imported, 30 articles at a
 * time. It reads the database directly and live (an edit made in the popup shows on an open
 * card at once); every edit goes through the background, as the popup's do, so closing the
 * tab right after typing loses nothing, and each carries the version it was made against (a
 * stale card never overwrites another page's edit). A failed write is said in the reader's
 * language and what they wrote stays in the field.
 */
export function LibraryApp({ db }: { db: MarginDB }) {
  const [filter, setFilter] = useState<Filter>({ sort: 'saved' });
  const [view, setView] = useState<LibraryView>('articles');
  const [limit, setLimit] = useState(PAGE);
  const [query, setQuery] = useState('');
  const [hits, setHits] = useState<{ hits: SearchHit[]; names: EntityListRow[] } | null>(null);
  const [editing, setEditing] = useState<{ id: string; button: HTMLElement } | null>(null);
  // The card last opened, to open again when the reader asks to see another page's note.
  const lastEditing = useRef<{ id: string; button: HTMLElement } | null>(null);
  if (editing) lastEditing.current = editing;
  const { toast, show, hide } = useToast(4000);
  // For effects that outlive a render: the toast of the latest one.
  const showLatest = useRef(show);
  showLatest.current = show;
  const [entityLinks, setEntityLinks] = useState(true);
  // While an import runs the list is not "empty": it is filling (issue 22).
  const [importing, setImporting] = useState(false);
  // 내보내기 / 휴지통 / 동기화: one open at a time; library.html#sync (from ⚙) opens sync.
  const menus = useOneMenu<'export' | 'trash' | 'sync'>(location.hash === '#sync' ? 'sync' : null);
  const [version, setVersion] = useState(0);
  const fileInput = useRef<HTMLInputElement>(null);

  const refresh = () => setVersion((v) => v + 1);

  const libraryQuery = (offset: number, count: number): LibraryQuery => ({
    sort: filter.sort,
    site: filter.site,
    tag: filter.tag,
    color: filter.color,
    entity: filter.entity?.key,
    offset,
    limit: count,
  });

  // Live: a write anywhere (popup, side panel, another library tab, the background) re-runs these.
  const [loadError, setLoadError] = useState<string | null>(null);
  const livePage = useLiveQuery(
    () => listArticles(db, libraryQuery(0, limit)),
    [db, filter, limit, version],
    (error) => setLoadError(errorMessage(error)),
  );
  const [page, setPage] = useState<LibraryPage>({ items: [], total: 0 });
  useEffect(() => {
    if (!livePage) return;
    setLoadError(null);
    setPage(livePage);
    document.documentElement.dataset.library = 'ready';
  }, [livePage]);
  const loading = !livePage && page.items.length === 0;
  const options = useLiveQuery(() => filterOptions(db), [db]) ?? { sites: [], tags: [] };
  const trash = useLiveQuery(() => listTrash(db), [db]) ?? [];
  // What the photos kept with saved copies take on this device (issue 22), read from one small row per article.
  const photos = useLiveQuery(() => photoUsage(db), [db]);
  // What a large import left to index (utils/db/index-queue.ts): built here, and by the background when it starts.
  const indexing = (useLiveQuery(() => indexBacklog(db), [db]) ?? 0) > 0;
  const index = () => void drainIndex(db).catch((error: unknown) => console.warn('Margin: index not built yet', errorMessage(error)));
  useEffect(index, [db]);

  useEffect(() => {
    const q = query.trim();
    if (!q) {
      setHits(null);
      return;
    }
    let live = true;
    const timer = setTimeout(() => {
      // A failed search leaves the last results; the next keystroke searches again.
      // The names found across the library come first (each opens its entity page); a failure there costs only them.
      Promise.all([search(db, q), findEntities(db, q).catch(() => [])]).then(
        ([h, names]) => live && setHits({ hits: h, names }),
        (error: unknown) => live && showLatest.current({ text: t('searchFailed', errorMessage(error)) }, 9000),
      );
    }, 120);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [db, query, version, indexing]); // once what an import left is indexed, its hits are found

  const setAndReset = (next: Partial<Filter>) => {
    setLimit(PAGE);
    setFilter((f) => ({ ...f, ...next }));
  };

  const exportData = async (format: ExportFormat, scope: 'all' | 'filter') => {
    show({ text: t('exporting') }, 120_000);
    try {
      let articleIds: string[] | undefined;
      if (scope === 'filter') articleIds = await filteredArticleIds(db, libraryQuery(0, 0));
      const [{ buildExport }, data] = await Promise.all([import('../utils/export/build'), readData(db, { articleIds })]);
      download(buildExport(data, format, { entityLinks, lang: markdownLang() }));
      hide();
    } catch (error) {
      show({ text: t('exportFailed', errorMessage(error)) }, 9000);
    }
  };

  const exportArticle = async (articleId: string) => {
    try {
      const [{ singleMarkdown }, data] = await Promise.all([import('../utils/export/markdown'), readData(db, { articleIds: [articleId] })]);
      download(singleMarkdown(data, { entityLinks, lang: markdownLang() }));
    } catch (error) {
      show({ text: t('exportFailed', errorMessage(error)) }, 9000);
    }
  };

  /** Let the page paint the progress just set before the next long step. */
  const paint = () => new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));

  const importFile = async (file: File) => {
    show({ text: t('importProgressRead') }, 600_000);
    setImporting(true);
    try {
      // The validator and the formats load when first needed, not with the page.
      const [{ parseImport, ImportError }, messages] = await Promise.all([import('../utils/export/import'), import('../utils/export/messages')]);
      const lang = messages.importLang(uiLanguage());
      try {
        const text = await file.text();
        await paint();
        const data = parseImport(text);
        show({ text: t('importProgressWrite', [formatCount(data.articles.length), formatCount(data.annotations.length)]) }, 600_000);
        await paint();
        const summary = await importData(db, data, { conflictHeading: messages.conflictHeading(lang) });
        // Splits that came with the file apply to the articles now (issue 24), after the report; a failure leaves them to the background's next start.
        void reconcileSplits(db).catch((error: unknown) => console.warn('Margin: splits not applied', errorMessage(error)));
        index();
        show({ text: messages.importReportText(summary, lang) }, summary.skipped.count || summary.annotations.conflicts ? 12_000 : 6000);
        refresh();
      } catch (error) {
        if (error instanceof ImportError) return show({ text: t('importFailed', messages.importErrorText(error, lang)) }, 12_000);
        if (error instanceof StorageFullError) return show({ text: messages.storageFullText(lang) }, 12_000);
        throw error;
      }
    } catch (error) {
      show({ text: t('importFailedUnexpected', errorMessage(error)) }, 12_000);
    } finally {
      setImporting(false);
    }
  };

  /** Say why a write failed; what the reader wrote stays where it is. */
  const failed = (result: WriteFailure) => show({ text: failureText(result) }, 12_000);
  const failure = (error: unknown): WriteFailure => ({ status: 'failed', reason: errorMessage(error) });

  const restoreFromTrash = async (articleId: string) => {
    const result = await sendMessage('restoreArticle', { articleId }).catch(failure);
    if (result.status !== 'saved') return failed(result);
    show({ text: t('articleRestored') });
  };

  const deleteArticle = async (articleId: string) => {
    const result = await sendMessage('trashArticle', { articleId }).catch(failure);
    if (result.status !== 'saved') return failed(result);
    show({ text: t('articleTrashed', String(TRASH_DAYS)), undo: () => void restoreFromTrash(articleId) }, 8000);
  };

  const allHighlights = page.items.flatMap((i) => i.highlights);
  // Editing from a card, as in the reader (useHighlightEditor): against the version the card
  // showed, merged or refused and said, "show the other note", a highlight deleted elsewhere put back.
  const editor = useHighlightEditor({
    records: allHighlights,
    edit: (id, patch, base) => highlightsClient.edit(id, patch, base),
    revive: highlightsClient.revive,
    show,
    // The toast is outside the card, so the click on it closed the card: open it again, with the other note.
    reopen: (id) => {
      if (lastEditing.current?.id === id) setEditing(lastEditing.current);
    },
    onSaved: () => {
      if (query.trim()) refresh();
    },
  });

  const remove = async (id: string) => {
    setEditing(null);
    const result = await highlightsClient.remove(id);
    if (query.trim()) refresh();
    if (result.status !== 'saved') return failed(result);
    const removed = result.value;
    if (removed) show({ text: t('highlightDeleted'), undo: () => void editor.putBack(removed) }, 8000);
  };

  // A highlight deleted elsewhere while its card is open keeps its card (and the reader's text) until they close it.
  const editingHighlight = editing && (allHighlights.find((a) => a.id === editing.id) ?? editor.last(editing.id));

  return (
    <div class="library">
      <header class="library-head">
        <h1 class="brand">
          <img src="/icon/32.png" alt="" width={22} height={22} />
          {t('libraryTitle')}
        </h1>
        <input
          type="search"
          class="library-search"
          placeholder={t('searchPlaceholder')}
          aria-label={t('searchPlaceholder')}
          value={query}
          onInput={(e) => setQuery((e.target as HTMLInputElement).value)}
          data-testid="search"
        />
        <div class="library-actions">
          <button type="button" class="button button-quiet" onClick={() => fileInput.current?.click()} data-testid="import-button">
            {t('importLabel')}
          </button>
          <input
            ref={fileInput}
            type="file"
            accept=".json,application/json,application/ld+json"
            hidden
            data-testid="import-file"
            onChange={(e) => {
              const file = (e.target as HTMLInputElement).files?.[0];
              if (file) void importFile(file);
              (e.target as HTMLInputElement).value = '';
            }}
          />
          <ExportMenu
            menu={menus.props('export')}
            entityLinks={entityLinks}
            onEntityLinks={setEntityLinks}
            onExport={(format, scope) => void exportData(format, scope)}
          />
          <TrashMenu menu={menus.props('trash')} items={trash} onRestore={(id) => void restoreFromTrash(id)} />
          <SyncSettings db={db} menu={menus.props('sync')} />
        </div>
      </header>

      <nav class="library-views" aria-label={t('libraryViews')}>
        {LIBRARY_VIEWS.map(([name, label]) => (
          <button type="button" key={name} class="button button-quiet" aria-pressed={view === name} onClick={() => setView(name)} data-view={name}>
            {t(label)}
          </button>
        ))}
      </nav>

      {view === 'entities' && <EntitiesView db={db} />}
      {view === 'updated' && <UpdatedView db={db} />}

      {view === 'articles' && <LibraryFilters filter={filter} sites={options.sites} tags={options.tags} onChange={setAndReset} />}

      <main class="library-main" data-testid="library-list" hidden={view !== 'articles'}>
        {loadError && <StatusPanel tone="problem" title={t('libraryLoadFailedTitle')} body={t('libraryLoadFailedBody')} detail={loadError} onRetry={refresh} />}
        {indexing && (
          <p class="count indexing" role="status" data-testid="indexing">
            {t('libraryIndexing')}
          </p>
        )}
        {hits ? (
          <SearchResults hits={hits.hits} names={hits.names} />
        ) : (
          <>
            <p class="count" role="status">
              {importing && page.total === 0 ? t('libraryImporting') : tn('articlesCount', page.total)}
            </p>
            {photos && photos.bytes > 0 && (
              <p class="count photo-storage" data-testid="photo-storage" data-bytes={photos.bytes}>
                {t('photoStorage', [formatBytes(photos.bytes, uiLanguage()), tn('articlesCount', photos.articles)])}
              </p>
            )}
            {!loading && !importing && page.total === 0 && <p class="empty">{filtered(filter) ? t('noResults') : t('libraryEmpty')}</p>}
            {page.items.map(({ article, highlights: list }) => (
              <ArticleCard
                key={article.id}
                article={article}
                highlights={list}
                onEntity={(entity) => setAndReset({ entity })}
                onTag={(tag) => setAndReset({ tag })}
                onEdit={(a, button) => setEditing({ id: a.id, button })}
                onExport={() => void exportArticle(article.id)}
                onDelete={() => void deleteArticle(article.id)}
              />
            ))}
            {page.items.length < page.total && (
              <button type="button" class="button load-more" onClick={() => setLimit((l) => l + PAGE)}>
                {t('loadMore')}
              </button>
            )}
          </>
        )}
      </main>

      {editingHighlight && editing && (
        <HighlightCard
          key={`${editingHighlight.id}:${editor.cardKey}`}
          highlight={editingHighlight}
          anchor={() => (editing.button.isConnected ? editing.button.getBoundingClientRect() : null)}
          focusNote
          onChange={(patch, base) => editor.change(editingHighlight.id, patch, base)}
          onDelete={() => remove(editingHighlight.id)}
          onClose={() => setEditing(null)}
        />
      )}
      <ToastView toast={toast} onDone={hide} />
    </div>
  );
}
