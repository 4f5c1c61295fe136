import { EN_PLACES, EN_PLACE_MAX_WORDS } from './gazetteer';
import { LATIN_STOPWORDS } from './lexicon-ko';
import type { EntitySpan, EntityType } from './types';

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
const MULTI_TITLES = /\b(?:Prime Minister|Foreign Minister|Defence Minister|Defense Secretary|Secretary of State|Chief Executive|Chief Justice|Attorney General|Press Secretary|Vice President|First Minister|Supreme Leader|Crown Prince)\s+$/;
const ROLE_BEFORE = /\b(?:prophet|daughter|son|wife|husband|father|mother|brother|sister|uncle|aunt|grandson|granddaughter|cousin|partner|friend|chief executive|executive|spokesman|spokeswoman|spokesperson|analyst|economist|professor|director|founder|co-founder|chairman|president|minister|secretary|senator|manager|coach|officer|lawyer|attorney|author|writer|researcher|scientist|activist|leader|chief|ambassador|governor|mayor|official|elder|candidate|adviser|advisor|editor|correspondent|reporter|CEO|head)\s+$/i;

const ORG_HEADS =
  /^(?:Inc|Inc\.|Corp|Corp\.|Corporation|Co|Co\.|Company|Ltd|Ltd\.|LLC|PLC|AG|SA|GmbH|Group|Holdings|Bank|Capital|Partners|Fund|Securities|Investments?|Technologies|Technology|Systems|Labs|Motors|Electronics|Energy|Pharmaceuticals|Airlines?|Airways|University|College|Institute|Foundation|Association|Agency|Council|Committee|Commission|Ministry|Department|Bureau|Office|Authority|Court|Police|Service|Services|Party|Parliament|Congress|Senate|Assembly|Army|Navy|Force|Forces|Guard|Union|Federation|League|Organization|Organisation|Alliance|Coalition|Society|Trust|Network|Media|Studios?|Entertainment|Club|FC|United|Times|Post|News|Journal|Herald|Tribune|Gazette|Courier|Review|Press|Broadcasting|Channel|Radio|Television|Brands|Industries|Enterprises|Solutions|Communications|Telecom|Semiconductor|Chemicals|Insurance|Exchange|Reserve|Chamber|Watch|Project|Campaign|Movement|Front|State)$/;
const ORG_OF = /^(?:Department|Ministry|Bank|University|Institute|Bureau|Office|Council|Commission|Committee|Chamber|Church|Board|Court|League|Federation|Union|Society|Academy|School|College|Museum|House)$/;
const PLACE_HEADS =
  /^(?:Street|St|Avenue|Ave|Road|Rd|Boulevard|Square|Park|Bridge|Airport|Station|Harbour|Harbor|Port|Beach|Island|Islands|Mountains?|Mount|Mt|River|Lake|Bay|Valley|County|Province|Region|District|City|Town|Village|Peninsula|Coast|Sea|Ocean|Desert|Forest|Hills|Heights|Falls|Canyon|Plaza|Stadium|Arena|Centre|Center|Museum|Palace|Castle|Cathedral|Temple|Mosque|Hall|Tower|Embassy|Camp|Base|Strait|Gulf|Canal)$/;
const CONNECTORS = new Set(['of', 'the', 'de', 'del', 'la', 'le', 'van', 'von', 'der', 'den', 'da', 'di', 'du', 'al', 'bin', 'ibn', 'y', '&', 'and']);
const ORG_BEFORE_EN = /\b(?:party|group|company|firm|movement|militia|organization|organisation|startup|start-up|agency|brand|network|newspaper|broadcaster|carrier|airline|automaker|carmaker|retailer|insurer|lender|bank|website|app|service|union|charity|club|team)\s+(?:the\s+)?$/i;
// Sentence-initial words with these endings are common words (Investment, Ordinary, Officials).
const COMMON_SHAPE = /(?:ment|ments|tion|tions|sion|ness|ity|ities|ing|ed|ly|ous|ive|able|ible|ful|less|ary|ers|ists|ians|ings)$/;
// "of" joins a name only after words that take it: Department of Conservation, Gulf of Mexico.
const OF_HEADS = /^(?:Department|Ministry|Bank|University|Institute|Bureau|Office|Council|Commission|Committee|Chamber|Church|Board|Court|League|Federation|Union|Society|Academy|School|College|Museum|House|Republic|Kingdom|Gulf|Bay|Isle|Sea|Strait|Cape|Port|Lake|Mount|City|State|States|Province|District|Duke|Duchess|Prince|Princess|Secretary|Minister|Archbishop|Bishop|Order|Association|Organization|Organisation|Army|Sisters|Brothers|Friends|Party|Institution)$/;
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

