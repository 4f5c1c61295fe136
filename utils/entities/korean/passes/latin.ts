import { LATIN_STOPWORDS } from '../../lexicon-latin';
import { COMMON_NOUNS, ORG_AFTER, ORG_SUFFIXES, PREDICATE_FORM } from '../../lexicon-ko';
import type { Context, TokenRule } from '../context';
import { FAIR, GOOD, WEAK } from '../findings';
import { isLatinName, latinAcronym, ORG_LATIN_WORDS, orgSuffix } from '../shapes';

/**
 * Latin-script names inside Korean text: organisations unless another pass shows otherwise
 * (OpenAI, Deep Seek, KB국민은행, AMD 주가).
 */
const PASS = 'latin';

const CAPITALISED = /^[A-Z]/;
const CAPITALS = /^[A-Z]{2,}/;
const CAMEL_CASE = /[a-z][A-Z]/;
const INITIALS = /^[A-Z][A-Z&]{1,4}$/;
const ORG_AFTER_LIST = [...ORG_AFTER];

/** A Latin name (one or more capitalised words) ending at token i, joined by single spaces. */
export function latinNameEndingAt({ at, text }: Context, i: number): { text: string; from: number } | null {
  const t = at(i);
  if (!t || t.kind !== 'latin' || (!isLatinName(t.text) && !CAPITALS.test(t.text))) return null;
  let from = i;
  let head = t; // the token at `from`
  for (let prev = at(from - 1); prev; prev = at(from - 1)) {
    if (prev.kind !== 'latin' || head.glued || text.slice(prev.end, head.start) !== ' ') break;
    if (!CAPITALISED.test(prev.text)) break;
    from--;
    head = prev;
  }
  if (head.glued && at(from - 1)?.kind === 'hangul') return null; // 챗GPT
  const name = text.slice(head.start, t.end);
  if (from === i && LATIN_STOPWORDS.has(name)) return null;
  return { text: name, from };
}

/** Every Latin name is an organisation, weakly when it is a single capitalised word ("Seek"). */
export function latinNames(c: Context): void {
  const { tokens, n, at, text, found } = c;
  for (let i = 0; i < n; i++) {
    const t = tokens[i]!; // i < n
    if (t.kind !== 'latin') continue;
    const next = at(i + 1);
    if (next && next.kind === 'latin' && !next.glued && text.slice(t.end, next.start) === ' ' && CAPITALISED.test(next.text)) continue; // not the end yet
    const name = latinNameEndingAt(c, i);
    if (!name) continue;
    const words = name.text.split(' ');
    if (words.length === 1 && !latinAcronym(name.text) && !CAMEL_CASE.test(name.text)) {
      // A single capitalised word ("Seek") is weak evidence on its own.
      found.add(name.text, 'org', WEAK, PASS, 'single-word');
      continue;
    }
    found.add(name.text, 'org', ORG_LATIN_WORDS.test(name.text) ? GOOD : FAIR, PASS, 'name');
  }
}

/**
 * Latin initials glued to a Hangul organisation name are one name: SK수펙스추구협의회, KB국민은행,
 * CJ제일제당 주가 (an organisation suffix, or organisation context after it).
 */
export const latinInitials: TokenRule = ({ at, found }, i) => {
  const t = at(i)!; // a token rule's index is in the text
  const prev = at(i - 1);
  const next = at(i + 1);
  if (
    t.kind === 'latin' &&
    INITIALS.test(t.text) &&
    !(t.glued && prev && (prev.kind === 'hangul' || prev.kind === 'latin')) &&
    next?.kind === 'hangul' &&
    next.glued &&
    next.stem.length >= 2
  ) {
    const after = at(i + 2);
    const context = !next.particle && after?.kind === 'hangul' && !after.glued && ORG_AFTER.has(after.stem);
    const suffix = orgSuffix(next.stem) || ORG_SUFFIXES.includes(next.stem);
    if ((suffix || context) && !ORG_AFTER_LIST.some((w) => next.stem.startsWith(w)) && !COMMON_NOUNS.has(next.stem) && !PREDICATE_FORM.test(next.stem)) {
      found.add(t.text + next.stem, 'org', GOOD, PASS, 'initials');
    }
  }
};

/** Latin names followed by organisation context: AMD주가도, Deep Seek 연구개발팀. */
export function latinContext(c: Context): void {
  const { tokens, n, found } = c;
  for (let i = 0; i < n - 1; i++) {
    const t = tokens[i]!; // i < n
    const next = tokens[i + 1]!; // i < n - 1
    if (t.kind !== 'latin' || next.kind !== 'hangul') continue;
    const name = latinNameEndingAt(c, i);
    if (!name) continue;
    if (ORG_AFTER.has(next.stem) || (next.glued && ORG_AFTER_LIST.some((w) => next.text.startsWith(w))))
      found.add(name.text, 'org', FAIR, PASS, 'context-after');
  }
}
