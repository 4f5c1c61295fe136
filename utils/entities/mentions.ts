import type { EntityGroup } from './summary';
import { entityKey, normalizeName } from './types';

/** The longest first-mention sentence kept. */
export const FIRST_SENTENCE = 300;

/** What a visit saw of an entity beyond its name and count (stored locally: utils/db/entity-index.ts). */
export interface GroupMention {
  key: string;
  forms: string[];
  first: string;
}

const END = /[.!?。？！\n]/u;

/** The sentence around [start, end) of `text`: from after the previous sentence end to its own, clipped around the mention. */
export function sentenceAt(text: string, start: number, end: number, max = FIRST_SENTENCE): string {
  let from = start;
  while (from > 0 && !END.test(text[from - 1]!)) from--;
  let to = end;
  while (to < text.length && !END.test(text[to]!)) to++;
  if (to < text.length && text[to] !== '\n') to++;
  let sentence = text.slice(from, to).replace(/\s+/g, ' ').trim();
  if (sentence.length > max) {
    const at = Math.max(0, start - from - Math.floor(max / 3));
    sentence = `${at ? '…' : ''}${sentence.slice(at, at + max - 2).trim()}…`;
  }
  return sentence;
}

/** Each entity's forms (most mentioned first) and the sentence of its first mention, from the article's text. */
export function groupMentions(groups: readonly EntityGroup[], text: string): GroupMention[] {
  return groups.map((g) => {
    const counts = new Map<string, number>();
    for (const s of g.spans) counts.set(normalizeName(s.text), (counts.get(normalizeName(s.text)) ?? 0) + 1);
    const first = g.spans[0];
    return {
      key: entityKey({ text: g.text, type: g.type }),
      forms: [...counts].sort((x, y) => y[1] - x[1]).map(([f]) => f),
      first: first ? sentenceAt(text, first.start, first.end) : '',
    };
  });
}
