import { COMMON_NOUNS, ROLES_BEFORE } from '../../lexicon-ko';
import type { Context } from '../context';
import { FAIR } from '../findings';
import { isNameLike, isTitle, placeSuffix } from '../shapes';
import { latinNameEndingAt } from './latin';

/**
 * Coordination: a name joined to a typed one takes its type (넷플릭스와 CJ ENM, 칸과 베를린에서; 삼성전자와 도담은),
 * and lists joined by "·" share a type (궁동·봉명동·어은동). Reads the types resolved so far.
 */
const PASS = 'coordination';

const AND = /^(?:와|과)$/;
const HANGUL_WORD = /^[\uac00-\ud7a3]+$/;
const SUBJECT = /^(?:은|는|이|가|의)$/;

/** X와 Y, X과 Y: X takes Y's type when Y is an organisation or a place. */
export function coordination(c: Context): void {
  const { tokens, n, at, text, found, types } = c;
  for (let i = 0; i < n - 1; i++) {
    const t = tokens[i]!; // i < n
    if (t.kind !== 'hangul' || !AND.test(t.particle)) continue;
    const word = t.stem;
    if (types.has(word)) {
      const next = tokens[i + 1]!; // i < n - 1
      const afterNext = at(i + 2);
      if (next.kind === 'hangul' && SUBJECT.test(next.particle) && (!afterNext || afterNext.kind !== 'hangul' || !afterNext.glued))
        joinedAfter(c, word, next.stem);
      continue;
    }
    if (COMMON_NOUNS.has(word) || !HANGUL_WORD.test(word) || isTitle(word) || ROLES_BEFORE.has(word)) continue;
    if (word.length > 1 && !isNameLike(word)) continue;
    const next = tokens[i + 1]!; // i < n - 1
    const afterNext = at(i + 2);
    let partner: string | null = null;
    // The partner must end its phrase (칸과 베를린에서), not modify the next word (X와 인도네시아 국영 업체).
    if (next.kind === 'hangul' && (next.particle || !afterNext || afterNext.kind === 'punct' || afterNext.text === '등')) partner = next.stem;
    else if (next.kind === 'latin') {
      let j = i + 1;
      for (let after = at(j + 1); after?.kind === 'latin' && text.slice(tokens[j]!.end, after.start) === ' '; after = at(j + 1)) j++;
      partner = latinNameEndingAt(c, j)?.text ?? null;
    }
    const type = partner ? types.get(partner) : undefined;
    if (!type || (type !== 'org' && type !== 'place')) continue;
    if (word.length === 1 && type !== 'place') continue;
    found.add(word, type, FAIR, PASS, 'and');
  }
}

/**
 * The other way round: an organisation or a place joined to an untyped name gives it its type
 * (삼성전자와 도담은 → 도담 is an organisation), when the name is a name by its shape and no
 * common word, title or role.
 */
function joinedAfter({ found, types }: Context, typed: string, name: string): void {
  const type = types.get(typed);
  if ((type !== 'org' && type !== 'place') || types.has(name) || name.length < 2) return;
  if (!HANGUL_WORD.test(name) || !isNameLike(name) || COMMON_NOUNS.has(name) || isTitle(name) || ROLES_BEFORE.has(name)) return;
  found.add(name, type, FAIR, PASS, 'and-after');
}

/** Lists joined by "·" share a type: 궁동·봉명동·어은동 (a place with a place suffix beside a place). */
export function dotLists({ tokens, n, found, types }: Context): void {
  for (let i = 1; i < n - 1; i++) {
    // 0 < i < n - 1: the token and both its neighbours exist.
    const dot = tokens[i]!;
    if (dot.text !== '·' || !dot.glued) continue;
    const left = tokens[i - 1]!;
    const right = tokens[i + 1]!;
    if (left.kind !== 'hangul' || right.kind !== 'hangul') continue;
    const lt = types.get(left.stem);
    const rt = types.get(right.stem);
    if (lt === 'place' && !rt && isNameLike(right.stem) && placeSuffix(right.stem)) found.add(right.stem, 'place', FAIR, PASS, 'dot-list');
    if (rt === 'place' && !lt && isNameLike(left.stem) && placeSuffix(left.stem)) found.add(left.stem, 'place', FAIR, PASS, 'dot-list');
  }
}
