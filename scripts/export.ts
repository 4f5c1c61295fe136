// npm run --silent export -- --format md|csv|sheet|json FILE.json
// Converts a Margin export or any W3C Web Annotation / Hypothesis JSON file (validated as
// the importer does) to Markdown (one document, a section per article), Readwise CSV (csv),
// spreadsheet CSV with a BOM for Excel (sheet) or
// Margin's JSON-LD, on stdout — for scripts, and for readers whose browser profile is gone.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { readwiseCsv, spreadsheetCsv } from '../utils/export/csv';
import { describeSkips, ImportError, parseImport } from '../utils/export/import';
import { marginJson } from '../utils/export/jsonld';
import { combinedMarkdown } from '../utils/export/markdown';
import { failWith, readFailure, type Fail } from './lib/cli';

const USAGE = 'Usage: npm run --silent export -- --format md|csv|sheet|json FILE.json';

const fail: Fail = failWith('export');

let parsed;
try {
  parsed = parseArgs({ allowPositionals: true, options: { format: { type: 'string', short: 'f' }, 'entity-links': { type: 'boolean' } } });
} catch (error) {
  fail(`${(error as Error).message}. ${USAGE}`, 2);
}
const format = parsed.values.format;
const [file, ...extra] = parsed.positionals;
if (!format || !['md', 'csv', 'sheet', 'json'].includes(format)) fail(`--format must be md, csv, sheet or json. ${USAGE}`, 2);
if (!file || extra.length) fail(`give exactly one file. ${USAGE}`, 2);

let text: string;
try {
  text = readFileSync(file, 'utf8');
} catch (error) {
  fail(`cannot read ${file}: ${readFailure(error)}`, 2);
}

try {
  const data = parseImport(text);
  if (data.skipped.count) process.stderr.write(`export: skipped ${data.skipped.count} item(s) with nothing to anchor: ${describeSkips(data.skipped)}\n`);
  const out =
    format === 'md'
      ? combinedMarkdown(data, { entityLinks: parsed.values['entity-links'] })
      : format === 'csv'
        ? readwiseCsv(data)
        : format === 'sheet'
          ? spreadsheetCsv(data)
          : marginJson(data);
  // The CSV already ends its last row with CRLF: no LF of our own after it.
  process.stdout.write(out.endsWith('\n') ? out : `${out}\n`);
} catch (error) {
  if (error instanceof ImportError) fail(`${file} cannot be read: ${error.message}`);
  throw error;
}
