import type { EnglishLexicon } from '../english';
import { majorityTypes } from './majority';
import { EN_COUNTRY_NAMES, EN_PLACES } from '../gazetteer';
import { mergeSpans } from '../merge';
import type { EntitySpan, EntityType } from '../types';
import { englishFeatures, englishTokens, type WordToken } from './english-features';
import { MODEL_TYPES } from './features';
import { emissions, viterbi, type TaggerModel } from './tagger';
import { isWordChar } from '../../text/scripts';

/**
 * English entities by the learned model, made consistent across the article:
 *   1. the tagger reads each line's words with the rule-based spans as evidence; the rules'
 *      names stand where they overlap its spans (DEFAULT_ENGLISH_OPTIONS);
 *   2. what no reader calls a name goes: a pronoun alone ("He" is never a person; "He" in
 *      Liu He is part of one), a nationality or group adjective alone (American, Swedish,
 *      African-American: unmarked, see README "English");
 *   3. each name takes the type most of its mentions got;
 *   4. a name found anywhere is marked at each of its other mentions;
 *   5. a surname or first name alone joins the one person the article names with it
 *      (Taylor → Taylor Swift, `canonical`), and an organisation's first word its full name.
 * Date, money and percent spans come from the patterns, as in Korean.
 */

const NAME_TYPES: readonly EntityType[] = ['person', 'org', 'place'];
const isName = (t: EntityType) => NAME_TYPES.includes(t);

/** Words that are never a name by themselves, whatever their case. */
const NEVER_ALONE = new Set(
  `i he she it we they you me him her us them his hers its our their my your this that these those the a an who what when where why how
mr mrs ms dr sir madam yes no ok okay oh well so but and or if then there here today tomorrow yesterday`.split(/\s+/),
);
/** Nationality and group adjectives and nouns: not places, not names (Americans, Swedish, Korean, African-American). */
export function isDemonym(word: string, lexicon: EnglishLexicon | null): boolean {
  if (EN_PLACES.has(word)) return false;
  if (word.includes('-')) return word.split('-').every((part) => isDemonym(part, lexicon) || /^(?:Anglo|Afro|Franco|Sino|Indo|Euro|Latino|Asian)$/.test(part));
  const plural = /\p{Ll}s$/u.test(word);
  const w = plural ? word.slice(0, -1) : word;
  if (EN_PLACES.has(w)) return false;
  const tags = lexTags(lexicon, w);
  if (tags.includes('Demonym')) return true;
  if (tags.some((t) => /Name|Person|Place|Country|City|Region|Organization/.test(t))) return false;
  // Words the lexicon does not know, by their endings: Swedish, Ecuadorean, Congolese, Nigerian;
  // plurals of the shorter endings too (Afghans, Iraqis), never a single -an or -i (a surname).
  return /^\p{Lu}\p{Ll}+(?:ish|ese|ean|ian)$/u.test(w) || (plural && /^\p{Lu}\p{Ll}+(?:an|i)$/u.test(w));
}

function lexTags(lexicon: EnglishLexicon | null, word: string): readonly string[] {
  const lower = word.toLowerCase();
  // Own entries only: "Constructor" must not find Object's method.
  if (!lexicon || !Object.hasOwn(lexicon, lower)) return [];
  const v = lexicon[lower];
  return typeof v === 'string' ? [v] : Array.isArray(v) ? v : [];
}

/** Token index ranges [from, to) of the text's lines: the model never links two lines. */
function lineRanges(text: string, tokens: readonly WordToken[]): [number, number][] {
  const out: [number, number][] = [];
  let from = 0;
  for (let i = 1; i <= tokens.length; i++) {
    if (i === tokens.length || text.slice(tokens[i - 1]!.end, tokens[i]!.start).includes('\n')) {
      out.push([from, i]);
      from = i;
    }
  }
  return out;
}

