import { entityPageUrl } from '../entity-links';
import { useEffect, useState } from 'preact/hooks';
import type { HighlightColor } from '../../utils/db/schema';
import type { EntityType } from '../../utils/entities/types';
import { t } from '../../utils/i18n';
import { ColorSwatches } from '../ColorSwatches';

export interface Filter {
  sort: 'saved' | 'published';
  site?: string;
  tag?: string;
  color?: HighlightColor;
  entity?: { key: string; text: string; type: EntityType };
}

export const filtered = (f: Filter) => !!(f.site || f.tag || f.color || f.entity);

interface Props {
  filter: Filter;
  sites: string[];
  tags: string[];
  onChange: (next: Partial<Filter>) => void;
}

/**
 * Sort and filters. The site filter is a text field with the saved sites as suggestions
 * (a list of 179 sites neither fits a menu nor stretches the bar): typing narrows them, a
 * name that is no site says so, and an empty field means every site.
 */
export function LibraryFilters({ filter, sites, tags, onChange }: Props) {
  const [siteText, setSiteText] = useState(filter.site ?? '');
  useEffect(() => setSiteText(filter.site ?? ''), [filter.site]);
  const unknownSite = siteText.trim() !== '' && !sites.includes(siteText.trim());
  const pickSite = (value: string) => {
    setSiteText(value);
    const name = value.trim();
    if (!name) onChange({ site: undefined });
    else if (sites.includes(name)) onChange({ site: name });
  };
  return (
    <div class="filters" role="toolbar" aria-label={t('filtersLabel')}>
      <label>
        <span class="sr-only">{t('sortLabel')}</span>
        <select value={filter.sort} onChange={(e) => onChange({ sort: (e.target as HTMLSelectElement).value as Filter['sort'] })} data-testid="sort">
          <option value="saved">{t('sortSaved')}</option>
          <option value="published">{t('sortPublished')}</option>
        </select>
      </label>
      <span class="site-filter">
        <label class="sr-only" for="site-filter">
          {t('siteFilterLabel')}
        </label>
        <input
          id="site-filter"
          type="search"
          list="site-options"
          placeholder={t('siteFilterPlaceholder')}
          value={siteText}
          aria-invalid={unknownSite}
          aria-describedby={unknownSite ? 'site-filter-problem' : undefined}
          onInput={(e) => pickSite((e.target as HTMLInputElement).value)}
          data-testid="site-filter"
        />
        <datalist id="site-options">
          {sites.map((s) => (
            <option key={s} value={s} />
          ))}
        </datalist>
        {unknownSite && (
          <span class="field-problem" id="site-filter-problem" role="status">
            {t('siteFilterUnknown', siteText.trim())}
          </span>
        )}
      </span>
      <select
        aria-label={t('allTags')}
        value={filter.tag ?? ''}
        onChange={(e) => onChange({ tag: (e.target as HTMLSelectElement).value || undefined })}
        data-testid="tag-filter"
      >
        <option value="">{t('allTags')}</option>
        {tags.map((tag) => (
          <option key={tag} value={tag}>
            #{tag}
          </option>
        ))}
      </select>
      <span class="color-filter" role="radiogroup" aria-label={t('anyColor')}>
        <ColorSwatches selected={filter.color ?? null} onPick={(color) => onChange({ color: filter.color === color ? undefined : color })} />
      </span>
      {filter.entity && (
        <button type="button" class={`chip chip-${filter.entity.type}`} onClick={() => onChange({ entity: undefined })} data-testid="entity-filter">
          <span class={`swatch ent-${filter.entity.type}`} aria-hidden="true" />
          {t('entityFilter', filter.entity.text)} ×
        </button>
      )}
      {filter.entity && (
        <a class="toolbar-text" href={entityPageUrl(filter.entity.key)} target="_blank" rel="noopener" data-testid="entity-page-link">
          {t('entityOpenPage')}
        </a>
      )}
      {filtered(filter) && (
        <button
          type="button"
          class="toolbar-text"
          onClick={() => {
            setSiteText('');
            onChange({ site: undefined, tag: undefined, color: undefined, entity: undefined });
          }}
          data-testid="clear-filters"
        >
          {t('clearAllFilters')}
        </button>
      )}
    </div>
  );
}
