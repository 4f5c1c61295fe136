import { describe, expect, it } from 'vitest';
import { anchor, matchQuote, POSITION_WEIGHT, PREFIX_WEIGHT, QUOTE_WEIGHT, SUFFIX_WEIGHT } from '../../utils/anchoring';
import { CONTEXT_CASES, HINT_CASE, MATCH_CASES, ORDER_CASES, twoCities } from '../fixtures/peers/hypothesis-match-quote';

// Hypothesis' match-quote cases (BSD-2, see the table's header) against Margin's matcher.
describe('Hypothesis match-quote cases', () => {
  it.each(MATCH_CASES)('$name', ({ text, quote, prefix, suffix, expected, score, startBeforePrefixLength }) => {
    const match = matchQuote(text, quote, { prefix, suffix });
    if (expected === null) return expect(match).toBeNull();
    expect(match).not.toBeNull();
    expect(text.slice(match!.start, match!.end)).toBe(expected);
    if (score === 'one') expect(match!.score).toBe(1);
    if (score === 'partial') {
      expect(match!.score).toBeGreaterThan(0);
      expect(match!.score).toBeLessThan(1);
    }
    if (startBeforePrefixLength) expect(prefix!.length).toBeGreaterThan(match!.start);
  });

  it.each(ORDER_CASES)('scores fall with $name', ({ text, runs }) => {
    const scores = runs.map((r) => matchQuote(text, r.quote, { prefix: r.prefix, suffix: r.suffix })!.score);
    for (let i = 1; i < scores.length; i++) expect(scores[i]).toBeLessThan(scores[i - 1]!);
  });

  it.each(CONTEXT_CASES)('best context: $name', ({ quote, prefix, suffix, expected }) => {
    const match = matchQuote(twoCities, quote, { prefix, suffix })!;
    expect(twoCities.slice(match.start, match.end)).toBe(quote);
    expect(match.start).toBe(twoCities.indexOf(expected));
    // The same choice through anchor(), which the reader uses (no position).
    const found = anchor(twoCities, { quote: { type: 'TextQuoteSelector', exact: quote, prefix: prefix ?? '', suffix: suffix ?? '' } })!;
    expect(found.start).toBe(twoCities.indexOf(expected));
  });

  it.each(HINT_CASE.hints)('uses the hint $hint as a tie-breaker', ({ hint, expected }) => {
    expect(matchQuote(HINT_CASE.text, HINT_CASE.quote, { hint })!.start).toBe(expected);
  });

  it('names its weights, as Hypothesis does', () => {
    expect([QUOTE_WEIGHT, PREFIX_WEIGHT, SUFFIX_WEIGHT, POSITION_WEIGHT]).toEqual([50, 20, 20, 2]);
  });
});

describe('approximate context in anchor()', () => {
  it('with one character inserted before a quote, still picks the occurrence its prefix names', () => {
    const text = 'The council said: the budget passed. Later, the mayor said: the budget passed.';
    const second = text.lastIndexOf('the budget passed');
    // Saved when the text read "the mayor said:"; one character has since been inserted into that context.
    const edited = text.replace('mayor said', 'mayor  said');
    const at = edited.lastIndexOf('the budget passed');
    const found = anchor(edited, { quote: { type: 'TextQuoteSelector', exact: 'the budget passed', prefix: 'Later, the mayor said: ', suffix: '.' } });
    expect(found).toEqual({ start: at, end: at + 'the budget passed'.length });
    expect(second).toBeGreaterThan(0);
  });
});
