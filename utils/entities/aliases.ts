import { translate as hanjaToHangul } from 'hanja/lib/translate';
import type { EntitySpan, EntityType } from './types';

/**
 * Cross-script aliases: the Hangul, Latin and Han forms of one name made one entity
 * (`canonical`), so the list shows 딥시크 once with its DeepSeek mentions under it.
 *
 * Two forms are one name when
 *   0. they are one Latin name spelt with or without spaces and capitals (Open AI, OpenAI);
 *   1. the article gives them together: a name followed by its other-script form in
 *      brackets, 딥시크(DeepSeek), 량원펑(梁文峰), DeepSeek(딥시크) — the bracketed form is
 *      marked with the name's kind if nothing marked it;
 *   2. one is a transliteration of the other: a Latin name whose consonants are the
 *      consonants of a Hangul name romanised (Samsung ~ 삼성, Nvidia ~ 엔비디아), or a Han
 *      name whose Sino-Korean reading is a Hangul name (三星 → 삼성), read with the `hanja`
 *      package's table.
 * The name shown is the Hangul form the article uses most (ties: the first written), or
 * without one, the form it uses most.
 */
export function joinAliases(text: string, spans: readonly EntitySpan[]): EntitySpan[] {
  const out = [...spans, ...bracketedForms(text, spans)].sort((a, b) => a.start - b.start);
  const names = out.filter((s) => NAME_TYPES.includes(s.type));
  if (names.length < 2) return out;
  // Union–find over distinct (type-free) names.
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    let r = x;
    while (parent.get(r) !== r) r = parent.get(r)!;
    parent.set(x, r);
    return r;
  };
  const union = (a: string, b: string) => {
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent.set(rb, ra);
  };
  const nameOf = (s: EntitySpan) => s.canonical ?? s.text;
  for (const s of names) {
    parent.set(s.text, s.text);
    parent.set(nameOf(s), parent.get(nameOf(s)) ?? nameOf(s));
  }
  for (const s of names) if (s.canonical) union(s.canonical, s.text);
  // 1. Given together: NAME(OTHER) or NAME (OTHER).
  for (let k = 0; k < out.length; k++) {
    const a = out[k]!;
    if (!NAME_TYPES.includes(a.type)) continue;
    const b = glossAfter(text, a, out, k);
    if (b && scriptOf(a.text) !== scriptOf(b.text)) union(nameOf(a), b.text);
  }
  // 2. Spellings of one Latin name (Open AI, OpenAI), and transliterations among the article's distinct names.
  const distinct = [...new Set(names.map((s) => s.text))];
  const latinForms = new Map<string, string>();
  for (const n of distinct) {
    if (scriptOf(n) !== 'latin') continue;
    const folded = n.toLowerCase().replace(/[^a-z0-9]/g, '');
    const seen = latinForms.get(folded);
    if (seen) union(seen, n);
    else latinForms.set(folded, n);
  }
  const hangul = distinct.filter((n) => scriptOf(n) === 'hangul');
  const keys = new Map(hangul.map((n) => [n, hangulKey(n)]));
  for (const n of distinct) {
    const script = scriptOf(n);
    if (script === 'latin') {
      const key = latinKey(n);
      if (key.length < 3) continue;
      for (const h of hangul) if (keys.get(h) === key) union(h, n);
    } else if (script === 'han') {
      const reading = hanjaToHangul(n, 'SUBSTITUTION');
      if (reading !== n && hangul.includes(reading)) union(reading, n);
    }
  }
  // Each group: its kind and the name shown.
  const groups = new Map<string, EntitySpan[]>();
  for (const s of names) {
    const root = find(s.text);
    groups.set(root, [...(groups.get(root) ?? []), s]);
  }
  const result = new Map<EntitySpan, EntitySpan>();
  for (const members of groups.values()) {
    const forms = new Set(members.map((s) => s.text));
    if (forms.size < 2) continue;
    const type = majority(members.map((s) => s.type));
    const named = members.map(nameOf);
    const hangulNames = named.filter((n) => scriptOf(n) === 'hangul');
    const shown = majority(hangulNames.length ? hangulNames : named);
    for (const s of members) result.set(s, { ...s, type, ...(s.text === shown ? {} : { canonical: shown }) });
  }
  return out.map((s) => {
    const joined = result.get(s);
    if (!joined) return s;
    if (joined.canonical === undefined) {
      const { canonical: _drop, ...rest } = joined;
      return rest;
    }
    return joined;
  });
}

const NAME_TYPES: readonly EntityType[] = ['person', 'org', 'place'];

type Script = 'hangul' | 'latin' | 'han' | 'mixed';

