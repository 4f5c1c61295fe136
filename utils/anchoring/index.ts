import search from 'approx-string-match';

/**
 * Highlights are anchored to text, not to DOM paths: W3C Web Annotation selectors over
 * an article's text. A highlight is placed again by (1) its position, if the text there
 * is still the quote; (2) the exact quote, several occurrences told apart by the text
 * around them and nearness to the old position; (3) the quote with typographic noise
 * removed (curly quotes, dashes, white space); (4) an approximate match of the quote
 * (approx-string-match, as Hypothesis does), weighed the same way. A quote that is gone
 * gives null: the highlight is kept and shown as orphaned.
 */

export interface TextQuoteSelector {
  type: 'TextQuoteSelector';
  exact: string;
  prefix: string;
  suffix: string;
}

export interface TextPositionSelector {
  type: 'TextPositionSelector';
  start: number;
  end: number;
}

export interface Selectors {
  quote: TextQuoteSelector;
  /** Absent when an imported annotation gave none: the quote alone finds the text. */
  position?: TextPositionSelector;
}

export interface Anchor {
  start: number;
  end: number;
}

/** Characters of context kept on each side of a quote. */
export const CONTEXT = 32;

export function describeTextQuote(text: string, start: number, end: number): Required<Selectors> {
  if (start < 0 || end > text.length || end <= start) throw new RangeError(`Bad range ${start}–${end} in a text of ${text.length}`);
  return {
    quote: {
      type: 'TextQuoteSelector',
      exact: text.slice(start, end),
      prefix: text.slice(Math.max(0, start - CONTEXT), start),
      suffix: text.slice(end, end + CONTEXT),
    },
    position: { type: 'TextPositionSelector', start, end },
  };
}

/** Typographic noise that must not stop a quote from matching: ‘’“” → '", –— → -, runs of space → one. */
function fold(ch: string): string {
  switch (ch) {
    case '‘':
    case '’':
    case '‚':
    case '‛':
    case '′':
    case '`':
      return "'";
    case '“':
    case '”':
    case '„':
    case '‟':
    case '″':
    case '«':
    case '»':
      return '"';
    case '–':
    case '—':
    case '‐':
    case '‑':
    case '−':
      return '-';
    default:
      return /\s/.test(ch) ? ' ' : ch;
  }
}

interface Folded {
  text: string;
  /** Index in the original text of each folded character, plus the end. */
  map: number[];
}

/** Fold a text, collapsing white space runs, keeping a map back to the original offsets. */
export function foldText(text: string): Folded {
  let out = '';
  const map: number[] = [];
  let lastSpace = false;
  for (let i = 0; i < text.length; i++) {
    const ch = fold(text.charAt(i));
    if (ch === ' ') {
      if (lastSpace) continue;
      lastSpace = true;
    } else lastSpace = false;
    out += ch;
    map.push(i);
  }
  map.push(text.length);
  return { text: out, map };
}

/**
 * How much each kind of evidence counts when a quote occurs in several places (the same
 * weights as Hypothesis' match-quote, so both tools pick the same occurrence): the quote's
 * own similarity first, then the text before and after it, and nearness to where it was
 * only as a tie-breaker.
 */
export const QUOTE_WEIGHT = 50;
export const PREFIX_WEIGHT = 20;
export const SUFFIX_WEIGHT = 20;
export const POSITION_WEIGHT = 2;
const MAX_SCORE = QUOTE_WEIGHT + PREFIX_WEIGHT + SUFFIX_WEIGHT + POSITION_WEIGHT;

/**
 * The error budget of an approximate search, as Hypothesis allows it: up to half the
 * quote's length, at most 256 edits.
 */
export function errorBudget(quoteLength: number): number {
  return Math.min(256, Math.floor(quoteLength / 2));
}

/**
 * Similarity (0–1) of `actual` text to the `expected` context: 1 − edit distance / length,
 * so one inserted or changed character costs one character, not the whole context.
 */
export function contextScore(actual: string, expected: string): number {
  if (!expected.length || !actual.length) return 0;
  if (actual === expected) return 1;
  const found = search(actual, expected, expected.length);
  if (!found.length) return 0;
  return 1 - Math.min(...found.map((m) => m.errors)) / expected.length;
}

interface Candidate {
  start: number;
  end: number;
  errors: number;
}

export interface QuoteContext {
  prefix?: string;
  suffix?: string;
  /** Where the quote was (an offset in the text): a tie-breaker between equal matches. */
  hint?: number;
}

/** Score (0–1) of one place a quote matched, from its errors, its context and its position. */
function scoreCandidate(text: string, c: Candidate, quoteLength: number, context: QuoteContext): { score: number; context: number } {
  const quoteScore = 1 - c.errors / Math.max(1, quoteLength);
  const prefixScore = context.prefix ? contextScore(text.slice(Math.max(0, c.start - context.prefix.length), c.start), context.prefix) : 1;
  const suffixScore = context.suffix ? contextScore(text.slice(c.end, c.end + context.suffix.length), context.suffix) : 1;
  const positionScore = context.hint === undefined ? 1 : 1 - Math.min(1, Math.abs(c.start - context.hint) / Math.max(1, text.length));
  const raw = QUOTE_WEIGHT * quoteScore + PREFIX_WEIGHT * prefixScore + SUFFIX_WEIGHT * suffixScore + POSITION_WEIGHT * positionScore;
  return { score: raw / MAX_SCORE, context: (prefixScore + suffixScore) / 2 };
}

