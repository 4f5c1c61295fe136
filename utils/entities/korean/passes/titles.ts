import { COMMON_NOUNS, GLUED_TITLES, INSTITUTIONS, LOANWORD_SYLLABLES, TITLE_MODIFIERS, TITLES_AFTER } from '../../lexicon-ko';
import type { TokenRule } from '../context';
import { FAIR, GOOD, STRONG } from '../findings';
import { isForeignNamePart, isKoreanName, isNameLike, isPlaceWord, isTitle, orgSuffix, wholeName } from '../shapes';

/**
 * Titles and honorifics after a name: 홍길동 기자, 박광수 부산국제영화제 이사장, 고레에다 히로카즈
 * 감독, 문재인 전 대표, 리사 몰리나(Lisa Molina) 교수, and titles glued to the name (홍길동씨가).
 */
const PASS = 'titles';

/** Titles that are also common nouns: 대사 (line), 통장 (bankbook), 고문 (torture), 회원 (member). */
const AMBIGUOUS_TITLES: ReadonlySet<string> = new Set([
  '대사',
  '통장',
  '이장',
  '고문',
  '회원',
  '수석',
  '대장',
  '주장',
  '선배',
  '후배',
  '위원',
  '간사',
  '총무',
  '군',
  '양',
  '옹',
]);

/** Words ending in 님 that are not a name and 님: 마님, 형님, 아님 (아니다). */
const NIM_WORDS: ReadonlySet<string> = new Set([
  '마님',
  '형님',
  '누님',
  '따님',
  '드님',
  '손님',
  '스님',
  '금님',
  '모님',
  '아님',
  '느님',
  '주님',
  '생님',
  '장님',
  '수님',
]);

/** Predicates of the shape of a name: 전 also means "before" (재선에 성공한 현직 군수). */
const PREDICATE = /(?:해|한|된|난|했|됐)$/;
const PREDICATE_BEFORE = /(?:해|한|된|난|돼|했|됐)$/;
/** Common nouns that end in a person or place word before a glued title: 장애인선수, 지역구의원, 유망주선수. */
const COMPOUND_ENDING = /[인구주생]$/;

/** A title qualified by 전/현/前/신임 …: 문재인 전 대표가, 김철수 현 회장은, 정민호 미래소재 전 대표. */
export const modifiedTitle: TokenRule = ({ at, found }, i) => {
  const t = at(i)!; // a token rule's index is in the text
  const prev = at(i - 1);
  const word = t.stem;
  if (!(isTitle(word) && prev && TITLE_MODIFIERS.has(prev.text) && (!t.glued || prev.kind === 'han') && !prev.glued)) return;
  let nameAt = i - 2;
  const between = at(nameAt);
  if (between?.kind === 'hangul' && !between.particle && (orgSuffix(between.stem) || INSTITUTIONS.has(between.stem) || isPlaceWord(between.stem))) nameAt--;
  const nameToken = at(nameAt);
  // No particle comes between a name and 전/현 (임기는 전임 대통령 …), except one ending the name (김지은 전 대표).
  const name =
    nameToken && nameToken.kind === 'hangul' && !nameToken.glued
      ? !nameToken.particle
        ? nameToken.stem
        : '은이인나'.includes(nameToken.particle) && isKoreanName(nameToken.text)
          ? nameToken.text
          : null
      : null;
  // 전 also means "before": a predicate before it is no name (재선에 성공한 현직 군수).
  if (name && !isPlaceWord(name) && !isTitle(name) && !orgSuffix(name) && !PREDICATE.test(name)) {
    const before = at(nameAt - 1);
    const person =
      name.length >= 2 && before?.kind === 'hangul' && !before.particle && !nameToken!.glued && isKoreanName(before.stem) && !PREDICATE_BEFORE.test(before.stem)
        ? before.stem
        : null;
    if (isKoreanName(name)) found.add(name, 'person', STRONG, PASS, 'modifier');
    // 안철수 새정치민주연합 전 공동대표: the word before the title is the affiliation.
    else if (person) found.add(person, 'person', STRONG, PASS, 'modifier-affiliation');
    // Other words need the look of a foreign name (출범 전 회장 is no name).
    else if (isNameLike(name) && name.length >= 3 && LOANWORD_SYLLABLES.test(name)) {
      const two = before?.kind === 'hangul' && !before.particle && !nameToken!.glued && isForeignNamePart(before.stem);
      found.add(two ? `${before.stem} ${name}` : name, 'person', FAIR, PASS, 'modifier-foreign');
    }
  }
};

/** Titles glued to a Korean name: 홍길동씨가, 박희태의원은, 김민수기자, 이순신장군, 김지영님께서. */
/** GLUED_TITLES by their last character, each list in GLUED_TITLES' order: most words end in none. */
const GLUED_BY_LAST = new Map<number, string[]>();
for (const title of GLUED_TITLES) {
  const last = title.charCodeAt(title.length - 1);
  GLUED_BY_LAST.set(last, [...(GLUED_BY_LAST.get(last) ?? []), title]);
}
const NONE: readonly string[] = [];

