/**
 * Language of a page: what it declares, unless its text plainly says otherwise (Korean
 * sites often ship a template's lang="en"). Script-based detection only: it tells Korean,
 * Japanese and Chinese apart reliably and does not guess between Latin-script languages.
 */

// Whether each character of the Basic Multilingual Plane is a letter (\p{L}), found out once per character: 0 not yet, 1 yes, 2 no.
let bmpLetters: Uint8Array | null = null;
const LETTER = /^\p{L}$/u;

/** Letters (code points in \p{L}) in a text, counted in one pass rather than matched one by one. */
function countLetters(text: string): number {
  const known = (bmpLetters ??= new Uint8Array(0x10000));
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) {
      if ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a) count++;
    } else if ((c & 0xfc00) === 0xd800 && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      if (LETTER.test(text.slice(i, i + 2))) count++;
      i++;
    } else {
      if (!known[c]) known[c] = LETTER.test(String.fromCharCode(c)) ? 1 : 2;
      if (known[c] === 1) count++;
    }
  }
  return count;
}

/** Normalise "ko_KR" / "KO-kr" to "ko-KR"; null for empty or malformed values. */
export function normalizeLangTag(tag: string | null | undefined): string | null {
  if (!tag) return null;
  const parts = tag.trim().replace(/_/g, '-').split('-').filter(Boolean);
  if (!/^[a-z]{2,3}$/i.test(parts[0] ?? '')) return null;
  return parts.map((p, i) => (i === 0 ? p.toLowerCase() : p.length === 2 ? p.toUpperCase() : p)).join('-');
}

export function primaryLang(tag: string | null | undefined): string | null {
  return normalizeLangTag(tag)?.split('-')[0] ?? null;
}

/** The language a text's script shows, or null when it is Latin (or too short to tell). */
export function detectScriptLang(text: string): string | null {
  const sample = text.length > 6000 ? text.slice(0, 6000) : text;
  const letters = countLetters(sample);
  if (letters < 20) return null;
  // Characters of each script, by their codes (ranges that do not overlap, all in the Basic Multilingual Plane).
  let ko = 0,
    ja = 0,
    zh = 0;
  const others = { ru: 0, ar: 0, he: 0, th: 0 };
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if (c < 0x0400) continue;
    if ((c >= 0xac00 && c <= 0xd7a3) || (c >= 0x1100 && c <= 0x11ff) || (c >= 0x3130 && c <= 0x318f)) ko++;
    else if (c >= 0x3040 && c <= 0x30ff) ja++;
    else if ((c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf)) zh++;
    else if (c <= 0x04ff) others.ru++;
    else if (c >= 0x0600 && c <= 0x06ff) others.ar++;
    else if (c >= 0x0590 && c <= 0x05ff) others.he++;
    else if (c >= 0x0e00 && c <= 0x0e7f) others.th++;
  }
  if (ko / letters > 0.15) return 'ko';
  if (ja / letters > 0.08) return 'ja';
  if ((zh + ja) / letters > 0.3) return 'zh';
  for (const lang of ['ru', 'ar', 'he', 'th'] as const) if (others[lang] / letters > 0.3) return lang;
  return null;
}

// Frequent words that tell the common Latin-script languages apart. Seven are in two lists (que, para: es/pt; del, una, con:
// es/it; das: pt/de; di: it/id) and count for both: they cannot tell those two apart, and the other words decide.
const LATIN_WORDS: [string, Set<string>][] = [
  ['en', new Set('the and of to is was that it for with on are this have from by'.split(' '))],
  ['es', new Set('el los las que y del por para una con se su al lo como más'.split(' '))],
  ['pt', new Set('os que e do da em não para uma com no na ao dos das são'.split(' '))],
  ['fr', new Set('le les des et est une pour dans pas qui sur au du ce sont avec'.split(' '))],
  ['de', new Set('der die das und ist nicht ein eine zu mit den auf sich von dem im'.split(' '))],
  ['it', new Set('il di che è per una non del della con gli alla sono nel anche'.split(' '))],
  ['id', new Set('yang dan di ini itu dengan untuk dari tidak dalam akan pada juga'.split(' '))],
  ['nl', new Set('het een en van dat niet op met voor zijn ook maar bij'.split(' '))],
];

// Each of those words → the lists it is in.
const LATIN_LISTS = new Map<string, number[]>();
LATIN_WORDS.forEach(([, set], k) => {
  for (const word of set) LATIN_LISTS.set(word, [...(LATIN_LISTS.get(word) ?? []), k]);
});

/** The language of a Latin-script text by its most frequent words, or null when no language clearly leads. */
export function detectLatinLang(text: string): string | null {
  const words =
    text
      .slice(0, 6000)
      .toLowerCase()
      .match(/\p{L}+/gu) ?? [];
  if (words.length < 30) return null;
  const tallies = LATIN_WORDS.map(() => 0);
  for (const word of words) for (const k of LATIN_LISTS.get(word) ?? []) tallies[k]!++;
  const scores = LATIN_WORDS.map(([lang], k) => [lang, tallies[k]!] as const).sort((a, b) => b[1] - a[1]);
  const [best, second] = scores as [readonly [string, number], readonly [string, number]];
  return best[1] >= 0.08 * words.length && best[1] >= 1.5 * second[1] ? best[0] : null;
}

export function resolveLang(declared: string | null | undefined, text: string): string | null {
  const tag = normalizeLangTag(declared);
  const detected = detectScriptLang(text);
  if (!detected) return tag ?? detectLatinLang(text);
  if (!tag) return detected;
  const primary = tag.split('-')[0];
  // Chinese pages often declare zh-CN / zh-TW / cmn; Japanese text always has kana too.
  if (primary === detected || (detected === 'zh' && (primary === 'zh' || primary === 'cmn' || primary === 'yue'))) return tag;
  return detected;
}
