import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { decodeHtml } from '../../scripts/lib/dom';
import { CORPUS, NEWS_FIXTURES } from '../support/paths';

export interface CorpusPage {
  name: string;
  html: string;
  url: string;
}

/** The Readability test pages and the Korean fixtures: the benchmark's documents. */
export function extractionPages(): CorpusPage[] {
  const pages: CorpusPage[] = [];
  const readability = join(CORPUS, 'readability');
  for (const name of readdirSync(readability).sort()) {
    const path = join(readability, name, 'source.html');
    if (existsSync(path)) pages.push({ name: `readability/${name}`, html: decodeHtml(readFileSync(path)), url: `http://fakehost/test/page.html` });
  }
  for (const name of readdirSync(NEWS_FIXTURES).sort()) {
    const path = join(NEWS_FIXTURES, name, 'source.html');
    if (existsSync(path)) pages.push({ name: `fixtures/${name}`, html: readFileSync(path, 'utf8'), url: `https://news.example.kr/${name}` });
  }
  return pages;
}

export interface GroundTruthPage extends CorpusPage {
  truth: string;
}

/** Scrapinghub's article-extraction benchmark: real pages with bodies written out by people. */
export function scrapinghubPages(): GroundTruthPage[] {
  const dir = join(CORPUS, 'scrapinghub');
  const truth = JSON.parse(readFileSync(join(dir, 'ground-truth.json'), 'utf8')) as Record<string, { articleBody: string; url: string }>;
  return Object.entries(truth)
    .filter(([id]) => existsSync(join(dir, 'html', `${id}.html.gz`)))
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([id, { articleBody, url }]) => ({
      name: id.slice(0, 12),
      html: decodeHtml(gunzipSync(readFileSync(join(dir, 'html', `${id}.html.gz`)))),
      url,
      truth: articleBody,
    }));
}

/** Bag-of-words F1 between two texts (lower-cased letter/number tokens). */
export function tokenF1(predicted: string, truth: string): number {
  const tokens = (text: string) => text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  const counts = new Map<string, number>();
  const truthTokens = tokens(truth);
  for (const t of truthTokens) counts.set(t, (counts.get(t) ?? 0) + 1);
  const predictedTokens = tokens(predicted);
  let common = 0;
  for (const t of predictedTokens) {
    const left = counts.get(t) ?? 0;
    if (left > 0) {
      common++;
      counts.set(t, left - 1);
    }
  }
  if (!common) return predictedTokens.length === 0 && truthTokens.length === 0 ? 1 : 0;
  const precision = common / predictedTokens.length;
  const recall = common / truthTokens.length;
  return (2 * precision * recall) / (precision + recall);
}
