import { joinAliases } from '../aliases';
import { majorityTypes } from './majority';
import { particlesOnly } from '../korean';
import { KO_COUNTRY_NAMES, KO_PLACES } from '../gazetteer';
import { COMMON_NOUNS, ORG_BEFORE, ROLES_BEFORE, SURNAMES, TITLES_AFTER } from '../lexicon-ko';
import { mergeSpans } from '../merge';
import type { EntitySpan, EntityType } from '../types';
import { extractFeatures, LEX_LABELS, lexLabel, tagsToSpans } from './features';
import { decodeEmissions, emissions, spanMargins, textLines, type KoreanModel } from './tagger';
import { clauseAct } from './cue-features';
import { HANGUL, hasBatchim } from '../../text/scripts';

/**
 * Korean entities by the learned model, made consistent across the article:
 *   1. the tagger reads each line with the rule-based recogniser's spans as evidence;
 *   2. each name takes the type most of its mentions got;
 *   3. a name found anywhere is marked at each of its other mentions (particles split off);
 *   4. short forms join the full name: 이 대표 → 이재용 when the article wrote 이재용 대표;
 *   5. the Hangul, Latin and Han forms of one name are one entity (aliases.ts).
 * Date, money and percent spans of the patterns are kept where the model found none.
 */
export interface ModelOptions {
  /** Kinds whose rule spans win over the model's where they overlap. */
  rulesFirst?: readonly EntityType[];
  /** With rulesFirst: a model span that contains the rule's span whole is kept (서울 강남경찰서). */
  keepLongerModel?: boolean;
  /**
   * With keepLongerModel: where the model's span is the rules' organisation exactly but typed
   * otherwise (브랜드 루미오 as a person), the rules' type wins; only a longer model span stays.
   */
  rulesTypeOnSameSpan?: boolean;
  /** Add the rules' names where the model found nothing. */
  union?: boolean;
  /**
   * Split places off the front of a longer name (서울 여의도 → 서울 + 여의도): 'place' in
   * places only, 'countries' also a country before an organisation (중국 딥시크 → 중국 +
   * 딥시크, 서울 강남경찰서 stays whole), 'all' any place before an organisation.
   */
  splitPlaces?: 'place' | 'countries' | 'all';
  /** Drop one-syllable people with nothing after them that makes one a name (씨, 모씨, a title). */
  strictSyllables?: boolean;
  /** Drop people the model found that are no one's name: common words, alone or with a particle (원정, 이상인), Han phrases, words with a case particle. */
  commonWords?: boolean;
  /** Drop dates without a digit (이날, 어제, 지난해): KLUE marks them, other corpora do not. */
  digitDatesOnly?: boolean;
  /**
   * A name introduced as a group (걸그룹 X, 아이돌 그룹 'X', 밴드 X) is an organisation at every
   * mention. KLUE (with the NIKL tagset) types idol groups as people; Margin files them with
   * organisations, as most other corpora do.
   */
  groupsAsOrgs?: boolean;
  /**
   * A country keeps the type the tagger gave each mention (미국이 … 발표했다: the government, an
   * organisation; 미국에서: a place) instead of the article's majority, as KLUE labels each mention.
   */
  countriesPerMention?: boolean;
  /**
   * A country as the subject of a team's result or an act of state (브라질은 독일을 3-1로
   * 꺾었다, 미국은 관세를 발표했다) is an organisation, that mention only: the team or the
   * government. KLUE labels such subjects OG more often than LC, but not always.
   */
  actingCountries?: boolean;
  /**
   * Organisations by their shape and the word before them (Margin's conventions): a club word
   * joins the name beside it (가람 유나이티드, FC 누리), a school by what it has (청솔고 학생들,
   * 청솔고를 졸업), and a person the tagger found right after a word for a kind of company
   * (항공사 하늘길, 브랜드 루미오) is that company.
   */
  orgShapes?: boolean;
  /**
   * A person the tagger ended a syllable or two early, where the rules found the same person
   * whole (정다은 기자 read as 정다 + the particle 은): the rules' end wins, within the word.
   */
  ruleNameEnds?: boolean;
  /**
   * A place the tagger ran into 서 or 엔, the short 에서 and 에는 of headlines and speech (뉴욕서
   * 열린 회의 → 뉴욕, 텍사스엔 공장이 → 텍사스), ends before it when what is left is a place by
   * itself. A police station or tax office (강남경찰서) keeps its 서: 경찰 is no place.
   */
  shortParticles?: boolean;
  /**
   * A country with a syllable that makes it a modifier (중국판 챗GPT, 미국산 소고기, 한국형
   * 전투기, 일본계 은행) is no name, as English's "Chinese" or "American" is no place.
   */
  countryModifiers?: boolean;
  /**
   * In an article (several lines, some length), a person or place only the tagger found, at no
   * mention overlapping the rules' name of that kind, is kept only where the tagger was sure
   * enough of it over the mentions it found: at each, its best path beats the best with the name
   * left out by a margin (tagger.ts, spanMargins), and these margins add up to this at least.
   * News introduces people by role or title, so a person with neither and a weak score in a whole
   * article is mostly a word that looks like a name (퀀트, 허찔린); a weak place the rules never
   * saw, mostly a word like 서방. A lone sentence has no such introduction to miss, so this is
   * left to articles.
   */
  weakMargins?: Partial<Record<'person' | 'place', number>>;
}

