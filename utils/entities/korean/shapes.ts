/** The shapes of words every pass asks about: names, titles, suffixes of organisations and places. */

import { LATIN_STOPWORDS } from '../lexicon-latin';
import { KO_PLACES } from '../gazetteer';
import {
  COMMON_ENDINGS,
  COMMON_NOUNS,
  GENERIC_MODIFIERS,
  LOANWORD_SYLLABLES,
  ORG_BEFORE,
  ORG_SUFFIXES,
  PLACE_SUFFIXES,
  PREDICATE_FORM,
  REPEATED_SYLLABLES,
  ROLES_BEFORE,
  SURNAMES,
  TITLE_ENDINGS,
  TITLE_MODIFIERS,
  TITLES_AFTER,
  VENUE_SUFFIXES,
  VERBAL_ENDING,
} from '../lexicon-ko';
import type { Token } from './tokens';

/**
 * A list of endings indexed by their last character, each entry in the list's order: a word
 * is compared only with the endings it could have (most words end in none), and the first
 * that matches is the same as in the whole list.
 */
function byLastChar(endings: readonly string[]): (word: string) => readonly string[] {
  const index = new Map<number, string[]>();
  for (const e of endings) {
    const last = e.charCodeAt(e.length - 1);
    index.set(last, [...(index.get(last) ?? []), e]);
  }
  const none: readonly string[] = [];
  return (word) => index.get(word.charCodeAt(word.length - 1)) ?? none;
}
const titleEndingsOf = byLastChar(TITLE_ENDINGS);
const venueSuffixesOf = byLastChar(VENUE_SUFFIXES);
const orgSuffixesOf = byLastChar(ORG_SUFFIXES);
const placeSuffixesOf = byLastChar(PLACE_SUFFIXES);

const HANGUL_WORD = /^[\uac00-\ud7a3]+$/;
const HANGUL_NAME_LIKE = /^[\uac00-\ud7a3]{2,12}$/;
const NOUN_ENDING = /[팀단들적측국회처청부실층급계별권력률율량값품물비료액법재파위]$/;
const PREDICATE_SHAPE = /(?:[픈쁜]|[로러다거려까]운)$/;
const REGION_ENDING = /[시도군구]$/;
const LANDFORM_STEM_ENDING = /[구지권영]$/;
const ONE_SYLLABLE_ORG_STEM_ENDING = /(?:반|뇌|도|행|층|앙|남|북|서|동|내|외|전|일|세|상|하)$/;
const LATIN_OR_HAN_START = /^[A-Za-z\u4e00-\u9fff]/;
const CAPITALISED = /^[A-Z]/;
const DIGIT = /\d/;
const ACRONYM = /^[A-Z][A-Z&]{1,5}$/;

/** A Korean person name: surname + given name, three syllables (four with a double surname). */
export function isKoreanName(word: string): boolean {
  if (!HANGUL_WORD.test(word) || COMMON_NOUNS.has(word)) return false;
  // Endings of common nouns that no given name has: 연구팀, 조사단, 전문가들.
  if (NOUN_ENDING.test(word) || LOANWORD_SYLLABLES.test(word)) return false;
  // Sounds (하하하) and predicates of the same shape (어설픈, 소문난 is left to its length).
  if (REPEATED_SYLLABLES.test(word) || PREDICATE_SHAPE.test(word)) return false;
  if (ROLES_BEFORE.has(word) || TITLES_AFTER.has(word)) return false;
  if (word.length === 3) return SURNAMES.has(word.charAt(0));
  if (word.length === 4) return SURNAMES.has(word.slice(0, 2));
  return false;
}

/** A foreign name written in Hangul, or a Korean one: not a common noun, 2–8 syllables. */
export function isNameLike(word: string): boolean {
  return (
    HANGUL_NAME_LIKE.test(word) &&
    !COMMON_NOUNS.has(word) &&
    !ROLES_BEFORE.has(word) &&
    !TITLES_AFTER.has(word) &&
    !VERBAL_ENDING.test(word) &&
    !COMMON_ENDINGS.test(word) &&
    !PREDICATE_FORM.test(word) &&
    !REPEATED_SYLLABLES.test(word) &&
    !TITLE_MODIFIERS.has(word)
  );
}

/**
 * The name a token holds. A particle is split off (송민재와 → 송민재), unless what looks
 * like one ends the name itself: 류하은 (은), 김지은, 리나 (나).
 */
export function nameOf(t: Token): string {
  if (!t.particle) return t.stem;
  // Given names end in 은, 인, 나, 이 often; never in 로, 를, 의 …
  if ('은인나이'.includes(t.particle) && isKoreanName(t.text) && !isKoreanName(t.stem)) return t.text;
  // A copula ending after a name ending in 인: 김수인인가 → 김수인, 코스프레인가 → 코스프레.
  if (t.particle.length > 1 && t.particle[0] === '인' && isKoreanName(t.stem + '인') && !isKoreanName(t.stem)) return t.stem + '인';
  if (t.stem.length < 2) return t.text;
  return t.stem;
}

