import { entityKey, ENTITY_TYPES, normalizeName, type EntitySpan, type EntityType } from './types';

export interface EntityGroup {
  /** One key per entity (kind and name, case aside): what the reader's marks carry as data-entity. */
  key: string;
  type: EntityType;
  /** The name as shown: the fuller name the mentions stand for, else the first mention's spelling. */
  text: string;
  /** Mentions in text order (short forms included). */
  spans: EntitySpan[];
}

/** The name a mention stands for: its canonical (fuller) name when the article gives one. */
export const entityName = (span: Pick<EntitySpan, 'text' | 'canonical'>): string => normalizeName(span.canonical || span.text);

/** The entity a mention belongs to: "Assange" (canonical "Julian Assange") and "Julian Assange" share one. */
export const groupKey = (span: Pick<EntitySpan, 'text' | 'type' | 'canonical'>): string => entityKey({ text: entityName(span), type: span.type });

/**
 * The distinct entities of an article, grouped by kind: mentions of one name merge (case and
 * spacing aside, short forms with the fuller name they stand for), most-mentioned first, then
 * in order of first appearance.
 */
export function summarizeEntities(spans: EntitySpan[]): Map<EntityType, EntityGroup[]> {
  const groups = new Map<string, EntityGroup>();
  for (const span of [...spans].sort((a, b) => a.start - b.start)) {
    const key = groupKey(span);
    const group = groups.get(key);
    if (group) group.spans.push(span);
    else groups.set(key, { key, type: span.type, text: normalizeName(span.text), spans: [span] });
  }
  for (const group of groups.values()) {
    const fuller = group.spans.find((s) => s.canonical)?.canonical;
    if (fuller) group.text = normalizeName(fuller);
  }
  const out = new Map<EntityType, EntityGroup[]>();
  for (const type of ENTITY_TYPES) {
    const list = [...groups.values()].filter((g) => g.type === type);
    // A group exists because it has a span, so spans[0] is always there.
    list.sort((a, b) => b.spans.length - a.spans.length || a.spans[0]!.start - b.spans[0]!.start);
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

/**
 * The entities inside [start, end) — a highlight's — each once, in text order, named as the
 * article's list names them (a short form by its fuller name).
 */
export function entitiesWithin(spans: readonly EntitySpan[], start: number, end: number): { text: string; type: EntityType }[] {
  const seen = new Set<string>();
  const out: { text: string; type: EntityType }[] = [];
  for (const span of spans) {
    const key = groupKey(span);
    if (span.start < start || span.end > end || seen.has(key)) continue;
    seen.add(key);
    out.push({ text: entityName(span), type: span.type });
  }
  return out;
}

/** How many names a library card shows. */
export const PRINCIPAL_NAMES = 5;

/**
 * The names an article is about, for its card in the library: people, organisations, places
 * and the works and products the reader filed, one per name whatever kind the recogniser gave each mention (the kind most of its
 * mentions had), most mentioned first. A name the article mentions once is shown only while
 * fewer than `max` names are mentioned more often, and a two-letter word in lower case after
 * its capital ("He", "It") is taken for the recogniser's mistake it nearly always is.
 */
export function principalEntities<T extends { text: string; type: EntityType; count: number }>(entities: readonly T[], max = PRINCIPAL_NAMES): T[] {
  const byName = new Map<string, { best: T; count: number }>();
  for (const e of entities) {
    if (e.type !== 'person' && e.type !== 'org' && e.type !== 'place' && e.type !== 'work') continue;
    if (/^[A-Z][a-z]?$/.test(e.text)) continue;
    const key = normalizeName(e.text).toLowerCase();
    const seen = byName.get(key);
    if (!seen) byName.set(key, { best: e, count: e.count });
    else {
      seen.count += e.count;
      if (e.count > seen.best.count) seen.best = e;
    }
  }
  const ranked = [...byName.values()].sort((a, b) => b.count - a.count).map(({ best, count }) => ({ ...best, count }));
  const repeated = ranked.filter((e) => e.count > 1);
  return (repeated.length >= max ? repeated : ranked).slice(0, max);
}

/**
 * The reader's splits (issue 24): a form the recogniser joined to a fuller name (a short form, a
 * variant in another script, through `canonical`) that is not that entity stands for itself.
 * `splits` maps an entity key to its split-off forms.
 */
export function applySplits(spans: EntitySpan[], splits: ReadonlyMap<string, readonly string[]>): EntitySpan[] {
  if (!splits.size) return spans;
  return spans.map((span) => {
    if (!span.canonical) return span;
    const forms = splits.get(groupKey(span));
    if (!forms?.includes(normalizeName(span.text))) return span;
    const { canonical: _canonical, ...alone } = span;
    return alone;
  });
}