export const gluedTitle: TokenRule = ({ at, found }, i) => {
  const t = at(i)!; // a token rule's index is in the text
  const prev = at(i - 1);
  const word = t.stem;
  for (const title of GLUED_BY_LAST.get(word.charCodeAt(word.length - 1)) ?? NONE) {
    if (!word.endsWith(title) || word.length < title.length + 3) continue;
    const name = word.slice(0, -title.length);
    // Compounds of a common noun and a title end the noun in a person or place word: 장애인선수, 지역구의원, 유망주선수.
    // …or form a longer title or word with it: 선대본부장, 도쿄도지사, 안방마님, 장난아님.
    const longer = word.slice(-title.length - 1);
    if (COMPOUND_ENDING.test(name) || isTitle(name.slice(1)) || TITLES_AFTER.has(longer) || NIM_WORDS.has(longer)) return;
    if (isKoreanName(name) && !isPlaceWord(name) && !INSTITUTIONS.has(name) && !orgSuffix(name) && !(t.glued && prev?.kind === 'latin')) {
      found.add(name, 'person', GOOD, PASS, 'glued');
      return;
    }
  }
};

/** A gloss between a name and its title: 리사 몰리나(Lisa Molina) 교수. */
export const titleAfterGloss: TokenRule = ({ at, tokens, found }, i) => {
  const t = at(i)!; // a token rule's index is in the text
  const prev = at(i - 1);
  const word = t.stem;
  let prevAt = i - 1;
  if (prev?.text === ')' && isTitle(word) && !t.glued) {
    for (let j = i - 2; j > 0 && j > i - 10; j--) {
      if (tokens[j]!.text === '(') {
        prevAt = j - 1;
        break;
      }
    }
  }
  const titlePrev = at(prevAt);
  if (prevAt !== i - 1 && titlePrev?.kind === 'hangul' && isTitle(word)) {
    const name = wholeName(titlePrev);
    const first = at(prevAt - 1);
    const firstName = first && first.kind === 'hangul' && !first.glued && !titlePrev.glued ? wholeName(first) : null;
    if (name && isKoreanName(name)) found.add(name, 'person', STRONG, PASS, 'after-gloss');
    else if (name && isNameLike(name) && firstName && isForeignNamePart(firstName))
      found.add(`${firstName} ${name}`, 'person', GOOD, PASS, 'after-gloss-foreign');
    else if (name && isNameLike(name) && name.length >= 3) found.add(name, 'person', FAIR, PASS, 'after-gloss-name-like');
  }
};

/**
 * Titles after a name: 홍길동 기자, 박광수 부산국제영화제 이사장 (an organisation or place between),
 * 고레에다 히로카즈 감독 (a foreign name of two words), 사이토 유이치(斉藤雄一) 미나토상사 사장.
 */
export const titleAfter: TokenRule = ({ at, found }, i) => {
  const t = at(i)!; // a token rule's index is in the text
  const prev = at(i - 1);
  const word = t.stem;
  if (!(isTitle(word) && !t.glued && prev && prev.kind === 'hangul' && !prev.glued)) return;
  // No particle stands between a name and its title: the word before is whole (류하은 기자).
  const prevWord = wholeName(prev) ?? prev.stem;
  const between = orgSuffix(prevWord) || INSTITUTIONS.has(prevWord) || found.has(prevWord, 'org') || isPlaceWord(prevWord);
  let nameAt = between ? i - 2 : i - 1;
  // Skip a gloss: 사이토 유이치(斉藤雄一) 미나토상사 사장.
  if (between && at(nameAt)?.text === ')') {
    for (let j = nameAt - 1; j > 0 && j > nameAt - 8; j--) {
      if (at(j)?.text === '(') {
        nameAt = j - 1;
        break;
      }
    }
  }
  const nameToken = at(nameAt);
  const name = nameToken && nameToken.kind === 'hangul' && (!nameToken.glued || at(nameAt + 1)?.text === '(') ? wholeName(nameToken) : null;
  if (name && !isPlaceWord(name) && !COMMON_NOUNS.has(name) && !isTitle(name) && !orgSuffix(name)) {
    if (isKoreanName(name)) found.add(name, 'person', STRONG, PASS, 'after');
    else if (isNameLike(name)) {
      // A foreign name may take two words: 고레에다 히로카즈.
      const first = at(nameAt - 1);
      const firstName = first && first.kind === 'hangul' && !first.glued && !nameToken!.glued ? wholeName(first) : null;
      const two = !!firstName && isForeignNamePart(firstName);
      if (two) found.add(`${firstName} ${name}`, 'person', GOOD, PASS, 'after-foreign');
      // Titles that are also common words (대사 a line, 통장 a bankbook, 고문 torture) need a name of Korean shape.
      else if (!between && !AMBIGUOUS_TITLES.has(word)) found.add(name, 'person', FAIR, PASS, 'after-name-like');
    }
  }
};
