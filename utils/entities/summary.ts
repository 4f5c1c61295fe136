import { entityKey, ENTITY_TYPES, type EntitySpan, type EntityType } from './types';

export interface EntityGroup {
  type: EntityType;
  /** The name as shown (its first mention's spelling). */
  text: string;
  /** Mentions in text order. */
  spans: EntitySpan[];
}

/**
 * The distinct entities of an article, grouped by kind: identical names merge (case and
 * spacing aside), most-mentioned first, then in order of first appearance.
 */
export function summarizeEntities(spans: EntitySpan[]): Map<EntityType, EntityGroup[]> {
  const groups = new Map<string, EntityGroup>();
  for (const span of [...spans].sort((a, b) => a.start - b.start)) {
    const k = entityKey(span);
    const group = groups.get(k);
    if (group) group.spans.push(span);
    else groups.set(k, { type: span.type, text: span.text, spans: [span] });
  }
  const out = new Map<EntityType, EntityGroup[]>();
  for (const type of ENTITY_TYPES) {
    const list = [...groups.values()].filter((g) => g.type === type);
    list.sort((a, b) => b.spans.length - a.spans.length || a.spans[0].start - b.spans[0].start);
    if (list.length) out.set(type, list);
  }
  return out;
}

/** Mentions per kind. */
export function countByType(spans: EntitySpan[]): Map<EntityType, number> {
  const counts = new Map<EntityType, number>();
  for (const s of spans) counts.set(s.type, (counts.get(s.type) ?? 0) + 1);
  return counts;
}

/** The entities inside [start, end) — a highlight's — each name and kind once, in text order. */
export function entitiesWithin(spans: readonly EntitySpan[], start: number, end: number): { text: string; type: EntityType }[] {
  const seen = new Set<string>();
  const out: { text: string; type: EntityType }[] = [];
  for (const span of spans) {
    const key = `${span.type}:${span.text}`;
    if (span.start < start || span.end > end || seen.has(key)) continue;
    seen.add(key);
    out.push({ text: span.text, type: span.type });
  }
  return out;
}
