/** A span of an article's text. */
export interface Span {
  start: number;
  end: number;
}

/**
 * What a new highlight over `wanted` would do to the highlights already placed (issue 22: a
 * second keyboard highlight was drawn over the first): 'inside' one of them (the same words,
 * or fewer) — that highlight is the answer, recoloured at most; 'overlap' some of them — no
 * highlight is made over another; null — the words are free.
 */
export function overlapOf(placed: Iterable<[string, Span]>, wanted: Span): { kind: 'inside'; id: string } | { kind: 'overlap' } | null {
  let overlap = false;
  for (const [id, span] of placed) {
    if (span.end <= wanted.start || span.start >= wanted.end) continue;
    if (span.start <= wanted.start && span.end >= wanted.end) return { kind: 'inside', id };
    overlap = true;
  }
  return overlap ? { kind: 'overlap' } : null;
}
