/** The tokens of Korean text: Hangul words (split from their particle), Latin words, Hanja, numbers, punctuation. */

import { PARTICLES } from '../lexicon-ko';
import { isHangulCode } from '../../text/scripts';

export type Kind = 'hangul' | 'latin' | 'han' | 'num' | 'punct';

export interface Token {
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

export const PARTICLE_SET: ReadonlySet<string> = new Set(PARTICLES);
const MAX_PARTICLE = Math.max(...PARTICLES.map((p) => p.length));

/** A Hangul word split into its noun and the longest particle it ends in: 딥시크가 → 딥시크 + 가. */
export function splitParticle(word: string): { stem: string; particle: string } {
  for (let len = Math.min(MAX_PARTICLE, word.length - 1); len >= 1; len--) {
    const p = word.slice(-len);
    if (PARTICLE_SET.has(p)) return { stem: word.slice(0, -len), particle: p };
  }
  return { stem: word, particle: '' };
}

export function tokenize(text: string): Token[] {
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

export const QUOTES_OPEN: ReadonlySet<string> = new Set(['"', '“', "'", '‘', '「', '『', '<', '《', '〈']);
export const SENTENCE_END = /[.?!…]/;
