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
  const ids: number[] = [];
  const offsets = new Uint32Array(n + 1);
  const add = (h: number) => ids.push(finish(h));
  for (let i = 0; i < n; i++) {
    offsets[i] = ids.length;
    const t = tokens[i]!;
    const w = t.lower;
    const cap = isCapital(t.text) ? 1 : 0;
    add(seed(100));
    add(hashString(seed(101), w));
    add(hashString(seed(102), shapes[i]!));
    add(mix(mix(seed(103), Math.min(w.length, 12)), cap));
    for (let k = 1; k <= 3; k++) if (w.length > k) add(hashString(seed(104 + k), w.slice(0, k)));
    for (let k = 2; k <= 4; k++) if (w.length > k) add(hashString(seed(108 + k), w.slice(-k)));
    add(mix(mix(mix(mix(seed(113), starts[i]!), cap), lowerSeen.has(w) ? 1 : 0), capMid.has(w) ? 1 : 0));
    add(hashString(seed(114), word(i - 1)));
    add(hashString(seed(115), word(i + 1)));
    add(hashString(seed(116), word(i - 2)));
    add(hashString(seed(117), word(i + 2)));
    add(hashString(seed(118), shape(i - 1)));
    add(hashString(seed(119), shape(i + 1)));
    add(hashString(hashString(seed(120), word(i - 1)), w));
    add(hashString(hashString(seed(121), w), word(i + 1)));
    add(hashString(hashString(hashString(seed(122), shape(i - 1)), shapes[i]!), shape(i + 1)));
    add(hashString(hashString(seed(123), word(i - 1)), shapes[i]!));
    add(hashString(hashString(seed(124), shapes[i]!), word(i + 1)));
    if (cap) {
      for (const tag of tagsOf(lexicon, w).slice(0, 4)) add(mix(hashString(seed(125), tag), starts[i]!));
      if (EN_PLACES.has(t.text)) add(seed(126));
      for (const tag of tagsOf(lexicon, word(i - 1)).slice(0, 3)) add(hashString(seed(127), tag));
      for (const tag of tagsOf(lexicon, word(i + 1)).slice(0, 3)) add(hashString(seed(128), tag));
    } else if (tagsOf(lexicon, w).length) add(hashString(seed(129), tagsOf(lexicon, w)[0]!));
    if (rule[i]! >= 0) {
      add(mix(seed(130), rule[i]!));
      add(mix(mix(seed(131), rule[i]! >> 2), cap));
    }
    if (i > 0 && rule[i - 1]! >= 0) add(mix(seed(132), rule[i - 1]! >> 2));
    if (i + 1 < n && rule[i + 1]! >= 0) add(mix(seed(133), rule[i + 1]! >> 2));
  }
  offsets[n] = ids.length;
  return { ids: Uint32Array.from(ids), offsets };
}