/**
 * How model and rules meet, chosen by cross-validation on KLUE's fit split and on the
 * labelled pages together (README, "Korean"): the model's spans, the rules' organisations
 * where they overlap (a model span that holds the rule's whole stays: 서울 강남경찰서), and
 * the rules' names wherever the model found nothing.
 */
export const DEFAULT_MODEL_OPTIONS: ModelOptions = {
  union: true,
  rulesFirst: ['org'],
  keepLongerModel: true,
  rulesTypeOnSameSpan: true,
  splitPlaces: 'countries',
  strictSyllables: true,
  commonWords: true,
  groupsAsOrgs: true,
  countriesPerMention: true,
  actingCountries: true,
  orgShapes: true,
  ruleNameEnds: true,
  shortParticles: true,
  countryModifiers: true,
  weakMargins: { person: 4, place: 0.5 },
};

export function recognizeKoreanWithModel(
  text: string,
  model: KoreanModel,
  rules: readonly EntitySpan[],
  options: ModelOptions = DEFAULT_MODEL_OPTIONS,
): EntitySpan[] {
  const em = emissions(model, extractFeatures(text, model.lexicon, rules), text.length);
  const tags = decodeEmissions(model, text, em);
  let found = tagsToSpans(text, tags).filter(plausible);
  found = found.flatMap((s) => tidy(text, s));
  if (options.splitPlaces) found = found.flatMap((s) => splitPlaces(text, s, model, options.splitPlaces!));
  if (options.shortParticles) found = found.map((s) => withoutShortParticle(text, s, model));
  if (options.strictSyllables) found = found.filter((s) => !loneSyllable(text, s));
  if (options.commonWords) found = found.filter((s) => !commonWord(s));
  if (options.countryModifiers) found = found.filter((s) => !countryModifier(s));
  if (options.digitDatesOnly) found = found.filter((s) => s.type !== 'date' || /[0-9０-９]/.test(s.text));
  if (options.weakMargins && isArticle(text))
    for (const [kind, min] of Object.entries(options.weakMargins)) found = withoutWeak(text, found, rules, model, em, kind as EntityType, min);
  if (options.rulesFirst?.length) {
    const contains = (s: EntitySpan, r: EntitySpan) =>
      options.keepLongerModel &&
      s.start <= r.start &&
      r.end <= s.end &&
      (!options.rulesTypeOnSameSpan || s.end - s.start > r.end - r.start || s.type === r.type);
    const ruled = rules.filter((r) => options.rulesFirst!.includes(r.type) && !found.some((s) => contains(s, r)));
    found = [...found.filter((s) => !ruled.some((r) => r.start < s.end && s.start < r.end)), ...ruled];
  }
  if (options.ruleNameEnds) found = found.map((s) => ruleNameEnd(s, rules));
  if (options.union) {
    const extra = rules.filter((r) => isName(r.type) && !found.some((s) => r.start < s.end && s.start < r.end));
    found = [...found, ...extra];
  }
  if (options.groupsAsOrgs) found = groupsAsOrgs(text, found);
  if (options.orgShapes) found = orgShapes(text, found);
  if (options.actingCountries) found = found.map((s) => (actingCountry(text, s) ? { ...s, type: 'org' } : s));
  const names = majorityTypes(found, isName);
  const ownType = (s: EntitySpan) =>
    options.countriesPerMention && (s.type === 'org' || s.type === 'place') && KO_COUNTRY_NAMES.has(s.text) ? s.type : (names.get(s.text) ?? s.type);
  const spans = [...found.map((s) => (isName(s.type) ? { ...s, type: ownType(s) } : s))];
  spans.push(...otherMentions(text, spans, names));
  spans.push(...shortForms(text, spans));
  // The patterns' dates and amounts are exact; a model span covering more of the same kind wins.
  const patterns = rules.filter((s) => !isName(s.type));
  return joinAliases(text, mergeSpans([...spans, ...patterns]));
}

