import { LATIN_STOPWORDS } from './lexicon-latin';
import { KO_PLACES } from './gazetteer';
import {
  AGENT_PREDICATES,
  AMBIGUOUS_ENDINGS,
  COMMON_ENDINGS,
  COMMON_NOUNS,
  GENERIC_MODIFIERS,
  GLUED_TITLES,
  HANJA_COUNTRIES,
  INSTITUTIONS,
  LOANWORD_SYLLABLES,
  MODIFIER_ENDING,
  ORG_AFTER,
  ORG_BEFORE,
  ORG_BEFORE_ENDINGS,
  ORG_OBJECT_VERBS,
  ORG_SUFFIXES,
  PARTICLES,
  PLACE_SUFFIXES,
  PREDICATE_FORM,
  REPEATED_SYLLABLES,
  ROLES_BEFORE,
  SPEECH_VERBS,
  SPORTS_CONTEXT,
  SURNAMES,
  TITLE_ENDINGS,
  TITLE_MODIFIERS,
  TITLES_AFTER,
  VENUE_SUFFIXES,
  VENUE_WORDS,
  VERBAL_ENDING,
} from './lexicon-ko';
import type { EntitySpan, EntityType } from './types';
import { HAN, HANGUL, isHangulCode } from '../text/scripts';

/**
 * Named entities in Korean news text (with Latin names and Hanja glosses mixed in).
 * No library does this, so the evidence is Korean news grammar itself:
 *   - particles are split off (딥시크가 → 딥시크) and never part of a span;
 *   - titles after a name and occupations before it (홍길동 기자, 배우 송민재);
 *   - the subject of a quotation with a speech verb ("…"고 말했다);
 *   - suffixes that make organisations and places (삼성전자, 저장대학교, 해운대구);
 *   - glosses in brackets (량원펑(梁文峰), 나사(NASA)) link two names of one entity;
 *   - context words (엔비디아 주가, 제조사 X, X를 설립했다), datelines ([서울=뉴스핌]),
 *     photo credits (사진=…), coordination with a typed name (칸과 베를린에서);
 *   - a general gazetteer of places;
 *   - repetition: once a name is typed, every mention of it is marked.
 * Each piece of evidence carries a weight; a name takes the type with the most.
 */

type Kind = 'hangul' | 'latin' | 'han' | 'num' | 'punct';

interface Token {
  text: string;
  start: number;
  end: number;
  kind: Kind;
  /** No space between this token and the previous one. */
  glued: boolean;
  /** For Hangul tokens: the noun without its particle, and the particle. */
  stem: string;
  particle: string;
}