interface Word {
  text: string;
  start: number;
  end: number;
}

function lexTags(lexicon: EnglishLexicon | null, word: string): string[] {
  if (!lexicon) return [];
  const v = lexicon[word.toLowerCase()];
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
}

const isCap = (w: string) =>
  (/^(?:al-|el-|ad-|as-)?[A-Z\u00c0-\u00de\u0100-\u017f][\p{L}'’.\-]*$/u.test(w) && /\p{Ll}/u.test(w.slice(1))) || /^[A-Z][A-Z&.]{1,7}$/.test(w);
const isAcronym = (w: string) => /^[A-Z][A-Z&]{1,6}$/.test(w.replace(/\./g, '')) && w.replace(/\./g, '').length >= 2;

/** Candidate names: maximal runs of capitalised words (with inner connectors), possessives cut. */
function candidates(text: string): { words: Word[]; sentenceStart: boolean }[] {
  const words: (Word & { possessive: boolean })[] = [];
  const re = /[\p{L}\p{N}][\p{L}\p{N}'’.&\-]*/gu;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    let token = m[0];
    // Cut possessives and trailing dots of abbreviations at sentence ends ("BBC's", "Sunday.").
    const possessive = /['’]s?$/.test(token) && !/^(?:[A-Z]\.)+$/.test(token);
    token = token.replace(/['’]s?$/, '');
    if (token.endsWith('.') && !/^(?:[A-Z]\.)+$/.test(token) && !/^(?:Mr|Mrs|Ms|Dr|Prof|St|Jr|Sr|Gen|Sen|Rep|Gov|Lt|Col|Capt|Sgt|Rev|Inc|Corp|Co|Ltd|Mt)\.$/.test(token)) token = token.replace(/\.+$/, '');
    if (!token) continue;
    words.push({ text: token, start: m.index, end: m.index + token.length, possessive });
  }
  const runs: { words: Word[]; sentenceStart: boolean }[] = [];
  let run: Word[] = [];
  let runStart = false;
  const flush = () => {
    while (run.length && CONNECTORS.has(run[run.length - 1].text)) run.pop();
    // "and" stays inside organisation names only (World Travel and Tourism Council).
    const and = run.findIndex((w) => w.text === 'and');
    if (and > 0 && !ORG_HEADS.test(run[run.length - 1].text)) {
      runs.push({ words: run.slice(0, and), sentenceStart: runStart });
      const rest = run.slice(and + 1);
      if (rest.length) runs.push({ words: rest, sentenceStart: false });
    } else if (run.length) runs.push({ words: run, sentenceStart: runStart });
    run = [];
  };
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    const gap = i > 0 ? text.slice(words[i - 1].end, w.start) : '\n';
    const breaks = /[,;:()"“”!?—–]|\.\s|\n|\s-\s/.test(gap) || (i > 0 && /[.!?]$/.test(text.slice(words[i - 1].start, words[i - 1].end + 1)) && /\s/.test(gap));
    const sentenceStart = i === 0 || /[.!?]["”’]?\s+$|\n\s*$|["“]\s*$|:\s+$|[—–]\s+$/.test(text.slice(Math.max(0, w.start - 4), w.start)) || /[.!?]\s*$/.test(gap) || gap.includes('\n');
    const prevPossessive = i > 0 && words[i - 1].possessive;
    const joins = (c: string) => CONNECTORS.has(c) && (c !== 'of' || (run.length > 0 && OF_HEADS.test(run[run.length - 1].text)));
    if (breaks || prevPossessive || (!isCap(w.text) && !(run.length && joins(w.text) && words[i + 1] && isCap(words[i + 1].text)))) flush();
    if (isCap(w.text) || (run.length && joins(w.text) && !breaks)) {
      if (!run.length) runStart = sentenceStart;
      if (!run.length && CONNECTORS.has(w.text)) continue;
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
  weight: number;
}

/** Typed names in English text; `lexicon` is compromise's (null: rules and gazetteer only). */
export function analyzeEnglish(text: string, lexicon: EnglishLexicon | null): EntitySpan[] {
  const typed: Typed[] = [];
  const people = new Map<string, string>(); // surname → full name
  const known = new Map<string, EntityType>();
  const unknown: { start: number; end: number; text: string; words: number }[] = [];

  for (const { words: raw, sentenceStart } of candidates(text)) {
    let words = raw;
    // A title opens the run: keep it out of the name, but remember it means a person.
    let titled = false;
    // Leading adjectives of nationality or kind: Tunisian Prime Minister …, Islamist Muslim Brotherhood.
    while (
      words.length >= 3 &&
      (DEMONYM.test(words[0].text) || lexTags(lexicon, words[0].text).some((t) => t === 'Demonym' || t === 'Adjective')) &&
      !/^(?:North|South|East|West|Northern|Southern|Eastern|Western|Central|New|Upper|Lower|Great|Greater)$/.test(words[0].text) &&
      !EN_PLACES.has(words[0].text) &&
      !EN_PLACES.has(`${words[0].text} ${words[1].text}`)
    ) {
      words = words.slice(1);
    }
    for (;;) {
      const two = words.length > 2 ? `${words[0].text} ${words[1].text}` : '';
      if (two && MULTI_TITLES.test(`${two} `)) {
        titled = true;
        words = words.slice(2);
      } else if (words.length > 1 && TITLES.has(words[0].text.replace(/\.$/, ''))) {
        titled = true;
        words = words.slice(1);
      } else break;
    }
    // A title-case line (a headline) is not a name; its names are found elsewhere.
    if (titleCaseLine(text, raw[0].start)) continue;
    // Sentence-initial common words are not names ("Yesterday", "The", "Officials").
    if (sentenceStart && words.length) {
      const first = words[0].text;
      const tags = lexTags(lexicon, first);
      const known = tags.some((t) => /Name|Person|Place|City|Country|Region|Organization|ProperNoun/.test(t)) || EN_PLACES.has(first);
      const common =
        DEMONYM_OR_COMMON.has(first) ||
        (tags.length > 0 && !known) ||
        (!known && (COMMON_SHAPE.test(first) || new RegExp(`(?:^|[^\\p{L}])${first.toLowerCase()}(?:[^\\p{L}]|$)`, 'u').test(text)));
      if (common) {
        words = words.slice(1);
        while (words.length && CONNECTORS.has(words[0].text)) words = words.slice(1);
      }
    }
    if (!words.length) continue;
    const start = words[0].start;
    const end = words[words.length - 1].end;
    let name = text.slice(start, end);
    const head = words[words.length - 1].text;
    const firstWord = words[0].text;
    const before = text.slice(Math.max(0, start - 40), start);
    const after = text.slice(end, end + 40);
    if (words.length === 1 && (DEMONYM_OR_COMMON.has(name) || LATIN_STOPWORDS.has(name))) continue;
    if (words.length === 1 && DEMONYM.test(name) && !EN_PLACES.has(name) && lexTags(lexicon, name).some((t) => t === 'Demonym' || t === 'Adjective')) continue;

    let type: EntityType | null = null;
    let weight = 1;
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
      (words.length >= 3 && words.some((w, k) => k < words.length - 1 && ORG_OF.test(w.text) && words[k + 1].text === 'of')) ||
      words.some((w) => /^(?:Department|Ministry|University|Council|Commission|Committee|Agency|Bureau|Institute|Association|Foundation|Corporation|Company)$/.test(w.text)) ||
      /^(?:International|Brotherhood|Sharia|Qaeda)$/.test(head.replace(/^al-/, '')) ||
      allTags.includes('Organization') ||
      allTags.includes('SportsTeam')
    ) {
      type = 'org';
    } else if (PLACE_HEADS.test(head) && words.length >= 2) {
      type = 'place';
    } else if (titled || MULTI_TITLES.test(before) || (ROLE_BEFORE.test(before) && (words.length >= 2 || /\b[a-z]+\s+$/.test(before)))) {
      type = 'person';
    } else if (words.length >= 2 && firstTags.some((t) => /Name|FirstName|MaleName|FemaleName/.test(t))) {
      type = 'person';
    } else if (words.length >= 2 && words.length <= 4 && headTags.includes('LastName')) {
      type = 'person';
    } else if (allTags.includes('Person') || allTags.includes('LastName')) {
      type = 'person';
    } else if (words.length >= 2 && words.length <= 3 && (SAID.test(after) || SAID_BEFORE.test(before)) && words.every((w) => /^[A-Z][a-z]/.test(w.text))) {
      type = 'person';
    } else if (/^(?:,\s*\d{1,3},|\s*\(\d{1,3}(?:\s*(?:months?|years?))?\))/.test(after)) {
      type = 'person';
    } else if (words.length === 1 && ORG_BEFORE_EN.test(before)) {
      type = 'org';
    }
    if (!type) {
      unknown.push({ start, end, text: name, words: words.length });
      continue;
    }
    if (type === 'person' && words.length >= 2) people.set(words[words.length - 1].text, name);
    name = text.slice(start, end);
    typed.push({ start, end, text: name, type, weight });
    if (!known.has(name) || weight >= 1) known.set(name, type);
  }

  // Gazetteer places of several words anywhere (New Zealand, South Carolina), and single ones
  // inside runs the rules above could not type.
  const spans: EntitySpan[] = typed.map(({ start, end, text: t, type }) => ({ start, end, text: t, type }));
  for (const place of EN_PLACES) {
    if (place.split(' ').length > EN_PLACE_MAX_WORDS) continue;
    for (let at = text.indexOf(place); at >= 0; at = text.indexOf(place, at + 1)) {
      const end = at + place.length;
      if (/[\p{L}\p{N}]/u.test(text[at - 1] ?? '') || /[\p{L}\p{N}]/u.test(text[end] ?? '')) continue;
      if (typed.some((t) => t.start <= at && end <= t.end && t.type !== 'place')) continue;
      spans.push({ start: at, end, text: place, type: 'place' });
    }
  }
  // Names no rule typed: the words around all their mentions decide (company, shares … /
  // said, his … / in, city …), with at least two cues and a clear winner.
  const byName = new Map<string, { start: number; end: number }[]>();
  for (const u of unknown) if (!known.has(u.text)) byName.set(u.text, [...(byName.get(u.text) ?? []), u]);
  for (const [name, mentions] of byName) {
    const type = typeFromContext(text, name, mentions, people);
    if (type) known.set(name, type);
  }
  // Repetition: surnames of people named in full, and every mention of a typed name.
  for (const [surname, full] of people) if (!known.has(surname) && surname !== full) known.set(surname, 'person');
  for (const [name, type] of known) {
    for (let at = text.indexOf(name); at >= 0; at = text.indexOf(name, at + 1)) {
      const end = at + name.length;
      if (/[\p{L}\p{N}]/u.test(text[at - 1] ?? '') || /[\p{L}\p{N}]/u.test(text[end] ?? '')) continue;
      spans.push({ start: at, end, text: name, type });
    }
  }
  return spans;
}

const ORG_CUES = /^(?:company|companies|firm|group|shares|stock|stocks|deal|acquired|acquisition|acquire|bought|buy|sold|sale|sell|merger|board|investors|stake|subsidiary|brand|business|businesses|revenue|profit|startup|start-up|app|service|services|platform|party|organization|organisation|agency|militant|militants|movement|its|which|spokesman|spokeswoman|chief|executive|CEO|founder|owner|owned|parent|unit|division|operator|network|site|website|browser|blogging|messaging|search|internet|web|offer|bid|sells|buys|invests|invested|listed|headquarters|based|launched|group’s|group's|affiliated|linked|banned|outlawed|leaders|fighters|Islamist|jihadist|investments|minister|cabinet|coalition|government|lawmakers|blogging)$/i;
const PERSON_CUES = /^(?:said|says|told|added|he|she|his|her|him|hers|himself|herself|mr|ms|mrs|aged|wife|husband|son|daughter|father|mother|brother|sister|family|born|died|who|whose|elder|chief|uncle|aunt|grandson|granddaughter|widow|friend|colleague|spoke|believes|believed|thinks|wrote|recalls|recalled|explained|insisted|warned|says|asked)$/i;
const PLACE_CUES = /^(?:in|near|city|town|village|region|province|capital|coast|beach|island|river|north|south|east|west|northern|southern|eastern|western|residents|area|district|where|harbour|harbor|bay|port|located|county|state|country|border|streets|suburb|shore|visited|travelled|traveled|flew)$/i;

function typeFromContext(text: string, name: string, mentions: { start: number; end: number }[], people: Map<string, string>): EntityType | null {
  const score = { org: 0, person: 0, place: 0 };
  const words = name.split(' ');
  // A full name's surname alone counts too ("Ajmi Lourimi, …" / "Lourimi said").
  const all = [...mentions];
  if (words.length >= 2) {
    const last = words[words.length - 1];
    for (let at = text.indexOf(last); at >= 0; at = text.indexOf(last, at + 1)) {
      if (!/[\p{L}]/u.test(text[at - 1] ?? '') && !/[\p{L}]/u.test(text[at + last.length] ?? '')) all.push({ start: at, end: at + last.length });
    }
  }
  for (const { start, end } of all) {
    const leftText = text.slice(Math.max(0, start - 50), start);
    if (/\b(?:in|near|outside|across|around)\s+$/i.test(leftText)) score.place += 2;
    if (/^,\s+(?:a|an)\s+(?:\d+-year-old\s+)?[a-z]+/.test(text.slice(end, end + 30))) score.person += 1;
    if (/^\s+(?:contributed|reported|wrote)\b/.test(text.slice(end, end + 20))) score.person += 2;
    // Possessives on the left belong to someone else: "his Pātaua farm".
    const left = leftText.split(/[^\p{L}'’-]+/u).filter(Boolean).slice(-4).filter((w) => !/^(?:his|her|their|its|our|my)$/i.test(w));
    const right = text.slice(end, end + 60).split(/[^\p{L}'’-]+/u).filter(Boolean).slice(0, 5);
    for (const w of [...left, ...right]) {
      if (ORG_CUES.test(w)) score.org++;
      if (PERSON_CUES.test(w)) score.person++;
      if (PLACE_CUES.test(w)) score.place++;
    }
    if (/['’]s\s/.test(text.slice(end, end + 3)) && /^(?:['’]s\s+(?:shares|stock|board|chief|CEO|business|deal|sale|core|own))/.test(text.slice(end, end + 20))) score.org += 2;
  }
  if (words.length >= 2 && words.length <= 4 && words.every((w) => /^[A-Z][a-z\u00e0-\u017f]+$/.test(w))) score.person += 1;
  if (people.has(name)) return 'person';
  const ranked = (Object.entries(score) as [EntityType, number][]).sort((a, b) => b[1] - a[1]);
  const [best, second] = ranked;
  return best[1] >= 2 && best[1] >= second[1] * 1.5 + 0.5 ? best[0] : null;
}

/** Whether the line holding `offset` is written in title case (a headline). */
function titleCaseLine(text: string, offset: number): boolean {
  const from = text.lastIndexOf('\n', offset) + 1;
  const to = text.indexOf('\n', offset);
  const line = text.slice(from, to < 0 ? undefined : to);
  const words = line.match(/\p{L}{4,}/gu) ?? [];
  if (words.length < 4) return false;
  const capital = words.filter((w) => /^\p{Lu}/u.test(w)).length;
  return capital / words.length >= 0.8;
}
