import { PARTICLES } from './lexicon-ko';
import { isWordChar } from '../text/scripts';

/**
 * The name a reader means when they mark text as a name (or correct a mark): what they
 * selected without the quotes and brackets around it, the Korean particle after it (숨바꼭질이
 * → 숨바꼭질) and the English possessive (Apple's → Apple). A correction applies to every
 * article, so what is stored must be the name itself, or it would mark nothing elsewhere.
 */

const HANGUL_SYLLABLE = /[\uac00-\ud7a3]/;
/** Quotes: never part of a name at either end. */
const QUOTES = /^["'`“”‘’„‚«»‹›<>〈〉《》「」『』＜＞＂＇]$/u;
/** Brackets, stripped at an end only when their partner is not inside the name: (주)한빛 keeps its brackets. */
const BRACKETS: Record<string, string> = { '(': ')', '[': ']', '{': '}', '（': '）', '【': '】', '〔': '〕' };
const CLOSERS = Object.fromEntries(Object.entries(BRACKETS).map(([o, c]) => [c, o]));
/**
 * Title quotes, for a selection that starts inside a quoted title; sites mix them (‹숨바꼭질>).
 * Double quotes are left out: they open speech (a reader marking "Apple's of a quotation means Apple).
 */
const QUOTE_PAIRS: Record<string, string> = {
  '‘': '’',
  '«': '»',
  '‹': '›>',
  '<': '>›',
  '〈': '〉>',
  '《': '》',
  '「': '」',
  '『': '』',
  '＜': '＞',
};
/** Punctuation that ends a sentence or clause, never a name (a final "." only after a full word). */
const LEAD_PUNCT = /^[\s,;:!?…·、。—–-]$/u;
const TRAIL_PUNCT = /^[\s,;:!?…·、。—–-]$/u;
/** A final full stop that belongs to the name: Inc., Co., Jr., a single initial (Harry S.). */
const KEEPS_STOP = /(?:\b(?:Inc|Co|Corp|Ltd|Jr|Sr|St|Bros|Mt)|(?:^|[\s.])[A-Z])\.$/;

/** Particles that may end a name too (지은, 제주도, 대학로, 하나, 이란): stripped only when the article shows the name without them. */
const AMBIGUOUS = new Set(['은', '이', '와', '과', '도', '로', '만', '며', '나', '랑', '인', '뿐', '께', '이란', '이나', '인가', '인지', '이자', '이랑']);

/** Whether `context` writes `stem` as a word of its own somewhere, or with a particle other than `particle`. */
function standsAlone(stem: string, particle: string, context: string): boolean {
  for (let at = context.indexOf(stem); at >= 0; at = context.indexOf(stem, at + 1)) {
    if (isWordChar(context[at - 1]) && HANGUL_SYLLABLE.test(context[at - 1] ?? '') === HANGUL_SYLLABLE.test(stem[0]!)) continue;
    const rest = context.slice(at + stem.length);
    if (!isWordChar(rest[0])) return true;
    const other = PARTICLES.find((p) => p !== particle && rest.startsWith(p) && !isWordChar(rest[p.length]));
    if (other) return true;
  }
  return false;
}

/** `name` without a trailing Korean particle, when one is there and is not part of the name. */
function stripParticle(name: string, context: string | undefined): { name: string; particle: string } {
  if (!HANGUL_SYLLABLE.test(name.at(-1) ?? '')) return { name, particle: '' };
  for (const p of PARTICLES) {
    if (!name.endsWith(p)) continue;
    const stem = name.slice(0, -p.length);
    const last = stem.at(-1) ?? '';
    // ‘한빛전자’가, 「푸른 정원」을: the particle follows the closing quote.
    if (QUOTES.test(last) || CLOSERS[last]) return { name: stem, particle: p };
    if (!isWordChar(last)) continue;
    // DeepSeek의, 梁文峰은: a Latin or Han name never ends in Hangul.
    if (!HANGUL_SYLLABLE.test(last)) return { name: stem, particle: p };
    // A one-syllable stem is a surname or a word, not what a reader marks.
    if (stem.replace(/[^\uac00-\ud7a3]/g, '').length < 2) continue;
    if (!AMBIGUOUS.has(p) || (context !== undefined && standsAlone(stem, p, context))) return { name: stem, particle: p };
  }
  return { name, particle: '' };
}

/** `name` without an English possessive: Apple's → Apple, Reuters' → Reuters (McDonald's kept where the article never writes McDonald). */
function stripPossessive(name: string, context: string | undefined): string {
  const m = /^(.*[A-Za-z0-9.])['’]s$/.exec(name);
  if (m) {
    const stem = m[1]!;
    if (context !== undefined) {
      const bare = new RegExp(`(?<![\\p{L}\\p{N}])${escape(stem)}(?![\\p{L}\\p{N}'’])`, 'u').test(context);
      const possessive = context.split(name).length - 1;
      if (!bare && possessive >= 2) return name;
    }
    return stem;
  }
  return /[A-Za-z]s['’]$/.test(name) ? name.slice(0, -1) : name;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** One pass of trimming at both ends: white space, clause punctuation, quotes, unpaired brackets. */
function trimEnds(name: string): string {
  let s = name;
  for (;;) {
    const first = s[0] ?? '';
    const last = s.at(-1) ?? '';
    if (first && BRACKETS[first] === last && !/[()[\]{}（）【】〔〕]/u.test(s.slice(1, -1))) s = s.slice(1, -1);
    else if (first && (LEAD_PUNCT.test(first) || QUOTES.test(first) || (BRACKETS[first] && !s.includes(BRACKETS[first])))) s = s.slice(1);
    else if (last && (TRAIL_PUNCT.test(last) || QUOTES.test(last) || (CLOSERS[last] && !s.slice(0, -1).includes(CLOSERS[last])))) s = s.slice(0, -1);
    else if (last === '.' && !KEEPS_STOP.test(s)) s = s.slice(0, -1);
    else return s;
  }
}

/**
 * The clean form of a name as written: quotes, unpaired brackets and clause punctuation
 * trimmed, a trailing Korean particle and an English possessive left out. `context` (the
 * article's text) decides particles that can also end a name (은 in 지은, 도 in 제주도): they
 * are left out only when the article writes the name without them somewhere. Answers '' when
 * nothing of a name is left.
 */
export function cleanName(written: string, context?: string): string {
  let name = written.normalize('NFC').replace(/\s+/g, ' ');
  for (let pass = 0; pass < 4; pass++) {
    const before = name;
    name = stripPossessive(stripParticle(trimEnds(name), context).name, context);
    if (name === before) break;
  }
  name = trimEnds(name);
  return /[\p{L}\p{N}]/u.test(name) ? name : '';
}

export type NameFromSelection =
  | { ok: true; name: string }
  /** open-quote: a quoted title goes on past the selection; verb: the selection is a verb, not a name. */
  | { ok: false; reason: 'empty' | 'too-long' | 'open-quote' | 'verb' };

/** The longest name a reader may mark (a film title, an organisation's full name). */
export const MAX_NAME = 60;

/**
 * What "Mark as name" stores for the selection [start, end) of `text` (the reader snaps it to
 * whole words first). A selection that begins inside a quoted title (‘사랑하 of ‘사랑하는
 * 사이’) grows to the whole title when it closes on the same line; one that would leave a verb
 * (사랑하는 → 사랑하) is refused, as is one longer than a name.
 */
export function nameFromSelection(text: string, start: number, end: number): NameFromSelection {
  let s = start;
  let e = end;
  // The reader's selection snapping leaves a particle out; put it back, and decide here.
  while (e < text.length && isWordChar(text[e]) && isWordChar(text[e - 1])) e++;
  while (s < e && /\s/.test(text[s]!)) s++;
  while (e > s && /\s/.test(text[e - 1]!)) e--;
  const opener = text[s] ?? '';
  const closer = QUOTE_PAIRS[opener];
  const closes = (c: string) => !!closer && closer.includes(c);
  if (closer && ![...text.slice(s + 1, e)].some(closes)) {
    const line = text.slice(e, e + MAX_NAME).split('\n')[0]!;
    const at = [...line].findIndex(closes);
    if (at < 0) return { ok: false, reason: 'open-quote' };
    e += at + 1;
  }
  const raw = text.slice(s, e);
  const trimmed = trimEnds(raw);
  const name = cleanName(raw, text);
  if (!name) return { ok: false, reason: 'empty' };
  if (name.length > MAX_NAME) return { ok: false, reason: 'too-long' };
  // 사랑하는 → 사랑하: what was left out is a verb's ending, not a particle, unless the article
  // writes the stem as a name elsewhere (서하는 and 서하가).
  const tail = trimmed.slice(trimmed.lastIndexOf(name) + name.length);
  if (/[하되]$/.test(name) && HANGUL_SYLLABLE.test(tail[0] ?? '') && !standsAlone(name, tail, text)) return { ok: false, reason: 'verb' };
  return { ok: true, name };
}
