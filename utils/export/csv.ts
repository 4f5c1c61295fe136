import Papa from 'papaparse';
import { byArticle, iso, type MarginData } from './model';

export const READWISE_COLUMNS = ['Highlight', 'Title', 'Author', 'URL', 'Note', 'Location', 'Date'] as const;

/** Readwise's limits per cell (its CSV import rejects a row beyond them). */
export const READWISE_LIMITS = { text: 8191, title: 511, author: 1024, url: 2047 } as const;

/**
 * A tag as one Readwise `.tag` token: Readwise reads tags from the start of a note, one
 * token each up to white space, so spaces become "_" and punctuation that would end or
 * split a token becomes a word — C++ → C_plus_plus, R&D → R_and_D, AI/ML → AI_ML,
 * 100% → 100_percent, C# → C_sharp. Letters of every script are kept.
 */
export function readwiseTag(tag: string): string {
  return tag
    .normalize('NFC')
    .replace(/^#+/, '')
    .replace(/\+/g, '_plus_')
    .replace(/&/g, '_and_')
    .replace(/%/g, '_percent_')
    .replace(/#/g, '_sharp_')
    .replace(/[^\p{L}\p{M}\p{N}_-]+/gu, '_')
    .replace(/_+/g, '_')
    .replace(/^[_-]+|_+$/g, '');
}

/**
 * A cell a spreadsheet will not run as a formula (OWASP, CSV injection): a cell starting
 * with =, +, @, a tab or a carriage return gets a leading apostrophe — byte-order marks
 * before it are looked through, as some spreadsheets drop them. A leading minus only when
 * what follows could be a formula — it has (, ), |, !, =, +, @ or ; in its first line, or
 * the minus stands alone on its line with more below — so a note that merely starts with a
 * minus ("- first point", "-5% growth", "-") stays as written.
 */
export function neutralizeCell(value: string): string {
  const bare = value.replace(/^\uFEFF+/, '');
  if (/^[=+@\t\r]/.test(bare)) return `'${value}`;
  if (bare.startsWith('-')) {
    const [first = '', ...rest] = bare.split('\n');
    if (/[()|!=+@;]/.test(first) || (/^-\s*$/.test(first) && rest.length > 0)) return `'${value}`;
  }
  return value;
}

/** At most `max` UTF-16 units, never splitting a surrogate pair; `mark` (counted) ends a cut text. */
function cut(value: string, max: number, mark = '…'): string {
  if (value.length <= max) return value;
  let end = max - mark.length;
  const c = value.charCodeAt(end - 1);
  if (c >= 0xd800 && c <= 0xdbff) end--;
  return value.slice(0, end) + mark;
}

/** A long text in pieces of at most `max` units (each with room for its " [i/n]" marker), surrogate pairs kept whole. */
function pieces(value: string, max: number): string[] {
  if (value.length <= max) return [value];
  const room = max - 12;
  const out: string[] = [];
  for (let at = 0; at < value.length;) {
    let end = Math.min(value.length, at + room);
    const c = value.charCodeAt(end - 1);
    if (end < value.length && c >= 0xd800 && c <= 0xdbff) end--;
    out.push(value.slice(at, end));
    at = end;
  }
  return out;
}

/** A URL within Readwise's limit: without its query and fragment if it must, cut only as a last resort. */
function fitUrl(url: string): string {
  if (url.length <= READWISE_LIMITS.url) return url;
  const bare = url.replace(/[?#].*$/s, '');
  return bare.length <= READWISE_LIMITS.url ? bare : bare.slice(0, READWISE_LIMITS.url);
}

/** The URL as the reader saved it: an imported highlight's source as its file wrote it, else the page's address as saved, else the normalised one. */
function urlAsSaved(article: MarginData['articles'][number], a: MarginData['annotations'][number]): string {
  const source = a.imported?.source;
  const written = typeof source === 'string' ? source : source && typeof source === 'object' ? (source as { id?: unknown }).id : undefined;
  if (typeof written === 'string' && /^https?:|^file:/i.test(written)) return written;
  return article.savedUrl ?? article.url;
}

/**
 * Readwise's CSV import: one row per highlight, exactly the columns Readwise's importer
 * documents. UTF-8 without a byte-order mark (Python's csv with encoding="utf-8" and the
 * csv-to-readwise scripts read the first key as "\ufeffHighlight" otherwise), the header
 * unquoted, every other cell quoted by Papa Parse, CRLF after every row. Tags lead the
 * note as `.tag` tokens, as Readwise reads them. A highlight or note longer than Readwise's
 * 8,191 characters is split over consecutive rows marked [1/n], [2/n]…, never rejected
 * or silently cut; title, author and URL are cut to Readwise's limits. Location is the
 * highlight's position in the article's text, Date when it was made — both empty when
 * unknown (an imported annotation that had none).
 */
export function readwiseCsv(data: MarginData): string {
  return csvRows(data);
}

/**
 * The same rows for a spreadsheet: with a byte-order mark, so that Excel reads the file as
 * UTF-8 and shows Korean (the header stays unquoted right after it: a BOM before a quote trips
 * some readers).
 */
export function spreadsheetCsv(data: MarginData): string {
  return `\uFEFF${csvRows(data)}`;
}

function csvRows(data: MarginData): string {
  const rows: string[][] = [];
  for (const { article, annotations } of byArticle(data)) {
    const title = neutralizeCell(cut(article.title, READWISE_LIMITS.title));
    const author = neutralizeCell(cut(article.byline ?? '', READWISE_LIMITS.author));
    for (const a of annotations) {
      const url = neutralizeCell(fitUrl(urlAsSaved(article, a)));
      const tags = a.tags
        .map(readwiseTag)
        .filter(Boolean)
        .map((t) => `.${t}`)
        .join(' ');
      const note = [tags, a.note].filter(Boolean).join('\n');
      const quoteParts = pieces(a.quote, READWISE_LIMITS.text);
      const noteParts = pieces(note, READWISE_LIMITS.text);
      const n = Math.max(quoteParts.length, noteParts.length);
      const location = a.selectors.position ? String(a.selectors.position.start) : '';
      const date = a.imported?.undated ? '' : iso(a.createdAt);
      for (let i = 0; i < n; i++) {
        const mark = n > 1 ? ` [${i + 1}/${n}]` : '';
        const quote = (quoteParts[i] ?? '') + (quoteParts[i] !== undefined ? mark : '');
        const noteText = noteParts[i] !== undefined ? noteParts[i] + mark : '';
        rows.push([neutralizeCell(quote || (quoteParts.at(-1) ?? '') + mark), title, author, url, neutralizeCell(noteText), location, date]);
      }
    }
  }
  const body = rows.length ? `${Papa.unparse(rows, { quotes: true, newline: '\r\n' })}\r\n` : '';
  return `${READWISE_COLUMNS.join(',')}\r\n${body}`;
}
