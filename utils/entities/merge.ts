import type { EntitySpan, EntityType } from './types';

// Where spans overlap: expressions found by pattern beat names, then the longer span,
// then this order.
const RANK: Record<EntityType, number> = { date: 0, money: 0, percent: 0, person: 1, org: 2, place: 3, work: 3, misc: 4 };

/** Non-overlapping spans, in text order. */
export function mergeSpans(spans: EntitySpan[]): EntitySpan[] {
  const sorted = [...spans].sort(
    (a, b) =>
      (RANK[a.type] === 0 ? 0 : 1) - (RANK[b.type] === 0 ? 0 : 1) || b.end - b.start - (a.end - a.start) || RANK[a.type] - RANK[b.type] || a.start - b.start,
  );
  const taken: EntitySpan[] = [];
  const end = spans.reduce((max, s) => Math.max(max, s.end), 0);
  const used = new Uint8Array(end + 1);
  for (const span of sorted) {
    if (span.end <= span.start) continue;
    let free = true;
    for (let k = span.start; k < span.end && free; k++) if (used[k]) free = false;
    if (!free) continue;
    used.fill(1, span.start, span.end);
    taken.push(span);
  }
  return taken.sort((a, b) => a.start - b.start);
}
