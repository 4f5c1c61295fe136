import type { EntitySpan, EntityType } from '../types';

/**
 * Each name's type across an article: the one most of its mentions got (ties: the first seen).
 * `counts` says which spans vote (the Korean model lets only names vote, not dates or amounts).
 * Both learned recognisers make an article consistent with it.
 */
export function majorityTypes(spans: readonly EntitySpan[], counts: (type: EntityType) => boolean = () => true): Map<string, EntityType> {
  const votes = new Map<string, Map<EntityType, number>>();
  for (const s of spans) {
    if (!counts(s.type)) continue;
    const v = votes.get(s.text) ?? new Map<EntityType, number>();
    v.set(s.type, (v.get(s.type) ?? 0) + 1);
    votes.set(s.text, v);
  }
  const out = new Map<string, EntityType>();
  for (const [name, v] of votes) out.set(name, [...v].sort((a, b) => b[1] - a[1])[0]![0]);
  return out;
}
