import type { ArticleSummary } from '../../utils/db/library';
import { entityKey, type HighlightRecord } from '../../utils/db/schema';
import { principalEntities } from '../../utils/entities/summary';
import type { EntityType } from '../../utils/entities/types';
import { formatDateTime, formatPublished } from '../../utils/format';
import { t, tn, uiLanguage } from '../../utils/i18n';
import { kindLabel } from '../entity-kinds';
import { entityPageUrl } from '../entity-links';
import { NoteBody } from '../NotesPanel';
import { savedCopyUrl } from '../SavedReaderApp';

interface Props {
  article: ArticleSummary;
  highlights: HighlightRecord[];
  onEntity: (entity: { key: string; text: string; type: EntityType }) => void;
  onTag: (tag: string) => void;
  onEdit: (highlight: HighlightRecord, button: HTMLElement) => void;
  onExport: () => void;
  onDelete: () => void;
}

/**
 * One saved article in the library: the title opens the saved copy (offline, with its
 * highlights), "Original" the page on its site; the names it is mostly about, as filters;
 * its highlights and notes, each editable.
 */
export function ArticleCard({ article, highlights, onEntity, onTag, onEdit, onExport, onDelete }: Props) {
  const language = uiLanguage();
  const names = principalEntities(article.entities);
  const published = formatPublished(article.publishedTime, language);
  return (
    <article class="card" data-testid="article-card" data-url={article.url}>
      <header>
        <p class="card-site">{article.siteName}</p>
        <h2 class="card-title">
          <a href={savedCopyUrl(article.id)} target="_blank" rel="noopener" title={t('openInReader')} data-testid="read-saved">
            {article.title || article.url}
          </a>
        </h2>
        <p class="card-meta">
          {article.byline && <span>{article.byline}</span>}
          {published && <span>{t('publishedOn', published)}</span>}
          <span>{t('saved', formatDateTime(article.savedAt, language) ?? '')}</span>
          <span>{tn('highlightsCount', highlights.length)}</span>
          <a class="card-original" href={article.url} target="_blank" rel="noopener noreferrer" title={t('openOriginalTitle')}>
            {t('openOriginal')} ↗
          </a>
        </p>
      </header>
      {names.length > 0 && (
        <p class="card-entities">
          {names.map((e) => (
            // The chip filters the library by the name; its arrow opens the name's page (issue 24).
            <span class="chip-pair" key={entityKey(e)}>
              <button
                type="button"
                class={`chip chip-${e.type}`}
                title={`${t(kindLabel(e.type))} · ${t('mentions', String(e.count))}`}
                data-entity={e.text}
                onClick={() => onEntity({ key: entityKey(e), text: e.text, type: e.type })}
              >
                <span class={`swatch ent-${e.type}`} aria-hidden="true" />
                {e.text}
              </button>
              <a
                class="chip chip-page"
                href={entityPageUrl(entityKey(e))}
                target="_blank"
                rel="noopener"
                title={t('entityPageOf', e.text)}
                aria-label={t('entityPageOf', e.text)}
                data-testid="chip-entity-page"
                data-entity={e.text}
              >
                <span aria-hidden="true">↗</span>
              </a>
            </span>
          ))}
        </p>
      )}
      <ol class="notes-list">
        {highlights.map((a) => (
          <li key={a.id} data-testid="library-note">
            <div class="note-button">
              <NoteBody a={a} badge onTag={onTag} />
              <button type="button" class="toolbar-text" onClick={(e) => onEdit(a, e.currentTarget)} data-action="edit">
                {t('editNote')}
              </button>
            </div>
          </li>
        ))}
      </ol>
      <footer class="card-actions">
        <button type="button" class="toolbar-text" onClick={onExport} data-action="export-article">
          {t('exportLabel')} · {t('exportArticleMarkdown')}
        </button>
        <button type="button" class="toolbar-text danger" onClick={onDelete} data-action="delete-article">
          {t('deleteArticle')}
        </button>
      </footer>
    </article>
  );
}
