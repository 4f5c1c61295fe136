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

export function resolveLang(declared: string | null | undefined, text: string): string | null {
  const tag = normalizeLangTag(declared);
  const detected = detectScriptLang(text);
  if (!detected) return tag;
  if (!tag) return detected;
  const primary = tag.split('-')[0];
  // Chinese pages often declare zh-CN / zh-TW / cmn; Japanese text always has kana too.
  if (primary === detected || (detected === 'zh' && (primary === 'zh' || primary === 'cmn' || primary === 'yue'))) return tag;
  return detected;
}
