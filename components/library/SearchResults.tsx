import type { ComponentChildren } from 'preact';
import type { EntityListRow } from '../../utils/db/entities';
import { SEARCH_LIMIT, type SearchHit } from '../../utils/db/library';
import { formatDateTime, formatPublished } from '../../utils/format';
import { t, tn, uiLanguage, type MessageKey } from '../../utils/i18n';
import { savedCopyUrl } from '../SavedReaderApp';
import { entityPageUrl } from '../entity-links';
import { kindLabel } from '../entity-kinds';

/** Marked snippet: the matches of a search in <mark>, the rest as text. */
function Marked({ text, marks }: { text: string; marks: { start: number; end: number }[] }) {
  const parts: ComponentChildren[] = [];
  let at = 0;
  marks.forEach((m, i) => {
    if (m.start < at) return;
    parts.push(text.slice(at, m.start), <mark key={i}>{text.slice(m.start, m.end)}</mark>);
    at = m.end;
  });
  parts.push(text.slice(at));
  return <>{parts}</>;
}

const FIELD_LABEL: Record<SearchHit['field'], MessageKey> = {
  title: 'hitFieldTitle',
  entity: 'hitFieldEntity',
  quote: 'hitFieldQuote',
  note: 'hitFieldNote',
  tag: 'hitFieldTag',
  body: 'hitFieldBody',
};

/** Where a hit opens: the saved copy, at the highlight or at the passage found in the text. */
export function hitAddress(hit: SearchHit): string {
  if (hit.highlightId) return savedCopyUrl(hit.articleId, { highlight: hit.highlightId });
  if (hit.at !== undefined) {
    const first = hit.snippet.marks[0];
    const length = first ? first.end - first.start : 1;
    return savedCopyUrl(hit.articleId, { start: hit.at, end: hit.at + length });
  }
  return savedCopyUrl(hit.articleId);
}

const short = (text: string, max = 80) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

function Hit({ hit }: { hit: SearchHit }) {
  const language = uiLanguage();
  const when = formatPublished(hit.publishedTime, language) ?? formatDateTime(hit.savedAt, language);
  return (
    <li class={`hit hit-${hit.kind}`} data-testid="hit" data-field={hit.field}>
      <p class="hit-title">
        <a href={hitAddress(hit)} target="_blank" rel="noopener" data-testid="hit-open">
          {hit.title || hit.url}
        </a>
      </p>
      <p class="hit-meta card-meta">
        <span class="hit-field">{t(FIELD_LABEL[hit.field])}</span>
        {hit.siteName && <span>{hit.siteName}</span>}
        {when && <span>{when}</span>}
      </p>
      <p class={`hit-snippet ${hit.color ? `hl-bar-${hit.color}` : ''}`} data-field={hit.field}>
        <Marked text={hit.snippet.text} marks={hit.snippet.marks} />
      </p>
      {hit.quote && <p class="hit-context">{t('hitOnHighlight', short(hit.quote))}</p>}
      {hit.names && hit.names.length > 0 && (
        <p class="hit-names">
          {hit.names.map((n) => (
            <a
              key={n.key}
              class={`chip chip-${n.type}`}
              href={entityPageUrl(n.key)}
              target="_blank"
              rel="noopener"
              title={t('entityPageOf', n.text)}
              data-testid="hit-entity"
              data-key={n.key}
            >
              <span class={`swatch ent-${n.type}`} aria-hidden="true" />
              {n.text}
            </a>
          ))}
        </p>
      )}
    </li>
  );
}

/** The names a search found across the library (issue 24): each opens its entity page. */
function NameHits({ names }: { names: EntityListRow[] }) {
  return (
    <section aria-labelledby="hits-names" data-testid="entity-hits">
      <h2 class="hits-heading" id="hits-names">
        {t('hitsNames')}
      </h2>
      <ul class="entity-hits">
        {names.map((n) => (
          <li key={n.key} data-testid="entity-hit" data-key={n.key}>
            <a class={`chip chip-${n.type}`} href={entityPageUrl(n.key)} target="_blank" rel="noopener" title={t('entityPageOf', n.text)}>
              <span class={`swatch ent-${n.type}`} aria-hidden="true" />
              {n.text}
            </a>
            <span class="card-meta">
              {t(kindLabel(n.type))} · {tn('articlesCount', n.articles)}
              {n.highlights > 0 && ` · ${tn('highlightsCount', n.highlights)}`}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}

/**
 * Search results: the names found across the library (each opening its entity page), then what
 * the reader wrote or titled (titles, names, highlights, notes, tags), then the text of saved
 * articles; each with its site, date and colour, opening the saved copy at the hit.
 */
export function SearchResults({ hits, names = [] }: { hits: SearchHit[]; names?: EntityListRow[] }) {
  const written = hits.filter((h) => h.kind !== 'body');
  const text = hits.filter((h) => h.kind === 'body');
  const section = (heading: string, list: SearchHit[], id: string) =>
    list.length > 0 && (
      <section aria-labelledby={id}>
        <h2 class="hits-heading" id={id}>
          {heading}
        </h2>
        <ol class="hit-list">
          {list.map((h) => (
            <Hit key={`${h.kind}:${h.highlightId ?? h.articleId}`} hit={h} />
          ))}
        </ol>
      </section>
    );
  return (
    <section class="hits" data-testid="hits">
      <p class="count" role="status">
        {hits.length >= SEARCH_LIMIT ? t('resultsNewest', String(hits.length)) : tn('resultsCount', hits.length)}
      </p>
      {hits.length === 0 && !names.length && <p class="empty">{t('noResults')}</p>}
      {names.length > 0 && <NameHits names={names} />}
      {section(t('hitsWritten'), written, 'hits-written')}
      {section(t('hitsText'), text, 'hits-text')}
    </section>
  );
}
