/**
 * Language of a page: what it declares, unless its text plainly says otherwise (Korean
 * sites often ship a template's lang="en"). Script-based detection only: it tells Korean,
 * Japanese and Chinese apart reliably and does not guess between Latin-script languages.
 */

const SCRIPTS: [RegExp, string][] = [
  [/[\uac00-\ud7a3\u1100-\u11ff\u3130-\u318f]/g, 'ko'],
  [/[\u3040-\u30ff]/g, 'ja'],
  [/[\u4e00-\u9fff\u3400-\u4dbf]/g, 'zh'],
  [/[\u0400-\u04ff]/g, 'ru'],
  [/[\u0600-\u06ff]/g, 'ar'],
  [/[\u0590-\u05ff]/g, 'he'],
  [/[\u0e00-\u0e7f]/g, 'th'],
];

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
  const letters = (sample.match(/\p{L}/gu) ?? []).length;
  if (letters < 20) return null;
  const counts = new Map<string, number>();
  for (const [re, lang] of SCRIPTS) counts.set(lang, (sample.match(re) ?? []).length);
  const ko = counts.get('ko')!;
  const ja = counts.get('ja')!;
  const zh = counts.get('zh')!;
  if (ko / letters > 0.15) return 'ko';
  if (ja / letters > 0.08) return 'ja';
  if ((zh + ja) / letters > 0.3) return 'zh';
  for (const lang of ['ru', 'ar', 'he', 'th']) if (counts.get(lang)! / letters > 0.3) return lang;
  return null;
}

// Frequent words that tell the common Latin-script languages apart (each list leaves out the others' words).
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

/** The language of a Latin-script text by its most frequent words, or null when no language clearly leads. */
export function detectLatinLang(text: string): string | null {
  const words =
    text
      .slice(0, 6000)
      .toLowerCase()
      .match(/\p{L}+/gu) ?? [];
  if (words.length < 30) return null;
  const scores = LATIN_WORDS.map(([lang, set]) => [lang, words.reduce((n, w) => n + (set.has(w) ? 1 : 0), 0)] as const).sort((a, b) => b[1] - a[1]);
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