const TOKEN_RE = /[\uac00-\ud7a3]+|[A-Za-z][A-Za-z0-9&'’.-]*[A-Za-z0-9&]|[A-Za-z]|[\u4e00-\u9fff\u3400-\u4dbf\u3005\u3040-\u30ff]+|\d[\d,.]*|\S/g;

function kindOf(text: string): Kind {
  const c = text.charCodeAt(0);
  if (isHangulCode(c)) return 'hangul';
  if ((c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a)) return 'latin';
  if ((c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf) || (c >= 0x3040 && c <= 0x30ff)) return 'han';
  if (c >= 0x30 && c <= 0x39) return 'num';
  return 'punct';
}

const PARTICLE_SET = new Set(PARTICLES);
const ORG_AFTER_LIST = [...ORG_AFTER];
const MAX_PARTICLE = Math.max(...PARTICLES.map((p) => p.length));

export function splitParticle(word: string): { stem: string; particle: string } {
  for (let len = Math.min(MAX_PARTICLE, word.length - 1); len >= 1; len--) {
    const p = word.slice(-len);
    if (PARTICLE_SET.has(p)) return { stem: word.slice(0, -len), particle: p };
  }
  return { stem: word, particle: '' };
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let prevEnd = -1;
  TOKEN_RE.lastIndex = 0;
  for (let m = TOKEN_RE.exec(text); m; m = TOKEN_RE.exec(text)) {
    const kind = kindOf(m[0]);
    const { stem, particle } = kind === 'hangul' ? splitParticle(m[0]) : { stem: m[0], particle: '' };
    tokens.push({ text: m[0], start: m.index, end: m.index + m[0].length, kind, glued: m.index === prevEnd, stem, particle });
    prevEnd = m.index + m[0].length;
  }
  return tokens;
}

const QUOTES_OPEN = new Set(['"', '“', "'", '‘', '「', '『', '<', '《', '〈']);
const SENTENCE_END = /[.?!…]/;

// --- Shapes -------------------------------------------------------------------------

/** A Korean person name: surname + given name, three syllables (four with a double surname). */
function isKoreanName(word: string): boolean {
  if (!/^[\uac00-\ud7a3]+$/.test(word) || COMMON_NOUNS.has(word)) return false;
  // Endings of common nouns that no given name has: 연구팀, 조사단, 전문가들.
  if (/[팀단들적측국회처청부실층급계별권력률율량값품물비료액법재파위]$/.test(word) || LOANWORD_SYLLABLES.test(word)) return false;
  // Sounds (하하하) and predicates of the same shape (어설픈, 소문난 is left to its length).
  if (REPEATED_SYLLABLES.test(word) || /(?:[픈쁜]|[로러다거려까]운)$/.test(word)) return false;
  if (ROLES_BEFORE.has(word) || TITLES_AFTER.has(word)) return false;
  if (word.length === 3) return SURNAMES.has(word.charAt(0));
  if (word.length === 4) return SURNAMES.has(word.slice(0, 2));
  return false;
}

/** A foreign name written in Hangul, or a Korean one: not a common noun, 2–8 syllables. */
function isNameLike(word: string): boolean {
  return (
    /^[\uac00-\ud7a3]{2,12}$/.test(word) &&
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
function nameOf(t: Token): string {
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
function wholeName(t: Token): string | null {
  if (!t.particle) return t.stem;
  if (!'은는이가도나로인만'.includes(t.particle)) return null;
  if (isTitle(t.stem) || ROLES_BEFORE.has(t.stem) || COMMON_NOUNS.has(t.stem)) return null;
  if (isKoreanName(t.text)) return t.text; // 류하은, 김지은
  if (t.particle === '은' || t.particle === '는') return null; // a topic, not a name before its title
  // 몰리나, 델가도, 파블로: syllables that end names as often as they are particles.
  return isKoreanName(t.stem) ? null : t.text;
}

/** The first word of a foreign name in Hangul: 고레에다 (히로카즈), 마커스 (델가도). */
function isForeignNamePart(word: string): boolean {
  return (
    isNameLike(word) && !isPlaceWord(word) && !ROLES_BEFORE.has(word) && !ORG_BEFORE.has(word) && !isKoreanName(word) && !orgSuffix(word) && word.length >= 2
  );
}

function venueSuffix(word: string): string | null {
  if (REPEATED_SYLLABLES.test(word)) return null; // 강강강강
  for (const suffix of VENUE_SUFFIXES) {
    if (!word.endsWith(suffix)) continue;
    const stem = word.slice(0, -suffix.length);
    if (stem.length < 2 || GENERIC_MODIFIERS.has(stem) || COMMON_NOUNS.has(word)) return null;
    // One-syllable landforms need a name before them that is not a common word: 술라웨시섬, not 무인도.
    if (suffix.length === 1 && ((stem.length < 3 && !isPlaceWord(stem)) || COMMON_NOUNS.has(stem) || /[구지권영]$/.test(stem))) return null;
    return suffix;
  }
  return null;
}

function isTitle(word: string): boolean {
  // A name glued to its title (김민수기자) is a name, not a title word (중국전문기자).
  return (
    TITLES_AFTER.has(word) ||
    (word.length > 2 &&
      TITLE_ENDINGS.some((e) => word.endsWith(e) && !(isKoreanName(word.slice(0, -e.length)) && !/[시도군구]$/.test(word.slice(0, -e.length)))))
  );
}

const orgSuffixCache = new Map<string, string | null>();
function orgSuffix(word: string): string | null {
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
  for (const suffix of ORG_SUFFIXES) {
    if (!word.endsWith(suffix) || word.length <= suffix.length) continue;
    const stem = word.slice(0, -suffix.length);
    if (GENERIC_MODIFIERS.has(stem) || COMMON_NOUNS.has(word)) return null;
    // One-syllable suffixes (부 ministry, 처 office) need a longer name: 국방부, not 일부.
    if (suffix.length === 1 && (stem.length < 2 || /(?:반|뇌|도|행|층|앙|남|북|서|동|내|외|전|일|세|상|하)$/.test(stem))) return null;
    if (stem.length < 2 && !/^[A-Za-z\u4e00-\u9fff]/.test(stem)) return null;
    return suffix;
  }
  return null;
}

function placeSuffix(word: string): string | null {
  if (REPEATED_SYLLABLES.test(word)) return null;
  for (const suffix of PLACE_SUFFIXES) {
    if (word.endsWith(suffix) && word.length >= suffix.length + 2) return suffix;
  }
  return null;
}

const isPlaceWord = (word: string) => KO_PLACES.has(word);

function isLatinName(word: string): boolean {
  return /^[A-Z]/.test(word) && !/\d/.test(word) && !LATIN_STOPWORDS.has(word) && word.length > 1;
}

function latinAcronym(word: string): boolean {
  return /^[A-Z][A-Z&]{1,5}$/.test(word) && !LATIN_STOPWORDS.has(word);
}

const ORG_LATIN_WORDS =
  /\b(?:Inc|Corp|Corporation|Co|Ltd|LLC|PLC|AG|SA|GmbH|Group|Holdings|Bank|Capital|Partners|Fund|Quant|Securities|Investments?|Technologies|Technology|Systems|Labs|Motors|Electronics|Energy|Pharma|Airlines?|University|College|Institute|Foundation|Association|Agency|Council|Committee|Commission|Ministry|Department|Bureau|Office|Post|Times|News|Journal|Herald|Tribune|Daily|Gazette|Courier|Review|Press|Broadcasting|Network|Media|Studios?|Entertainment|Club|FC|United)\b/;

// --- Evidence -----------------------------------------------------------------------

interface Evidence {
  scores: Map<EntityType, number>;
}

/** Titles that are also common nouns: 대사 (line), 통장 (bankbook), 고문 (torture), 회원 (member). */
const AMBIGUOUS_TITLES = new Set(['대사', '통장', '이장', '고문', '회원', '수석', '대장', '주장', '선배', '후배', '위원', '간사', '총무', '군', '양', '옹']);

/** Set MARGIN_TRACE_ENTITIES=1 (Node) to see which rule gave which name its type. */
const TRACE = typeof process !== 'undefined' && !!process.env?.MARGIN_TRACE_ENTITIES;

class Findings {
  /** Surface form → weighted types. */
  readonly names = new Map<string, Evidence>();
  readonly trace: string[] = [];
  /** Surface forms that name the same entity (gloss pairs). */
  readonly aliases = new Map<string, Set<string>>();

  add(surface: string, type: EntityType, weight: number): void {
    const name = surface.trim();
    if (!name) return;
    let ev = this.names.get(name);
    if (!ev) this.names.set(name, (ev = { scores: new Map() }));
    ev.scores.set(type, (ev.scores.get(type) ?? 0) + weight);
    if (TRACE)
      this.trace.push(
        `${name} ${type} +${weight} ← ${new Error().stack
          ?.split('\n')[2]
          ?.trim()
          .replace(/^at /, '')
          .replace(/\(.*korean\.ts:/, 'line ')
          .replace(/\)$/, '')}`,
      );
  }

  link(a: string, b: string): void {
    for (const [x, y] of [
      [a, b],
      [b, a],
    ] as const) {
      let group = this.aliases.get(x);
      if (!group) this.aliases.set(x, (group = new Set()));
      group.add(y);
    }
  }

  /** The winning type of every name, with gloss partners sharing their evidence. */
  resolve(): Map<string, EntityType> {
    const out = new Map<string, EntityType>();
    for (const name of new Set([...this.names.keys(), ...this.aliases.keys()])) {
      const total = new Map<EntityType, number>();
      for (const member of [name, ...(this.aliases.get(name) ?? [])]) {
        for (const [type, w] of this.names.get(member)?.scores ?? []) total.set(type, (total.get(type) ?? 0) + w);
      }
      let best: EntityType | null = null;
      let bestScore = 0;
      for (const [type, w] of total) {
        if (w > bestScore) {
          best = type;
          bestScore = w;
        }
      }
      if (best && bestScore >= 1) out.set(name, best);
    }
    return out;
  }
}

// Weights: 1 is enough on its own; weaker hints need company.
const STRONG = 3;
const GOOD = 2;
const FAIR = 1;
const WEAK = 0.5;

export interface KoreanResult {
  /** The kind of every name. */
  types: Map<string, EntityType>;
  /** Kinds of single mentions that differ from their name's (by start offset). */
  mentionTypes: Map<number, EntityType>;
}

/** Collect typed names from Korean text. */
export function analyzeKorean(text: string): KoreanResult {
  const tokens = tokenize(text);
  const found = new Findings();
  const n = tokens.length;
  const at = (i: number): Token | undefined => (i >= 0 && i < n ? tokens[i] : undefined);

  // Sentence index of every token, for rules that look across a clause.
  const sentenceOf: number[] = [];
  const sentenceRange: [number, number][] = [];
  let sentence = 0;
  for (let i = 0; i < n; i++) {
    const t = tokens[i]!; // i < n
    const before = at(i - 1);
    if (before && text.slice(before.end, t.start).includes('\n')) sentence++;
    sentenceOf.push(sentence);
    const range = sentenceRange[sentence];
    if (range) range[1] = i;
    else sentenceRange[sentence] = [i, i];
    if (t.kind === 'punct' && SENTENCE_END.test(t.text)) sentence++;
  }
  // Every token has a sentence, and every sentence a range of tokens: the loop above made both.
  const sentenceEnd = (i: number): number => sentenceRange[sentenceOf[i]!]![1];
  const sentenceText = (i: number) => {
    const [a, b] = sentenceRange[sentenceOf[i]!]!;
    return text.slice(tokens[a]!.start, tokens[b]!.end);
  };

  const shortForms = new Map<string, string>();
  // Mentions whose own sentence decides their kind (부산시는 … 지원했다 / 부산시에서 …).
  const mentionTypes = new Map<number, EntityType>();

  /** The person named after a role word at token j (one word, or two for a foreign name). */
  const addNameAfterRole = (j: number) => {
    // 매니징 파트너 에밀리 카터: several role words in a row.
    while (at(j + 1)?.kind === 'hangul' && ROLES_BEFORE.has(at(j)?.text ?? '')) j++;
    // 배우 출신 오세린: the role may be followed by "출신".
    if (at(j)?.text === '출신' && at(j + 1)?.kind === 'hangul') j++;
    const first = at(j);
    if (!first) return;
    const firstName = nameOf(first);
    if (isKoreanName(firstName)) {
      found.add(firstName, 'person', STRONG);
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
        found.add(`${firstName} ${secondName}`, 'person', GOOD);
        return;
      }
    }
    // A copula after the word makes it a predicate (피해자 코스프레인가), not a name after its role.
    const predicate = /^(?:인가|인지|인데|일까|이냐|이다|였다|이었다|이라|입니다)$/.test(first.particle);
    if (!predicate && isNameLike(firstName) && firstName.length >= 3 && !isPlaceWord(firstName) && !orgSuffix(firstName)) found.add(firstName, 'person', FAIR);
  };

  /** A Latin name (one or more capitalised words) ending at token i, joined by single spaces. */
  const latinNameEndingAt = (i: number): { text: string; from: number } | null => {
    const t = at(i);
    if (!t || t.kind !== 'latin' || (!isLatinName(t.text) && !/^[A-Z]{2,}/.test(t.text))) return null;
    let from = i;
    let head = t; // the token at `from`
    for (let prev = at(from - 1); prev; prev = at(from - 1)) {
      if (prev.kind !== 'latin' || head.glued || text.slice(prev.end, head.start) !== ' ') break;
      if (!/^[A-Z]/.test(prev.text)) break;
      from--;
      head = prev;
    }
    if (head.glued && at(from - 1)?.kind === 'hangul') return null; // 챗GPT
    const name = text.slice(head.start, t.end);
    if (from === i && LATIN_STOPWORDS.has(name)) return null;
    return { text: name, from };
  };

  // 1. Latin-script names inside Korean text: organisations unless shown otherwise.
  for (let i = 0; i < n; i++) {
    const t = tokens[i]!; // i < n
    if (t.kind !== 'latin') continue;
    const next = at(i + 1);
    if (next && next.kind === 'latin' && !next.glued && text.slice(t.end, next.start) === ' ' && /^[A-Z]/.test(next.text)) continue; // not the end yet
    const name = latinNameEndingAt(i);
    if (!name) continue;
    const words = name.text.split(' ');
    if (words.length === 1 && !latinAcronym(name.text) && !/[a-z][A-Z]/.test(name.text)) {
      // A single capitalised word ("Seek") is weak evidence on its own.
      found.add(name.text, 'org', WEAK);
      continue;
    }
    found.add(name.text, 'org', ORG_LATIN_WORDS.test(name.text) ? GOOD : FAIR);
  }

  // 2. Glosses in brackets: 량원펑(梁文峰), 나사(NASA), 환팡량화(幻方量化)펀드.
  const glossPairs: { hangul: string; gloss: string }[] = [];
  for (let i = 0; i < n; i++) {
    const open = tokens[i]!; // i < n
    if (open.text !== '(' || !open.glued) continue;
    let closeAt = -1;
    for (let j = i + 1; j < n && j <= i + 12; j++) {
      if (tokens[j]!.text === ')') {
        closeAt = j;
        break;
      }
    }
    const close = at(closeAt);
    if (!close) continue;
    const inner = text.slice(open.end, close.start);
    if (HANGUL.test(inner)) continue; // an explanation, not a gloss
    const parts = inner
      .split(/[:;/,]|\s(?=[\u4e00-\u9fff])/)
      .map((p) => p.trim())
      .filter(Boolean);
    if (!parts.length) continue;
    // The name before the bracket: the Hangul word glued to it, two words for a
    // multi-word Latin gloss whose Hangul is short (하이플라이어 퀀트(…High-Flyer Quant)).
    const before = tokens[i - 1];
    if (!before || before.kind !== 'hangul') continue;
    let hangul = before.text;
    const latinWords = parts.filter((p) => /^[A-Za-z]/.test(p)).map((p) => p.split(/\s+/).length);
    const wordsInGloss = Math.max(0, ...latinWords);
    const prev = tokens[i - 2];
    if (
      wordsInGloss >= 2 &&
      hangul.length < 2 * wordsInGloss &&
      prev &&
      prev.kind === 'hangul' &&
      !prev.particle &&
      !before.glued &&
      !isPlaceWord(prev.text) &&
      isNameLike(prev.text) &&
      !ORG_BEFORE.has(prev.text) &&
      !ROLES_BEFORE.has(prev.text)
    ) {
      hangul = `${prev.text} ${hangul}`;
    }
    if (COMMON_NOUNS.has(hangul) || ORG_BEFORE.has(hangul)) continue;
    const after = at(closeAt + 1);
    const suffixAfter =
      after && after.glued && after.kind === 'hangul' ? (orgSuffix('X' + after.stem) ?? (ORG_SUFFIXES.includes(after.stem) ? after.stem : null)) : null;
    for (const part of parts) {
      if (/[的之了是在和]/.test(part) || part.length > 20) continue;
      glossPairs.push({ hangul, gloss: part });
      if (/^[\u4e00-\u9fff\u3040-\u30ff]+(?:\s[\u4e00-\u9fff\u3040-\u30ff]+)*$/.test(part)) {
        if (/[市省县縣镇鎮区區州村乡鄉道府]$/.test(part)) found.add(part, 'place', GOOD);
        else if (
          /(?:公司|集团|集團|基金|银行|銀行|大学|大學|研究所|协会|協會|委员会|委員會|部|局|厅|署|院|社|报|報|台|資本|资本|キャピタル|ホールディングス|株式会社|商事|銀行)$/.test(
            part,
          )
        )
          found.add(part, 'org', GOOD);
        // A person's name in Hanja: two or three characters for a name of two syllables or more, with
        // nothing glued after the bracket (칭짱(靑藏)고원, 장쑤(江蘇)성 are parts of longer names).
        else if (
          part.length >= 2 &&
          part.length <= 3 &&
          (part.length === 3 || hangul.length >= 3) &&
          !(after?.glued && after.kind === 'hangul' && !PARTICLE_SET.has(after.text)) &&
          (isKoreanName(hangul) || hangul.length <= 4)
        )
          found.add(part, 'person', FAIR);
        else if (part.length >= 4) found.add(part, 'org', WEAK);
      } else if (/^[A-Za-z]/.test(part)) {
        if (latinAcronym(part)) found.add(part, 'org', GOOD);
        else if (ORG_LATIN_WORDS.test(part)) found.add(part, 'org', GOOD);
        else if (!LATIN_STOPWORDS.has(part)) found.add(part, 'org', WEAK / 2);
      }
      if (suffixAfter) found.add(part, 'org', STRONG);
    }
    if (suffixAfter) found.add(hangul, 'org', STRONG);
  }
  // A gloss names one Hangul form: keep the pairing seen most often (딥시크(Deep Seek) ×2
  // beats a nickname once glossed the same way).
  const pairCounts = new Map<string, Map<string, number>>();
  for (const { hangul, gloss } of glossPairs) {
    const m = pairCounts.get(gloss) ?? new Map<string, number>();
    m.set(hangul, (m.get(hangul) ?? 0) + 1);
    pairCounts.set(gloss, m);
  }
  for (const [gloss, partners] of pairCounts) {
    const best = Math.max(...partners.values());
    for (const [hangul, count] of partners) if (count === best) found.link(hangul, gloss);
  }

  // 3. Datelines and bylines: [서울=뉴스핌], (서울=연합뉴스), [문화누리신문 윤지호 기자].
  for (const m of text.matchAll(/[[(【]\s*([\uac00-\ud7a3]{2,8})\s*=\s*([\uac00-\ud7a3A-Za-z0-9]{2,12}(?: [A-Za-z0-9]+)?)\s*[\])】]/g)) {
    const [, place = '', agency = ''] = m; // both groups are required: never the defaults
    if (!isPlaceWord(place) && !placeSuffix(place)) continue; // (사진=…) is a credit, see below
    found.add(place, 'place', FAIR);
    found.add(agency, 'org', STRONG);
  }
  for (const m of text.matchAll(/[[(【]\s*([^\][()=\n]{2,20}?)\s+([\uac00-\ud7a3]{2,4})\s+(?:[\uac00-\ud7a3]{0,6}기자|특파원)\s*[\])】]/g)) {
    const [, outlet = '', reporter = ''] = m; // both groups are required: never the defaults
    found.add(outlet, 'org', STRONG);
    found.add(reporter, 'person', STRONG);
  }
  // Bylines: 글=김선영 기자, 글·사진=홍길동 기자, 정리=이영희 기자.
  for (const m of text.matchAll(
    /(?:글|사진|영상|그래픽|편집|정리|취재|기사)(?:\s*[·ㆍ/]\s*(?:글|사진|영상|그래픽))?\s*=\s*([\uac00-\ud7a3]{2,4})\s*(?:[\uac00-\ud7a3]{0,6}기자|특파원|작가|PD)(?![\uac00-\ud7a3])/g,
  )) {
    const [, name = ''] = m;
    if (isKoreanName(name)) found.add(name, 'person', STRONG);
  }
  // Photo credits: (사진=부산국제영화제 제공), 사진=바이두.
  for (const m of text.matchAll(/사진\s*=\s*([\uac00-\ud7a3A-Za-z][\uac00-\ud7a3A-Za-z ]{1,20}?)(?=\s*(?:제공|[.,)\]]|$))/g)) {
    const name = (m[1] ?? '').trim();
    if (/(?:기자|특파원|작가)$/.test(name)) {
      const person = name.replace(/\s*\S*(?:기자|특파원|작가)$/, '');
      if (isKoreanName(person)) found.add(person, 'person', GOOD);
    } else if (!COMMON_NOUNS.has(name) && !/\s/.test(name)) {
      found.add(name, 'org', GOOD);
    }
  }

  // 4. Token-by-token cues.
  for (let i = 0; i < n; i++) {
    const t = tokens[i]!; // i < n
    const next = at(i + 1);
    const prev = at(i - 1);
    // A Hanja or Latin name glued to an organisation suffix: 幻方量化펀드, 港商事.
    if (t.kind === 'hangul' && t.glued && prev && (prev.kind === 'han' || prev.kind === 'latin') && ORG_SUFFIXES.includes(t.stem) && prev.text.length >= 2) {
      found.add(prev.text, 'org', GOOD);
    }
    // Latin initials glued to a Hangul organisation name are one name: SK수펙스추구협의회, KB국민은행,
    // CJ제일제당 주가 (an organisation suffix, or organisation context after it).
    if (
      t.kind === 'latin' &&
      /^[A-Z][A-Z&]{1,4}$/.test(t.text) &&
      !(t.glued && prev && (prev.kind === 'hangul' || prev.kind === 'latin')) &&
      next?.kind === 'hangul' &&
      next.glued &&
      next.stem.length >= 2
    ) {
      const after = at(i + 2);
      const context = !next.particle && after?.kind === 'hangul' && !after.glued && ORG_AFTER.has(after.stem);
      const suffix = orgSuffix(next.stem) || ORG_SUFFIXES.includes(next.stem);
      if ((suffix || context) && !ORG_AFTER_LIST.some((w) => next.stem.startsWith(w)) && !COMMON_NOUNS.has(next.stem) && !PREDICATE_FORM.test(next.stem)) {
        found.add(t.text + next.stem, 'org', GOOD);
      }
    }
    // One-character country names in headlines: 韓·中·日.
    if (t.kind === 'han' && HANJA_COUNTRIES.has(t.text)) found.add(t.text, 'place', FAIR);
    if (t.kind !== 'hangul') continue;
    const word = t.stem;
    // A word glued to a number is a unit or counter (9회초, 3연승), never a name.
    const counted = t.glued && prev?.kind === 'num';
    if (counted) continue;

    // Gazetteer places and national institutions.
    if (isPlaceWord(word)) found.add(word, 'place', GOOD);
    else if (isPlaceWord(t.text)) found.add(t.text, 'place', GOOD);
    if (INSTITUTIONS.has(word)) found.add(word, 'org', GOOD);

    // Suffixes.
    const org = orgSuffix(word);
    if (org && !isPlaceWord(word) && !INSTITUTIONS.has(word)) found.add(word, 'org', org.length >= 2 ? GOOD : FAIR);
    const venue = venueSuffix(word);
    if (venue && !org) found.add(word, 'place', venue.length >= 2 ? GOOD : FAIR);
    const place = placeSuffix(word);
    if (place && !org && !venue && !isPlaceWord(word) && !COMMON_NOUNS.has(word)) {
      const base = word.slice(0, -place.length);
      const prevPlace = prev && prev.kind === 'hangul' && !prev.particle && (isPlaceWord(prev.stem) || placeSuffix(prev.stem));
      const dirPlace = prev && /^(?:남부|북부|동부|서부|중부)$/.test(prev.stem) && isPlaceWord(at(i - 2)?.stem ?? '');
      const listed = (prev?.text === '·' || next?.text === '·') && place === '동';
      if (isPlaceWord(base) || prevPlace || dirPlace || listed) {
        // A city or district acting (부산시는 … 지원했다) is its government: an organisation.
        const clause = text.slice(t.end, tokens[sentenceEnd(i)]!.end);
        if (/^(?:은|는|이|가)$/.test(t.particle) && AGENT_PREDICATES.test(clause) && /[시도군구]$/.test(place)) {
          found.add(word, 'org', GOOD);
          mentionTypes.set(t.start, 'org');
        } else {
          found.add(word, 'place', prevPlace || isPlaceWord(base) ? GOOD : FAIR);
          mentionTypes.set(t.start, 'place');
        }
      }
    }
    // A place's office as a title (유성구청장, 부산시장) names the place's government.
    const office = word.match(/^([\uac00-\ud7a3]{1,6}[시도군구])(?:청장|청|장|지사|의회)$/);
    const officePlace = office?.[1];
    if (officePlace && (isPlaceWord(officePlace.slice(0, -1)) || found.names.has(officePlace))) found.add(officePlace, 'org', FAIR);

    // A title qualified by 전/현/前/신임 …: 문재인 전 대표가, 김철수 현 회장은, 정민호 미래소재 전 대표.
    if (isTitle(word) && prev && TITLE_MODIFIERS.has(prev.text) && (!t.glued || prev.kind === 'han') && !prev.glued) {
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
      if (name && !isPlaceWord(name) && !isTitle(name) && !orgSuffix(name) && !/(?:해|한|된|난|했|됐)$/.test(name)) {
        const before = at(nameAt - 1);
        const person =
          name.length >= 2 &&
          before?.kind === 'hangul' &&
          !before.particle &&
          !nameToken!.glued &&
          isKoreanName(before.stem) &&
          !/(?:해|한|된|난|돼|했|됐)$/.test(before.stem)
            ? before.stem
            : null;
        if (isKoreanName(name)) found.add(name, 'person', STRONG);
        // 안철수 새정치민주연합 전 공동대표: the word before the title is the affiliation.
        else if (person) found.add(person, 'person', STRONG);
        // Other words need the look of a foreign name (출범 전 회장 is no name).
        else if (isNameLike(name) && name.length >= 3 && LOANWORD_SYLLABLES.test(name)) {
          const two = before?.kind === 'hangul' && !before.particle && !nameToken!.glued && isForeignNamePart(before.stem);
          found.add(two ? `${before.stem} ${name}` : name, 'person', FAIR);
        }
      }
    }
    // Titles glued to a Korean name: 홍길동씨가, 박희태의원은, 김민수기자, 이순신장군, 김지영님께서.
    if (!t.glued || prev?.kind !== 'num') {
      for (const title of GLUED_TITLES) {
        if (!word.endsWith(title) || word.length < title.length + 3) continue;
        const name = word.slice(0, -title.length);
        // Compounds of a common noun and a title end the noun in a person or place word: 장애인선수, 지역구의원, 유망주선수.
        // …or form a longer title or word with it: 선대본부장, 도쿄도지사, 안방마님, 장난아님.
        const longer = word.slice(-title.length - 1);
        if (/[인구주생]$/.test(name) || isTitle(name.slice(1)) || TITLES_AFTER.has(longer) || NIM_WORDS.has(longer)) break;
        if (isKoreanName(name) && !isPlaceWord(name) && !INSTITUTIONS.has(name) && !orgSuffix(name) && !(t.glued && prev?.kind === 'latin')) {
          found.add(name, 'person', GOOD);
          break;
        }
      }
    }

    // Titles after a name: 홍길동 기자, 박광수 부산국제영화제 이사장, 고레에다 히로카즈 감독,
    // 데위 쿠스마와티 인도네시아 외교장관.
    // A gloss between a name and its title: 리사 몰리나(Lisa Molina) 교수.
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
      if (name && isKoreanName(name)) found.add(name, 'person', STRONG);
      else if (name && isNameLike(name) && firstName && isForeignNamePart(firstName)) found.add(`${firstName} ${name}`, 'person', GOOD);
      else if (name && isNameLike(name) && name.length >= 3) found.add(name, 'person', FAIR);
    }
    if (isTitle(word) && !t.glued && prev && prev.kind === 'hangul' && !prev.glued) {
      // No particle stands between a name and its title: the word before is whole (류하은 기자).
      const prevWord = wholeName(prev) ?? prev.stem;
      const between = orgSuffix(prevWord) || INSTITUTIONS.has(prevWord) || found.names.get(prevWord)?.scores.has('org') || isPlaceWord(prevWord);
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
        if (isKoreanName(name)) found.add(name, 'person', STRONG);
        else if (isNameLike(name)) {
          // A foreign name may take two words: 고레에다 히로카즈.
          const first = at(nameAt - 1);
          const firstName = first && first.kind === 'hangul' && !first.glued && !nameToken!.glued ? wholeName(first) : null;
          const two = !!firstName && isForeignNamePart(firstName);
          if (two) found.add(`${firstName} ${name}`, 'person', GOOD);
          // Titles that are also common words (대사 a line, 통장 a bankbook, 고문 torture) need a name of Korean shape.
          else if (!between && !AMBIGUOUS_TITLES.has(word)) found.add(name, 'person', FAIR);
        }
      }
    }

    // Roles before a name: 배우 송민재, 가수 겸 배우 오하린, 프랑스 배우 쥘리에트 비노슈, 주민 윤가영(34) 씨.
    if (ROLES_BEFORE.has(t.text) && next && next.kind === 'hangul' && !next.glued) {
      addNameAfterRole(i + 1);
    }
    // Organisation context before: 배터리 제조사 세움에너지, 공유킥보드 업체 '달리고', 방산업체 PT 인도아비아.
    if ((ORG_BEFORE.has(t.text) || (ORG_BEFORE_ENDINGS.test(t.text) && !orgSuffix(t.text))) && next && !next.glued) {
      let j = i + 1;
      const quoted = QUOTES_OPEN.has(next.text) ? j++ : -1;
      const lead = at(j);
      const latinLead = lead?.kind === 'latin' && /^[A-Z]{2,4}$/.test(lead.text) && at(j + 1)?.kind === 'hangul' ? j++ : -1;
      const target = at(j);
      if (target && target.kind === 'hangul' && (quoted < 0 || target.glued)) {
        const name = target.stem;
        const ok = quoted >= 0 ? name.length >= 2 && !COMMON_NOUNS.has(name) : isNameLike(name) && !isPlaceWord(name) && !isKoreanName(name);
        if (ok) found.add(latinLead >= 0 && lead ? `${lead.text} ${name}` : name, 'org', quoted >= 0 || latinLead >= 0 ? GOOD : FAIR);
      }
    }
    // Organisation context after: 엔비디아 주가, 딥시크 모회사, 딥시크 어떤 회사, 충남대 인근.
    const after = next && (next.text === '어떤' || next.text === '같은') ? at(i + 2) : next;
    if (!t.particle && after && after.kind === 'hangul' && ORG_AFTER.has(after.stem) && !after.glued) {
      if (isNameLike(word) && !MODIFIER_ENDING.test(word) && !isPlaceWord(word) && !isKoreanName(word) && !GENERIC_MODIFIERS.has(word) && !ORG_BEFORE.has(word))
        found.add(word, 'org', FAIR);
    }
    if (
      /^[\uac00-\ud7a3]{2,6}대$/.test(word) &&
      !t.particle &&
      after &&
      /^(?:인근|앞|캠퍼스|교수|교수팀|연구팀|연구진|학생|학생들|병원|총장|총학생회|정문|의과대학|의대|대학원|공대|법대)$/.test(after.stem) &&
      !GENERIC_MODIFIERS.has(word.slice(0, -1))
    ) {
      found.add(word, 'org', GOOD);
    }
    // Masked names in reports: 김OO(67) 씨, 이○○ 씨.
    if (t.text.length === 1 && SURNAMES.has(t.text) && next && next.glued && /^(?:OO|○○|ㅇㅇ|00|○|O)$/.test(next.text)) {
      found.add(t.text + next.text, 'person', GOOD);
    }
    // The organisation of a role: 그래닛피크의 매니징 파트너 에밀리 카터.
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
      if (person && person.kind === 'hangul' && (isKoreanName(nameOf(person)) || isForeignNamePart(nameOf(person)))) found.add(word, 'org', FAIR);
    }
    // The company of a person with a title: 대원소재의 박선우 대표.
    if (
      t.particle === '의' &&
      next?.kind === 'hangul' &&
      isKoreanName(next.text) &&
      at(i + 2) &&
      /^(?:대표|사장|회장|부회장|대표이사|CEO|연구원|교수|이사|전무|상무|부사장|창업자|총장|감독|단장)$/.test(at(i + 2)!.stem)
    ) {
      if (isNameLike(word) && !isPlaceWord(word) && !isKoreanName(word)) found.add(word, 'org', FAIR);
    }
    // A name with an age in brackets is a person: 윤가영(34) 씨, 유지석(19).
    if (next?.text === '(' && next.glued && at(i + 2)?.kind === 'num' && /^\d{1,3}$/.test(at(i + 2)!.text) && at(i + 3)?.text === ')') {
      if (isKoreanName(word)) found.add(word, 'person', STRONG);
      else if (isNameLike(word) && word.length >= 3) found.add(word, 'person', FAIR);
    }
    if (/^(?:을|를)$/.test(t.particle) && next && ORG_OBJECT_VERBS.test(next.text) && isNameLike(word) && !isPlaceWord(word) && orgSuffix(word)) {
      found.add(word, 'org', FAIR);
    }
    // A place, a direction, then a name: 헝가리 동부 데브레첸에.
    if (
      t.particle &&
      /^(?:에|에서|의|으로|로)$/.test(t.particle) &&
      prev?.kind === 'hangul' &&
      /^(?:동부|서부|남부|북부|중부|남동부|북동부|남서부|북서부)$/.test(prev.text) &&
      isPlaceWord(at(i - 2)?.stem ?? '') &&
      isNameLike(word) &&
      !isKoreanName(word)
    ) {
      found.add(word, 'place', FAIR);
    }
    // A name and a venue word: 모로왈리 산업단지.
    if (!t.particle && next && next.kind === 'hangul' && !next.glued && VENUE_WORDS.has(next.stem) && isNameLike(word) && !isKoreanName(word)) {
      found.add(`${word} ${next.stem}`, 'place', FAIR);
    }
    // Sports teams: 새한 돌핀스, 시애틀 매리너스 — a name and a plural loanword, in a sports sentence.
    const sportsSentence = () => SPORTS_CONTEXT.test(sentenceText(i));
    if (
      next &&
      next.kind === 'hangul' &&
      !next.glued &&
      !t.particle &&
      /(?:스|즈|츠)$/.test(nameOf(next)) &&
      nameOf(next).length >= 3 &&
      isNameLike(nameOf(next)) &&
      sportsSentence()
    ) {
      const team = `${word} ${nameOf(next)}`;
      if ((isNameLike(word) || isPlaceWord(word)) && word.length >= 2 && !isKoreanName(word) && !ROLES_BEFORE.has(word)) {
        found.add(team, 'org', FAIR);
        if (!isPlaceWord(word)) shortForms.set(word, team);
      }
    }
  }
  // Short forms of organisations (새한 for 새한 돌핀스, 톈위 for 톈위신소재) count when they stand alone.
  for (const [name, ev] of found.names) {
    if (!ev.scores.has('org')) continue;
    const suffix = orgSuffix(name);
    if (suffix && suffix.length >= 2 && name.length - suffix.length >= 2) shortForms.set(name.slice(0, -suffix.length), name);
  }
  // Family names of foreign people named in full (델가도 for 마커스 델가도) when they stand alone.
  const familyNames = new Set<string>();
  for (const [name, ev] of found.names) {
    const [given, family, ...more] = name.split(' ');
    if (ev.scores.has('person') && given && family && !more.length && !isKoreanName(given)) familyNames.add(family);
  }
  for (let i = 0; i < n; i++) {
    const t = tokens[i]!; // i < n
    if (t.kind !== 'hangul') continue;
    const following = at(i + 1);
    const standalone = t.particle || !(following?.kind === 'hangul' && !following.glued && !/^(?:·|,)$/.test(following.text));
    if (!standalone) continue;
    if (shortForms.has(t.stem) && !isPlaceWord(t.stem) && !COMMON_NOUNS.has(t.stem)) found.add(t.stem, 'org', FAIR);
    const previous = at(i - 1);
    const firstNameBefore = previous?.kind === 'hangul' && !previous.particle && !t.glued && found.names.has(`${previous.text} ${t.stem}`);
    if (familyNames.has(t.stem) && !firstNameBefore && (t.particle || isTitle(at(i + 1)?.stem ?? ''))) found.add(t.stem, 'person', FAIR);
  }
  // Latin names followed by organisation context: AMD주가도, Deep Seek 연구개발팀.
  for (let i = 0; i < n - 1; i++) {
    const t = tokens[i]!; // i < n
    const next = tokens[i + 1]!; // i < n - 1
    if (t.kind !== 'latin' || next.kind !== 'hangul') continue;
    const name = latinNameEndingAt(i);
    if (!name) continue;
    if (ORG_AFTER.has(next.stem) || (next.glued && ORG_AFTER_LIST.some((w) => next.text.startsWith(w)))) found.add(name.text, 'org', FAIR);
  }

  // 5. Quotations with a speech verb: the speaker is a person (송민재는 무대에서 "…"고 말했다).
  for (let i = 0; i < n; i++) {
    const t = tokens[i]!; // i < n
    if (!QUOTES_OPEN.has(t.text) || t.text === "'" || t.text === '‘' || t.text === '<') continue;
    // The quotation's end and the verb after it.
    let close: Token | undefined;
    for (let j = i + 1; j < n && j < i + 200 && !close; j++) if (tokens[j]!.text === '"' || tokens[j]!.text === '”') close = tokens[j];
    if (!close) continue;
    const tail = text.slice(close.end, close.end + 30);
    if (!/^\s?(?:이?라?고|며|라며|이라며|면서)\s*(?:[\uac00-\ud7a3]+\s){0,2}/.test(tail)) continue;
    const verb = tail.replace(/^\s?(?:이?라?고|며|라며|이라며|면서)\s*/, '').split(/\s+/);
    if (!verb.slice(0, 3).some((w) => SPEECH_VERBS.test(w)) && !/^(?:며|라며|이라며|면서)/.test(tail.trim())) continue;
    // The speaker: the nearest subject before the quotation in the same sentence.
    for (let j = i - 1; j >= 0 && sentenceOf[j] === sentenceOf[i] && j > i - 8; j--) {
      const s = tokens[j]!; // 0 <= j < i
      if (s.kind !== 'hangul' || !/^(?:은|는|이|가|도)$/.test(s.particle)) continue;
      const word = s.stem;
      if (isTitle(word) || COMMON_NOUNS.has(word) || /들$/.test(word) || isPlaceWord(word) || orgSuffix(word) || placeSuffix(word)) break;
      if (isKoreanName(word)) found.add(word, 'person', GOOD);
      else if (isNameLike(word) && word.length >= 3) found.add(word, 'person', FAIR);
      break;
    }
  }

  // 6. Coordination: a name joined to a typed one takes its type (넷플릭스와 CJ ENM, 칸과 베를린).
  let types = found.resolve();
  for (let i = 0; i < n - 1; i++) {
    const t = tokens[i]!; // i < n
    if (t.kind !== 'hangul' || !/^(?:와|과)$/.test(t.particle)) continue;
    const word = t.stem;
    if (types.has(word) || COMMON_NOUNS.has(word) || !/^[\uac00-\ud7a3]+$/.test(word) || isTitle(word) || ROLES_BEFORE.has(word)) continue;
    if (word.length > 1 && !isNameLike(word)) continue;
    const next = tokens[i + 1]!; // i < n - 1
    const afterNext = at(i + 2);
    let partner: string | null = null;
    // The partner must end its phrase (칸과 베를린에서), not modify the next word (X와 인도네시아 국영 업체).
    if (next.kind === 'hangul' && (next.particle || !afterNext || afterNext.kind === 'punct' || afterNext.text === '등')) partner = next.stem;
    else if (next.kind === 'latin') {
      let j = i + 1;
      for (let after = at(j + 1); after?.kind === 'latin' && text.slice(tokens[j]!.end, after.start) === ' '; after = at(j + 1)) j++;
      partner = latinNameEndingAt(j)?.text ?? null;
    }
    const type = partner ? types.get(partner) : undefined;
    if (!type || (type !== 'org' && type !== 'place')) continue;
    if (word.length === 1 && type !== 'place') continue;
    found.add(word, type, FAIR);
  }
  // Lists joined by "·" share a type: 궁동·봉명동·어은동, 톈위·미나토.
  for (let i = 1; i < n - 1; i++) {
    // 0 < i < n - 1: the token and both its neighbours exist.
    const dot = tokens[i]!;
    if (dot.text !== '·' || !dot.glued) continue;
    const left = tokens[i - 1]!;
    const right = tokens[i + 1]!;
    if (left.kind !== 'hangul' || right.kind !== 'hangul') continue;
    const lt = types.get(left.stem);
    const rt = types.get(right.stem);
    if (lt === 'place' && !rt && isNameLike(right.stem) && placeSuffix(right.stem)) found.add(right.stem, 'place', FAIR);
    if (rt === 'place' && !lt && isNameLike(left.stem) && placeSuffix(left.stem)) found.add(left.stem, 'place', FAIR);
  }
  // Venues after places: 부산 해운대구 영화의전당에서, 해운대 비프힐에서.
  for (let i = 1; i < n; i++) {
    const t = tokens[i]!; // i < n
    const prev = tokens[i - 1]!; // i >= 1
    if (t.kind !== 'hangul' || !/^(?:에서|에서는|에서도|에서의)$/.test(t.particle) || t.glued) continue;
    const word = t.stem;
    if (prev.kind !== 'hangul' || prev.particle || types.get(prev.stem) !== 'place') continue;
    if (types.has(word) || COMMON_NOUNS.has(word) || !isNameLike(word) || isKoreanName(word) || placeSuffix(word)) continue;
    found.add(word, 'place', FAIR);
  }
  types = found.resolve();

  // 7. Near-duplicates of a person's name are the same person spelt differently (량원펑 / 량원평).
  const persons = [...types].filter(([, type]) => type === 'person').map(([name]) => name);
  for (let i = 0; i < n; i++) {
    const t = tokens[i]!; // i < n
    if (t.kind !== 'hangul' || types.has(t.stem) || !/^(?:은|는|이|가|의)$/.test(t.particle) || t.stem.length < 3) continue;
    for (const person of persons) {
      if (person.length !== t.stem.length || person.includes(' ')) continue;
      let diff = 0;
      for (let k = 0; k < person.length; k++) if (person[k] !== t.stem[k]) diff++;
      if (diff === 1 && person.charAt(0) === t.stem.charAt(0)) {
        types.set(t.stem, 'person');
        break;
      }
    }
  }
  if (TRACE) console.error(found.trace.join('\n'));
  return { types, mentionTypes };
}

