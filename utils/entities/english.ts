import { EN_PLACES, EN_PLACES_BY_FIRST } from './gazetteer';
import { LATIN_STOPWORDS } from './lexicon-latin';
import type { EntitySpan, EntityType } from './types';
import { isWordChar } from '../text/scripts';

/**
 * Named entities in English text. Capitalised sequences are found by a fast scan and
 * typed with the linguistic knowledge of compromise (its lexicon of first names, last
 * names, places and organisations, loaded only for text that needs it — see
 * english-model.ts) together with the cues news writing gives: titles (Mr, President,
 * Prime Minister), organisation words (Inc, University, Ministry of …), acronyms, "said"
 * attributions, and a place gazetteer. Spans are the name alone: "BBC's" → BBC,
 * "Sunday." → Sunday, "Mr Obama" → Obama.
 *
 * compromise's own tagger is not run over the article: it costs ~5 ms per kilobyte of
 * text, some forty times Readability's whole extraction; its lexicon gives the same
 * knowledge at the cost of a lookup.
 */

/** compromise's lexicon: lower-case word → tag(s). */
export type EnglishLexicon = Record<string, string | string[]>;

const TITLES = new Set(
  `Mr Mrs Ms Miss Mx Dr Prof Professor Sir Dame Lord Lady President Vice-President Premier Chancellor Minister Secretary Senator Sen
Rep Representative Gov Governor Mayor King Queen Prince Princess Pope Bishop Archbishop Rev Reverend Father Rabbi Imam Sheikh Judge Justice
General Gen Col Colonel Capt Captain Lt Lieutenant Sgt Sergeant Officer Detective Inspector Constable Chief Coach Director Chairman Chairwoman
Chair CEO Commissioner Ambassador Councillor Councilman Councilwoman Speaker Leader Deputy Dean Saint St Whale Sheriff Admiral Marshal
Superintendent Commander Agent Attorney Lawyer Dr. Mr. Mrs. Ms. Prof. Gen. Sen. Rep. Gov. Lt. Col. Capt. Sgt. Rev. Judge`.split(/\s+/),
);
const MULTI_TITLES =
  /\b(?:Prime Minister|Foreign Minister|Defence Minister|Defense Secretary|Secretary of State|Chief Executive|Chief Justice|Attorney General|Press Secretary|Vice President|First Minister|Supreme Leader|Crown Prince)\s+$/;
const ROLE_BEFORE =
  /\b(?:prophet|daughter|son|wife|husband|father|mother|brother|sister|uncle|aunt|grandson|granddaughter|cousin|partner|friend|chief executive|executive|spokesman|spokeswoman|spokesperson|analyst|economist|professor|director|founder|co-founder|chairman|president|minister|secretary|senator|manager|coach|officer|lawyer|attorney|author|writer|researcher|scientist|activist|leader|chief|ambassador|governor|mayor|official|elder|candidate|adviser|advisor|editor|correspondent|reporter|CEO|head)\s+$/i;

const ORG_HEADS =
  /^(?:Inc|Inc\.|Corp|Corp\.|Corporation|Co|Co\.|Company|Ltd|Ltd\.|LLC|PLC|AG|SA|GmbH|Group|Holdings|Bank|Capital|Partners|Fund|Securities|Investments?|Technologies|Technology|Systems|Labs|Motors|Electronics|Energy|Pharmaceuticals|Airlines?|Airways|University|College|Institute|Foundation|Association|Agency|Council|Committee|Commission|Ministry|Department|Bureau|Office|Authority|Court|Police|Service|Services|Party|Parliament|Congress|Senate|Assembly|Army|Navy|Force|Forces|Guard|Union|Federation|League|Organization|Organisation|Alliance|Coalition|Society|Trust|Network|Media|Studios?|Entertainment|Club|FC|United|Times|Post|News|Journal|Herald|Tribune|Gazette|Courier|Review|Press|Broadcasting|Channel|Radio|Television|Brands|Industries|Enterprises|Solutions|Communications|Telecom|Semiconductor|Chemicals|Insurance|Exchange|Reserve|Chamber|Watch|Project|Campaign|Movement|Front|State|Research|Finance|Analytics|Consulting|Advisors|Advisers|Ventures|Brewing|Foods|Stores|Markets|Police|Commission)$/;
const ORG_OF =
  /^(?:Department|Ministry|Bank|University|Institute|Bureau|Office|Council|Commission|Committee|Chamber|Church|Board|Court|League|Federation|Union|Society|Academy|School|College|Museum|House)$/;
const PLACE_HEADS =
  /^(?:Street|St|Avenue|Ave|Road|Rd|Boulevard|Square|Park|Bridge|Airport|Station|Harbour|Harbor|Port|Beach|Island|Islands|Mountains?|Mount|Mt|River|Lake|Bay|Valley|County|Province|Region|District|City|Town|Village|Peninsula|Coast|Sea|Ocean|Desert|Forest|Hills|Heights|Falls|Canyon|Plaza|Stadium|Arena|Centre|Center|Museum|Palace|Castle|Cathedral|Temple|Mosque|Hall|Tower|Embassy|Camp|Base|Strait|Gulf|Canal|Locks|Passage|Terminal|Pier|Wharf|Marina|Quay|Square|Pavilion|Amphitheatre|Amphitheater|Theatre|Theater|Auditorium|Coliseum|Ballpark|Dome)$/;
