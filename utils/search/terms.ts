/**
 * Search terms for a Dexie multi-entry index. Korean has particles glued to its words and
 * no reliable spaces, so Hangul (and Chinese characters) are indexed as overlapping
 * two-character pieces: "딥시크가" holds 딥시 · 시크 · 크가, so the query 딥시크 (딥시 · 시크)
 * finds it, and so does any two-syllable query inside a word. English words are indexed by
 * a light stem (case and simple plurals ignored: ferries → ferry). A query's pieces are
 * looked up in the index, and candidates are then checked against the query itself.
 *
 * Why not a search library: MiniSearch or FlexSearch would keep the index in memory,
 * rebuilt from 100k annotations on every opening of the library page; the index here
 * lives in IndexedDB with the records, is updated in the same transaction as they are,
 * and needs no start-up work.
 */

/** Runs of one script: Hangul, CJK, Latin/digits. */
const RUN = /[\uac00-\ud7a3]+|[\u4e00-\u9fff\u3400-\u4dbf\u3040-\u30ff]+|[\p{L}\p{N}]+/gu;
import { HANGUL, HAN_OR_KANA as HAN } from '../text/scripts';
const MAX_TERMS = 4000;

export function normalize(text: string): string {
  return text.normalize('NFC').toLowerCase();
}

/** A light English stem: plurals and possessives away, nothing cleverer. */
export function stem(word: string): string {
  if (word.length <= 3) return word;
  if (word.endsWith("'s")) word = word.slice(0, -2);
  if (word.endsWith('ies') && word.length > 4) return `${word.slice(0, -3)}y`;
  if (word.endsWith('sses')) return word.slice(0, -2);
  if (/(?:ches|shes|xes|zes)$/.test(word)) return word.slice(0, -2);
  if (word.endsWith('s') && !/(?:ss|us|is)$/.test(word)) return word.slice(0, -1);
  return word;
}

function pieces(run: string, prefix: string): string[] {
  if (run.length === 1) return [`${prefix}${run}`];
  const out: string[] = [];
  for (let i = 0; i < run.length - 1; i++) out.push(`${prefix}${run.slice(i, i + 2)}`);
  return out;
}

/** The index terms of some texts (unique, capped). */
export function indexTerms(...texts: (string | null | undefined)[]): string[] {
  return cappedTerms(MAX_TERMS, texts);
}

/** The same with a cap of one's own (an article's body holds more terms than a note). */
indexTerms.capped = (max: number, ...texts: (string | null | undefined)[]): string[] => cappedTerms(max, texts);

function cappedTerms(max: number, texts: (string | null | undefined)[]): string[] {
  const terms = new Set<string>();
  for (const text of texts) {
    if (!text) continue;
    for (const run of normalize(text).match(RUN) ?? []) {
      if (HANGUL.test(run.charAt(0))) for (const p of pieces(run, 'h:')) terms.add(p);
      else if (HAN.test(run.charAt(0))) for (const p of pieces(run, 'c:')) terms.add(p);
      else terms.add(`w:${stem(run)}`);
      if (terms.size >= max) return [...terms].slice(0, max);
    }
  }
  return [...terms];
}

export interface ParsedQuery {
  /** Terms every match must have in the index. */
  terms: string[];
  /** A one-character Hangul or CJK word: matched as the start of a piece. */
  prefixes: string[];
  /** The query's words, for checking candidates and marking snippets. */
  words: { text: string; kind: 'cjk' | 'latin' }[];
}

export function parseQuery(query: string): ParsedQuery {
  const terms = new Set<string>();
  const prefixes: string[] = [];
  const words: ParsedQuery['words'] = [];
  for (const run of normalize(query).match(RUN) ?? []) {
    const hangul = HANGUL.test(run.charAt(0));
    if (hangul || HAN.test(run.charAt(0))) {
      const prefix = hangul ? 'h:' : 'c:';
      words.push({ text: run, kind: 'cjk' });
      if (run.length === 1) prefixes.push(`${prefix}${run}`);
      else for (const p of pieces(run, prefix)) terms.add(p);
    } else {
      words.push({ text: run, kind: 'latin' });
      terms.add(`w:${stem(run)}`);
    }
  }
  return { terms: [...terms], prefixes, words };
}

/**
 * Token candidates for a Latin word: tokens that begin with its stem less the last letter
 * (stem() only cuts or rewrites a word's end, so every token with that stem begins so).
 * Only those are stemmed, not every word of a 40,000-character article.
 */
const candidateRes = new Map<string, RegExp>();
function latinCandidates(wanted: string): RegExp {
  let re = candidateRes.get(wanted);
  if (!re) {
    if (candidateRes.size > 256) candidateRes.clear();
    const lead = wanted.slice(0, Math.max(1, wanted.length - 1)).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    re = new RegExp(`(?<![\\p{L}\\p{N}])${lead}[\\p{L}\\p{N}]*`, 'gu');
    candidateRes.set(wanted, re);
  }
  return re;
}

/** Where a query's words occur in a text: ranges to mark, empty when a word is missing. */
export function findMatches(text: string, query: ParsedQuery): { start: number; end: number }[] {
  const haystack = normalize(text);
  const ranges: { start: number; end: number }[] = [];
  for (const word of query.words) {
    let found = false;
    if (word.kind === 'cjk') {
      for (let at = haystack.indexOf(word.text); at >= 0; at = haystack.indexOf(word.text, at + word.text.length)) {
        ranges.push({ start: at, end: at + word.text.length });
        found = true;
      }
    } else {
      const wanted = stem(word.text);
      for (const m of haystack.matchAll(latinCandidates(wanted))) {
        if (stem(m[0]) === wanted) {
          ranges.push({ start: m.index, end: m.index + m[0].length });
          found = true;
        }
      }
    }
    if (!found) return [];
  }
  return ranges.sort((a, b) => a.start - b.start);
}

export interface Snippet {
  text: string;
  /** Ranges of `text` to mark. */
  marks: { start: number; end: number }[];
}

/** A short piece of text around the first match, with the matches in it marked. */
export function snippet(text: string, query: ParsedQuery, radius = 60): Snippet | null {
  return snippetOf(text, findMatches(text, query), radius);
}

/** The same from matches already found (findMatches' ranges, in order). */
export function snippetOf(text: string, ranges: { start: number; end: number }[], radius = 60): Snippet | null {
  const [first] = ranges;
  if (!first) return null;
  const from = Math.max(0, first.start - radius);
  const to = Math.min(text.length, first.end + radius * 2);
  const lead = from > 0 ? '…' : '';
  const tail = to < text.length ? '…' : '';
  const body = text.slice(from, to).replace(/\s/g, ' ');
  return {
    text: `${lead}${body}${tail}`,
    marks: ranges.filter((r) => r.start >= from && r.end <= to).map((r) => ({ start: r.start - from + lead.length, end: r.end - from + lead.length })),
  };
}
