import { createContext, type Context, type TokenRule } from './context';
import type { KoreanTracer } from './findings';
import type { KoreanResult } from './mark';
import { coordination, dotLists } from './passes/coordination';
import { shortForms, variants } from './passes/consistency';
import { datelines } from './passes/datelines';
import { glosses } from './passes/glosses';
import { latinContext, latinInitials, latinNames } from './passes/latin';
import { contextAfterName, employer, founded, kindBefore, organisationOfRole, scriptBeforeSuffix, sportsTeam, university } from './passes/organisations';
import { directionPlace, gazetteer, hanjaCountries, venuesAfterPlaces, venueWord } from './passes/places';
import { quotations } from './passes/quotations';
import { age, maskedName, roleBefore } from './passes/roles';
import { office, suffixes } from './passes/suffixes';
import { gluedTitle, modifiedTitle, titleAfter, titleAfterGloss } from './passes/titles';

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
 *
 * The evidence is gathered by passes (passes/*.ts, one module per kind of evidence), which
 * share a Context (context.ts): the tokens, the evidence store (findings.ts) and the notes
 * one pass leaves for another. Their order is part of the result: a rule reads what the rules
 * before it found (titleAfter asks whether the word before the title is a known
 * organisation), a name is listed in the order it was first found, and the learned model reads
 * the spans as features — so the order below is the order the rules were tuned in.
 */

export { markNames, particlesOnly, type KoreanResult } from './mark';
export { splitParticle } from './tokens';
export type { KoreanTraceEvent, KoreanTracer } from './findings';

export interface AnalyzeOptions {
  /** Called with every piece of evidence, naming the pass and rule that found it. */
  trace?: KoreanTracer | undefined;
}

/**
 * Rules on non-Hangul tokens (and on a Hangul token glued to one), then rules on Hangul words:
 * one sweep over the tokens, every rule in turn at each token, in this order.
 */
const SCRIPT_RULES: readonly TokenRule[] = [scriptBeforeSuffix, latinInitials, hanjaCountries];
const WORD_RULES: readonly TokenRule[] = [
  gazetteer,
  suffixes,
  office,
  modifiedTitle,
  gluedTitle,
  titleAfterGloss,
  titleAfter,
  roleBefore,
  kindBefore,
  contextAfterName,
  university,
  maskedName,
  organisationOfRole,
  employer,
  age,
  founded,
  directionPlace,
  venueWord,
  sportsTeam,
];

/** Token-by-token cues: the sweep of SCRIPT_RULES and WORD_RULES. */
function tokenCues(c: Context): void {
  const { tokens, n } = c;
  for (let i = 0; i < n; i++) {
    for (const rule of SCRIPT_RULES) rule(c, i);
    const t = tokens[i]!; // i < n
    if (t.kind !== 'hangul') continue;
    // A word glued to a number is a unit or counter (9회초, 3연승), never a name.
    if (t.glued && tokens[i - 1]?.kind === 'num') continue;
    for (const rule of WORD_RULES) rule(c, i);
  }
}

/** Collect typed names from Korean text. */
export function analyzeKorean(text: string, options: AnalyzeOptions = {}): KoreanResult {
  const c = createContext(text, options.trace);
  // 1–3. Evidence from the whole text: Latin names, glosses, datelines and credits.
  latinNames(c);
  glosses(c);
  datelines(c);
  // 4. Token by token: places, suffixes, titles, roles, organisation context.
  tokenCues(c);
  // Short forms and family names standing alone; Latin names before organisation context.
  shortForms(c);
  latinContext(c);
  // 5. Quotations with a speech verb.
  quotations(c);
  // 6. Passes that read the types resolved so far.
  c.types = c.found.resolve();
  coordination(c);
  dotLists(c);
  venuesAfterPlaces(c);
  c.types = c.found.resolve();
  // 7. Near-duplicates of a person's name.
  variants(c);
  return { types: c.types, mentionTypes: c.mentionTypes };
}
