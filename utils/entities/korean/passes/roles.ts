import { AMBIGUOUS_ENDINGS, ROLES_BEFORE, SURNAMES } from '../../lexicon-ko';
import type { Context, TokenRule } from '../context';
import { FAIR, GOOD, STRONG } from '../findings';
import { isForeignNamePart, isKoreanName, isNameLike, isPlaceWord, isTitle, nameOf, orgSuffix } from '../shapes';

/**
 * People by what stands around their name in a report: an occupation before it (배우 송민재, 가수
 * 겸 배우 오하린, 프랑스 배우 쥘리에트 비노슈), an age in brackets after it (윤가영(34) 씨), or a
 * masked name (김OO 씨).
 */
const PASS = 'roles';

/** A copula after the word makes it a predicate (피해자 코스프레인가), not a name after its role. */
const COPULA = /^(?:인가|인지|인데|일까|이냐|이다|였다|이었다|이라|입니다)$/;
const MASK = /^(?:OO|○○|ㅇㅇ|00|○|O)$/;
const AGE = /^\d{1,3}$/;

/** The person named after a role word at token j (one word, or two for a foreign name). */
function nameAfterRole({ at, found }: Context, j: number): void {
  // 매니징 파트너 에밀리 카터: several role words in a row.
  while (at(j + 1)?.kind === 'hangul' && ROLES_BEFORE.has(at(j)?.text ?? '')) j++;
  // 배우 출신 오세린: the role may be followed by "출신".
  if (at(j)?.text === '출신' && at(j + 1)?.kind === 'hangul') j++;
  const first = at(j);
  if (!first) return;
  const firstName = nameOf(first);
  if (isKoreanName(firstName)) {
    found.add(firstName, 'person', STRONG, PASS, 'role');
    return;
  }
  const second = at(j + 1);
  if ((!first.particle || AMBIGUOUS_ENDINGS.has(first.particle)) && second && second.kind === 'hangul' && !second.glued && isForeignNamePart(firstName)) {
    const secondName = nameOf(second);
    if (
      isNameLike(secondName) &&
      !isPlaceWord(secondName) &&
      !isTitle(secondName) &&
      (second.particle || at(j + 2)?.text === '(' || isTitle(at(j + 2)?.stem ?? ''))
    ) {
      found.add(`${firstName} ${secondName}`, 'person', GOOD, PASS, 'role-foreign');
      return;
    }
  }
  const predicate = COPULA.test(first.particle);
  if (!predicate && isNameLike(firstName) && firstName.length >= 3 && !isPlaceWord(firstName) && !orgSuffix(firstName))
    found.add(firstName, 'person', FAIR, PASS, 'role-name-like');
}

/** Roles before a name: 배우 송민재, 가수 겸 배우 오하린, 프랑스 배우 쥘리에트 비노슈, 주민 윤가영(34) 씨. */
export const roleBefore: TokenRule = (c, i) => {
  const t = c.at(i)!; // a token rule's index is in the text
  const next = c.at(i + 1);
  if (ROLES_BEFORE.has(t.text) && next && next.kind === 'hangul' && !next.glued) nameAfterRole(c, i + 1);
};

/** Masked names in reports: 김OO(67) 씨, 이○○ 씨. */
export const maskedName: TokenRule = ({ at, found }, i) => {
  const t = at(i)!; // a token rule's index is in the text
  const next = at(i + 1);
  if (t.text.length === 1 && SURNAMES.has(t.text) && next && next.glued && MASK.test(next.text)) found.add(t.text + next.text, 'person', GOOD, PASS, 'masked');
};

/** A name with an age in brackets is a person: 윤가영(34) 씨, 유지석(19). */
export const age: TokenRule = ({ at, found }, i) => {
  const t = at(i)!; // a token rule's index is in the text
  const next = at(i + 1);
  const word = t.stem;
  if (next?.text === '(' && next.glued && at(i + 2)?.kind === 'num' && AGE.test(at(i + 2)!.text) && at(i + 3)?.text === ')') {
    if (isKoreanName(word)) found.add(word, 'person', STRONG, PASS, 'age');
    else if (isNameLike(word) && word.length >= 3) found.add(word, 'person', FAIR, PASS, 'age-name-like');
  }
};
