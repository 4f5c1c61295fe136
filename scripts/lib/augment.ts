import type { EntityType } from '../../utils/entities/types';
import { hasBatchim, HANGUL } from '../../utils/text/scripts';
import type { KlueSentence } from './klue';

/**
 * Mention replacement (Dai & Adel, "An Analysis of Simple Data Augmentation for Named Entity
 * Recognition", COLING 2020): copies of training sentences with their names swapped for other
 * names of the same kind from the same training sentences, so that the tagger learns a name's
 * place from its context more than from the name itself. KLUE's fit split is 4,002 sentences;
 * most names in the test split were never seen in it.
 */

type Span = KlueSentence['spans'][number];

const SWAPPED: readonly EntityType[] = ['person', 'org', 'place'];
/** A name that is swapped and swapped in: a person, organisation or place of two characters or more (not the 박 of 박씨). */
const swappable = (span: Span) => SWAPPED.includes(span.type) && span.end - span.start >= 2;

/** Particle pairs whose form follows the sound before them: after a final consonant, after a vowel. */
const PAIRS: readonly [string, string][] = [
  ['은', '는'],
  ['이', '가'],
  ['을', '를'],
  ['과', '와'],
];

/**
 * The particle after a name, agreeing with the name's last syllable (김민준은 → 이서아는).
 * Only where it is one syllable followed by no Hangul (a particle, not the start of a word), and
 * 으로/로 (로 also after ㄹ).
 */
export function agreeingParticle(name: string, after: string): string {
  const last = name.charCodeAt(name.length - 1);
  if (!HANGUL.test(name.at(-1) ?? '')) return after;
  const closed = hasBatchim(last);
  const rieul = closed && (last - 0xac00) % 28 === 8;
  if (/^으로(?![\uac00-\ud7a3])/.test(after) && (!closed || rieul)) return `로${after.slice(2)}`;
  if (/^로(?![\uac00-\ud7a3])/.test(after) && closed && !rieul) return `으로${after.slice(1)}`;
  if (HANGUL.test(after[1] ?? '')) return after;
  for (const [consonant, vowel] of PAIRS) {
    if (after[0] === consonant && !closed) return vowel + after.slice(1);
    if (after[0] === vowel && closed) return consonant + after.slice(1);
  }
  return after;
}

/** The names of each kind in `sentences` (two characters or more), to swap in. */
export function mentionPool(sentences: readonly Pick<KlueSentence, 'text' | 'spans'>[]): Map<EntityType, string[]> {
  const pool = new Map<EntityType, string[]>();
  for (const s of sentences)
    for (const span of s.spans) {
      if (!swappable(span)) continue;
      const list = pool.get(span.type) ?? [];
      list.push(s.text.slice(span.start, span.end));
      pool.set(span.type, list);
    }
  return pool;
}

/**
 * `copies` versions of each sentence that has a name of two characters or more, each such name
 * swapped with probability `p` for a random name of its kind from `pool` (the particle after it
 * made to agree); sentences where nothing was swapped are left out. Their neutral spans are not
 * kept: training reads the spans only.
 */
export function swapMentions(
  sentences: readonly KlueSentence[],
  pool: ReadonlyMap<EntityType, readonly string[]>,
  random: () => number,
  copies: number,
  p: number,
): KlueSentence[] {
  const out: KlueSentence[] = [];
  for (const s of sentences) {
    if (!s.spans.some(swappable)) continue;
    const sorted = [...s.spans].sort((a, b) => a.start - b.start);
    for (let c = 0; c < copies; c++) {
      let text = '';
      let at = 0;
      let swapped = false;
      const spans: Span[] = [];
      sorted.forEach((span, k) => {
        const names = pool.get(span.type);
        const swap = swappable(span) && names?.length && random() < p;
        const name = swap ? names[Math.floor(random() * names.length)]! : s.text.slice(span.start, span.end);
        text += s.text.slice(at, span.start);
        const start = text.length;
        text += name;
        spans.push({ ...span, start, end: text.length });
        at = span.end;
        if (swap) {
          swapped = true;
          // The particle after this name: the text up to the next name starts with it.
          const next = sorted[k + 1]?.start ?? s.text.length;
          text += agreeingParticle(name, s.text.slice(span.end, next));
          at = next;
        }
      });
      text += s.text.slice(at);
      if (swapped) out.push({ ...s, id: `${s.id}#swap${c}`, text, spans, neutral: [] });
    }
  }
  return out;
}
