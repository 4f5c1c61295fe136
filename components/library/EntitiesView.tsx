import { useState } from 'preact/hooks';
import { listEntities, type EntitySort } from '../../utils/db/entities';
import type { MarginDB } from '../../utils/db/schema';
import type { EntityType } from '../../utils/entities/types';
import { formatDateTime } from '../../utils/format';
import { formatCount, t, tn, uiLanguage } from '../../utils/i18n';
import { entityPageUrl } from '../entity-links';
import { KINDS, kindLabel } from '../entity-kinds';
import { useLiveQuery } from '../hooks/useLiveQuery';

const PAGE = 100;
/** The kinds the view offers: names of someone or something. */
const NAME_KINDS = KINDS.filter((k) => !['date', 'money', 'percent', 'misc'].includes(k.type));

/**
 * The library's Entities view (issue 24): the people, organisations and places across every
 * saved article, sorted by how many articles name them or by the newest, filtered by kind and by
 * the start of a word of the name, with their numbers of articles and highlights; each opens its
 * entity page. Read from the entity index (utils/db/entities.ts), a page at a time.
 */
export function EntitiesView({ db }: { db: MarginDB }) {
  const [kind, setKind] = useState<EntityType | ''>('');
  const [sort, setSort] = useState<EntitySort>('articles');
  const [text, setText] = useState('');
  const [limit, setLimit] = useState(PAGE);
  const rows = useLiveQuery(() => listEntities(db, { kind: kind || undefined, sort, text, limit: limit + 1 }), [db, kind, sort, text, limit]);
  const language = uiLanguage();
  const shown = rows?.slice(0, limit) ?? [];
  return (
    <section class="entities-view" data-testid="entities-view" aria-label={t('entitiesView')} data-state={rows ? 'ready' : 'loading'}>
      <div class="filters">
        <input
          type="search"
          class="library-search"
          value={text}
          placeholder={t('entityFilterPlaceholder')}
          aria-label={t('entityFilterPlaceholder')}
          onInput={(e) => {
            setText((e.target as HTMLInputElement).value);
            setLimit(PAGE);
          }}
          data-testid="entities-filter"
        />
        <label>
          <span class="sr-only">{t('entityKindFilter')}</span>
          <select value={kind} onChange={(e) => setKind((e.target as HTMLSelectElement).value as EntityType | '')} data-testid="entity-kind">
            <option value="">{t('entityAllKinds')}</option>
            {NAME_KINDS.map((k) => (
              <option key={k.type} value={k.type}>
                {t(k.label)}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span class="sr-only">{t('sortLabel')}</span>
          <select value={sort} onChange={(e) => setSort((e.target as HTMLSelectElement).value as EntitySort)} data-testid="entity-sort">
            <option value="articles">{t('entitySortArticles')}</option>
            <option value="recent">{t('entitySortRecent')}</option>
          </select>
        </label>
      </div>
      {rows && !shown.length && <p class="empty">{text || kind ? t('noResults') : t('entitiesEmpty')}</p>}
      {shown.length > 0 && (
        <table class="entity-table">
          <thead>
            <tr>
              <th scope="col">{t('entityNameColumn')}</th>
              <th scope="col">{t('entityKindColumn')}</th>
              <th scope="col" class="num">
                {t('entityArticlesColumn')}
              </th>
              <th scope="col" class="num">
                {t('entityHighlightsColumn')}
              </th>
              <th scope="col">{t('entityLastColumn')}</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((r) => (
              <tr key={r.key} data-key={r.key} data-testid="entity-row">
                <td>
                  <a href={entityPageUrl(r.key)} target="_blank" rel="noopener">
                    <span class={`swatch ent-${r.type}`} aria-hidden="true" /> {r.text}
                  </a>
                  {r.aliases.length > 0 && <span class="card-meta"> · {tn('entityAliasesCount', r.aliases.length)}</span>}
                </td>
                <td>{t(kindLabel(r.type))}</td>
                <td class="num">{formatCount(r.articles)}</td>
                <td class="num">{formatCount(r.highlights)}</td>
                <td>{r.lastAt ? formatDateTime(r.lastAt, language) : ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {rows && rows.length > limit && (
        <button type="button" class="button load-more" onClick={() => setLimit((l) => l + PAGE)}>
          {t('loadMore')}
        </button>
      )}
    </section>
  );
}