// --- Marking ------------------------------------------------------------------------

/** Derivational endings after a place that leave the place a place: 중국판, 미국산, 중국발. */
const DERIVED = /^(?:발|산|판|계|측|내|인|간|행|식|풍|제|권|령|군|경|사람|정부|당국|시장|증시|기업|업체|대사관)/;

/** Words ending in 님 that are not a name and 님: 마님, 형님, 아님 (아니다). */
const NIM_WORDS = new Set(['마님', '형님', '누님', '따님', '드님', '손님', '스님', '금님', '모님', '아님', '느님', '주님', '생님', '장님', '수님']);

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
        const rest = afterText.match(/^[\uac00-\ud7a3]*/)![0];
        if (
          !particlesOnly(rest) &&
          !(type === 'place' && DERIVED.test(rest)) &&
          !(type === 'org' && ORG_SUFFIXES.some((s) => rest.startsWith(s))) &&
          !(type === 'person' && gluedTitle(rest))
        )
          continue;
      } else if (/^[A-Za-z]/.test(name)) {
        if (/[A-Za-z0-9]/.test(before) || /[A-Za-z0-9]/.test(after)) continue;
      } else if (HAN.test(before)) {
        continue;
      }
      spans.push({ start: at, end, text: name, type });
    }
  }
  return spans;
}
