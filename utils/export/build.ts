import { readwiseCsv, spreadsheetCsv } from './csv';
import { safeFileName } from './filenames';
import { marginJson } from './jsonld';
import { markdownFiles, singleMarkdown, type MarkdownOptions } from './markdown';
import { byArticle, type ExportFile, type MarginData } from './model';
import { zipFiles } from './zip';

/** Markdown (Obsidian), Readwise CSV (no BOM), spreadsheet CSV (with a BOM, for Excel), Margin's JSON-LD. */
export type ExportFormat = 'md' | 'csv' | 'sheet' | 'json';

export type { ExportFile };

/** The file to download for some data: Markdown (one file, or a zip of files), CSV (for Readwise, or for a spreadsheet) or JSON-LD. */
export function buildExport(data: MarginData, format: ExportFormat, options: MarkdownOptions = {}, now = new Date()): ExportFile {
  const day = now.toISOString().slice(0, 10);
  if (format === 'csv') return { name: safeFileName(`margin-readwise-${day}`, 'csv'), type: 'text/csv;charset=utf-8', data: readwiseCsv(data) };
  if (format === 'sheet') return { name: safeFileName(`margin-${day}`, 'csv'), type: 'text/csv;charset=utf-8', data: spreadsheetCsv(data) };
  if (format === 'json') return { name: safeFileName(`margin-${day}`, 'json'), type: 'application/ld+json', data: marginJson(data, now.getTime()) };
  // One article is one file, unless entity pages come with it (then a vault: the article and People/…md).
  const files = markdownFiles(data, options);
  if (byArticle(data).length === 1 && files.length === 1) return singleMarkdown(data, options);
  return { name: safeFileName(`margin-${day}`, 'zip'), type: 'application/zip', data: zipFiles(files) };
}
