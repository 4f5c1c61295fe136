import {
  COMMON_NOUNS,
  GENERIC_MODIFIERS,
  MODIFIER_ENDING,
  ORG_AFTER,
  ORG_BEFORE,
  ORG_BEFORE_ENDINGS,
  ORG_OBJECT_VERBS,
  ORG_SUFFIXES,
  ROLES_BEFORE,
  SPORTS_CONTEXT,
} from '../../lexicon-ko';
import type { Context, TokenRule } from '../context';
import { FAIR, GOOD } from '../findings';
import { isForeignNamePart, isKoreanName, isNameLike, isPlaceWord, isTitle, nameOf, orgSuffix } from '../shapes';
import { QUOTES_OPEN, type Token } from '../tokens';

/**
 * Organisations by the words around them: a kind of business before the name (배터리 제조사
 * 세움에너지), organisation context after it (엔비디아 주가), a university's people and places
 * (충남대 인근), the employer of a named person (대원소재의 박선우 대표), a founding verb (X를
 * 설립했다), a sports team (새한 돌핀스).
 */
const PASS = 'organisations';

const LATIN_LEAD = /^[A-Z]{2,4}$/;
const UNIVERSITY = /^[\uac00-\ud7a3]{2,6}대$/;
const UNIVERSITY_CONTEXT = /^(?:인근|앞|캠퍼스|교수|교수팀|연구팀|연구진|학생|학생들|병원|총장|총학생회|정문|의과대학|의대|대학원|공대|법대)$/;
const EMPLOYER_TITLE = /^(?:대표|사장|회장|부회장|대표이사|CEO|연구원|교수|이사|전무|상무|부사장|창업자|총장|감독|단장)$/;
const OBJECT = /^(?:을|를)$/;
const TEAM_ENDING = /(?:스|즈|츠)$/;

/** A Hanja or Latin name glued to an organisation suffix: 幻方量化펀드, 港商事. */
export const scriptBeforeSuffix: TokenRule = ({ at, found }, i) => {
  const t = at(i)!; // a token rule's index is in the text
  const prev = at(i - 1);
  if (t.kind === 'hangul' && t.glued && prev && (prev.kind === 'han' || prev.kind === 'latin') && ORG_SUFFIXES.includes(t.stem) && prev.text.length >= 2) {
    found.add(prev.text, 'org', GOOD, PASS, 'script-before-suffix');
  }
};

/** Organisation context before: 배터리 제조사 세움에너지, 공유킥보드 업체 '달리고', 방산업체 PT 인도아비아. */
export const kindBefore: TokenRule = ({ at, found }, i) => {
  const t = at(i)!; // a token rule's index is in the text
  const next = at(i + 1);
  if (!((ORG_BEFORE.has(t.text) || (ORG_BEFORE_ENDINGS.test(t.text) && !orgSuffix(t.text))) && next && !next.glued)) return;
  let j = i + 1;
  const quoted = QUOTES_OPEN.has(next.text) ? j++ : -1;
  const lead = at(j);
  const latinLead = lead?.kind === 'latin' && LATIN_LEAD.test(lead.text) && at(j + 1)?.kind === 'hangul' ? j++ : -1;
  const target = at(j);
  if (target && target.kind === 'hangul' && (quoted < 0 || target.glued)) {
    const name = target.stem;
    const ok = quoted >= 0 ? name.length >= 2 && !COMMON_NOUNS.has(name) : isNameLike(name) && !isPlaceWord(name) && !isKoreanName(name);
    if (ok) found.add(latinLead >= 0 && lead ? `${lead.text} ${name}` : name, 'org', quoted >= 0 || latinLead >= 0 ? GOOD : FAIR, PASS, 'kind-before');
  }
};

/** The word after token i, looking past 어떤/같은 (딥시크 어떤 회사). */
function contextAfter(at: Context['at'], i: number): Token | undefined {
  const next = at(i + 1);
  return next && (next.text === '어떤' || next.text === '같은') ? at(i + 2) : next;
}