/** The model's spans alone (before the article-level steps): for training studies and tests. */
export function tagEnglish(text: string, model: TaggerModel, lexicon: EnglishLexicon | null, rules: readonly EntitySpan[]): EntitySpan[] {
  const tokens = englishTokens(text);
  const n = tokens.length;
  if (!n) return [];
  const em = emissions(model, englishFeatures(text, tokens, lexicon, rules), n);
  const tags = new Uint8Array(n);
  for (const [from, to] of lineRanges(text, tokens)) viterbi(em, from, to, model.trans, model.start, tags);
  const out: EntitySpan[] = [];
  let open = -1;
  let kind = -1;
  const close = (last: number) => {
    if (open < 0) return;
    const start = tokens[open]!.start;
    const end = tokens[last]!.end;
    out.push({ start, end, text: text.slice(start, end), type: MODEL_TYPES[kind]! });
    open = -1;
  };
  for (let i = 0; i < n; i++) {
    const t = tags[i]!;
    if (t === 0) close(i - 1);
    else {
      const k = (t - 1) >> 1;
      if (t % 2 === 1 || open < 0 || k !== kind) {
        close(i - 1);
        open = i;
        kind = k;
      }
    }
  }
  close(n - 1);
  return out;
}

// Titles before a person's name stay outside it (Home Secretary Jane Roe → Jane Roe), as in the labels.
const TITLE_WORDS =
  /^(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Professor|President|Vice|Premier|Prime|Minister|Secretary|Home|Foreign|Senator|Sen|Rep|Representative|Governor|Gov|Mayor|Judge|Justice|Chancellor|General|Gen|Colonel|Col|Captain|Capt|Lieutenant|Lt|Sergeant|Sgt|Rev|Reverend|Ambassador|Commissioner|Chairman|Chairwoman|Director|Coach|Officer|Detective|Inspector|Chief|Deputy|Shadow|Spokesperson|Spokesman|Spokeswoman|CEO)\.?$/;