function scriptOf(name: string): Script {
  const letters = name.replace(/[\s\d.&'’\-·]/g, '');
  if (/^[\uac00-\ud7a3]+$/.test(letters)) return 'hangul';
  if (/^[A-Za-z]+$/.test(letters)) return 'latin';
  if (/^[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+$/.test(letters)) return 'han';
  return 'mixed';
}

/** The most frequent value, ties to the first seen. */
function majority<T>(values: readonly T[]): T {
  const counts = new Map<T, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best = values[0] as T;
  for (const [v, c] of counts) if (c > counts.get(best)!) best = v;
  return best;
}

const GLOSS = /^\s?[(（]\s*([^()（）\n]{1,40}?)\s*[)）]/;

/** The other-script form in brackets right after `name`, as a span (one of `spans` or new). */
function glossAfter(text: string, name: EntitySpan, spans: readonly EntitySpan[], k: number): EntitySpan | null {
  const m = GLOSS.exec(text.slice(name.end, name.end + 48));
  if (!m) return null;
  const inner = m[1]!;
  const start = name.end + m[0].indexOf(inner);
  const end = start + inner.length;
  const existing = spans.slice(k + 1, k + 4).find((s) => s.start === start && s.end === end);
  if (existing) return existing;
  return glossSpan(text, name, start, end);
}

/**
 * The bracketed form after a name, when it is wholly another script's name: Latin words
 * (DeepSeek, South China Morning Post) or Han characters (梁文峰) — not a ticker of digits,
 * a date, or a phrase with particles.
 */
function glossSpan(text: string, name: EntitySpan, start: number, end: number): EntitySpan | null {
  const inner = text.slice(start, end);
  const outer = scriptOf(name.text);
  const script = scriptOf(inner);
  if (script === 'mixed' || script === outer) return null;
  if (script === 'latin' && !/^[A-Za-z][A-Za-z.&'’\- ]*$/.test(inner)) return null;
  if (script === 'latin' && inner.split(' ').length > 5) return null;
  if (script === 'han' && (inner.length > 8 || /\s/.test(inner))) return null;
  if (script === 'hangul' && (outer !== 'latin' || inner.length > 12)) return null;
  return { start, end, text: inner, type: name.type };
}

/** New spans for the bracketed forms of names that nothing marked yet. */
function bracketedForms(text: string, spans: readonly EntitySpan[]): EntitySpan[] {
  const taken = (s: number, e: number) => spans.some((x) => x.start < e && s < x.end);
  const out: EntitySpan[] = [];
  spans.forEach((name, k) => {
    if (!NAME_TYPES.includes(name.type)) return;
    const m = GLOSS.exec(text.slice(name.end, name.end + 48));
    if (!m) return;
    const start = name.end + m[0].indexOf(m[1]!);
    const end = start + m[1]!.length;
    if (taken(start, end) || spans.slice(k + 1, k + 4).some((s) => s.start === start)) return;
    const span = glossSpan(text, name, start, end);
    if (span) out.push(span);
  });
  return out;
}

// --- Transliteration keys --------------------------------------------------------------
//
// Both forms are reduced to their consonants in coarse classes, the way loanwords are
// written in Hangul: voiced and voiceless stops share a class (d/t → T, b/p/f/v → P, g/k/c/q
// → K, a soft c is S), r and l are one (L), s/sh are S, j/ch/z are J (줌, 아마존); vowels, w, y
// and an h after a letter are dropped, and ㅇ as an initial is silent. Revised Romanization's own spellings (Samsung,
// Hyundai) and English spellings of English names (DeepSeek → 딥시크) then agree.

const INITIAL = ['K', 'K', 'P', 'T', 'T', 'L', 'M', 'P', 'P', 'S', 'S', '', 'J', 'J', 'J', 'K', 'T', 'P', 'H'];
// ㄱ ㄲ ㄴ ㄷ ㄸ ㄹ ㅁ ㅂ ㅃ ㅅ ㅆ ㅇ ㅈ ㅉ ㅊ ㅋ ㅌ ㅍ ㅎ — ㄴ is N, fixed below.
INITIAL[2] = 'N';
// Finals: none ㄱ ㄲ ㄳ ㄴ ㄵ ㄶ ㄷ ㄹ ㄺ ㄻ ㄼ ㄽ ㄾ ㄿ ㅀ ㅁ ㅂ ㅄ ㅅ ㅆ ㅇ ㅈ ㅊ ㅋ ㅌ ㅍ ㅎ
// A final ㅅ writes a t in loanwords (넷플릭스, 로봇).
const FINAL = ['', 'K', 'K', 'K', 'N', 'N', 'N', 'T', 'L', 'L', 'L', 'L', 'L', 'L', 'L', 'L', 'M', 'P', 'P', 'T', 'T', 'NG', 'J', 'J', 'K', 'T', 'P', ''];

/** The consonant key of a Hangul name (spaces and non-Hangul ignored). */
export function hangulKey(name: string): string {
  let key = '';
  for (const ch of name) {
    const c = ch.charCodeAt(0) - 0xac00;
    if (c < 0 || c > 11171) continue;
    const initial = Math.floor(c / 588);
    const final = c % 28;
    key += INITIAL[initial]! + FINAL[final]!;
  }
  return collapse(key);
}

/** The consonant key of a Latin name. */
export function latinKey(name: string): string {
  const s = name.toLowerCase().replace(/[^a-z]/g, '');
  let key = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    const next = s[i + 1] ?? '';
    if (c === 'n' && next === 'g') {
      key += 'NG';
      i++;
    } else if ((c === 's' || c === 'c') && next === 'h') {
      key += c === 's' ? 'S' : 'J';
      i++;
    } else if (c === 'p' && next === 'h') {
      key += 'P';
      i++;
    } else if (c === 'c' && next === 'k') {
      key += 'K';
      i++;
    } else if (c === 'c' && 'eiy'.includes(next)) key += 'S';
    else if (c === 'x') key += 'KS';
    else if (c === 'h') key += i === 0 ? 'H' : '';
    else key += LATIN[c] ?? '';
  }
  return collapse(key);
}

const LATIN: Record<string, string> = {
  b: 'P',
  p: 'P',
  f: 'P',
  v: 'P',
  d: 'T',
  t: 'T',
  g: 'K',
  k: 'K',
  c: 'K',
  q: 'K',
  s: 'S',
  z: 'J',
  j: 'J',
  l: 'L',
  r: 'L',
  m: 'M',
  n: 'N',
};

/** Doubled consonants written once (Apple → P L, 애플 → P L). */
function collapse(key: string): string {
  return key.replace(/(NG|[A-Z])\1+/g, '$1');
}
