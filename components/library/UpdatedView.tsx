import { updatedSinceHighlighted } from '../../utils/db/versions';
import type { MarginDB } from '../../utils/db/schema';
import { formatDateTime } from '../../utils/format';
import { t, tn, uiLanguage } from '../../utils/i18n';
import { useLiveQuery } from '../hooks/useLiveQuery';
import { savedCopyUrl } from '../SavedReaderApp';

/**
 * The library's list of articles updated since the reader highlighted them (issue 24): a revisit
 * found other text after a highlight was made. Each opens its saved copy, where the notice shows
 * what changed and which highlights it touched.
 */
export function UpdatedView({ db }: { db: MarginDB }) {
  const rows = useLiveQuery(() => updatedSinceHighlighted(db), [db]);
  const language = uiLanguage();
  return (
    <section class="updated-view" data-testid="updated-view" data-state={rows ? 'ready' : 'loading'} aria-label={t('libraryViewUpdated')}>
      {rows && !rows.length && <p class="empty">{t('updatedEmpty')}</p>}
      {rows?.map(({ row, changedAt, highlights }) => (
        <article class="card" key={row.id} data-testid="updated-article" data-url={row.url}>
          <p class="card-site">{row.siteName}</p>
          <h2 class="card-title">
            <a href={savedCopyUrl(row.id)} target="_blank" rel="noopener">
              {row.title || row.url}
            </a>
          </h2>
          <p class="card-meta">
            <span>{t('updatedChangedOn', formatDateTime(changedAt, language) ?? '')}</span>
            <span>{tn('highlightsCount', highlights.length)}</span>
          </p>
        </article>
      ))}
    </section>
  );
}
