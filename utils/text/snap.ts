/**
 * Snapping a selection to whole words, so a highlight never starts or ends inside one
 * (", he said … more than tr" becomes "he said … more than tree").
 *
 * A word is a run of letters, digits and joining marks (apostrophes, hyphens inside a word).
 * Korean is written in eojeol — a word with its particles attached, between spaces — so a
 * Korean selection grows to whole eojeol, and then, where it was grown to end on a particle
 * (딥시크가, 정부는), the particle is left out: the highlight is the name, not its grammar. A
 * selection that already ended at a word's end keeps its particle (issue 22: the reader chose it).
 */

const WORD = /[\p{L}\p{N}\p{M}]/u;
import { HANGUL } from './scripts';
const JOINER = /['’\-‐]/u;
/** What a highlight does not start with: spaces, and punctuation that ends what came before. */
const LEAD = /[\s,.;:!?)\]}’”»›」』…·—–-]/u;
/** What a highlight does not end with: spaces, and punctuation that opens what comes after. */
const TRAIL = /[\s,;:([{‘“«‹「『—–-]/u;

function isWordAt(text: string, i: number): boolean {
  const c = text[i];
  if (c === undefined) return false;
  if (WORD.test(c)) return true;
  // An apostrophe or hyphen between two letters (don't, well-known) is part of the word.
  return JOINER.test(c) && WORD.test(text[i - 1] ?? '') && WORD.test(text[i + 1] ?? '');
}

export interface SnapOptions {
  /** Korean particles, longest first is not required (the longest that fits is taken). */
  particles?: readonly string[];
}

/**
 * [start, end) grown to whole words and trimmed of spaces and dangling punctuation, with a
 * trailing Korean particle left out. Answers the range unchanged when nothing would remain.
 */
export function snapToWords(text: string, start: number, end: number, options: SnapOptions = {}): { start: number; end: number } {
  let s = Math.max(0, Math.min(start, end));
  let e = Math.min(text.length, Math.max(start, end));
  // Trim first, so a selection that begins with ", " does not grow into the word before it.
  while (s < e && LEAD.test(text[s]!)) s++;
  while (e > s && TRAIL.test(text[e - 1]!)) e--;
  if (s >= e) return { start, end };
  // A selection that already ends at a word's end was made so on purpose (the reader took
  // the particle with the name): it keeps its end. Only an end grown here loses a particle.
  const endedAtBoundary = !(isWordAt(text, e) && isWordAt(text, e - 1));
  while (s > 0 && isWordAt(text, s - 1) && isWordAt(text, s)) s--;
  while (e < text.length && isWordAt(text, e) && isWordAt(text, e - 1)) e++;
  const particles = options.particles ?? [];
  if (particles.length && !endedAtBoundary && HANGUL.test(text[e - 1] ?? '')) {
    // The last eojeol of the selection: from the last space (or the start) to the end.
    let w = e;
    while (w > s && isWordAt(text, w - 1)) w--;
    const eojeol = text.slice(w, e);
    let best = '';
    for (const p of particles) if (p.length > best.length && eojeol.endsWith(p) && eojeol.length - p.length >= 2) best = p;
    if (best) e -= best.length;
  }
  return { start: s, end: e };
}
