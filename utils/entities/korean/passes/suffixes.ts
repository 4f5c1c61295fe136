import { AGENT_PREDICATES, COMMON_NOUNS, INSTITUTIONS } from '../../lexicon-ko';
import type { TokenRule } from '../context';
import { FAIR, GOOD } from '../findings';
import { isPlaceWord, orgSuffix, placeSuffix, venueSuffix } from '../shapes';

/**
 * Suffixes that make organisations (삼성전자, 저장대학교), venues (부산역, 사직야구장) and places
 * (해운대구, 창원시); a city or district that acts is its government (부산시는 … 지원했다), and a
 * place's office (유성구청장) names that government too.
 */
const PASS = 'suffixes';

const DIRECTION = /^(?:남부|북부|동부|서부|중부)$/;
const SUBJECT = /^(?:은|는|이|가)$/;
const GOVERNMENT = /[시도군구]$/;
const OFFICE = /^([\uac00-\ud7a3]{1,6}[시도군구])(?:청장|청|장|지사|의회)$/;

export const suffixes: TokenRule = ({ at, text, tokens, sentenceEnd, found, mentionTypes }, i) => {
  const t = at(i)!; // a token rule's index is in the text
  const prev = at(i - 1);
  const next = at(i + 1);
  const word = t.stem;
  const org = orgSuffix(word);
  if (org && !isPlaceWord(word) && !INSTITUTIONS.has(word)) found.add(word, 'org', org.length >= 2 ? GOOD : FAIR, PASS, 'org');
  const venue = venueSuffix(word);
  if (venue && !org) found.add(word, 'place', venue.length >= 2 ? GOOD : FAIR, PASS, 'venue');
  const place = placeSuffix(word);
  if (place && !org && !venue && !isPlaceWord(word) && !COMMON_NOUNS.has(word)) {
    const base = word.slice(0, -place.length);
    const prevPlace = prev && prev.kind === 'hangul' && !prev.particle && (isPlaceWord(prev.stem) || placeSuffix(prev.stem));
    const dirPlace = prev && DIRECTION.test(prev.stem) && isPlaceWord(at(i - 2)?.stem ?? '');
    const listed = (prev?.text === '·' || next?.text === '·') && place === '동';
    if (isPlaceWord(base) || prevPlace || dirPlace || listed) {
      // A city or district acting (부산시는 … 지원했다) is its government: an organisation.
      const clause = text.slice(t.end, tokens[sentenceEnd(i)]!.end);
      if (SUBJECT.test(t.particle) && AGENT_PREDICATES.test(clause) && GOVERNMENT.test(place)) {
        found.add(word, 'org', GOOD, PASS, 'government');
        mentionTypes.set(t.start, 'org');
      } else {
        found.add(word, 'place', prevPlace || isPlaceWord(base) ? GOOD : FAIR, PASS, 'place');
        mentionTypes.set(t.start, 'place');
      }
    }
  }
};

/** A place's office as a title (유성구청장, 부산시장) names the place's government. */
export const office: TokenRule = ({ at, found }, i) => {
  const word = at(i)!.stem; // a token rule's index is in the text
  const officePlace = OFFICE.exec(word)?.[1];
  if (officePlace && (isPlaceWord(officePlace.slice(0, -1)) || found.has(officePlace))) found.add(officePlace, 'org', FAIR, PASS, 'office');
};
