/**
 * The scripts Margin reads, in one place: Hangul syllables, Chinese characters (with
 * Japanese kana where a piece of text mixes them), and what counts as a word character.
 * Regular expressions that need the ranges inside larger patterns spell them as here.
 */

/** First and last Hangul syllable (가, 힣). */
export const HANGUL_FIRST = 0xac00;
export const HANGUL_LAST = 0xd7a3;

/** Whether a UTF-16 code unit is a Hangul syllable. */
export const isHangulCode = (code: number): boolean => code >= HANGUL_FIRST && code <= HANGUL_LAST;

/** Whether a Hangul syllable has a final consonant (batchim): 국 yes, 가 no. */
export const hasBatchim = (code: number): boolean => isHangulCode(code) && (code - HANGUL_FIRST) % 28 !== 0;

/** A Hangul syllable. */
export const HANGUL = /[\uac00-\ud7a3]/;

/** A Chinese character (CJK unified ideographs, extension A) or Japanese kana. */
export const HAN_OR_KANA = /[\u4e00-\u9fff\u3400-\u4dbf\u3040-\u30ff]/;

/** A Chinese character of the basic block. */
export const HAN = /[\u4e00-\u9fff]/;

/** A letter or digit of any script; false outside the text (undefined, NaN). */
export function isWordChar(ch: string | number | undefined): boolean {
  if (ch === undefined || (typeof ch === 'number' && Number.isNaN(ch))) return false;
  const code = typeof ch === 'number' ? ch : ch.charCodeAt(0);
  if (code < 0x80) return (code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a);
  return /[\p{L}\p{N}]/u.test(typeof ch === 'number' ? String.fromCharCode(ch) : ch);
}

/** White space collapsed to single spaces and trimmed. */
export const squash = (text: string): string => text.replace(/\s+/g, ' ').trim();

/** The same for a value that may be missing; empty is missing. */
export const squashOrNull = (text: string | null | undefined): string | null => (text ? squash(text) || null : null);