/** Text long enough, over enough lines, to be an article rather than a sentence or a headline. */
const isArticle = (text: string) => text.length >= 300 && text.split('\n', 3).length >= 3;

/** Names of one kind the tagger alone found, weakly over all its mentions, left out (ModelOptions.weakMargins). */
export function withoutWeak(
  text: string,
  found: EntitySpan[],
  rules: readonly EntitySpan[],
  model: KoreanModel,
  em: Float32Array,
  kind: EntityType,
  min: number,
): EntitySpan[] {
  const ruled = rules.filter((r) => r.type === kind);
  const names = new Set(ruled.map((r) => r.text));
  const mine = found.filter((s) => s.type === kind);
  // A name the rules found anywhere, or at any of its mentions, stays; only the others are weighed.
  for (const s of mine) if (ruled.some((r) => r.start < s.end && s.start < r.end)) names.add(s.text);
  const weighed = mine.filter((s) => !names.has(s.text));
  if (!weighed.length) return found;
  // Each mention the tagger found is evidence of its own: their margins add up (a stage name
  // found weakly at nine mentions is a name; a word found weakly once is not).
  const evidence = new Map<string, number>();
  spanMargins(model, em, textLines(text), weighed).forEach((m, i) => evidence.set(weighed[i]!.text, (evidence.get(weighed[i]!.text) ?? 0) + m));
  return found.filter((s) => s.type !== kind || (evidence.get(s.text) ?? Infinity) >= min);
}

/** The rest of a Hangul name the tagger took for a particle: not an honorific (님, 씨, 군, 양, 옹) or 김모's 모, which KLUE and the tagger leave off. */
const NAME_REST = /^(?![님씨모군양옹])[\uac00-\ud7a3]+$/;

/** The rules' person in place of the tagger's where the two start together and the rules' runs on in the same word. */
function ruleNameEnd(span: EntitySpan, rules: readonly EntitySpan[]): EntitySpan {
  if (span.type !== 'person') return span;
  const whole = rules.find((r) => r.type === 'person' && r.start === span.start && r.end > span.end && NAME_REST.test(r.text.slice(span.end - span.start)));
  return whole ? { ...span, end: whole.end, text: whole.text } : span;
}

const NAME_TYPES: readonly EntityType[] = ['person', 'org', 'place'];
const isName = (t: EntityType) => NAME_TYPES.includes(t);