const CONNECTORS = new Set(['of', 'the', 'de', 'del', 'la', 'le', 'van', 'von', 'der', 'den', 'da', 'di', 'du', 'al', 'bin', 'ibn', 'y', '&', 'and']);
const ORG_BEFORE_EN =
  /\b(?:party|group|company|firm|movement|militia|organization|organisation|startup|start-up|agency|brand|network|newspaper|broadcaster|carrier|airline|automaker|carmaker|retailer|insurer|lender|bank|website|app|service|union|charity|club|team)\s+(?:the\s+)?$/i;
// Sentence-initial words with these endings are common words (Investment, Ordinary, Officials).
const COMMON_SHAPE = /(?:ment|ments|tion|tions|sion|ness|ity|ities|ing|ed|ly|ous|ive|able|ible|ful|less|ary|ers|ists|ians|ings)$/;
// "of" joins a name only after words that take it: Department of Conservation, Gulf of Mexico.
const OF_HEADS =
  /^(?:Department|Ministry|Bank|University|Institute|Bureau|Office|Council|Commission|Committee|Chamber|Church|Board|Court|League|Federation|Union|Society|Academy|School|College|Museum|House|Republic|Kingdom|Gulf|Bay|Isle|Sea|Strait|Cape|Port|Lake|Mount|City|State|States|Province|District|Duke|Duchess|Prince|Princess|Secretary|Minister|Archbishop|Bishop|Order|Association|Organization|Organisation|Army|Sisters|Brothers|Friends|Party|Institution)$/;
const SAID = /^\s*,?\s*(?:said|says|told|added|wrote|asked|explained|noted|argued|warned|insisted|stated|replied|recalled)\b/;
const SAID_BEFORE = /\b(?:said|says|according to)\s+$/;
const DEMONYM_OR_COMMON = new Set(
  `I The A An In On At Of For And But Or If As By To Is It He She We They You This That These Those His Her Its Their Our My Your There Here
What When Where Why How Who Which While After Before Since During Under Over From With Without About Into Through Monday Tuesday Wednesday
Thursday Friday Saturday Sunday January February March April May June July August September October November December Today Yesterday Tomorrow
Mr Mrs Ms Dr Prof Sir Yes No Not Now Then Also Some Many Most More Much All Each Every Both Either Neither One Two Three First Second Last
Next New Old Other Such Only Even Still Just Already Once Twice However Meanwhile Instead Although Though Because So Yet Nor Despite
Photograph Photo Image Video Related Read Share Advertisement Caption Editor Update Updated Published Opinion Analysis Click Subscribe`.split(/\s+/),
);
// Adjectives of nationality and other capitalised non-names: not entities by themselves.
const DEMONYM = /^(?:[A-Z][a-z]+(?:ese|ish|ist))$/;

// Never names by themselves: fillers of spoken English, and contractions (We'll, I'm, Don't).
const FILLERS = new Set(
  `Um Umm Uh Uhh Er Erm Ah Oh Hmm Mm Yeah Yes Yep Yup Nope Nah OK Okay Ok Wow Hey Hi Hello Bye Well Right Sure Thanks Please Sorry Huh Whoa Aw`.split(/\s+/),
);
const CONTRACTION = /^\p{L}+(?:['’](?:m|re|ve|ll|d)|n['’]t)$/iu;
const PRONOUNS = new Set(`I He She We They You It Me Him Us Them`.split(/\s+/));
// News agencies, named in datelines and credits: organisations, never places or people.
const AGENCIES = new Set(
  `Reuters AP AFP Bloomberg Yonhap Xinhua Kyodo Bernama TASS Tass Interfax Anadolu EFE ANSA dpa DPA PTI ANI UPI Jiji Antara KCNA Associated_Press Agence_France-Presse Agence_France_Presse Press_Association`
    .split(/\s+/)
    .map((w) => w.replace(/_/g, ' ')),
);
// Products are not people, places or organisations: MacBook Pro, Galaxy S24, Surface Pro, Pixel 8 Pro.
const PRODUCT_FAMILY = /^(?:MacBook|iMac|iPhone|iPad|iPod|AirPods?|HomePod|ThinkPad|IdeaPad|Chromebook|PlayStation|Xbox|Walkman)$/;
// Names that are products only with a model after them (Galaxy S24, Pixel 8, Surface Pro; LA Galaxy is a team).
const PRODUCT_LINE = /^(?:Galaxy|Pixel|Surface|Kindle|Mac|Switch|Watch|Echo|Yoga|Zenbook|Vision)$/;
// Makers whose product lines follow their name: Apple Watch, Nintendo Switch (the maker stays a name).
const MAKERS = new Set(`Apple Samsung Google Microsoft Amazon Sony Nintendo Huawei Xiaomi Lenovo Dell Meta Garmin Fitbit`.split(' '));
const MODEL_WORD = /^(?:Pro|Max|Air|Ultra|Plus|Mini|Lite|Fold\d*|Flip\d*|Neo|FE|SE|XL|XR|XS)$/;
const MODEL_NUMBER = /^(?:[A-Z]{0,2}\d{1,4}[a-z]?|\d{1,4}(?:[A-Z]{1,2})?)$/;

interface Word {
  text: string;
  start: number;
  end: number;
}

const NO_TAGS: string[] = [];
const tagCache = new WeakMap<EnglishLexicon, Map<string, string[]>>();

