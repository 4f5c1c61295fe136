import type { HighlightRecord } from '../utils/db/schema';
import { t } from '../utils/i18n';

interface Props {
  /** Placed highlights in reading order. */
  placed: HighlightRecord[];
  orphaned: HighlightRecord[];
  onPick: (highlight: HighlightRecord) => void;
  onClose: () => void;
  /** Download this article's highlights and notes as Markdown. */
  onExport?: () => void;
}

/**
 * A highlight as the lists show it (the popup's and the library's): its quote, whether it
 * is still in the article (`badge`), its note, and its tags — buttons when `onTag` is given.
 */
export function NoteBody({ a, badge, onTag }: { a: HighlightRecord; badge?: boolean; onTag?: (tag: string) => void }) {
  return (
    <>
      <blockquote class={`note-quote hl-bar-${a.color}`}>{a.quote}</blockquote>
      {badge && a.orphaned && <p class="badge">{t('orphanedBadge')}</p>}
      {a.note && <p class="note-text">{a.note}</p>}
      {a.tags.length > 0 && (
        <p class="note-tags">
          {a.tags.map((tag) =>
            onTag ? (
              <button type="button" key={tag} class="tag" onClick={() => onTag(tag)}>
                #{tag}
              </button>
            ) : (
              <span key={tag} class="tag">
                #{tag}
              </span>
            ),
          )}
        </p>
      )}
    </>
  );
}

function Item({ a, onPick }: { a: HighlightRecord; onPick?: () => void }) {
  const body = <NoteBody a={a} />;
  return (
    <li data-testid="note-item" data-id={a.id} data-orphaned={a.orphaned ? 'true' : 'false'}>
      {onPick ? (
        <button type="button" class="note-button" onClick={onPick}>
          {body}
        </button>
      ) : (
        <div class="note-button">{body}</div>
      )}
    </li>
  );
}

/** The reader's highlights and notes on this article, in reading order; orphaned ones apart. */
export function NotesPanel({ placed, orphaned, onPick, onClose, onExport }: Props) {
  return (
    <aside class="entity-panel notes-panel" aria-label={t('notesPanelTitle')} data-testid="notes-panel">
      <header class="panel-head">
        <h2>{t('notesPanelTitle')}</h2>
        {onExport && (placed.length > 0 || orphaned.length > 0) && (
          <button type="button" class="toolbar-text panel-export" onClick={onExport} data-testid="export-article">
            {t('exportLabel')} · {t('exportArticleMarkdown')}
          </button>
        )}
        <button type="button" class="icon-button" onClick={onClose} aria-label={t('close')} title={t('close')}>
          ×
        </button>
      </header>
      {placed.length === 0 && orphaned.length === 0 && <p class="panel-empty">{t('notesEmpty')}</p>}
      <ol class="notes-list">
        {placed.map((a) => (
          <Item key={a.id} a={a} onPick={() => onPick(a)} />
        ))}
      </ol>
      {orphaned.length > 0 && (
        <section class="orphaned" data-testid="orphaned">
          <h3>{t('orphanedTitle')}</h3>
          <p class="panel-help">{t('orphanedHelp')}</p>
          <ol class="notes-list">
            {orphaned.map((a) => (
              <Item key={a.id} a={a} />
            ))}
          </ol>
        </section>
      )}
    </aside>
  );
}