/**
 * A word standing right before a title is a whole name: no particle comes between a name
 * and its title (류하은 기자, 김지은 교수). A real particle there (송민재와 가수…) means the
 * word is not that title's name.
 */
export function wholeName(t: Token): string | null {
  if (!t.particle) return t.stem;
  if (!'은는이가도나로인만'.includes(t.particle)) return null;
  if (isTitle(t.stem) || ROLES_BEFORE.has(t.stem) || COMMON_NOUNS.has(t.stem)) return null;
  if (isKoreanName(t.text)) return t.text; // 류하은, 김지은
  if (t.particle === '은' || t.particle === '는') return null; // a topic, not a name before its title
  // 몰리나, 델가도, 파블로: syllables that end names as often as they are particles.
  return isKoreanName(t.stem) ? null : t.text;
}

/** The first word of a foreign name in Hangul: 고레에다 (히로카즈), 마커스 (델가도). */
export function isForeignNamePart(word: string): boolean {
  return (
    isNameLike(word) && !isPlaceWord(word) && !ROLES_BEFORE.has(word) && !ORG_BEFORE.has(word) && !isKoreanName(word) && !orgSuffix(word) && word.length >= 2
  );
}

export function venueSuffix(word: string): string | null {
  if (REPEATED_SYLLABLES.test(word)) return null; // 강강강강
  for (const suffix of venueSuffixesOf(word)) {
    if (!word.endsWith(suffix)) continue;
    const stem = word.slice(0, -suffix.length);
    if (stem.length < 2 || GENERIC_MODIFIERS.has(stem) || COMMON_NOUNS.has(word)) return null;
    // One-syllable landforms need a name before them that is not a common word: 술라웨시섬, not 무인도.
    if (suffix.length === 1 && ((stem.length < 3 && !isPlaceWord(stem)) || COMMON_NOUNS.has(stem) || LANDFORM_STEM_ENDING.test(stem))) return null;
    return suffix;
  }
  return null;
}

export function isTitle(word: string): boolean {
  // A name glued to its title (김민수기자) is a name, not a title word (중국전문기자).
  return (
    TITLES_AFTER.has(word) ||
    (word.length > 2 &&
      titleEndingsOf(word).some((e) => word.endsWith(e) && !(isKoreanName(word.slice(0, -e.length)) && !REGION_ENDING.test(word.slice(0, -e.length)))))
  );
}

const orgSuffixCache = new Map<string, string | null>();
export function orgSuffix(word: string): string | null {
  let cached = orgSuffixCache.get(word);
  if (cached === undefined) {
    cached = findOrgSuffix(word);
    if (orgSuffixCache.size > 5000) orgSuffixCache.clear();
    orgSuffixCache.set(word, cached);
  }
  return cached;
}

function findOrgSuffix(word: string): string | null {
  if (REPEATED_SYLLABLES.test(word)) return null;
  for (const suffix of orgSuffixesOf(word)) {
    if (!word.endsWith(suffix) || word.length <= suffix.length) continue;
    const stem = word.slice(0, -suffix.length);
    if (GENERIC_MODIFIERS.has(stem) || COMMON_NOUNS.has(word)) return null;
    // One-syllable suffixes (부 ministry, 처 office) need a longer name: 국방부, not 일부.
    if (suffix.length === 1 && (stem.length < 2 || ONE_SYLLABLE_ORG_STEM_ENDING.test(stem))) return null;
    if (stem.length < 2 && !LATIN_OR_HAN_START.test(stem)) return null;
    return suffix;
  }
  return null;
}

export function placeSuffix(word: string): string | null {
  if (REPEATED_SYLLABLES.test(word)) return null;
  for (const suffix of placeSuffixesOf(word)) {
    if (word.endsWith(suffix) && word.length >= suffix.length + 2) return suffix;
  }
  return null;
}

export const isPlaceWord = (word: string) => KO_PLACES.has(word);

export function isLatinName(word: string): boolean {
  return CAPITALISED.test(word) && !DIGIT.test(word) && !LATIN_STOPWORDS.has(word) && word.length > 1;
}

export function latinAcronym(word: string): boolean {
  return ACRONYM.test(word) && !LATIN_STOPWORDS.has(word);
}

export const ORG_LATIN_WORDS =
  /\b(?:Inc|Corp|Corporation|Co|Ltd|LLC|PLC|AG|SA|GmbH|Group|Holdings|Bank|Capital|Partners|Fund|Quant|Securities|Investments?|Technologies|Technology|Systems|Labs|Motors|Electronics|Energy|Pharma|Airlines?|University|College|Institute|Foundation|Association|Agency|Council|Committee|Commission|Ministry|Department|Bureau|Office|Post|Times|News|Journal|Herald|Tribune|Daily|Gazette|Courier|Review|Press|Broadcasting|Network|Media|Studios?|Entertainment|Club|FC|United)\b/;
