import { COMMON_NOUNS, HANJA_COUNTRIES, INSTITUTIONS, VENUE_WORDS } from '../../lexicon-ko';
import type { Context, TokenRule } from '../context';
import { FAIR, GOOD } from '../findings';
import { isKoreanName, isNameLike, isPlaceWord, placeSuffix } from '../shapes';

/**
 * Places by the gazetteer and by their surroundings: one-character country names (韓·中·日),
 * places and national institutions the gazetteer lists, a place named after a region and a
 * direction (헝가리 동부 데브레첸), a name before a venue word (모로왈리 산업단지), and a venue
 * after a typed place (해운대 비프힐에서).
 */
const PASS = 'places';

const DIRECTION = /^(?:동부|서부|남부|북부|중부|남동부|북동부|남서부|북서부)$/;
const LOCATIVE = /^(?:에|에서|의|으로|로)$/;
const AT_VENUE = /^(?:에서|에서는|에서도|에서의)$/;

/** One-character country names in headlines: 韓·中·日. */
export const hanjaCountries: TokenRule = ({ at, found }, i) => {
  const t = at(i)!; // a token rule's index is in the text
  if (t.kind === 'han' && HANJA_COUNTRIES.has(t.text)) found.add(t.text, 'place', FAIR, PASS, 'hanja-country');
};

/** Gazetteer places and national institutions. */
export const gazetteer: TokenRule = ({ at, found }, i) => {
  const t = at(i)!; // a token rule's index is in the text
  const word = t.stem;
  if (isPlaceWord(word)) found.add(word, 'place', GOOD, PASS, 'gazetteer');
  else if (isPlaceWord(t.text)) found.add(t.text, 'place', GOOD, PASS, 'gazetteer');
  if (INSTITUTIONS.has(word)) found.add(word, 'org', GOOD, PASS, 'institution');
};

/** A place, a direction, then a name: 헝가리 동부 데브레첸에. */
export const directionPlace: TokenRule = ({ at, found }, i) => {
  const t = at(i)!; // a token rule's index is in the text
  const prev = at(i - 1);
  const word = t.stem;
  if (
    t.particle &&
    LOCATIVE.test(t.particle) &&
    prev?.kind === 'hangul' &&
    DIRECTION.test(prev.text) &&
    isPlaceWord(at(i - 2)?.stem ?? '') &&
    isNameLike(word) &&
    !isKoreanName(word)
  ) {
    found.add(word, 'place', FAIR, PASS, 'direction');
  }
};

/** A name and a venue word: 모로왈리 산업단지. */
export const venueWord: TokenRule = ({ at, found }, i) => {
  const t = at(i)!; // a token rule's index is in the text
  const next = at(i + 1);
  const word = t.stem;
  if (!t.particle && next && next.kind === 'hangul' && !next.glued && VENUE_WORDS.has(next.stem) && isNameLike(word) && !isKoreanName(word)) {
    found.add(`${word} ${next.stem}`, 'place', FAIR, PASS, 'venue-word');
  }
};

/** Venues after places: 부산 해운대구 영화의전당에서, 해운대 비프힐에서. Reads the types resolved so far. */
export function venuesAfterPlaces({ tokens, n, found, types }: Context): void {
  for (let i = 1; i < n; i++) {
    const t = tokens[i]!; // i < n
    const prev = tokens[i - 1]!; // i >= 1
    if (t.kind !== 'hangul' || !AT_VENUE.test(t.particle) || t.glued) continue;
    const word = t.stem;
    if (prev.kind !== 'hangul' || prev.particle || types.get(prev.stem) !== 'place') continue;
    if (types.has(word) || COMMON_NOUNS.has(word) || !isNameLike(word) || isKoreanName(word) || placeSuffix(word)) continue;
    found.add(word, 'place', FAIR, PASS, 'venue-after-place');
  }
}
