import { GLUED_TITLES, ORG_SUFFIXES } from '../lexicon-ko';
import type { EntitySpan, EntityType } from '../types';
import { HAN, HANGUL, isHangulCode } from '../../text/scripts';
import { PARTICLE_SET } from './tokens';

/** What the passes found: the kind of every name, and of single mentions that differ from it. */
export interface KoreanResult {
  /** The kind of every name. */
  types: Map<string, EntityType>;
  /** Kinds of single mentions that differ from their name's (by start offset). */
  mentionTypes: Map<number, EntityType>;
}

/** Derivational endings after a place that leave the place a place: 중국판, 미국산, 중국발. */
const DERIVED = /^(?:발|산|판|계|측|내|인|간|행|식|풍|제|권|령|군|경|사람|정부|당국|시장|증시|기업|업체|대사관)/;
const HANGUL_RUN = /^[\uac00-\ud7a3]*/;
const LATIN_START = /^[A-Za-z]/;
const LATIN_OR_DIGIT = /[A-Za-z0-9]/;

/**
 * Whether `rest` (the Hangul after a name, up to the next non-Hangul) is nothing, a particle,
 * or a particle followed by one (…에서는): what may follow a name within its word.
 */
export function particlesOnly(rest: string): boolean {
  if (!rest || PARTICLE_SET.has(rest)) return true;
  for (let len = 1; len < rest.length; len++) if (PARTICLE_SET.has(rest.slice(0, len)) && PARTICLE_SET.has(rest.slice(len))) return true;
  return false;
}

/** A title glued to a name, alone or with particles after it: 씨가, 의원은, 님께서. */
function gluedTitle(rest: string): boolean {
  for (const title of GLUED_TITLES) {
    if (!rest.startsWith(title)) continue;
    const after = rest.slice(title.length);
    if (!after || PARTICLE_SET.has(after)) return true;
  }
  return false;
}

/**
 * Every mention of every typed name in the text. Hangul names must start a word and be
 * followed only by a particle (or, for places, a derivational ending); Latin and Hanja
 * names must stand alone.
 */
export function markNames(text: string, { types, mentionTypes }: KoreanResult): EntitySpan[] {
  const spans: EntitySpan[] = [];
  for (const [name, nameType] of types) {
    if (name.length < 1) continue;
    let from = 0;
    for (let at = text.indexOf(name, from); at >= 0; at = text.indexOf(name, from)) {
      from = at + 1;
      const end = at + name.length;
      const type = mentionTypes.get(at) ?? nameType;
      const before = text[at - 1] ?? ' ';
      const afterText = text.slice(end, end + 12);
      const after = afterText[0] ?? ' ';
      const first = name.charCodeAt(0);
      if (isHangulCode(first)) {
        if (HANGUL.test(before)) continue;
        const rest = HANGUL_RUN.exec(afterText)![0]; // matches every string, if only with ''
        if (
          !particlesOnly(rest) &&
          !(type === 'place' && DERIVED.test(rest)) &&
          !(type === 'org' && ORG_SUFFIXES.some((s) => rest.startsWith(s))) &&
          !(type === 'person' && gluedTitle(rest))
        )
          continue;
      } else if (LATIN_START.test(name)) {
        if (LATIN_OR_DIGIT.test(before) || LATIN_OR_DIGIT.test(after)) continue;
      } else if (HAN.test(before)) {
        continue;
      }
      spans.push({ start: at, end, text: name, type });
    }
  }
  return spans;
}