/** Spans no reader would call a name: lone punctuation, digits typed as names. */
function plausible(s: EntitySpan): boolean {
  if (!/[\p{L}\p{N}]/u.test(s.text)) return false;
  if (isName(s.type) && /^[\d\s.,]+$/.test(s.text)) return false;
  return true;
}

const OPEN = '(（[「『<《〈“‘"\'';
const CLOSE = ')）]」』>》〉”’"\'';

/** Whether a word says what a name is rather than being part of it (모회사, 창립자, 기자). */
const isDescriptor = (word: string) => ROLES_BEFORE.has(word) || TITLES_AFTER.has(word) || ORG_BEFORE.has(word) || COMMON_NOUNS.has(word);

/**
 * Margin's conventions on a span the model found, where they differ from KLUE's or where
 * the model runs on: no e-mail or handle fragments (ryu@…); edges without punctuation and
 * brackets closed (톈위신소재(天宇新材料 → 톈위신소재); enumerations split (A·B); words that
 * describe a name split it (딥시크 모회사 … 창립자 량원펑). A place before a name stays in it,
 * as KLUE has it (서울 강남경찰서): splitting it cost 4 points of cross-validated F1.
 */
function tidy(text: string, span: EntitySpan): EntitySpan[] {
  if (misparsedParticle(text, span)) return [];
  if (span.text.includes('@') || text[span.end] === '@' || text[span.start - 1] === '@' || /^[.\w-]*\.(?:com|net|kr|org)\b/i.test(text.slice(span.end)))
    return [];
  if (!isName(span.type)) return [span];
  // Pieces: cut at unbalanced brackets, middle dots and descriptor words.
  const pieces: { start: number; end: number }[] = [];
  let depth = 0;
  let from = span.start;
  const cut = (at: number, next: number) => {
    if (at > from) pieces.push({ start: from, end: at });
    from = next;
  };
  for (let i = span.start; i < span.end; i++) {
    const c = text[i]!;
    if (OPEN.includes(c) && !CLOSE.includes(c)) {
      const close = text.indexOf(CLOSE[OPEN.indexOf(c)]!, i);
      if (close < 0 || close >= span.end) {
        cut(i, span.end);
        break;
      }
      depth++;
    } else if (CLOSE.includes(c) && !OPEN.includes(c)) {
      if (depth === 0) cut(i, i + 1);
      else depth--;
    } else if ((c === '·' || c === '•' || c === ',') && depth === 0) cut(i, i + 1);
  }
  cut(span.end, span.end);
  const out: EntitySpan[] = [];
  for (const piece of pieces) {
    // Words of the piece; a descriptor between them splits the name.
    const words: { start: number; end: number }[] = [];
    const re = /\S+/g;
    const chunk = text.slice(piece.start, piece.end);
    for (let m = re.exec(chunk); m; m = re.exec(chunk)) words.push({ start: piece.start + m.index, end: piece.start + m.index + m[0].length });
    let group: { start: number; end: number }[] = [];
    const flush = () => {
      if (group.length) out.push(...edges(text, group[0]!.start, group[group.length - 1]!.end, span.type));
      group = [];
    };
    for (const w of words) {
      if (words.length > 1 && isDescriptor(text.slice(w.start, w.end))) flush();
      else group.push(w);
    }
    flush();
  }
  return out.filter(plausible);
}

/**
 * Korean particles agree with the sound before them: after a final consonant 이/은/을/과,
 * after a vowel 가/는/를/와. A name ending in a final consonant and "followed by 가" is no
 * name with a particle but a word going on: 코스프레인가 is 코스프레 + 인가 (is it …?).
 */
function misparsedParticle(text: string, span: EntitySpan): boolean {
  const last = text.charCodeAt(span.end - 1);
  if (!hasBatchim(last)) return false;
  const next = text[span.end];
  return next === '가' || next === '는' || next === '를' || next === '와';
}

