import type { EnglishLexicon } from '../english';
import { EN_PLACES } from '../gazetteer';
import type { EntitySpan, EntityType } from '../types';
import { finish, mix, seed, type TextFeatures } from './features';

/**
 * Features of the learned English tagger: the same linear-chain model as the Korean one
 * (tagger.ts), read over words instead of characters. The same code serves training
 * (scripts/train-entities.ts) and the extension. Each word gets hashed features:
 *   - the word lower-cased, its shape (Xxxx, XX, dd, X.X.), prefixes and suffixes;
 *   - whether it starts a sentence, and (the document's evidence) whether the same word is
 *     written in lower case elsewhere in the text, or capitalised in mid-sentence;
 *   - the two words on each side, their shapes, and word pairs;
 *   - compromise's lexicon tags of the word and its neighbours (first and last names,
 *     places, organisations, parts of speech) and the place gazetteer;
 *   - the spans the rule-based recogniser found (utils/entities/english.ts), by type and
 *     position: the rules are evidence the model weighs.
 */

export interface WordToken {
  start: number;
  end: number;
  text: string;
  lower: string;
}

const ABBREVIATION = /^(?:Mr|Mrs|Ms|Dr|Prof|St|Jr|Sr|Gen|Sen|Rep|Gov|Lt|Col|Capt|Sgt|Rev|Inc|Corp|Co|Ltd|Mt|No|Vol|vs|etc|Ave|Ft)$/;

/**
 * The words of a text: letters and digits with inner apostrophes, dots, hyphens and
 * ampersands (U.S., AT&T, Coca-Cola), a possessive 's as a word of its own, and each other
 * non-space character alone. An abbreviation keeps its dot (Dr., U.S.).
 */
