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
  /** The page's id in the benchmark (the hash its file is named by). */
  id: string;
  truth: string;
  split: Split;
}

/**
 * Scrapinghub's pages split once, before any tuning, into a part the extraction rules are
 * tuned on and looked at (`dev`, ~2/3) and a part never read (`held-out`, ~1/3): by an
 * FNV-1a hash of the site's host, so that the two pages of one site (same template) fall on
 * the same side and a held-out figure measures sites the rules have never seen.
 */
export type Split = 'dev' | 'held-out';

export function splitOf(url: string): Split {
  const host = new URL(url).hostname.replace(/^www\./, '');
  let hash = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(host)) hash = Math.imul(hash ^ byte, 0x01000193) >>> 0;
  return hash % 100 < 34 ? 'held-out' : 'dev';
}

/** Scrapinghub's article-extraction benchmark: real pages with bodies written out by people (only one part's pages when `only` is given). */
export function scrapinghubPages(only?: Split): GroundTruthPage[] {
  const dir = join(CORPUS, 'scrapinghub');
  const truth = JSON.parse(readFileSync(join(dir, 'ground-truth.json'), 'utf8')) as Record<string, { articleBody: string; url: string }>;
  return Object.entries(truth)
    .filter(([id, { url }]) => existsSync(join(dir, 'html', `${id}.html.gz`)) && (!only || splitOf(url) === only))
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([id, { articleBody, url }]) => ({
      id,
      name: id.slice(0, 12),
      html: decodeHtml(gunzipSync(readFileSync(join(dir, 'html', `${id}.html.gz`)))),
      url,
      truth: articleBody,
      split: splitOf(url),
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
