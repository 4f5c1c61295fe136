import Papa from 'papaparse';
import { byArticle, iso, type MarginData } from './model';

export const READWISE_COLUMNS = ['Highlight', 'Title', 'Author', 'URL', 'Note', 'Location', 'Date'] as const;

/**
 * Readwise's CSV import: one row per highlight. UTF-8 with a byte-order mark, so Excel
 * opens Korean text correctly; quoting (commas, quotes, line breaks) by Papa Parse.
 * Location is the highlight's position in the article's text; tags go into the note
 * the way Readwise reads them (".tag").
 */
export function readwiseCsv(data: MarginData): string {
  const rows: string[][] = [];
  for (const { article, annotations } of byArticle(data)) {
    for (const a of annotations) {
      const tags = a.tags.map((t) => `.${t.replace(/\s+/g, '_')}`).join(' ');
      rows.push([a.quote, article.title, article.byline ?? '', article.url, [a.note, tags].filter(Boolean).join(a.note && tags ? '\n' : ''), a.selectors.position ? String(a.selectors.position.start) : '', iso(a.createdAt)]);
    }
  }
  return `\uFEFF${Papa.unparse({ fields: [...READWISE_COLUMNS], data: rows }, { quotes: true, newline: '\r\n' })}`;
}
