import { particlesOnly } from '../korean';
import { COMMON_NOUNS, ORG_BEFORE, ROLES_BEFORE, SURNAMES, TITLES_AFTER } from '../lexicon-ko';
import { mergeSpans } from '../merge';
import type { EntitySpan, EntityType } from '../types';
import { extractFeatures, tagsToSpans } from './features';
import { decode, type KoreanModel } from './tagger';
import { HANGUL, hasBatchim } from '../../text/scripts';

/**
 * Korean entities by the learned model, made consistent across the article:
 *   1. the tagger reads each line with the rule-based recogniser's spans as evidence;
 *   2. each name takes the type most of its mentions got;
 *   3. a name found anywhere is marked at each of its other mentions (particles split off);
 *   4. short forms join the full name: 이 대표 → 이재용 when the article wrote 이재용 대표.
 * Date, money and percent spans of the patterns are kept where the model found none.
 */
export interface ModelOptions {
  /** Kinds whose rule spans win over the model's where they overlap. */
  rulesFirst?: readonly EntityType[];
  /** With rulesFirst: a model span that contains the rule's span whole is kept (서울 강남경찰서). */
  keepLongerModel?: boolean;
  /** Add the rules' names where the model found nothing. */
  union?: boolean;
}

/**
 * How model and rules meet, chosen by cross-validation on KLUE's fit split and on the
 * labelled pages together (README, "Korean"): the model's spans, the rules' organisations
 * where they overlap (a model span that holds the rule's whole stays: 서울 강남경찰서), and
 * the rules' names wherever the model found nothing.
 */
export const DEFAULT_MODEL_OPTIONS: ModelOptions = { union: true, rulesFirst: ['org'], keepLongerModel: true };

export function recognizeKoreanWithModel(
  text: string,
  model: KoreanModel,
  rules: readonly EntitySpan[],
  options: ModelOptions = DEFAULT_MODEL_OPTIONS,
): EntitySpan[] {
  const tags = decode(model, text, extractFeatures(text, model.lexicon, rules));
  let found = tagsToSpans(text, tags).filter(plausible);
  found = found.flatMap((s) => tidy(text, s));
  if (options.rulesFirst?.length) {
    const contains = (s: EntitySpan, r: EntitySpan) => options.keepLongerModel && s.start <= r.start && r.end <= s.end;
    const ruled = rules.filter((r) => options.rulesFirst!.includes(r.type) && !found.some((s) => contains(s, r)));
    found = [...found.filter((s) => !ruled.some((r) => r.start < s.end && s.start < r.end)), ...ruled];
  }
  if (options.union) {
    const extra = rules.filter((r) => isName(r.type) && !found.some((s) => r.start < s.end && s.start < r.end));
    found = [...found, ...extra];
  }
  const names = consistentTypes(found);
  const spans = [...found.map((s) => (isName(s.type) ? { ...s, type: names.get(s.text) ?? s.type } : s))];
  spans.push(...otherMentions(text, spans, names));
  spans.push(...shortForms(text, spans));
  // The patterns' dates and amounts are exact; a model span covering more of the same kind wins.
  const patterns = rules.filter((s) => !isName(s.type));
  return mergeSpans([...spans, ...patterns]);
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

/** Each name's type: the one most of its mentions got (ties: first seen). */
function consistentTypes(spans: readonly EntitySpan[]): Map<string, EntityType> {
  const votes = new Map<string, Map<EntityType, number>>();
  for (const s of spans) {
    if (!isName(s.type)) continue;
    const v = votes.get(s.text) ?? new Map<EntityType, number>();
    v.set(s.type, (v.get(s.type) ?? 0) + 1);
    votes.set(s.text, v);
  }
  const out = new Map<string, EntityType>();
  for (const [name, v] of votes) out.set(name, [...v].sort((a, b) => b[1] - a[1])[0]![0]);
  return out;
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
