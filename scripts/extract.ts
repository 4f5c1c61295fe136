// npm run --silent extract -- <file.html> [--url <url>]
// Runs Margin's extraction pipeline (the modules the extension uses) on a saved page and
// prints {"article": {...}, "entities": [...]} as one JSON object on stdout.
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { recognizeEntities } from '../utils/entities';
import { needsEnglishModel } from '../utils/entities/english-model';
import { readDocument } from '../utils/extract/pipeline';
import { failWith, readFailure, type Fail } from './lib/cli';
import { fileUrl, readHtmlFile, windowFromHtml } from './lib/dom';
import { englishModelFromDisk } from './lib/english-ner';

const REASONS = {
  empty: 'nothing readable was found',
  'too-short': 'the readable text is too short to be an article',
  'mostly-links': 'the page is mostly links (a list or search page)',
} as const;

const fail: Fail = failWith('extract');

let parsed;
try {
  parsed = parseArgs({ allowPositionals: true, options: { url: { type: 'string' } } });
} catch (error) {
  fail(`${(error as Error).message}. Usage: npm run --silent extract -- <file.html> [--url <url>]`, 2);
}
const [file, ...extra] = parsed.positionals;
if (!file || extra.length) fail('give exactly one HTML file. Usage: npm run --silent extract -- <file.html> [--url <url>]', 2);

const path = resolve(file);
let html: string;
try {
  html = readHtmlFile(path);
} catch (error) {
  fail(`cannot read ${file}: ${readFailure(error)}`, 2);
}

let url = fileUrl(path);
if (parsed.values.url !== undefined) {
  try {
    url = new URL(parsed.values.url).href;
  } catch {
    fail(`--url ${parsed.values.url} is not an absolute URL`, 2);
  }
}

const win = windowFromHtml(html, url);
const result = readDocument(win.document, win, url);
if (!result.ok) fail(`no article in ${file}: ${REASONS[result.reason]}`, 1);

const { url: articleUrl, title, byline, siteName, lang, publishedTime, excerpt, contentHtml, textContent } = result.article;
// Entities of the article text, offsets into textContent (no reader corrections here).
const english = needsEnglishModel(textContent) ? await englishModelFromDisk() : null;
const entities = recognizeEntities(textContent, { lang, english });
const output = {
  article: { url: articleUrl, title, byline, siteName, lang, publishedTime, excerpt, contentHtml, textContent },
  entities,
};
process.stdout.write(JSON.stringify(output) + '\n');