function lexTags(lexicon: EnglishLexicon | null, word: string): string[] {
  if (!lexicon) return NO_TAGS;
  let cache = tagCache.get(lexicon);
  if (!cache) tagCache.set(lexicon, (cache = new Map()));
  let tags = cache.get(word);
  if (!tags) {
    const v = lexicon[word.toLowerCase()];
    tags = v === undefined ? NO_TAGS : Array.isArray(v) ? v : [v];
    if (cache.size > 20000) cache.clear();
    cache.set(word, tags);
  }
  return tags;
}

const CAP_WORD = /^(?:al-|el-|ad-|as-)?[A-Z\u00c0-\u00de\u0100-\u017f][\p{L}'’.-]*$/u;
const isCap = (w: string) => {
  const c = w.charCodeAt(0);
  // Quick exit for the common case: a lower-case word.
  if (c >= 0x61 && c <= 0x7a && !/^(?:al|el|ad|as)-/.test(w)) return false;
  return (CAP_WORD.test(w) && /\p{Ll}/u.test(w.slice(1))) || /^[A-Z][A-Z&.]{1,7}$/.test(w) || /^[A-Z]{8,}$/.test(w);
};
const isAcronym = (w: string) => /^[A-Z][A-Z&]{1,6}$/.test(w.replace(/\./g, '')) && w.replace(/\./g, '').length >= 2;

interface Token extends Word {
  possessive: boolean;
  lower: string;
}

const ABBREVIATION = /^(?:Mr|Mrs|Ms|Dr|Prof|St|Jr|Sr|Gen|Sen|Rep|Gov|Lt|Col|Capt|Sgt|Rev|Inc|Corp|Co|Ltd|Mt)\.$/;
const INITIALS = /^(?:[A-Z]\.)+$/;

/** The words of a text, possessives and sentence-final dots cut off ("BBC's", "Sunday."). */
function tokenize(text: string): Token[] {
  const words: Token[] = [];
  // Letters and digits of any script without Unicode property classes (several times
  // faster); general punctuation (U+2000–206F) and CJK punctuation stay outside.
  const re = /[A-Za-z0-9\u00c0-\u1fff\u2070-\u2fff\u3040-\uffef][A-Za-z0-9\u00c0-\u1fff\u2070-\u2fff\u3040-\uffef'’.&-]*/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    let token = m[0];
    const last = token[token.length - 1];
    let possessive = false;
    if (last === "'" || last === '’' || ((last === 's' || last === 'S') && (token[token.length - 2] === "'" || token[token.length - 2] === '’'))) {
      possessive = !INITIALS.test(token);
      token = token.replace(/['’]s?$/i, '');
    }
    if (token.endsWith('.') && !INITIALS.test(token) && !ABBREVIATION.test(token)) token = token.replace(/\.+$/, '');
    // "Seattle-based", "Kroger-owned": the name, then a word that ends it.
    const compound = token.includes('-') ? token.match(/^(.+?)-(?:based|owned|born|led|backed|listed|made|bound|style|era|funded|run)$/) : null;
    if (compound) {
      const name = compound[1]!;
      words.push({ text: name, start: m.index, end: m.index + name.length, possessive: true, lower: name.toLowerCase() });
      continue;
    }
    if (!token) continue;
    const c = token.charCodeAt(0);
    words.push({ text: token, start: m.index, end: m.index + token.length, possessive, lower: c >= 0x61 && c <= 0x7a ? token : token.toLowerCase() });
  }
  return words;
}

const GAP_BREAK = /[,;:()"“”!?—–/|]|\.\s|\n|\s-\s/;
const SENTENCE_BEFORE = /[.!?]["”’]?\s+$|\n\s*$|["“]\s*$|:\s+$|[—–]\s+$|\s--?\s+$/;

/** Candidate names: maximal runs of capitalised words (with inner connectors), possessives cut. */
function candidates(text: string, words: Token[]): { words: Word[]; sentenceStart: boolean; first: number }[] {
  const runs: { words: Word[]; sentenceStart: boolean; first: number }[] = [];
  let run: Word[] = [];
  let runStart = false;
  let runFirst = 0;
  const flush = () => {
    while (run.length && CONNECTORS.has(run[run.length - 1]!.text)) run.pop();
    // "and" stays inside organisation names only (World Travel and Tourism Council).
    const and = run.length > 2 ? run.findIndex((w) => w.text === 'and') : -1;
    const keepAnd = run.length > 0 && (ORG_HEADS.test(run[run.length - 1]!.text) || run.slice(0, and).some((w) => w.text === 'on' || w.text === 'of'));
    if (and > 0 && !keepAnd) {
      runs.push({ words: run.slice(0, and), sentenceStart: runStart, first: runFirst });
      const rest = run.slice(and + 1);
      if (rest.length) runs.push({ words: rest, sentenceStart: false, first: runFirst + and + 1 });
    } else if (run.length) runs.push({ words: run, sentenceStart: runStart, first: runFirst });
    run = [];
  };
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    const cap = isCap(w.text);
    const joins =
      run.length > 0 &&
      ((CONNECTORS.has(w.text) && (w.text !== 'of' || OF_HEADS.test(run[run.length - 1]!.text))) ||
        (w.text === 'on' && /^(?:Committee|Commission|Council|Conference|Panel|Task)$/.test(run[run.length - 1]!.text)));
    if (!cap && !run.length) continue; // the common case: a lower-case word outside a name
    const prev = words[i - 1];
    const gap = prev ? text.slice(prev.end, w.start) : '\n';
    const breaks = GAP_BREAK.test(gap) || (!!prev && /[.!?]/.test(text[prev.end] ?? '') && /\s/.test(gap));
    if (breaks || (prev && prev.possessive) || (!cap && !(joins && words[i + 1] && isCap(words[i + 1]!.text)))) flush();
    if (cap || (run.length && joins && !breaks)) {
      if (!run.length) {
        if (CONNECTORS.has(w.text)) continue;
        runStart = i === 0 || SENTENCE_BEFORE.test(text.slice(Math.max(0, w.start - 4), w.start)) || /[.!?]\s*$/.test(gap) || gap.includes('\n');
        runFirst = i;
      }
      run.push(w);
    }
  }
  flush();
  return runs;
}

interface Typed {
  start: number;
  end: number;
  text: string;
  type: EntityType;
}

/** Typed names in English text; `lexicon` is compromise's (null: rules and gazetteer only). */
export function analyzeEnglish(text: string, lexicon: EnglishLexicon | null): EntitySpan[] {
  const typed: Typed[] = [];
  const tokens = tokenize(text);
  const headlines = titleCaseLines(text, tokens);
  /** Whether a word also occurs in lower case in the text (then it is a common word). */
  const lowerCache = new Map<string, boolean>();
  const occursInLowerCase = (word: string): boolean => {
    const cached = lowerCache.get(word);
    if (cached !== undefined) return cached;
    const result = scanLower(word);
    lowerCache.set(word, result);
    return result;
  };
  const scanLower = (word: string) => {
    const lower = word.toLowerCase();
    if (lower.length < 3) return false;
    for (let at = text.indexOf(lower); at >= 0; at = text.indexOf(lower, at + 1)) {
      if (!isWordChar(text.charCodeAt(at - 1)) && !isWordChar(text.charCodeAt(at + lower.length))) return true;
    }
    return false;
  };
  const indexOfStart = new Map<number, number>();
  tokens.forEach((t, k) => indexOfStart.set(t.start, k));
  const people = new Map<string, string>(); // surname → full name
  // Surname → every full name it ends; names typed as people by a confident cue (title, role,
  // first name, said): each of their mentions is a person, whatever one mention's context says.
  const fullNames = new Map<string, Set<string>>();
  const confident = new Set<string>();
  // One-word names a title or role makes a person (Mr Odenwall): the full names they end are people too.
  const titledSingles = new Set<string>();
  const addPerson = (surname: string, full: string, sure: boolean) => {
    people.set(surname, full);
    fullNames.set(surname, (fullNames.get(surname) ?? new Set()).add(full));
    if (sure) confident.add(full);
  };
  const known = new Map<string, EntityType>();
  const unknown: { start: number; end: number; text: string; words: number }[] = [];

  for (const { words: raw, sentenceStart } of candidates(text, tokens)) {
    let words = raw;
    // Fillers and contractions open no name (Yeah, I'm, We'll); nor does a pronoun at a
    // sentence's start or alone (He; but He Lifeng inside a sentence is a name).
    while (
      words.length &&
      (FILLERS.has(words[0]!.text) ||
        CONTRACTION.test(words[0]!.text) ||
        (PRONOUNS.has(words[0]!.text) && (sentenceStart || words.length === 1)) ||
        (words !== raw && CONNECTORS.has(words[0]!.text)))
    ) {
      words = words.slice(1);
    }
    if (!words.length) continue;
    // A product (MacBook Pro, Galaxy S24) is no name; its maker before it may be one (Apple).
    const product = productStart(
      text,
      words,
      tokens[(indexOfStart.get(words[words.length - 1]!.start) ?? -2) + 1],
      tokens[(indexOfStart.get(words[0]!.start) ?? 0) - 1],
    );
    if (product >= 0) words = words.slice(0, product);
    if (!words.length) continue;
    {
      const s0 = words[0]!.start;
      const e0 = words[words.length - 1]!.end;
      const whole = text.slice(s0, e0);
      // News agencies (datelines, credits) are organisations.
      if (AGENCIES.has(whole)) {
        typed.push({ start: s0, end: e0, text: whole, type: 'org' });
        known.set(whole, 'org');
        continue;
      }
      // All capitals (datelines "NEW YORK —", "WASHINGTON (Reuters) -", shouted headings): a
      // real place stays a place; other runs of capitalised words are never people or
      // organisations (acronyms like NASA or "US FDA" are read as before).
      if (words.every((w) => /^[A-Z][A-Z&.'’-]*$/.test(w.text)) && (words.length >= 2 || words[0]!.text.length >= 5)) {
        const asName = words.map((w) => w.text[0] + w.text.slice(1).toLowerCase()).join(' ');
        if (EN_PLACES.has(asName) || lexTags(lexicon, asName).some((t) => /^(?:Country|City|Region|Place)$/.test(t))) {
          typed.push({ start: s0, end: e0, text: whole, type: 'place' });
          known.set(whole, 'place');
          continue;
        }
        if (DATELINE_AFTER.test(text.slice(e0, e0 + 40)) || words.some((w) => w.text.length > 8) || (words.length >= 2 && words.some((w) => w.text.length > 4)))
          continue;
        // Acronyms side by side ("US FDA"): each on its own.
        if (words.length >= 2) {
          for (const w of words) {
            if (EN_PLACES.has(w.text)) typed.push({ start: w.start, end: w.end, text: w.text, type: 'place' });
            else if (isAcronym(w.text) && !LATIN_STOPWORDS.has(w.text) && lexTags(lexicon, w.text).every((t) => /Organization|Acronym|ProperNoun/.test(t)))
              typed.push({ start: w.start, end: w.end, text: w.text, type: 'org' });
          }
          continue;
        }
      }
    }
    // A title inside the run starts a person's name: … Police Commissioner Andrew Colvin.
    const inner = words.findIndex((w, k) => k > 0 && k < words.length - 1 && TITLES.has(w.text) && /^[A-Z][a-z]/.test(words[k + 1]!.text));
    // … but a run that ends in titles names an office, not a person: New York State Attorney General.
    if (inner > 0 && words.slice(inner + 1).every((w) => TITLES.has(w.text))) words = words.slice(0, inner);
    if (inner > 0 && words.length > inner + 1) {
      const person = words.slice(inner + 1);
      const left = words
        .slice(0, inner)
        .filter(
          (w, k, all) =>
            !(
              k === all.length - 1 &&
              /^(?:Opposition|Foreign|Prime|Deputy|Communications|Finance|Defence|Defense|Health|Interior|Justice|Trade|Energy)$/.test(w.text)
            ),
        );
      const pStart = person[0]!.start;
      const pEnd = person[person.length - 1]!.end;
      typed.push({ start: pStart, end: pEnd, text: text.slice(pStart, pEnd), type: 'person' });
      known.set(text.slice(pStart, pEnd), 'person');
      if (person.length >= 2) addPerson(person[person.length - 1]!.text, text.slice(pStart, pEnd), true);
      if (left.length >= 2 && ORG_HEADS.test(left[left.length - 1]!.text)) {
        const oStart = left[0]!.start;
        const oEnd = left[left.length - 1]!.end;
        typed.push({ start: oStart, end: oEnd, text: text.slice(oStart, oEnd), type: 'org' });
        known.set(text.slice(oStart, oEnd), 'org');
      }
      continue;
    }
    // Leading adjectives of nationality or kind: Tunisian Prime Minister …, Islamist Muslim Brotherhood.
    // Not of an institution named "… of …" (American College of Pediatricians, Chinese Academy of Sciences).
    while (
      words.length >= 3 &&
      !ORG_HEADS.test(words[words.length - 1]!.text) &&
      !words.some((w, k) => k > 0 && (ORG_OF.test(w.text) || ORG_HEADS.test(w.text)) && words[k + 1]?.text === 'of') &&
      (DEMONYM.test(words[0]!.text) || lexTags(lexicon, words[0]!.text).some((t) => t === 'Demonym')) &&
      !/^(?:North|South|East|West|Northern|Southern|Eastern|Western|Central|New|Upper|Lower|Great|Greater)$/.test(words[0]!.text) &&
      !EN_PLACES.has(words[0]!.text) &&
      !EN_PLACES.has(`${words[0]!.text} ${words[1]!.text}`)
    ) {
      words = words.slice(1);
    }
    // A title opens the run: keep it out of the name, but remember it means a person.
    let titled = false;
    for (;;) {
      const two = words.length > 2 ? `${words[0]!.text} ${words[1]!.text}` : '';
      if (two && MULTI_TITLES.test(`${two} `)) {
        titled = true;
        words = words.slice(2);
      } else if (words.length > 1 && TITLES.has(words[0]!.text.replace(/\.$/, ''))) {
        titled = true;
        words = words.slice(1);
      } else break;
    }
    // A title-case line (a headline) is not a name; its names are found elsewhere.
    if (headlines.some(([a, b]) => raw[0]!.start >= a && raw[0]!.start < b)) continue;
    // Sentence-initial common words are not names ("Yesterday", "The", "Officials").
    if (sentenceStart && words.length) {
      const first = words[0]!.text;
      const tags = lexTags(lexicon, first);
      const known = tags.some((t) => /Name|Person|Place|City|Country|Region|Organization|ProperNoun/.test(t)) || EN_PLACES.has(first);
      const common = DEMONYM_OR_COMMON.has(first) || (tags.length > 0 && !known) || (!known && (COMMON_SHAPE.test(first) || occursInLowerCase(first)));
      if (common) {
        words = words.slice(1);
        while (words.length && CONNECTORS.has(words[0]!.text)) words = words.slice(1);
      }
    }
    if (words.length && words[0]!.text === 'The') words = words.slice(1);
    if (!words.length) continue;
    // A title alone (the President, the Prime Minister) is not a name.
    if (
      (words.length === 1 && TITLES.has(words[0]!.text.replace(/\.$/, ''))) ||
      (words.length === 2 && MULTI_TITLES.test(`${words[0]!.text} ${words[1]!.text} `))
    )
      continue;
    // Currency fragments: US in "US dollars", NT in "NT$60", HK in "HK$".
    if (words.length <= 2 && currencyFragment(text, words[words.length - 1]!.end)) continue;
    const start = words[0]!.start;
    const end = words[words.length - 1]!.end;
    let name = text.slice(start, end);
    const head = words[words.length - 1]!.text;
    const firstWord = words[0]!.text;
    // The two words before the name (when only spaces separate them) and the text after it.
    const startIndex = indexOfStart.get(start) ?? 0;
    const p1 = tokens[startIndex - 1];
    const p2 = tokens[startIndex - 2];
    const near1 = p1 && /^\s+$/.test(text.slice(p1.end, start)) ? p1.text : '';
    const near2 = near1 && p1 && p2 && /^\s+$/.test(text.slice(p2.end, p1.start)) ? p2.text : '';
    const before = `${near2} ${near1} `;
    const after = text.slice(end, end + 40);
    if (words.length === 1 && (DEMONYM_OR_COMMON.has(name) || LATIN_STOPWORDS.has(name))) continue;
    if (words.length === 1 && DEMONYM.test(name) && !EN_PLACES.has(name) && lexTags(lexicon, name).some((t) => t === 'Demonym' || t === 'Adjective')) continue;

    let type: EntityType | null = null;
    let sure = false;
    const firstTags = lexTags(lexicon, firstWord);
    const headTags = lexTags(lexicon, head);
    const allTags = lexTags(lexicon, name);

    const bareName = name.replace(/\./g, '');
    if (EN_PLACES.has(name) || EN_PLACES.has(bareName) || allTags.some((t) => /^(?:Country|City|Region|Place)$/.test(t))) {
      type = 'place';
    } else if (isAcronym(name) && words.length === 1) {
      type = 'org';
    } else if (
      ORG_HEADS.test(head) ||
      (words.length >= 3 && words.some((w, k) => k < words.length - 1 && ORG_OF.test(w.text) && words[k + 1]!.text === 'of')) ||
      words.some((w) =>
        /^(?:Department|Ministry|University|Council|Commission|Committee|Agency|Bureau|Institute|Association|Foundation|Corporation|Company)$/.test(w.text),
      ) ||
      /^(?:International|Brotherhood|Sharia|Qaeda)$/.test(head.replace(/^al-/, '')) ||
      allTags.includes('Organization') ||
      allTags.includes('SportsTeam')
    ) {
      type = 'org';
    } else if (PLACE_HEADS.test(head) && words.length >= 2) {
      type = 'place';
    } else if (titled || MULTI_TITLES.test(before) || (ROLE_BEFORE.test(before) && (words.length >= 2 || /^[a-z]/.test(near1)))) {
      type = 'person';
      sure = true;
    } else if (words.length >= 2 && firstTags.some((t) => /Name|FirstName|MaleName|FemaleName|^Person$/.test(t))) {
      type = 'person';
      sure = true;
    } else if (words.length >= 2 && words.length <= 4 && headTags.includes('LastName')) {
      type = 'person';
    } else if (allTags.includes('Person') || allTags.includes('LastName')) {
      type = 'person';
    } else if (words.length >= 2 && words.length <= 3 && (SAID.test(after) || SAID_BEFORE.test(before)) && words.every((w) => /^[A-Z][a-z]/.test(w.text))) {
      type = 'person';
      sure = true;
    } else if (/^(?:,\s*\d{1,3},|\s*\(\d{1,3}(?:\s*(?:months?|years?))?\))/.test(after)) {
      type = 'person';
    } else if (words.length === 1 && ORG_BEFORE_EN.test(before)) {
      type = 'org';
    }
    if (!type) {
      unknown.push({ start, end, text: name, words: words.length });
      continue;
    }
    if (type === 'person' && words.length >= 2) addPerson(words[words.length - 1]!.text, name, sure);
    if (type === 'person' && words.length === 1 && sure && /^[A-Z][a-z]/.test(name)) titledSingles.add(name);
    // A person cue anywhere (Mr, said, a title, a first name) makes the name a person everywhere.
    if (type !== 'person' && words.length >= 2 && (titled || MULTI_TITLES.test(before)) && words.every((w) => /^[A-Z][a-z]/.test(w.text))) {
      addPerson(words[words.length - 1]!.text, name, true);
    }
    name = text.slice(start, end);
    typed.push({ start, end, text: name, type });
    known.set(name, type);
  }

  // Document-level consistency: a name confidently a person is a person at every mention —
  // also a full name whose surname alone has a title somewhere (Mr Odenwall → Tarik Odenwall).
  const endsTitledSurname = (name: string) => {
    const parts = name.split(' ');
    const last = parts[parts.length - 1]!;
    return (
      parts.length >= 2 &&
      parts.length <= 4 &&
      titledSingles.has(last) &&
      parts.every((w) => /^[A-Z][a-z]/.test(w)) &&
      !ORG_HEADS.test(last) &&
      !PLACE_HEADS.test(last)
    );
  };
  for (const t of [...typed, ...unknown]) {
    if (!endsTitledSurname(t.text)) continue;
    addPerson(t.text.slice(t.text.lastIndexOf(' ') + 1), t.text, true);
  }
  for (const t of typed) if (confident.has(t.text)) t.type = 'person';
  for (const name of confident) known.set(name, 'person');
  // Short forms of organisations: "Westbrook" after "Westbrook University", when no other
  // name starts with that word and it is no common word, place or person's surname.
  const namesByFirst = new Map<string, Set<string>>();
  for (const t of typed) {
    const first = t.text.split(' ')[0]!;
    if (first !== t.text) namesByFirst.set(first, (namesByFirst.get(first) ?? new Set()).add(`${t.type}\u0000${t.text}`));
  }
  const orgShort = new Map<string, string>();
  for (const [first, names] of namesByFirst) {
    const [key] = names;
    if (names.size !== 1 || key === undefined) continue;
    const [type, full] = key.split('\u0000');
    if (type !== 'org' || full === undefined || first.length < 3 || !/^[A-Z][a-z]/.test(first) || fullNames.has(first)) continue;
    if (EN_PLACES.has(first) || DEMONYM_OR_COMMON.has(first) || DEMONYM.test(first) || TITLES.has(first) || ORG_HEADS.test(first) || PLACE_HEADS.test(first))
      continue;
    const tags = lexTags(lexicon, first);
    if (tags.length && !tags.some((t) => /Name|Organization|ProperNoun|Place|City/.test(t))) continue;
    if (occursInLowerCase(first) || known.get(first) === 'person') continue;
    orgShort.set(first, full);
    known.set(first, 'org');
  }
  // Gazetteer places of several words anywhere (New Zealand, South Carolina), and single ones
  // inside runs the rules above could not type.
  const spans: EntitySpan[] = typed.map(({ start, end, text: t, type }) => ({ start, end, text: t, type }));
  for (const t of tokens) {
    if (t.text === t.lower) continue; // places start with a capital
    const places = EN_PLACES_BY_FIRST.get(t.text);
    if (!places) continue;
    const at = t.start;
    for (const place of places) {
      const end = at + place.length;
      if (!text.startsWith(place, at) || isWordChar(text.charCodeAt(end)) || currencyFragment(text, end)) continue;
      spans.push({ start: at, end, text: place, type: 'place' });
      break;
    }
  }
  // Names no rule typed: the words around all their mentions decide (company, shares … /
  // said, his … / in, city …), with at least two cues and a clear winner.
  const byName = new Map<string, { start: number; end: number }[]>();
  for (const u of unknown) if (!known.has(u.text)) byName.set(u.text, [...(byName.get(u.text) ?? []), u]);
  for (const [name, mentions] of byName) {
    const type = typeFromContext(text, tokens, indexOfStart, name, mentions, people);
    if (type) known.set(name, type);
    if (type === 'person' && name.includes(' ')) addPerson(name.slice(name.lastIndexOf(' ') + 1), name, false);
  }
  // Repetition: surnames of people named in full, and every mention of a typed name.
  for (const [surname, full] of people) if (!known.has(surname) && surname !== full) known.set(surname, 'person');
  // One pass over the words: which known names start at each one.
  const byFirst = new Map<string, string[]>();
  for (const name of known.keys()) {
    const first = name.split(/[\s]/)[0]!.replace(/['’]s$/, '');
    byFirst.set(
      first,
      [...(byFirst.get(first) ?? []), name].sort((a, b) => b.length - a.length),
    );
  }
  for (const t of tokens) {
    if (t.text === t.lower && !t.text.startsWith('al-')) continue;
    for (const name of byFirst.get(t.text) ?? []) {
      const end = t.start + name.length;
      if (!text.startsWith(name, t.start) || isWordChar(text.charCodeAt(end)) || currencyFragment(text, end)) continue;
      spans.push({ start: t.start, end, text: name, type: known.get(name)! });
      break;
    }
  }
  // Short forms join the full name: Assange → Julian Assange (one person), Westbrook → Westbrook University.
  for (const span of spans) {
    if (span.text.includes(' ')) continue;
    const full = fullNames.get(span.text);
    if (full && full.size === 1 && !EN_PLACES.has(span.text) && !AGENCIES.has(span.text) && !orgShort.has(span.text)) {
      const [name] = full;
      if (name !== span.text) {
        span.type = 'person';
        span.canonical = name;
      }
    } else if (orgShort.has(span.text)) {
      span.type = 'org';
      span.canonical = orgShort.get(span.text);
    }
  }
  return spans;
}

/** Whether the name ending at `end` only says whose currency it is: US dollars, NT$60, HK$. */
const currencyFragment = (text: string, end: number) => text[end] === '$' || /^\s+dollars?\b/.test(text.slice(end, end + 10));

const DATELINE_AFTER = /^\s*(?:[—–]|--?\s|\([A-Z][\w .&-]*\)\s*(?:[—–-]|$)|,\s+(?:[A-Z][a-z]+\.?\s+\d{1,2}\b|[A-Z][a-z]+(?:\s[A-Z][a-z]+)*\s*(?:[—–(]|-\s)))/;

/** Where a product's name starts in a run of capitalised words (-1: none). */
function productStart(text: string, words: Word[], next: Token | undefined, prev: Token | undefined): number {
  const n = words.length;
  const last = words[n - 1]!;
  const modelAfter = !!next && MODEL_NUMBER.test(next.text) && /^ $/.test(text.slice(last.end, next.start));
  for (let k = 0; k < n; k++) {
    const w = words[k]!.text;
    if (PRODUCT_FAMILY.test(w)) return k;
    if (k > 0 && MAKERS.has(words[k - 1]!.text) && (PRODUCT_LINE.test(w) || w === 'TV')) return k;
    if (PRODUCT_LINE.test(w) && ((k + 1 < n && MODEL_WORD.test(words[k + 1]!.text)) || (k === n - 1 && modelAfter))) return k;
  }
  // Model words alone after a model number or a product (iPhone 15 Pro Max, iPad Pro).
  if (words.every((w) => MODEL_WORD.test(w.text))) {
    return prev && /^ $/.test(text.slice(prev.end, words[0]!.start)) && (/^\d/.test(prev.text) || /^[a-z]+[A-Z]/.test(prev.text)) ? 0 : -1;
  }
  // "<Name> Pro/Max/Ultra/Mini": the word before the model words is the product's name.
  let m = n;
  while (m > 0 && /^(?:Pro|Max|Ultra|Mini|Lite|Fold\d*|Flip\d*)$/.test(words[m - 1]!.text)) m--;
  if (m < n && m > 0) {
    const name = words[m - 1]!.text;
    // HBO Max: the model word goes, the acronym (a maker, a network) stays.
    if (/^[A-Z]{2,}$/.test(name)) return m;
    if (!ORG_HEADS.test(name) && !EN_PLACES.has(name) && !DEMONYM.test(name)) return m - 1;
  }
  return -1;
}

const cueSet = (words: string) => new Set(words.split(/\s+/).filter(Boolean));
const ORG_CUES = cueSet(`company companies firm group shares stock stocks deal acquired acquisition acquire bought buy sold sale sell merger
board investors stake subsidiary brand business businesses revenue profit startup start-up app service services platform party organization
organisation agency militant militants movement its which spokesman spokeswoman chief executive ceo founder owner owned parent unit
division operator network site website browser blogging messaging search internet web offer bid sells buys invests invested listed
headquarters based launched affiliated linked banned outlawed leaders fighters islamist jihadist investments minister cabinet coalition
government lawmakers`);
const PERSON_CUES = cueSet(`said says told added he she him himself herself mr ms mrs aged wife husband son daughter father mother brother
sister family born died who whose elder uncle aunt grandson granddaughter widow friend colleague spoke believes believed thinks wrote recalls
recalled explained insisted warned asked his her`);
const PLACE_CUES = cueSet(`in near city town village region province capital coast beach island river north south east west northern
southern eastern western residents area district where harbour harbor bay port located county state country border streets suburb shore
visited travelled traveled flew`);
const POSSESSIVES = cueSet('his her their its our my');

/** Capitalised word → its token indices, computed once per token list. */
const positionCache = new WeakMap<Token[], Map<string, number[]>>();
function positions(tokens: Token[]): Map<string, number[]> {
  let map = positionCache.get(tokens);
  if (!map) {
    map = new Map();
    tokens.forEach((t, k) => {
      if (t.text === t.lower) return;
      const list = map!.get(t.text);
      if (list) list.push(k);
      else map!.set(t.text, [k]);
    });
    positionCache.set(tokens, map);
  }
  return map;
}
const PREPOSITION_PLACE = cueSet('in near outside across around');

function typeFromContext(
  text: string,
  tokens: Token[],
  indexOfStart: Map<number, number>,
  name: string,
  mentions: { start: number; end: number }[],
  people: Map<string, string>,
): EntityType | null {
  if (people.has(name)) return 'person';
  const score = { org: 0, person: 0, place: 0 };
  const nameWords = name.split(' ');
  // A full name's surname alone counts too ("Ajmi Lourimi, …" / "Lourimi said").
  const all = [...mentions];
  if (nameWords.length >= 2) {
    for (const k of positions(tokens).get(nameWords[nameWords.length - 1]!) ?? []) all.push({ start: tokens[k]!.start, end: tokens[k]!.end });
  }
  for (const { start, end } of all) {
    const i = indexOfStart.get(start);
    if (i === undefined) continue;
    let j = i;
    while (j + 1 < tokens.length && tokens[j + 1]!.start < end) j++;
    for (let k = Math.max(0, i - 4); k < i; k++) {
      const w = tokens[k]!.lower;
      if (POSSESSIVES.has(w)) continue; // "his Pātaua farm": someone else's
      if (ORG_CUES.has(w)) score.org++;
      if (PERSON_CUES.has(w)) score.person++;
      if (PLACE_CUES.has(w)) score.place++;
    }
    if (i > 0 && PREPOSITION_PLACE.has(tokens[i - 1]!.lower)) score.place += 2;
    for (let k = j + 1; k < Math.min(tokens.length, j + 6); k++) {
      const w = tokens[k]!.lower;
      if (ORG_CUES.has(w)) score.org++;
      if (PERSON_CUES.has(w)) score.person++;
      if (PLACE_CUES.has(w)) score.place++;
    }
    const after = text.slice(end, end + 30);
    if (/^,\s+(?:a|an)\s+(?:\d+-year-old\s+)?[a-z]+/.test(after)) score.person += 1;
    if (/^\s+(?:contributed|reported|wrote)\b/.test(after)) score.person += 2;
    if (/^['’]s\s+(?:shares|stock|board|chief|CEO|business|deal|sale|core|own)\b/.test(after)) score.org += 2;
  }
  if (nameWords.length >= 2 && nameWords.length <= 4 && nameWords.every((w) => /^[A-Z][a-z\u00e0-\u017f]+$/.test(w))) score.person += 1;
  const ranked = (Object.entries(score) as [EntityType, number][]).sort((a, b) => b[1] - a[1]);
  const [best, second] = ranked;
  if (!best || !second) return null;
  return best[1] >= 2 && best[1] >= second[1] * 1.5 + 0.5 ? best[0] : null;
}

/** The [start, end) ranges of lines written in title case (headlines), from the tokens. */
function titleCaseLines(text: string, tokens: Token[]): [number, number][] {
  const ranges: [number, number][] = [];
  let lineStart = 0;
  let lineEnd = text.indexOf('\n');
  if (lineEnd < 0) lineEnd = text.length;
  let long = 0;
  let capital = 0;
  const close = () => {
    if (long >= 4 && capital / long >= 0.8) ranges.push([lineStart, lineEnd]);
    long = 0;
    capital = 0;
  };
  for (const t of tokens) {
    while (t.start > lineEnd) {
      close();
      lineStart = lineEnd + 1;
      lineEnd = text.indexOf('\n', lineStart);
      if (lineEnd < 0) lineEnd = text.length;
    }
    if (t.text.length >= 4) {
      long++;
      if (t.text[0] !== t.lower[0]) capital++;
    }
  }
  close();
  return ranges;
}