/** Punctuation at a span's edges goes ("Obama," → Obama; a name's own inner dots stay), and a person's titles. */
function trimmed(text: string, s: EntitySpan): EntitySpan | null {
  let start = s.start;
  let end = s.end;
  if (s.type === 'person') {
    for (let m = /^(\S+)\s+(?=\S)/.exec(text.slice(start, end)); m && TITLE_WORDS.test(m[1]!); m = /^(\S+)\s+(?=\S)/.exec(text.slice(start, end)))
      start += m[0].length;
  }
  while (start < end && /[\s"'“”‘’(),:;!?-]/.test(text[start]!)) start++;
  while (end > start && /[\s"'“”‘’(),:;!?-]/.test(text[end - 1]!)) end--;
  if (end <= start || !/\p{L}/u.test(text.slice(start, end))) return null;
  return { ...s, start, end, text: text.slice(start, end) };
}

const RESULT_AFTER =
  /^(?:'s?\s+(?:win|defeat|victory|loss|draw|goal|goals|squad|team|coach|manager|captain|striker|keeper|goalkeeper|defence|defense|attack)\b|\s+(?:(?:have|has|had|will|would|could|then|also|finally)\s+)?(?:beat|beats|beaten|defeated|defeats|drew|draws|won|wins|lost|loses|scored|scores|thrashed|edged|eliminated|knocked|advanced|qualified|topped|trailed|equalised|equalized|conceded|concedes)\b)/;
const RESULT_BEFORE =
  /\b(?:beat|beats|beaten|defeated|defeating|against|drew with|draw with|lost to|losing to|versus|vs\.?|thrashed|edged|eliminated|knocked out)\s+$/;

/** A country as a team in a match (actingCountries): before a result (Belgium beat …) or after one (… lost to England). */
function fieldsATeam(text: string, s: EntitySpan): boolean {
  if (s.type !== 'place' || !EN_COUNTRY_NAMES.has(s.text)) return false;
  return RESULT_AFTER.test(text.slice(s.end, s.end + 40)) || RESULT_BEFORE.test(text.slice(Math.max(0, s.start - 20), s.start));
}

export interface EnglishModelOptions {
  /** The rules' names win where they overlap the model's; the model adds the names the rules missed. */
  rulesFirst?: boolean;
  /**
   * With rulesFirst: an organisation of the model's that holds a place of the rules' whole and
   * goes on past it (Atlantic Lottery Corporation, United States Navy) stands instead of that place.
   */
  placeInOrg?: boolean;
  /**
   * A country winning, losing or facing another in a match (Belgium beat Panama 3-0, lost to
   * England) is its team, an organisation: that mention only.
   */
  actingCountries?: boolean;
}

/**
 * How model and rules meet, chosen on the dev documents of GUM's fit split and the dev
 * labelled pages (tests/fixtures/entities/en-*) together (README, "English"): the rules'
 * names, the model's where the rules found nothing. The model alone scored higher on GUM
 * (68.9 against 65.7 typed F1) but lower on news pages (0.875 against 0.962): GUM's labels
 * follow other conventions (a country fielding a team is an organisation), and Margin reads
 * news.
 */
export const DEFAULT_ENGLISH_OPTIONS: EnglishModelOptions = { rulesFirst: true, placeInOrg: true, actingCountries: true };

export function recognizeEnglishWithModel(
  text: string,
  model: TaggerModel,
  lexicon: EnglishLexicon | null,
  rules: readonly EntitySpan[],
  options: EnglishModelOptions = DEFAULT_ENGLISH_OPTIONS,
): EntitySpan[] {
  let found = tagEnglish(text, model, lexicon, rules)
    .filter((s) => isName(s.type))
    .map((s) => trimmed(text, s))
    .filter((s): s is EntitySpan => !!s);
  // The rules' canonical names where the model agrees on the span (Westbrook → Westbrook University).
  const ruleAt = new Map(rules.map((r) => [`${r.start}:${r.end}`, r]));
  found = found.map((s) => {
    const r = ruleAt.get(`${s.start}:${s.end}`);
    return r?.canonical ? { ...s, canonical: r.canonical } : s;
  });
  if (options.rulesFirst) {
    const holds = (s: EntitySpan, r: EntitySpan) =>
      options.placeInOrg && s.type === 'org' && r.type === 'place' && s.start <= r.start && r.end <= s.end && s.end - s.start > r.end - r.start;
    const longer = found.filter((s) => rules.some((r) => holds(s, r)));
    const ruled = rules.filter((r) => isName(r.type) && !longer.some((s) => holds(s, r)));
    found = [...ruled, ...found.filter((s) => !ruled.some((r) => r.start < s.end && s.start < r.end))];
  }
  found = found.filter((s) => plausible(s, lexicon));
  found = found.flatMap((s) => notAPerson(text, s, found, lexicon));
  const types = majorityTypes(found);
  let spans = found.map((s) => ({ ...s, type: types.get(s.text) ?? s.type }));
  spans = [...spans, ...otherMentions(text, spans, types)];
  spans = joinShortForms(text, spans, lexicon);
  if (options.actingCountries) spans = spans.map((s) => (fieldsATeam(text, s) ? { ...s, type: 'org' } : s));
  const patterns = rules.filter((s) => !isName(s.type));
  return mergeSpans([...spans, ...patterns]);
}

/** Whether a span may be a name at all. */
/** Forms of address, which name no one (Your Honor, Majesty, My Lord); and a name never starts with a lower-case joining word (of State). */
const NO_NAME =
  /^(?:(?:(?:Your|His|Her|My)\s+)?(?:Honou?r|Majesty|Excellency|Highness|Lordship|Ladyship)$|(?:Your|His|Her|My)\s+(?:Grace|Lord|Lady)$|(?:of|and|the|for|in|on|at|to)\s)/;

function plausible(s: EntitySpan, lexicon: EnglishLexicon | null): boolean {
  if (!s.text.includes(' ') && NEVER_ALONE.has(s.text.toLowerCase())) return false;
  if (NO_NAME.test(s.text)) return false;
  if (!/\p{Lu}|\d/u.test(s.text)) return false;
  if (!s.text.includes(' ') && isDemonym(s.text, lexicon)) return false;
  return true;
}

/** The other mentions of names found somewhere: the same letters, standing alone as words. */
function otherMentions(text: string, spans: readonly EntitySpan[], names: Map<string, EntityType>): EntitySpan[] {
  const taken = new Uint8Array(text.length + 1);
  for (const s of spans) taken.fill(1, s.start, s.end);
  const out: EntitySpan[] = [];
  for (const [name, type] of [...names].sort((a, b) => b[0].length - a[0].length)) {
    if (name.length < 2) continue;
    for (let at = text.indexOf(name); at >= 0; at = text.indexOf(name, at + 1)) {
      const end = at + name.length;
      if (isWordChar(text.charCodeAt(at - 1)) || isWordChar(text.charCodeAt(end))) continue;
      if (taken.subarray(at, end).some((x) => x)) continue;
      taken.fill(1, at, end);
      out.push({ start: at, end, text: name, type });
    }
  }
  return out;
}

/**
 * A word alone that is the surname or first name of exactly one person named in full in the
 * article is that person (Taylor → Taylor Swift); the first word of exactly one organisation
 * its short form. Marked where the model left it unmarked too, when it is capitalised and
 * no common word: "He" is never a short form of Liu He.
 */
function joinShortForms(text: string, spans: EntitySpan[], lexicon: EnglishLexicon | null): EntitySpan[] {
  const people = new Map<string, Set<string>>();
  const orgs = new Map<string, Set<string>>();
  for (const s of spans) {
    const words = s.text.split(' ');
    if (words.length < 2) continue;
    if (s.type === 'person' && words.length <= 4) {
      for (const w of [words[0]!, words[words.length - 1]!]) if (/^\p{Lu}\p{Ll}/u.test(w)) people.set(w, (people.get(w) ?? new Set()).add(s.text));
    } else if (s.type === 'org' && /^\p{Lu}\p{Ll}{2,}$/u.test(words[0]!)) orgs.set(words[0]!, (orgs.get(words[0]!) ?? new Set()).add(s.text));
  }
  const fullNames = new Set(spans.filter((s) => s.text.includes(' ')).map((s) => s.text));
  const lone = (w: string) => !NEVER_ALONE.has(w.toLowerCase()) && !isDemonym(w, lexicon) && !EN_PLACES.has(w);
  const out = spans.map((s) => {
    if (s.text.includes(' ') || !lone(s.text) || s.canonical) return s;
    const person = people.get(s.text);
    if (person?.size === 1 && !fullNames.has(s.text)) return { ...s, type: 'person' as const, canonical: [...person][0]! };
    const org = orgs.get(s.text);
    if (s.type === 'org' && org?.size === 1 && !person) return { ...s, canonical: [...org][0]! };
    return s;
  });
  // Unmarked mentions of a person's single name.
  const taken = new Uint8Array(text.length + 1);
  for (const s of out) taken.fill(1, s.start, s.end);
  for (const [word, full] of people) {
    if (full.size !== 1 || !lone(word) || word.length < 3) continue;
    const [name] = full;
    for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1)) {
      const end = at + word.length;
      if (isWordChar(text.charCodeAt(at - 1)) || isWordChar(text.charCodeAt(end)) || taken[at]) continue;
      // Followed by another capitalised word, it is someone else's first name (Taylor Lautner).
      if (/^\s+\p{Lu}\p{Ll}/u.test(text.slice(end, end + 3))) continue;
      taken.fill(1, at, end);
      out.push({ start: at, end, text: word, type: 'person', canonical: name! });
    }
  }
  return out;
}

// The last word of a place or an organisation, never of a person's name (Cabinet Room, Mayo Clinic).
const PLACE_LAST =
  /^(?:Room|Hall|House|Building|Tower|Airport|Station|Park|Stadium|Arena|Center|Centre|Square|Street|Avenue|Road|Bridge|Palace|Garden|Gardens|Library|Museum|Theater|Theatre|Church|Cathedral|Chapel|Mall|Plaza|Hotel|Lodge|Campus|Field|Island|County|Valley|Beach)$/;
const ORG_LAST =
  /^(?:Clinic|Hospital|Records|Studios?|Entertainment|Music|Media|Group|Inc|Corp|Company|Bank|Capital|Partners|Labs?|Foundation|Institute|University|College|School|Academy|Agency|Council|Commission|Committee|Association|Society|Party|Union|League|Network|Airlines?|Motors|Energy|Pharmaceuticals|Technologies|Systems|Services|Holdings|Ventures|Brands)$/;
// "Con Edison, the utility, …": an apposition that says what kind of organisation a name is.
const ORG_APPOSITION =
  /^\s*,\s+(?:the|a|an)\s+(?:[\w-]+\s+)?(?:utility|company|firm|bank|lender|insurer|hospital|clinic|label|chain|retailer|airline|carrier|network|broadcaster|group|agency|startup|start-up|maker|manufacturer|brand|charity|nonprofit|publisher|studio|university|school|team|club|party)\b/;
// "Con Edison, which …", "Con Edison officials said": a person is "who", and has no officials.
const ORG_FOLLOWER =
  /^(?:\s*,\s*which\b|\s+(?:officials?|workers?|employees?|executives?|crews?|customers?|subscribers?|engineers?|spokes(?:man|woman|person)|shares|stock)\b)/;
const PERSON_CUE_AFTER = /^\s*,?\s*(?:said|says|told|added|wrote|asked|who|whose|\(\d|,\s*\d{1,3},)/;
const PERSON_CUE_BEFORE = /\b(?:Mr|Mrs|Ms|Miss|Dr|Sir|Dame|Professor|Prof|President|Senator|Sen|Judge|Governor|Mayor|Minister|Secretary|said|says|told)\.?\s+$/;

/**
 * People the tagger (or the rules) made of what is no person: a plural acronym (AMAs), a name
 * that ends in the word of a place or an organisation (Cabinet Room, Mayo Clinic), a name that
 * the article only ever puts after "the", "at" or "in" (the Mayo Clinic, at Walter Reed), a
 * name whose first word is a plain adjective with no person cue anywhere (Big Machine). They
 * become the place or organisation their words say, or nothing.
 */
function notAPerson(text: string, s: EntitySpan, all: readonly EntitySpan[], lexicon: EnglishLexicon | null): EntitySpan[] {
  if (s.type !== 'person') return [s];
  const words = s.text.split(/\s+/);
  if (words.length === 1 && /^\p{Lu}{2,}s$/u.test(s.text)) return [];
  const last = words[words.length - 1]!;
  if (words.length >= 2 && PLACE_LAST.test(last)) return [{ ...s, type: 'place' }];
  if (words.length >= 2 && ORG_LAST.test(last)) return [{ ...s, type: 'org' }];
  const mentions = all.filter((m) => m.text === s.text);
  const cued = mentions.some(
    (m) => PERSON_CUE_AFTER.test(text.slice(m.end, m.end + 12)) || PERSON_CUE_BEFORE.test(text.slice(Math.max(0, m.start - 14), m.start)),
  );
  if (cued) return [s];
  if (mentions.some((m) => ORG_APPOSITION.test(text.slice(m.end, m.end + 40)) || ORG_FOLLOWER.test(text.slice(m.end, m.end + 20))))
    return [{ ...s, type: 'org' }];
  const before = (m: EntitySpan) => /(?:^|\s)(the|at|to|inside|outside|near)\s+$/.exec(text.slice(Math.max(0, m.start - 9), m.start))?.[1];
  const lead = mentions.map(before);
  if (lead.every((w) => w === 'the')) return [{ ...s, type: 'org' }];
  if (lead.every((w) => w !== undefined) && lead.some((w) => w !== 'the' && w !== 'to')) return [{ ...s, type: 'place' }];
  const firstTags = lexTags(lexicon, words[0]!);
  if (words.length >= 2 && firstTags.length && firstTags.every((t) => /^(?:Adjective|Comparative|Superlative)$/.test(t))) return [{ ...s, type: 'org' }];
  return [s];
}