/**
 * Pick the best of several places a quote (or an approximation of it) occurs; the first
 * (lowest offset) wins a tie.
 */
function best(
  text: string,
  candidates: Candidate[],
  quote: TextQuoteSelector,
  hint: number | undefined,
): (Candidate & { context: number; score: number }) | null {
  let top: (Candidate & { context: number; score: number }) | null = null;
  const context: QuoteContext = { prefix: quote.prefix, suffix: quote.suffix, hint };
  for (const c of candidates) {
    const scored = scoreCandidate(text, c, quote.exact.length, context);
    if (!top || scored.score > top.score) top = { ...c, ...scored };
  }
  return top;
}

/**
 * The best match of a quote in a text, scored 0–1 — exact occurrences if there are any,
 * otherwise approximate ones within the error budget; null when there is none. The same
 * contract as Hypothesis' `matchQuote`, whose test cases run against it (tests/unit/match-quote.test.ts).
 */
export function matchQuote(text: string, quote: string, context: QuoteContext = {}): { start: number; end: number; score: number } | null {
  if (!quote || !text) return null;
  let candidates = exactCandidates(text, quote);
  if (!candidates.length) candidates = search(text, quote, errorBudget(quote.length));
  if (!candidates.length) return null;
  let top: { start: number; end: number; score: number } | null = null;
  for (const c of candidates) {
    const { score } = scoreCandidate(text, c, quote.length, context);
    if (!top || score > top.score) top = { start: c.start, end: c.end, score };
  }
  return top;
}

function exactCandidates(text: string, exact: string, limit = 1000): Candidate[] {
  const out: Candidate[] = [];
  for (let at = text.indexOf(exact); at >= 0 && out.length < limit; at = text.indexOf(exact, at + 1)) {
    out.push({ start: at, end: at + exact.length, errors: 0 });
  }
  return out;
}

export interface AnchorOptions {
  /**
   * Largest share of the quote that may differ in an approximate match. By default
   * Hypothesis' budget (half the quote, at most 256 edits); a match with more than a
   * tenth of it changed must still stand where its context says.
   */
  maxErrorRate?: number;
}

/** Where the selectors point in `text` now, or null when the quoted text is gone. */
export function anchor(text: string, selectors: Partial<Selectors> & { quote: TextQuoteSelector }, options: AnchorOptions = {}): Anchor | null {
  const { quote, position } = selectors;
  const exact = quote.exact;
  if (!exact) return null;
  // 1. The position still holds.
  if (position && position.end <= text.length && text.slice(position.start, position.end) === exact) {
    return { start: position.start, end: position.end };
  }
  const hint = position?.start;
  // 2. The exact quote.
  const exacts = exactCandidates(text, exact);
  const [only] = exacts;
  if (only && exacts.length === 1) return { start: only.start, end: only.end };
  if (exacts.length > 1) {
    const chosen = best(text, exacts, quote, hint)!;
    return { start: chosen.start, end: chosen.end };
  }
  // 3. The quote without typographic noise.
  const folded = foldedCache(text);
  const foldedQuote: TextQuoteSelector = {
    ...quote,
    exact: foldText(exact).text.trim(),
    prefix: foldText(quote.prefix).text,
    suffix: foldText(quote.suffix).text,
  };
  const foldedHint = hint === undefined ? undefined : folded.map.findIndex((i) => i >= hint);
  // A candidate lies inside the folded text, and map has an entry for each of its characters.
  const back = (c: Candidate): Anchor => ({ start: folded.map[c.start]!, end: folded.map[c.end - 1]! + 1 });
  if (!foldedQuote.exact) return null;
  const foldedExacts = exactCandidates(folded.text, foldedQuote.exact);
  if (foldedExacts.length) return back(best(folded.text, foldedExacts, foldedQuote, foldedHint)!);
  // 4. An approximate match: near where it was first (cheap), then anywhere.
  const maxErrors = options.maxErrorRate === undefined ? errorBudget(foldedQuote.exact.length) : Math.floor(foldedQuote.exact.length * options.maxErrorRate);
  if (maxErrors < 1) return null;
  const acceptable = (c: (Candidate & { context: number }) | null) =>
    // An approximate match must be close, or stand where its context says it should: a
    // short quote matches something, with enough errors allowed, in any long text.
    !!c && !(c.errors / foldedQuote.exact.length > 0.1 && c.context < 0.5);
  if (foldedHint !== undefined && foldedHint >= 0 && folded.text.length > 8192) {
    const from = Math.max(0, foldedHint - 4096);
    const window = folded.text.slice(from, foldedHint + foldedQuote.exact.length + 4096);
    const near = search(window, foldedQuote.exact, maxErrors).map((c) => ({ ...c, start: c.start + from, end: c.end + from }));
    const chosen = near.length ? best(folded.text, near, foldedQuote, foldedHint) : null;
    if (acceptable(chosen) && chosen!.context >= 0.5) return back(chosen!);
  }
  const approx = search(folded.text, foldedQuote.exact, maxErrors);
  if (!approx.length) return null;
  const chosen = best(folded.text, approx, foldedQuote, foldedHint)!;
  return acceptable(chosen) ? back(chosen) : null;
}

// Anchoring many highlights in one text folds it once.
let cachedText: string | null = null;
let cachedFolded: Folded | null = null;
function foldedCache(text: string): Folded {
  if (text !== cachedText) {
    cachedText = text;
    cachedFolded = foldText(text);
  }
  return cachedFolded!;
}
