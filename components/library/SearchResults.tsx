import type { ComponentChildren } from 'preact';
import { SEARCH_LIMIT, type SearchHit } from '../../utils/db/library';
import { formatDateTime, formatPublished } from '../../utils/format';
import { t, tn, uiLanguage, type MessageKey } from '../../utils/i18n';
import { savedCopyUrl } from '../SavedReaderApp';

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
    </li>
  );
}

/**
 * Search results: what the reader wrote or titled (titles, names, highlights, notes, tags)
 * first, then the text of saved articles; each with its site, date and colour, opening the
 * saved copy at the hit.
 */
export function SearchResults({ hits }: { hits: SearchHit[] }) {
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
      {hits.length === 0 && <p class="empty">{t('noResults')}</p>}
      {section(t('hitsWritten'), written, 'hits-written')}
      {section(t('hitsText'), text, 'hits-text')}
    </section>
  );
}
