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

export interface QueryWord {
  text: string;
  kind: 'cjk' | 'latin';
  /**
   * A Hangul or CJK word, matched with any spacing between its characters (검색어 = 검색 어);
   * a Korean word typed with its particle (딥시크가) matches that word, or its stem (딥시크)
   * followed by any particle, a space, punctuation or the end of the text (딥시크는, 딥시크 ).
   */
  re?: RegExp;
}

export interface ParsedQuery {
  /** Terms every match must have in the index. */
  terms: string[];
  /** A one-character Hangul or CJK word: matched as the start of a piece. */
  prefixes: string[];
  /** The query's words, for checking candidates and marking snippets. */
  words: QueryWord[];
}

/**
 * Korean particles (조사) and their common stacks, longest first. A query word ending in one
 * is looked up by its stem: the reader types words as they write them (딥시크가, 엔비디아의).
 */
const PARTICLES = [
  '에서부터',
  '으로부터',
  '에서는',
  '에서도',
  '에서의',
  '에게는',
  '에게서',
  '에게도',
  '으로는',
  '으로도',
  '으로서',
  '으로써',
  '이라는',
  '이라고',
  '까지는',
  '까지도',
  '부터는',
  '에는',
  '에도',
  '에서',
  '에게',
  '에의',
  '께서',
  '한테',
  '로는',
  '로도',
  '로서',
  '로써',
  '으로',
  '와의',
  '과의',
  '와는',
  '과는',
  '이나',
  '이랑',
  '이며',
  '이고',
  '이다',
  '이란',
  '라는',
  '라고',
  '까지',
  '부터',
  '처럼',
  '보다',
  '마저',
  '조차',
  '밖에',
  '만큼',
  '마다',
  '들이',
  '들은',
  '들을',
  '들의',
  '들도',
  '이',
  '가',
  '을',
  '를',
  '은',
  '는',
  '의',
  '에',
  '와',
  '과',
  '도',
  '만',
  '로',
  '나',
  '랑',
  '들',
];
const PARTICLE_ALT = PARTICLES.join('|');

/** A Hangul word's stem and particle (the particle '' when none; a stem keeps two syllables at least). */
export function splitParticle(word: string): { stem: string; particle: string } {
  for (const particle of PARTICLES)
    if (word.length - particle.length >= 2 && word.endsWith(particle)) return { stem: word.slice(0, -particle.length), particle };
  return { stem: word, particle: '' };
}

const escapeRe = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** Characters of a CJK word with any spacing between them. */
const spaced = (word: string) => [...word].map(escapeRe).join('\\s*');

function cjkWord(run: string, hangul: boolean): QueryWord {
  const { stem, particle } = hangul ? splitParticle(run) : { stem: run, particle: '' };
  const source = particle ? `${spaced(run)}|${spaced(stem)}(?=${PARTICLE_ALT}|[^\\uac00-\\ud7a3]|$)` : spaced(run);
  return { text: stem, kind: 'cjk', re: new RegExp(source, 'g') };
}

/** A query longer than this is cut (a pasted page would read the index once per piece). */
export const MAX_QUERY_CHARS = 200;
/** Words of a query at most, and index terms looked up at most. */
export const MAX_QUERY_WORDS = 12;
export const MAX_QUERY_TERMS = 40;

/**
 * The query a reader typed, as index terms and words to check. Bounded: a query is cut to
 * MAX_QUERY_CHARS and MAX_QUERY_WORDS words, and the index is asked about MAX_QUERY_TERMS
 * terms at most (the check against the words keeps the answer exact).
 */
export function parseQuery(query: string): ParsedQuery {
  const terms = new Set<string>();
  const prefixes: string[] = [];
  const words: ParsedQuery['words'] = [];
  const seen = new Set<string>();
  for (const run of (normalize(query.slice(0, MAX_QUERY_CHARS)).match(RUN) ?? []).slice(0, MAX_QUERY_WORDS)) {
    if (seen.has(run)) continue;
    seen.add(run);
    const hangul = HANGUL.test(run.charAt(0));
    if (hangul || HAN.test(run.charAt(0))) {
      const prefix = hangul ? 'h:' : 'c:';
      const word = cjkWord(run, hangul);
      words.push(word);
      if (word.text.length === 1) prefixes.push(`${prefix}${word.text}`);
      else for (const p of pieces(word.text, prefix)) terms.add(p);
    } else {
      words.push({ text: run, kind: 'latin' });
      terms.add(`w:${stem(run)}`);
    }
  }
  return { terms: [...terms].slice(0, MAX_QUERY_TERMS), prefixes: prefixes.slice(0, 4), words };
}

/**
 * The same query asked of a text that spaces a word apart (딥 시크, 삼성 전자) where the
 * reader did not: the index holds no piece across a space, so each way of cutting a long
 * CJK word in two is asked with the pieces of its halves only; the words, checked with any
 * spacing, keep the answer exact. Empty when no word can be cut (the search then has its answer).
 */
export function spacedVariants(parsed: ParsedQuery): ParsedQuery[] {
  const word = parsed.words.find((w) => w.kind === 'cjk' && w.text.length >= 3);
  if (!word) return [];
  const prefix = HANGUL.test(word.text.charAt(0)) ? 'h:' : 'c:';
  const own = new Set(pieces(word.text, prefix));
  const others = parsed.terms.filter((t) => !own.has(t));
  const variants: ParsedQuery[] = [];
  for (let cut = 1; cut < word.text.length && variants.length < 8; cut++) {
    const halves = [word.text.slice(0, cut), word.text.slice(cut)].filter((h) => h.length >= 2);
    variants.push({ ...parsed, terms: [...new Set([...others, ...halves.flatMap((h) => pieces(h, prefix))])] });
  }
  return variants;
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
      for (const m of haystack.matchAll(word.re ?? new RegExp(spaced(word.text), 'g'))) {
        ranges.push({ start: m.index, end: m.index + m[0].length });
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
