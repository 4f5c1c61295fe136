import { COMMON_NOUNS } from '../../lexicon-ko';
import type { Context } from '../context';
import { FAIR } from '../findings';
import { isKoreanName, isPlaceWord, isTitle, orgSuffix } from '../shapes';

/**
 * One entity, many mentions: the short form of an organisation (새한 for 새한 돌핀스, 톈위 for
 * 톈위신소재) and the family name of a foreign person named in full (델가도 for 마커스 델가도)
 * count when they stand alone; a near-duplicate of a person's name is that person spelt
 * differently (량원펑 / 량원평).
 */
const PASS = 'consistency';

const LIST_SEPARATOR = /^(?:·|,)$/;
const SUBJECT_OR_POSSESSIVE = /^(?:은|는|이|가|의)$/;

/** Short forms and family names where they stand alone (with a particle, or ending a phrase). */
export function shortForms(c: Context): void {
  const { tokens, n, at, found } = c;
  // Short forms of organisations (새한 for 새한 돌핀스, 톈위 for 톈위신소재) count when they stand alone.
  for (const name of found.withType('org')) {
    const suffix = orgSuffix(name);
    if (suffix && suffix.length >= 2 && name.length - suffix.length >= 2) c.shortForms.set(name.slice(0, -suffix.length), name);
  }
  // Family names of foreign people named in full (델가도 for 마커스 델가도) when they stand alone.
  const familyNames = new Set<string>();
  for (const name of found.withType('person')) {
    const [given, family, ...more] = name.split(' ');
    if (given && family && !more.length && !isKoreanName(given)) familyNames.add(family);
  }
  for (let i = 0; i < n; i++) {
    const t = tokens[i]!; // i < n
    if (t.kind !== 'hangul') continue;
    const following = at(i + 1);
    const standalone = t.particle || !(following?.kind === 'hangul' && !following.glued && !LIST_SEPARATOR.test(following.text));
    if (!standalone) continue;
    if (c.shortForms.has(t.stem) && !isPlaceWord(t.stem) && !COMMON_NOUNS.has(t.stem)) found.add(t.stem, 'org', FAIR, PASS, 'short-form');
    const previous = at(i - 1);
    const firstNameBefore = previous?.kind === 'hangul' && !previous.particle && !t.glued && found.has(`${previous.text} ${t.stem}`);
    if (familyNames.has(t.stem) && !firstNameBefore && (t.particle || isTitle(at(i + 1)?.stem ?? ''))) found.add(t.stem, 'person', FAIR, PASS, 'family-name');
  }
}

/**
 * Near-duplicates of a person's name are the same person spelt differently (량원펑 / 량원평): one
 * syllable apart, the first the same. Works on the resolved types, after every other pass.
 */
export function variants({ tokens, n, types, found }: Context): void {
  const persons = [...types].filter(([, type]) => type === 'person').map(([name]) => name);
  for (let i = 0; i < n; i++) {
    const t = tokens[i]!; // i < n
    if (t.kind !== 'hangul' || types.has(t.stem) || !SUBJECT_OR_POSSESSIVE.test(t.particle) || t.stem.length < 3) continue;
    for (const person of persons) {
      if (person.length !== t.stem.length || person.includes(' ')) continue;
      let diff = 0;
      for (let k = 0; k < person.length; k++) if (person[k] !== t.stem[k]) diff++;
      if (diff === 1 && person.charAt(0) === t.stem.charAt(0)) {
        types.set(t.stem, 'person');
        found.assigned(t.stem, 'person', PASS, 'variant');
        break;
      }
    }
  }
}