/** A span with punctuation trimmed off its edges (none if nothing is left). */
function edges(text: string, start: number, end: number, type: EntityType): EntitySpan[] {
  const raw = text.slice(start, end);
  const lead = /^[\s·•,.:;!?\-–—~…'"“”‘’«»()（）[\]「」『』<>《》〈〉]*/.exec(raw)![0].length;
  const trail = /[\s·•,.:;!?\-–—~…'"“”‘’«»()（）[\]「」『』<>《》〈〉]*$/.exec(raw.slice(lead))![0].length;
  const s = start + lead;
  const e = end - trail;
  return e > s ? [{ start: s, end: e, text: text.slice(s, e), type }] : [];
}

/**
 * A place ending in 서 (에서 shortened) or a place or organisation ending in 엔 (에는 shortened),
 * where the word before it is a place alone and the word ends with it: that place. 서 only after
 * a place the tagger typed so: 강남서 is also the short name of a police station.
 */
export function withoutShortParticle(text: string, span: EntitySpan, model: KoreanModel): EntitySpan {
  const particle = span.text.at(-1);
  if (span.text.length < 3 || HANGUL.test(text[span.end] ?? '')) return span;
  if (!(particle === '서' && span.type === 'place') && !(particle === '엔' && (span.type === 'place' || span.type === 'org'))) return span;
  const stem = span.text.slice(0, -1);
  const last = stem.slice(stem.lastIndexOf(' ') + 1);
  if (last.length < 2 || !placeWord(last, model)) return span;
  return { ...span, end: span.end - 1, text: stem, type: 'place' };
}

/** Han abbreviations of countries written before a name (中 톈위, 日 정부). */
const HAN_COUNTRIES = new Set(['中', '日', '美', '韓', '北', '英', '佛', '獨', '露', '臺', '港']);
/** Administrative and geographic endings of a place word (해운대구, 장쑤성, 술라웨시섬). */
const PLACE_ENDING = /^[\uac00-\ud7a3]{1,6}(?:특별시|광역시|특별자치도|특별자치시|시|도|군|구|동|읍|면|리|성|주|섬|현)$/;

/** Whether a word alone is a place: in the place gazetteer, a place of KLUE's train set, or a place by its ending. */
function placeWord(word: string, model: KoreanModel): boolean {
  if (KO_PLACES.has(word) || HAN_COUNTRIES.has(word)) return true;
  const labels = model.lexicon.forms.get(word);
  if (labels) return lexLabel(labels[0]!) === PLACE_LABEL;
  return word.length >= 3 && PLACE_ENDING.test(word) && !COMMON_NOUNS.has(word);
}
const PLACE_LABEL = LEX_LABELS.indexOf('LC');

/**
 * Places at the front of a longer name split off, each its own place: 부산 해운대구 → 부산 +
 * 해운대구, and (modes 'countries' and 'all') 중국 딥시크 → 중국 + 딥시크. The rest keeps the span's type.
 */
export function splitPlaces(text: string, span: EntitySpan, model: KoreanModel, mode: 'place' | 'countries' | 'all'): EntitySpan[] {
  if (span.type !== 'place' && !(mode !== 'place' && span.type === 'org')) return [span];
  const split =
    span.type === 'org' && mode === 'countries' ? (w: string) => KO_COUNTRY_NAMES.has(w) || HAN_COUNTRIES.has(w) : (w: string) => placeWord(w, model);
  const words: { start: number; end: number }[] = [];
  const re = /\S+/g;
  for (let m = re.exec(span.text); m; m = re.exec(span.text)) words.push({ start: span.start + m.index, end: span.start + m.index + m[0].length });
  if (words.length < 2) return [span];
  const out: EntitySpan[] = [];
  let k = 0;
  while (k < words.length - 1 && split(text.slice(words[k]!.start, words[k]!.end))) {
    out.push({ start: words[k]!.start, end: words[k]!.end, text: text.slice(words[k]!.start, words[k]!.end), type: 'place' });
    k++;
  }
  if (!k) return [span];
  const start = words[k]!.start;
  out.push({ start, end: span.end, text: text.slice(start, span.end), type: span.type });
  return out;
}

/** Syllables that make a country a modifier: 판 (version), 산 (made in), 제 (made by), 식 (style), 형 (model), 계 (of … descent or capital), 풍 (in the manner of). */
const COUNTRY_MODIFIER = /^(.+)[판산제식형계풍]$/;

/** 중국판, 미국산, 한국형: a country made a modifier (ModelOptions.countryModifiers). */
export function countryModifier(span: EntitySpan): boolean {
  if (!isName(span.type)) return false;
  const country = COUNTRY_MODIFIER.exec(span.text)?.[1];
  return country !== undefined && (KO_COUNTRY_NAMES.has(country) || HAN_COUNTRIES.has(country));
}

/** Words that introduce a group of performers: 걸그룹 X, 아이돌 그룹 'X', 밴드 X. */
const GROUP_BEFORE = /(?:^|[\s'"‘“(])(?:걸그룹|보이그룹|아이돌\s?그룹|혼성\s?그룹|그룹|밴드|록밴드|듀오)\s?['‘"“]?$/;

/** Every mention of a name written after a group word (걸그룹 X) becomes an organisation. */
export function groupsAsOrgs(text: string, spans: readonly EntitySpan[]): EntitySpan[] {
  const groups = new Set<string>();
  for (const s of spans) {
    if (s.type !== 'person' && s.type !== 'org') continue;
    if (GROUP_BEFORE.test(text.slice(Math.max(0, s.start - 9), s.start)) && !/\s/.test(s.text)) groups.add(s.text);
  }
  if (!groups.size) return [...spans];
  return spans.map((s) => (s.type === 'person' && groups.has(s.text) ? { ...s, type: 'org' } : s));
}

/** Words that make the name beside them a club: before it (FC 누리) or after it (가람 유나이티드). */
const CLUB_BEFORE = new Set(['FC', 'AFC', 'SC', 'CF', 'AC']);
const CLUB_AFTER = new Set(['FC', '유나이티드', '시티', '원더러스', '로버스', '애슬레틱']);
/** A school by what it has: 청솔고 학생들, 새솔여고 교사, 청솔고를 졸업. */
const SCHOOL =
  /(^|[^\uac00-\ud7a3])([\uac00-\ud7a3]{2,5}(?:여고|고))(?:의|를|을|에서|에|은|는|이|가)?\s(?:학생|학생들|재학생|졸업생|교사|교사들|교장|교감|졸업|재학|입학|진학|동문|동창|야구부|축구부|농구부|배구부|출신|교정)/g;
const WORD_BEFORE = /(?:^|\s)([\uac00-\ud7a3A-Za-z]+)\s$/;
const WORD_AFTER = /^\s([\uac00-\ud7a3A-Za-z]+)/;
const KIND_OF_COMPANY_EXCLUDED = new Set(['그룹', '팀', '구단', '은행', '펀드', '정당']);

/** Organisations by their shape and the word before them (ModelOptions.orgShapes). */
export function orgShapes(text: string, spans: readonly EntitySpan[]): EntitySpan[] {
  const out: EntitySpan[] = [];
  const taken = (start: number, end: number) => spans.some((s) => s.start < end && start < s.end);
  for (const s of spans) {
    if (s.type === 'org' && CLUB_BEFORE.has(s.text)) {
      const m = WORD_AFTER.exec(text.slice(s.end, s.end + 12));
      const name = m && particleStem(m[1]!);
      if (name && name.length >= 2 && !taken(s.end + 1, s.end + 1 + name.length)) {
        out.push({ ...s, end: s.end + 1 + name.length, text: text.slice(s.start, s.end + 1 + name.length) });
        continue;
      }
    }
    if (s.type === 'org' && CLUB_AFTER.has(s.text)) {
      const m = WORD_BEFORE.exec(text.slice(Math.max(0, s.start - 12), s.start));
      if (m && m[1]!.length >= 2 && !taken(s.start - 1 - m[1]!.length, s.start - 1) && !COMMON_NOUNS.has(m[1]!)) {
        const start = s.start - 1 - m[1]!.length;
        out.push({ ...s, start, text: text.slice(start, s.end) });
        continue;
      }
    }
    if (s.type === 'person') {
      const m = WORD_BEFORE.exec(text.slice(Math.max(0, s.start - 12), s.start));
      if (m && ORG_BEFORE.has(m[1]!) && !KIND_OF_COMPANY_EXCLUDED.has(m[1]!)) {
        out.push({ ...s, type: 'org' });
        continue;
      }
    }
    out.push(s);
  }
  SCHOOL.lastIndex = 0;
  for (let m = SCHOOL.exec(text); m; m = SCHOOL.exec(text)) {
    const start = m.index + m[1]!.length;
    const end = start + m[2]!.length;
    if (!COMMON_NOUNS.has(m[2]!) && !out.some((s) => s.start < end && start < s.end)) out.push({ start, end, text: m[2]!, type: 'org' });
  }
  return out.sort((a, b) => a.start - b.start);
}

/** A word without the particle after it (누리는 → 누리). */
function particleStem(word: string): string {
  for (let k = 1; k < word.length; k++) if (particlesOnly(word.slice(k))) return word.slice(0, k);
  return word;
}

const SUBJECT_AFTER = /^(?:은|는|이|가)[\s,]/;

/** A country named as the subject of a team's result or an act of state: 브라질은 … 꺾었다, 미국이 … 발표했다. */
export function actingCountry(text: string, span: EntitySpan): boolean {
  if (span.type !== 'place' || !KO_COUNTRY_NAMES.has(span.text)) return false;
  const particle = SUBJECT_AFTER.exec(text.slice(span.end, span.end + 2));
  return !!particle && clauseAct(text, span.end + 1) > 0;
}

/** What makes one syllable a person: 씨, 모씨, 모, 군, 양, 옹 or a title after it (박 씨, 김 대표). */
const SYLLABLE_NAME_AFTER = /^\s?(?:씨|모씨|모\b|모\(|군|양|옹|[\uac00-\ud7a3]{1,5})/;
export function loneSyllable(text: string, span: EntitySpan): boolean {
  if (span.type !== 'person' || span.text.length !== 1 || !HANGUL.test(span.text)) return false;
  const after = text.slice(span.end, span.end + 8);
  const m = SYLLABLE_NAME_AFTER.exec(after);
  if (!m) return true;
  const word = m[0].trim();
  if (/^(?:씨|모씨|모|군|양|옹)/.test(word)) return false;
  if (titleOf(word) || titleOf(word.replace(/^모/, ''))) return false;
  // 박 전 차관, 김 현 대표: a title after a modifier.
  const modified = /^\s?(?:전|현|前)\s([\uac00-\ud7a3]{1,5})/.exec(after);
  return !(modified && titleOf(modified[1]!));
}

/**
 * A person span that is no one's name: a common word of the lexicon, alone or before a
 * particle or copula (이상인, 원정을); Han characters longer than a Chinese name (a phrase);
 * words ending in a case particle that ends no name (으로, 에서, 에게, 을, 를; 로 ends 코스톨로).
 */
export function commonWord(span: EntitySpan): boolean {
  if (span.type !== 'person') return false;
  if (/^[\u3400-\u4dbf\u4e00-\u9fff]{5,}$/.test(span.text)) return true;
  if (/\s[\uac00-\ud7a3]{2,}(?:으로|에서|에게|을|를)$/.test(span.text)) return true;
  if (span.text.length < 2 || !/^[\uac00-\ud7a3]+$/.test(span.text)) return false;
  if (commonNoun(span.text)) return true;
  for (let k = span.text.length - 1; k >= 2; k--) if (commonNoun(span.text.slice(0, k)) && particlesOnly(span.text.slice(k))) return true;
  return false;
}

/**
 * Syllables that make a new noun of the noun before them and end no one's name after a common
 * word: 예산안 (a budget bill), 지원액, 투표율, 생산량, 정부측. After any other word they may
 * end a given name (김지안), so only a word of the lexicon before them counts.
 */
const NOUN_SUFFIX = /^(.{2,})[안액율률량측]$/;

/** A common word of the lexicon, or one with a noun-making syllable after it (예산 → 예산안). */
function commonNoun(word: string): boolean {
  if (COMMON_NOUNS.has(word)) return true;
  const stem = NOUN_SUFFIX.exec(word)?.[1];
  return stem !== undefined && COMMON_NOUNS.has(stem);
}

/**
 * Mentions the tagger missed of names it found elsewhere. A Hangul mention must start a
 * word and be followed by nothing or by particles; a Latin one must stand alone. One
 * syllable is too little evidence to spread.
 */
function otherMentions(text: string, spans: readonly EntitySpan[], names: Map<string, EntityType>): EntitySpan[] {
  const taken = new Uint8Array(text.length + 1);
  for (const s of spans) taken.fill(1, s.start, s.end);
  const out: EntitySpan[] = [];
  for (const [name, type] of names) {
    if (name.length < 2) continue;
    for (let at = text.indexOf(name); at >= 0; at = text.indexOf(name, at + 1)) {
      const end = at + name.length;
      if (taken.subarray(at, end).some((x) => x)) continue;
      const before = text[at - 1] ?? ' ';
      if (HANGUL.test(name[0]!)) {
        if (HANGUL.test(before)) continue;
        const rest = /^[\uac00-\ud7a3]*/.exec(text.slice(end, end + 8))![0];
        if (!particlesOnly(rest)) continue;
      } else if (/[\p{L}\p{N}]/u.test(before) || /[\p{L}\p{N}]/u.test(text[end] ?? ' ')) continue;
      taken.fill(1, at, end);
      out.push({ start: at, end, text: name, type });
    }
  }
  return out;
}

/**
 * 이 대표, 이대표 → the person the article introduced as 이재용 대표: a surname followed by
 * a title names the one person of that surname who carries that title in the article.
 */
function shortForms(text: string, spans: readonly EntitySpan[]): EntitySpan[] {
  const byTitle = new Map<string, Set<string>>();
  for (const s of spans) {
    if (s.type !== 'person' || s.text.length < 3 || s.text.length > 4 || !HANGUL.test(s.text)) continue;
    const title = /^\s?([\uac00-\ud7a3]{1,5})/.exec(text.slice(s.end, s.end + 7))?.[1];
    const t = title && titleOf(title);
    if (!t) continue;
    const key = `${s.text[0]}\u0000${t}`;
    const set = byTitle.get(key) ?? new Set<string>();
    set.add(s.text);
    byTitle.set(key, set);
  }
  if (!byTitle.size) return [];
  const taken = new Uint8Array(text.length + 1);
  for (const s of spans) taken.fill(1, s.start, s.end);
  const out: EntitySpan[] = [];
  const re = /(^|[^\uac00-\ud7a3])([\uac00-\ud7a3])\s?([\uac00-\ud7a3]{1,6})/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const at = m.index + m[1]!.length;
    const surname = m[2]!;
    const t = SURNAMES.has(surname) ? titleOf(m[3]!) : null;
    re.lastIndex = at + 1;
    if (!t || taken[at]) continue;
    const full = byTitle.get(`${surname}\u0000${t}`);
    if (!full || full.size !== 1) continue;
    out.push({ start: at, end: at + 1, text: surname, type: 'person', canonical: [...full][0]! });
  }
  return out;
}

/** The title a word starts with (대표는 → 대표), if it is one and the rest is particles. */
function titleOf(word: string): string | null {
  for (let len = Math.min(word.length, 5); len >= 2; len--) {
    const head = word.slice(0, len);
    if (TITLES_AFTER.has(head) && particlesOnly(word.slice(len))) return head;
  }
  return null;
}
