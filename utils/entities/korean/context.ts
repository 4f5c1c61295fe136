import type { EntityType } from '../types';
import { Findings, type KoreanTracer } from './findings';
import { SENTENCE_END, tokenize, type Token } from './tokens';

/**
 * What the passes share: the text, its tokens and sentences, the evidence found so far, and
 * the notes one pass leaves for a later one.
 */
export interface Context {
  readonly text: string;
  readonly tokens: readonly Token[];
  readonly n: number;
  /** The token at `i`, or undefined outside the text. */
  readonly at: (i: number) => Token | undefined;
  /** Sentence index of every token, for rules that look across a clause. */
  readonly sentenceOf: readonly number[];
  /** The index of the last token of token i's sentence. */
  readonly sentenceEnd: (i: number) => number;
  /** The text of token i's sentence. */
  readonly sentenceText: (i: number) => string;
  readonly found: Findings;
  /** Short forms of organisations (새한 for 새한 돌핀스) → the full name. */
  readonly shortForms: Map<string, string>;
  /** Mentions whose own sentence decides their kind (부산시는 … 지원했다 / 부산시에서 …), by start offset. */
  readonly mentionTypes: Map<number, EntityType>;
  /** The resolved type of every name, as of the last resolve (the passes that read types run after one). */
  types: Map<string, EntityType>;
}

export function createContext(text: string, tracer?: KoreanTracer): Context {
  const tokens = tokenize(text);
  const n = tokens.length;
  const at = (i: number): Token | undefined => (i >= 0 && i < n ? tokens[i] : undefined);

  const sentenceOf: number[] = [];
  const sentenceRange: [number, number][] = [];
  let sentence = 0;
  for (let i = 0; i < n; i++) {
    const t = tokens[i]!; // i < n
    const before = at(i - 1);
    if (before && text.slice(before.end, t.start).includes('\n')) sentence++;
    sentenceOf.push(sentence);
    const range = sentenceRange[sentence];
    if (range) range[1] = i;
    else sentenceRange[sentence] = [i, i];
    if (t.kind === 'punct' && SENTENCE_END.test(t.text)) sentence++;
  }
  // Every token has a sentence, and every sentence a range of tokens: the loop above made both.
  const sentenceEnd = (i: number): number => sentenceRange[sentenceOf[i]!]![1];
  const sentenceText = (i: number) => {
    const [a, b] = sentenceRange[sentenceOf[i]!]!;
    return text.slice(tokens[a]!.start, tokens[b]!.end);
  };

  return {
    text,
    tokens,
    n,
    at,
    sentenceOf,
    sentenceEnd,
    sentenceText,
    found: new Findings(tracer),
    shortForms: new Map(),
    mentionTypes: new Map(),
    types: new Map(),
  };
}

/** A rule that looks at one token (by index) and adds what it finds. */
export type TokenRule = (c: Context, i: number) => void;
