import { useEffect, useRef, useState } from 'preact/hooks';
import { errorMessage } from '../utils/async';
import { download } from '../utils/dom/download';
import type { AnnotationPatch, EditOutcome, PatchBase } from '../utils/db/annotations';
import {
  facets,
  filteredArticleIds,
  listArticles,
  search,
  SEARCH_LIMIT,
  type ArticleSummary,
  type LibraryPage,
  type LibraryQuery,
  type SearchHit,
} from '../utils/db/library';
import { entityKey, type AnnotationRecord, type HighlightColor, type MarginDB } from '../utils/db/schema';
import { importData, readData, StorageFullError } from '../utils/db/transfer';
import { listTrash, TRASH_DAYS } from '../utils/db/trash';
import type { ExportFormat } from '../utils/export/build';
import type { EntityType } from '../utils/entities/types';
import { formatDateTime } from '../utils/format';
import { t, uiLanguage } from '../utils/i18n';
import { sendMessage, type WriteOutcome } from '../utils/messages';
import { useLiveQuery } from './hooks/useLiveQuery';
import { kindLabel } from './entity-kinds';
import { ColorSwatches } from './ColorSwatches';
import { HighlightCard } from './HighlightCard';
import { NoteBody } from './NotesPanel';
import { ToastView, useToast } from './Toast';
import { SyncSettings } from './SyncSettings';

const PAGE = 30;

interface Filter {
  sort: 'saved' | 'published';
  site?: string;
  tag?: string;
  color?: HighlightColor;
  entity?: { key: string; text: string; type: EntityType };
}

/** The names (people, organisations, places, other) of an article, most mentioned first: the filters worth offering. */
function names(entities: ArticleSummary['entities']) {
  return entities.filter((e) => e.type !== 'date' && e.type !== 'money' && e.type !== 'percent').sort((a, b) => b.count - a.count);
}