/** Organisation context after: 엔비디아 주가, 딥시크 모회사, 딥시크 어떤 회사. */
export const contextAfterName: TokenRule = ({ at, found }, i) => {
  const t = at(i)!; // a token rule's index is in the text
  const word = t.stem;
  const after = contextAfter(at, i);
  if (!t.particle && after && after.kind === 'hangul' && ORG_AFTER.has(after.stem) && !after.glued) {
    if (isNameLike(word) && !MODIFIER_ENDING.test(word) && !isPlaceWord(word) && !isKoreanName(word) && !GENERIC_MODIFIERS.has(word) && !ORG_BEFORE.has(word))
      found.add(word, 'org', FAIR, PASS, 'context-after');
  }
};

/** A university by what it has: 충남대 인근, 서강대 교수, 한빛대 병원. */
export const university: TokenRule = ({ at, found }, i) => {
  const t = at(i)!; // a token rule's index is in the text
  const word = t.stem;
  const after = contextAfter(at, i);
  if (UNIVERSITY.test(word) && !t.particle && after && UNIVERSITY_CONTEXT.test(after.stem) && !GENERIC_MODIFIERS.has(word.slice(0, -1))) {
    found.add(word, 'org', GOOD, PASS, 'university');
  }
};

/** The organisation of a role: 그래닛피크의 매니징 파트너 에밀리 카터. */
export const organisationOfRole: TokenRule = ({ at, tokens, found }, i) => {
  const t = at(i)!; // a token rule's index is in the text
  const next = at(i + 1);
  const word = t.stem;
  if (
    t.particle === '의' &&
    next?.kind === 'hangul' &&
    (ROLES_BEFORE.has(next.text) || isTitle(next.stem)) &&
    isNameLike(word) &&
    !isPlaceWord(word) &&
    !isKoreanName(word) &&
    !COMMON_NOUNS.has(word)
  ) {
    let j = i + 1;
    while (at(j + 1)?.kind === 'hangul' && ROLES_BEFORE.has(at(j + 1)?.text ?? '')) j++;
    const person = tokens[j + 1];
    if (person && person.kind === 'hangul' && (isKoreanName(nameOf(person)) || isForeignNamePart(nameOf(person))))
      found.add(word, 'org', FAIR, PASS, 'organisation-of-role');
  }
};

/** The company of a person with a title: 대원소재의 박선우 대표. */
export const employer: TokenRule = ({ at, found }, i) => {
  const t = at(i)!; // a token rule's index is in the text
  const next = at(i + 1);
  const word = t.stem;
  if (t.particle === '의' && next?.kind === 'hangul' && isKoreanName(next.text) && at(i + 2) && EMPLOYER_TITLE.test(at(i + 2)!.stem)) {
    if (isNameLike(word) && !isPlaceWord(word) && !isKoreanName(word)) found.add(word, 'org', FAIR, PASS, 'employer');
  }
};

/** An organisation founded, bought or listed: 미래소재를 설립했다. */
export const founded: TokenRule = ({ at, found }, i) => {
  const t = at(i)!; // a token rule's index is in the text
  const next = at(i + 1);
  const word = t.stem;
  if (OBJECT.test(t.particle) && next && ORG_OBJECT_VERBS.test(next.text) && isNameLike(word) && !isPlaceWord(word) && orgSuffix(word)) {
    found.add(word, 'org', FAIR, PASS, 'founded');
  }
};

/** Sports teams: 새한 돌핀스, 시애틀 매리너스 — a name and a plural loanword, in a sports sentence. */
export const sportsTeam: TokenRule = ({ at, found, shortForms, sentenceText }, i) => {
  const t = at(i)!; // a token rule's index is in the text
  const next = at(i + 1);
  const word = t.stem;
  if (
    next &&
    next.kind === 'hangul' &&
    !next.glued &&
    !t.particle &&
    TEAM_ENDING.test(nameOf(next)) &&
    nameOf(next).length >= 3 &&
    isNameLike(nameOf(next)) &&
    SPORTS_CONTEXT.test(sentenceText(i))
  ) {
    const team = `${word} ${nameOf(next)}`;
    if ((isNameLike(word) || isPlaceWord(word)) && word.length >= 2 && !isKoreanName(word) && !ROLES_BEFORE.has(word)) {
      found.add(team, 'org', FAIR, PASS, 'sports-team');
      if (!isPlaceWord(word)) shortForms.set(word, team);
    }
  }
};