export function englishTokens(text: string): WordToken[] {
  const out: WordToken[] = [];
  const re = /[\p{L}\p{N}]+(?:['’.&-][\p{L}\p{N}]+)*|\S/gu;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    let word = m[0];
    let start = m.index;
    if (word.length > 2 && /['’][sS]$/.test(word)) {
      word = word.slice(0, -2);
      push(out, text, start, start + word.length);
      push(out, text, start + word.length, m.index + m[0].length);
      continue;
    }
    // "Seattle-based", "Amazon-owned": the name, then a word that ends it (as the rules read it).
    const compound = /^(.+)-(?:based|owned|born|led|backed|listed|made|bound|style|era|funded|run)$/.exec(word);
    if (compound) {
      const name = compound[1]!;
      push(out, text, start, start + name.length);
      push(out, text, start + name.length, start + name.length + 1);
      push(out, text, start + name.length + 1, start + word.length);
      continue;
    }
    let end = start + word.length;
    if (text[end] === '.' && (ABBREVIATION.test(word) || /^(?:\p{Lu}\.)*\p{Lu}$/u.test(word) || /^(?:\p{L}\.)+\p{L}$/u.test(word))) {
      end++;
      re.lastIndex = end;
    }
    push(out, text, start, end);
    start = end;
  }
  return out;
}

function push(out: WordToken[], text: string, start: number, end: number): void {
  const t = text.slice(start, end);
  out.push({ start, end, text: t, lower: t.toLowerCase() });
}

/** Xxxx, XX, dd, x.x: the word's letters as classes, runs of one class shortened to two. */
export function shapeOf(word: string): string {
  let out = '';
  let last = '';
  let run = 0;
  for (const ch of word) {
    const code = ch.charCodeAt(0);
    // ASCII by its code (most words, and the reader's time); other letters by Unicode class.
    const c =
      code < 0x80
        ? code >= 0x41 && code <= 0x5a
          ? 'X'
          : code >= 0x61 && code <= 0x7a
            ? 'x'
            : code >= 0x30 && code <= 0x39
              ? 'd'
              : ch
        : /\p{Lu}/u.test(ch)
          ? 'X'
          : /\p{Ll}/u.test(ch)
            ? 'x'
            : /\p{N}/u.test(ch)
              ? 'd'
              : ch;
    run = c === last ? run + 1 : 1;
    last = c;
    if (run <= 2) out += c;
  }
  return out;
}

function hashString(h: number, s: string): number {
  const stop = Math.min(s.length, 24);
  for (let k = 0; k < stop; k++) h = mix(h, s.charCodeAt(k));
  return mix(h, s.length);
}

const RULE_TYPES: EntityType[] = ['person', 'org', 'place', 'date', 'money', 'percent'];
const isCapital = (w: string) => /^\p{Lu}/u.test(w);
const SENTENCE_END = /^[.!?:"“”]$/;

/** compromise's tags of a word (none without the lexicon). */
function tagsOf(lexicon: EnglishLexicon | null, lower: string): readonly string[] {
  // Own entries only: "constructor" or "toString" in a text must not find Object's methods.
  if (!lexicon || !Object.hasOwn(lexicon, lower)) return [];
  const v = lexicon[lower];
  return typeof v === 'string' ? [v] : Array.isArray(v) ? v : [];
}

/** Features of each word of `text` (tokens from englishTokens); `rules` are the rule-based spans. */
export function englishFeatures(text: string, tokens: readonly WordToken[], lexicon: EnglishLexicon | null, rules: readonly EntitySpan[]): TextFeatures {
  const n = tokens.length;
  // The document's evidence about each capitalised word: written in lower case somewhere, or
  // capitalised where no sentence starts.
  const lowerSeen = new Set<string>();
  const capMid = new Set<string>();
  const starts = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const t = tokens[i]!;
    const prev = tokens[i - 1];
    starts[i] = !prev || SENTENCE_END.test(prev.text) || text.slice(prev.end, t.start).includes('\n') ? 1 : 0;
    if (!isCapital(t.text)) lowerSeen.add(t.lower);
    else if (!starts[i]) capMid.add(t.lower);
  }
  const rule = new Int16Array(n).fill(-1);
  {
    let k = 0;
    const sorted = [...rules].sort((a, b) => a.start - b.start);
    for (const s of sorted) {
      const type = RULE_TYPES.indexOf(s.type);
      if (type < 0) continue;
      while (k < n && tokens[k]!.end <= s.start) k++;
      for (let j = k; j < n && tokens[j]!.start < s.end; j++) {
        const first = tokens[j]!.start <= s.start;
        const last = j + 1 >= n || tokens[j + 1]!.start >= s.end;
        rule[j] = (type << 2) | (first && last ? 3 : first ? 0 : last ? 2 : 1);
      }
    }
  }
  const shapeCache = new Map<string, string>();
  const shapes = tokens.map((t) => {
    let shape = shapeCache.get(t.text);
    if (shape === undefined) shapeCache.set(t.text, (shape = shapeOf(t.text)));
    return shape;
  });
  const word = (i: number) => (i < 0 ? '<s>' : i >= n ? '</s>' : tokens[i]!.lower);
  const shape = (i: number) => (i < 0 ? '<s>' : i >= n ? '</s>' : shapes[i]!);
  // A word's hashes for every template that reads it whole, made once per distinct word of the
  // text (a word comes back many times, and is read by five positions around it): the ids are
  // those the templates below would hash, and the same for any lexicon.
  const wordMemo = new Map<string, WordHashes>();
  const wordHashes = (w: string): WordHashes => {
    let e = wordMemo.get(w);
    if (e) return e;
    const h = new Int32Array(14);
    h[0] = hashString(SEED[101]!, w);
    h[1] = hashString(SEED[114]!, w);
    h[2] = hashString(SEED[115]!, w);
    h[3] = hashString(SEED[116]!, w);
    h[4] = hashString(SEED[117]!, w);
    h[5] = hashString(SEED[120]!, w);
    h[6] = hashString(SEED[121]!, w);
    h[7] = hashString(SEED[123]!, w);
    for (let k = 1; k <= 3; k++) if (w.length > k) h[7 + k] = hashString(SEED[104 + k]!, w.slice(0, k));
    for (let k = 2; k <= 4; k++) if (w.length > k) h[9 + k] = hashString(SEED[108 + k]!, w.slice(-k));
    const tags = tagsOf(lexicon, w);
    e = {
      h,
      tags: tags.length,
      tag125: Int32Array.from(tags.slice(0, 4), (tag) => hashString(SEED[125]!, tag)),
      tag127: Int32Array.from(tags.slice(0, 3), (tag) => hashString(SEED[127]!, tag)),
      tag128: Int32Array.from(tags.slice(0, 3), (tag) => hashString(SEED[128]!, tag)),
      tag129: tags.length ? hashString(SEED[129]!, tags[0]!) : 0,
    };
    wordMemo.set(w, e);
    return e;
  };
  const shapeMemo = new Map<string, Int32Array>();
  const shapeHashes = (sh: string): Int32Array => {
    let h = shapeMemo.get(sh);
    if (h) return h;
    h = Int32Array.of(
      hashString(SEED[102]!, sh),
      hashString(SEED[118]!, sh),
      hashString(SEED[119]!, sh),
      hashString(SEED[122]!, sh),
      hashString(SEED[124]!, sh),
    );
    shapeMemo.set(sh, h);
    return h;
  };
  const wordsAt = tokens.map((t) => wordHashes(t.lower));
  const shapesAt = shapes.map(shapeHashes);
  const bos = wordHashes('<s>');
  const eos = wordHashes('</s>');
  const bosShape = shapeHashes('<s>');
  const eosShape = shapeHashes('</s>');
  const wAt = (i: number) => (i < 0 ? bos : i >= n ? eos : wordsAt[i]!);
  const sAt = (i: number) => (i < 0 ? bosShape : i >= n ? eosShape : shapesAt[i]!);
  // At most 24 + 11 + 4 = 39 features a word (below): a typed buffer that never grows.
  const ids = new Uint32Array(n * 40 + 1);
  let count = 0;
  const offsets = new Uint32Array(n + 1);
  for (let i = 0; i < n; i++) {
    offsets[i] = count;
    const t = tokens[i]!;
    const w = t.lower;
    const cap = isCapital(t.text) ? 1 : 0;
    const me = wordsAt[i]!;
    const prev = wAt(i - 1);
    const next = wAt(i + 1);
    const sh = shapesAt[i]!;
    const shPrev = sAt(i - 1);
    const shNext = sAt(i + 1);
    ids[count++] = finish(SEED[100]!);
    ids[count++] = finish(me.h[0]!);
    ids[count++] = finish(sh[0]!);
    ids[count++] = finish(mix(mix(SEED[103]!, Math.min(w.length, 12)), cap));
    for (let k = 1; k <= 3; k++) if (w.length > k) ids[count++] = finish(me.h[7 + k]!);
    for (let k = 2; k <= 4; k++) if (w.length > k) ids[count++] = finish(me.h[9 + k]!);
    ids[count++] = finish(mix(mix(mix(mix(SEED[113]!, starts[i]!), cap), lowerSeen.has(w) ? 1 : 0), capMid.has(w) ? 1 : 0));
    ids[count++] = finish(prev.h[1]!);
    ids[count++] = finish(next.h[2]!);
    ids[count++] = finish(wAt(i - 2).h[3]!);
    ids[count++] = finish(wAt(i + 2).h[4]!);
    ids[count++] = finish(shPrev[1]!);
    ids[count++] = finish(shNext[2]!);
    ids[count++] = finish(hashString(prev.h[5]!, w));
    ids[count++] = finish(hashString(me.h[6]!, word(i + 1)));
    ids[count++] = finish(hashString(hashString(shPrev[3]!, shapes[i]!), shape(i + 1)));
    ids[count++] = finish(hashString(prev.h[7]!, shapes[i]!));
    ids[count++] = finish(hashString(sh[4]!, word(i + 1)));
    if (cap) {
      for (const h of me.tag125) ids[count++] = finish(mix(h, starts[i]!));
      if (EN_PLACES.has(t.text)) ids[count++] = finish(SEED[126]!);
      for (const h of prev.tag127) ids[count++] = finish(h);
      for (const h of next.tag128) ids[count++] = finish(h);
    } else if (me.tags) ids[count++] = finish(me.tag129);
    if (rule[i]! >= 0) {
      ids[count++] = finish(mix(SEED[130]!, rule[i]!));
      ids[count++] = finish(mix(mix(SEED[131]!, rule[i]! >> 2), cap));
    }
    if (i > 0 && rule[i - 1]! >= 0) ids[count++] = finish(mix(SEED[132]!, rule[i - 1]! >> 2));
    if (i + 1 < n && rule[i + 1]! >= 0) ids[count++] = finish(mix(SEED[133]!, rule[i + 1]! >> 2));
  }
  offsets[n] = count;
  return { ids: ids.subarray(0, count), offsets };
}

/** A word's hashes (englishFeatures): h by template, then its lexicon tags' hashes. */
interface WordHashes {
  h: Int32Array;
  tags: number;
  tag125: Int32Array;
  tag127: Int32Array;
  tag128: Int32Array;
  tag129: number;
}

/** seed() of the English templates, computed once. */
const SEED = Int32Array.from({ length: 134 }, (_, template) => seed(template));