/** Marked snippet: the matches of a search in <mark>, the rest as text. */
function Marked({ text, marks }: { text: string; marks: { start: number; end: number }[] }) {
  const parts: preact.ComponentChildren[] = [];
  let at = 0;
  marks.forEach((m, i) => {
    if (m.start < at) return;
    parts.push(text.slice(at, m.start), <mark key={i}>{text.slice(m.start, m.end)}</mark>);
    at = m.end;
  });
  parts.push(text.slice(at));
  return <>{parts}</>;
}

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
  const [limit, setLimit] = useState(PAGE);
  const [query, setQuery] = useState('');
  const [hits, setHits] = useState<SearchHit[] | null>(null);
  const [editing, setEditing] = useState<{ id: string; button: HTMLElement } | null>(null);
  // Bumped to show the other page's note in an open card (the card starts again from live data).
  const [cardKey, setCardKey] = useState(0);
  const { toast, show, hide } = useToast(4000);
  const [entityLinks, setEntityLinks] = useState(true);
  const [version, setVersion] = useState(0);
  const [expanded, setExpanded] = useState<Set<string>>(new Set());
  const fileInput = useRef<HTMLInputElement>(null);
  // The last version of each highlight this page showed: what a highlight deleted elsewhere is restored from.
  const lastSeen = useRef(new Map<string, AnnotationRecord>());

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
  const livePage = useLiveQuery(() => listArticles(db, libraryQuery(0, limit)), [db, filter, limit, version]);
  const [page, setPage] = useState<LibraryPage>({ items: [], total: 0 });
  useEffect(() => {
    if (!livePage) return;
    setPage(livePage);
    for (const a of livePage.items.flatMap((i) => i.annotations)) lastSeen.current.set(a.id, a);
    document.documentElement.dataset.library = 'ready';
  }, [livePage]);
  const loading = !livePage && page.items.length === 0;
  const options = useLiveQuery(() => facets(db), [db]) ?? { sites: [], tags: [] };
  const trash = useLiveQuery(() => listTrash(db), [db]) ?? [];

  useEffect(() => {
    const q = query.trim();
    if (!q) {
      setHits(null);
      return;
    }
    let live = true;
    const timer = setTimeout(() => {
      // A failed search leaves the last results; the next keystroke searches again.
      search(db, q).then(
        (h) => live && setHits(h),
        (error: unknown) => console.error('Library search failed', error),
      );
    }, 120);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [db, query, version]);

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
      download(buildExport(data, format, { entityLinks }));
      hide();
    } catch (error) {
      show({ text: errorMessage(error) });
    }
  };

  const exportArticle = async (articleId: string) => {
    try {
      const [{ singleMarkdown }, data] = await Promise.all([import('../utils/export/markdown'), readData(db, { articleIds: [articleId] })]);
      download(singleMarkdown(data, { entityLinks }));
    } catch (error) {
      show({ text: errorMessage(error) });
    }
  };

  const importFile = async (file: File) => {
    show({ text: t('importing') }, 600_000);
    try {
      // The validator and the formats load when first needed, not with the page.
      const [{ parseImport, ImportError }, messages] = await Promise.all([import('../utils/export/import'), import('../utils/export/messages')]);
      const lang = messages.importLang(uiLanguage());
      try {
        const summary = await importData(db, parseImport(await file.text()), { conflictHeading: messages.conflictHeading(lang) });
        show({ text: messages.importReportText(summary, lang) }, summary.skipped.count || summary.annotations.conflicts ? 12_000 : 6000);
        refresh();
      } catch (error) {
        if (error instanceof ImportError) return show({ text: t('importFailed', messages.importErrorText(error, lang)) }, 12_000);
        if (error instanceof StorageFullError) return show({ text: messages.storageFullText(lang) }, 12_000);
        throw error;
      }
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      show({ text: t('importFailed', reason) }, 9000);
    }
  };

  /** Say why a write failed; what the reader wrote stays where it is. */
  const failed = (result: Exclude<WriteOutcome<unknown>, { status: 'saved' }>) =>
    show({ text: result.status === 'full' ? t('writeFailedFull') : result.status === 'gone' ? t('alreadyGone') : t('writeFailed', result.reason) }, 12_000);
  const failure = (error: unknown) => ({ status: 'failed' as const, reason: errorMessage(error) });

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

  const revive = async (record: AnnotationRecord) => {
    const result = await sendMessage('reviveAnnotation', { record: { ...record, updatedAt: Date.now() } }).catch(failure);
    if (result.status !== 'saved') return failed(result);
    show({ text: t('highlightRestored') });
  };

  const change = async (id: string, patch: AnnotationPatch, base: PatchBase): Promise<EditOutcome> => {
    const result = await sendMessage('editAnnotation', { id, patch, base }).catch((error: unknown): EditOutcome => failure(error));
    if (result.status === 'saved') {
      lastSeen.current.set(id, result.record);
      if (query.trim()) refresh();
    } else if (result.status === 'conflict') {
      show(
        result.fields.includes('note')
          ? { text: t('noteConflict'), action: t('showOtherNote'), undo: () => setCardKey((k) => k + 1) }
          : { text: t('colorConflict') },
        12_000,
      );
    } else if (result.status === 'gone') {
      const last = lastSeen.current.get(id);
      // Restored as this page last showed it, with the reader's change on top.
      const withChange = last && {
        ...last,
        ...(patch.note !== undefined && { note: patch.note }),
        ...(patch.tags !== undefined && { tags: patch.tags }),
        ...(patch.color && { color: patch.color }),
      };
      show({ text: t('highlightGoneElsewhere'), ...(withChange && { action: t('restoreWithNote'), undo: () => void revive(withChange) }) }, 15_000);
    } else failed(result);
    return result;
  };

  const remove = async (id: string) => {
    setEditing(null);
    const removed = await sendMessage('deleteAnnotation', { id }).catch((error: unknown) => {
      show({ text: t('writeFailed', errorMessage(error)) }, 12_000);
      return null;
    });
    if (query.trim()) refresh();
    if (removed) show({ text: t('highlightDeleted'), undo: () => void revive(removed) }, 8000);
  };

  const allAnnotations = page.items.flatMap((i) => i.annotations);
  // A highlight deleted elsewhere while its card is open keeps its card (and the reader's text) until they close it.
  const editingAnnotation = editing && (allAnnotations.find((a) => a.id === editing.id) ?? lastSeen.current.get(editing.id));
  const language = uiLanguage();

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
          <details class="export-menu">
            <summary class="button">{t('exportLabel')}</summary>
            <div class="popover export-options">
              {(['filter', 'all'] as const).map((scope) => (
                <div key={scope} class="export-scope">
                  <p>{scope === 'all' ? t('exportScopeAll') : t('exportScopeFilter')}</p>
                  {(
                    [
                      ['md', 'exportMarkdown'],
                      ['csv', 'exportCsv'],
                      ['json', 'exportJson'],
                    ] as const
                  ).map(([format, label]) => (
                    <button type="button" key={format} class="menu-item" onClick={() => exportData(format, scope)} data-export={`${format}-${scope}`}>
                      {t(label)}
                    </button>
                  ))}
                </div>
              ))}
              <label class="setting">
                <input type="checkbox" checked={entityLinks} onChange={(e) => setEntityLinks((e.target as HTMLInputElement).checked)} />
                {t('entityLinksOption')}
              </label>
            </div>
          </details>
          <details class="export-menu trash-menu" data-testid="trash">
            <summary class="button button-quiet">{t('trashLabel', String(trash.length))}</summary>
            <div class="popover export-options">
              <p>{t('trashHint', String(TRASH_DAYS))}</p>
              <ul class="trash-list">
                {trash.map((item) => (
                  <li key={item.id} data-testid="trash-item">
                    <p class="trash-title">{item.title || item.url}</p>
                    <p class="card-meta">{t('trashItemMeta', [formatDateTime(item.deletedAt, language) ?? '', String(item.highlights)])}</p>
                    <button type="button" class="menu-item" onClick={() => void restoreFromTrash(item.id)} data-action="restore-article">
                      {t('restoreArticle')}
                    </button>
                  </li>
                ))}
              </ul>
            </div>
          </details>
          <SyncSettings db={db} />
        </div>
      </header>

      <div class="filters" role="toolbar">
        <label>
          <span class="sr-only">{t('sortLabel')}</span>
          <select value={filter.sort} onChange={(e) => setAndReset({ sort: (e.target as HTMLSelectElement).value as Filter['sort'] })} data-testid="sort">
            <option value="saved">{t('sortSaved')}</option>
            <option value="published">{t('sortPublished')}</option>
          </select>
        </label>
        <select
          aria-label={t('allSites')}
          value={filter.site ?? ''}
          onChange={(e) => setAndReset({ site: (e.target as HTMLSelectElement).value || undefined })}
          data-testid="site-filter"
        >
          <option value="">{t('allSites')}</option>
          {options.sites.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
        <select
          aria-label={t('allTags')}
          value={filter.tag ?? ''}
          onChange={(e) => setAndReset({ tag: (e.target as HTMLSelectElement).value || undefined })}
          data-testid="tag-filter"
        >
          <option value="">{t('allTags')}</option>
          {options.tags.map((tag) => (
            <option key={tag} value={tag}>
              #{tag}
            </option>
          ))}
        </select>
        <span class="color-filter" role="radiogroup" aria-label={t('anyColor')}>
          <ColorSwatches selected={filter.color ?? null} onPick={(color) => setAndReset({ color: filter.color === color ? undefined : color })} />
        </span>
        {filter.entity && (
          <button type="button" class={`chip chip-${filter.entity.type}`} onClick={() => setAndReset({ entity: undefined })} data-testid="entity-filter">
            <span class={`swatch ent-${filter.entity.type}`} aria-hidden="true" />
            {t('entityFilter', filter.entity.text)} ×
          </button>
        )}
      </div>

      <main class="library-main" data-testid="library-list">
        {hits ? (
          <section class="hits" data-testid="hits">
            <p class="count">{hits.length >= SEARCH_LIMIT ? t('resultsNewest', String(hits.length)) : t('resultsCount', String(hits.length))}</p>
            {hits.length === 0 && <p class="empty">{t('noResults')}</p>}
            <ol class="hit-list">
              {hits.map((h) => (
                <li key={`${h.kind}:${h.annotationId ?? h.articleId}`} class={`hit hit-${h.kind}`} data-testid="hit">
                  <p class="hit-title">
                    <a href={h.url} target="_blank" rel="noopener noreferrer">
                      {h.title}
                    </a>
                  </p>
                  <p class={`hit-snippet ${h.color ? `hl-bar-${h.color}` : ''}`} data-field={h.field}>
                    <Marked text={h.snippet.text} marks={h.snippet.marks} />
                  </p>
                </li>
              ))}
            </ol>
          </section>
        ) : (
          <>
            <p class="count">{t('articlesCount', String(page.total))}</p>
            {!loading && page.total === 0 && (
              <p class="empty">{filter.site || filter.tag || filter.color || filter.entity ? t('noResults') : t('libraryEmpty')}</p>
            )}
            {page.items.map(({ article, annotations: list }) => (
              <article key={article.id} class="card" data-testid="article-card" data-url={article.url}>
                <header>
                  <p class="card-site">{article.siteName}</p>
                  <h2 class="card-title">
                    <a href={article.url} target="_blank" rel="noopener noreferrer">
                      {article.title}
                    </a>
                  </h2>
                  <p class="card-meta">
                    {article.byline && <span>{article.byline}</span>}
                    {article.publishedTime && <span>{t('publishedOn', formatDateTime(article.publishedTime, language) ?? '')}</span>}
                    <span>{t('saved', formatDateTime(article.savedAt, language) ?? '')}</span>
                    <span>{t('highlightsCount', String(list.length))}</span>
                  </p>
                </header>
                {names(article.entities).length > 0 && (
                  <p class="card-entities">
                    {names(article.entities)
                      .slice(0, expanded.has(article.id) ? undefined : 12)
                      .map((e) => (
                        <button
                          type="button"
                          key={`${e.type}:${e.text}`}
                          class={`chip chip-${e.type}`}
                          title={t(kindLabel(e.type))}
                          data-entity={e.text}
                          onClick={() => setAndReset({ entity: { key: entityKey(e), text: e.text, type: e.type } })}
                        >
                          <span class={`swatch ent-${e.type}`} aria-hidden="true" />
                          {e.text}
                        </button>
                      ))}
                    {names(article.entities).length > 12 && !expanded.has(article.id) && (
                      <button type="button" class="chip" onClick={() => setExpanded((x) => new Set([...x, article.id]))} data-testid="more-entities">
                        +{names(article.entities).length - 12}
                      </button>
                    )}
                  </p>
                )}
                <ol class="notes-list">
                  {list.map((a: AnnotationRecord) => (
                    <li key={a.id} data-testid="library-note">
                      <div class="note-button">
                        <NoteBody a={a} badge onTag={(tag) => setAndReset({ tag })} />
                        <button type="button" class="toolbar-text" onClick={(e) => setEditing({ id: a.id, button: e.currentTarget })} data-action="edit">
                          {t('editNote')}
                        </button>
                      </div>
                    </li>
                  ))}
                </ol>
                <footer class="card-actions">
                  <button type="button" class="toolbar-text" onClick={() => exportArticle(article.id)} data-action="export-article">
                    {t('exportLabel')} · {t('exportArticleMarkdown')}
                  </button>
                  <button type="button" class="toolbar-text danger" onClick={() => deleteArticle(article.id)} data-action="delete-article">
                    {t('deleteArticle')}
                  </button>
                </footer>
              </article>
            ))}
            {page.items.length < page.total && (
              <button type="button" class="button load-more" onClick={() => setLimit((l) => l + PAGE)}>
                {t('loadMore')}
              </button>
            )}
          </>
        )}
      </main>

      {editingAnnotation && editing && (
        <HighlightCard
          key={`${editingAnnotation.id}:${cardKey}`}
          annotation={editingAnnotation}
          anchor={() => (editing.button.isConnected ? editing.button.getBoundingClientRect() : null)}
          focusNote
          onChange={(patch, base) => change(editingAnnotation.id, patch, base)}
          onDelete={() => remove(editingAnnotation.id)}
          onClose={() => setEditing(null)}
        />
      )}
      <ToastView toast={toast} onDone={hide} />
    </div>
  );
}
