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
  position: TextPositionSelector;
}

export interface Anchor {
  start: number;
  end: number;
}

/** Characters of context kept on each side of a quote. */
export const CONTEXT = 32;

export function describe(text: string, start: number, end: number): Selectors {
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
    const ch = fold(text[i]);
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

/** Length of the common suffix of a and b (for prefixes: the text right before a match). */
function commonSuffix(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[a.length - 1 - n] === b[b.length - 1 - n]) n++;
  return n;
}

function commonPrefix(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[n] === b[n]) n++;
  return n;
}

interface Candidate {
  start: number;
  end: number;
  errors: number;
}

/**
 * Pick the best of several places a quote (or an approximation of it) occurs: quote
 * similarity first, then agreement of the text around it with prefix and suffix, then
 * nearness to where it was.
 */
function best(text: string, candidates: Candidate[], quote: TextQuoteSelector, hint: number | undefined): (Candidate & { context: number }) | null {
  let top: (Candidate & { context: number }) | null = null;
  let topScore = -Infinity;
  const quoteLength = Math.max(1, quote.exact.length);
  for (const c of candidates) {
    const quoteScore = 1 - c.errors / quoteLength;
    // Context is compared folded too: changed quote marks or spacing must not hide it.
    const before = foldText(text.slice(Math.max(0, c.start - quote.prefix.length * 2), c.start)).text;
    const after = foldText(text.slice(c.end, c.end + quote.suffix.length * 2)).text;
    const prefix = foldText(quote.prefix).text;
    const suffix = foldText(quote.suffix).text;
    const prefixScore = prefix.length ? commonSuffix(before, prefix) / prefix.length : 1;
    const suffixScore = suffix.length ? commonPrefix(after, suffix) / suffix.length : 1;
    const positionScore = hint === undefined ? 1 : 1 - Math.min(1, Math.abs(c.start - hint) / Math.max(1, text.length));
    const score = 50 * quoteScore + 20 * prefixScore + 20 * suffixScore + 2 * positionScore;
    if (score > topScore) {
      topScore = score;
      top = { ...c, context: (prefixScore + suffixScore) / 2 };
    }
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
   * Largest share of the quote that may differ in an approximate match (0.25: a typo
   * fixed, a word changed). Beyond it the quote is considered gone.
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
  if (exacts.length === 1) return { start: exacts[0].start, end: exacts[0].end };
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
  const back = (c: Candidate): Anchor => ({ start: folded.map[c.start], end: folded.map[c.end - 1] + 1 });
  if (!foldedQuote.exact) return null;
  const foldedExacts = exactCandidates(folded.text, foldedQuote.exact);
  if (foldedExacts.length) return back(best(folded.text, foldedExacts, foldedQuote, foldedHint)!);
  // 4. An approximate match: near where it was first (cheap), then anywhere.
  const maxErrors = Math.floor(foldedQuote.exact.length * (options.maxErrorRate ?? 0.25));
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
