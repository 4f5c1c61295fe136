import { describe, expect, it } from 'vitest';
import { countByType, entitiesWithin, groupKey, summarizeEntities } from '../../utils/entities/summary';
import type { EntitySpan, EntityType } from '../../utils/entities/types';

/** Spans for each `[text, type, canonical?]`, laid out one after another as in "a. b. c." */
function spans(...items: [string, EntityType, string?][]): EntitySpan[] {
  let at = 0;
  return items.map(([text, type, canonical]) => {
    const span: EntitySpan = { start: at, end: at + text.length, text, type, ...(canonical ? { canonical } : {}) };
    at += text.length + 2;
    return span;
  });
}

describe('summarizeEntities', () => {
  it('merges a short form with the fuller name it stands for, shows the fuller name and counts every mention', () => {
    const list = spans(
      ['Assange', 'person', 'Julian Assange'],
      ['WikiLeaks', 'org'],
      ['Julian Assange', 'person'],
      ['Assange', 'person', 'Julian Assange'],
      ['Obama', 'person'],
    );
    const people = summarizeEntities(list).get('person')!;
    expect(people.map((g) => [g.text, g.spans.length])).toEqual([
      ['Julian Assange', 3],
      ['Obama', 1],
    ]);
    // Mentions in text order, short ones included: the list's click goes through all of them.
    expect(people[0]!.spans.map((s) => s.start)).toEqual([list[0]!.start, list[2]!.start, list[3]!.start]);
    expect(people[0]!.key).toBe(groupKey(list[0]!));
    expect(groupKey(list[0]!)).toBe(groupKey(list[2]!));
  });

  it('shows the fuller name even when only short mentions carry it (Korean: 이 대표 → 이재용)', () => {
    const people = summarizeEntities(spans(['이 대표', 'person', '이재용'], ['이 대표', 'person', '이재용'], ['삼성전자', 'org'])).get('person')!;
    expect(people).toHaveLength(1);
    expect(people[0]!.text).toBe('이재용');
    expect(people[0]!.spans).toHaveLength(2);
  });

  it('keeps names apart that have no canonical name in common, and kinds apart', () => {
    const groups = summarizeEntities(spans(['Assange', 'person'], ['Julian Assange', 'person'], ['Georgia', 'place'], ['Georgia', 'person']));
    expect(groups.get('person')!.map((g) => g.text)).toEqual(['Assange', 'Julian Assange', 'Georgia']);
    expect(groups.get('place')!.map((g) => g.text)).toEqual(['Georgia']);
  });

  it('merges case and spacing variants, keeping the first spelling, most mentioned first', () => {
    const groups = summarizeEntities(
      spans(['량원펑', 'person'], ['NVIDIA', 'org'], ['Nvidia', 'org'], ['량원펑', 'person'], ['량원펑', 'person'], ['저커버그', 'person']),
    );
    expect(groups.get('person')!.map((g) => [g.text, g.spans.length])).toEqual([
      ['량원펑', 3],
      ['저커버그', 1],
    ]);
    expect(groups.get('org')!.map((g) => [g.text, g.spans.length])).toEqual([['NVIDIA', 2]]);
  });

  it('orders groups by mentions, then by first appearance, whatever the order of the input', () => {
    const list = spans(['B', 'person'], ['A', 'person'], ['A', 'person'], ['C', 'person']);
    expect(
      summarizeEntities([...list].reverse())
        .get('person')!
        .map((g) => g.text),
    ).toEqual(['A', 'B', 'C']);
  });
});

describe('countByType and entitiesWithin', () => {
  it('counts every mention per kind, short forms included', () => {
    const counts = countByType(spans(['Assange', 'person', 'Julian Assange'], ['Julian Assange', 'person'], ['3%', 'percent']));
    expect(counts.get('person')).toBe(2);
    expect(counts.get('percent')).toBe(1);
  });

  it('names a highlight’s entities as the list does: a short form by its fuller name, each once', () => {
    const list = spans(['Assange', 'person', 'Julian Assange'], ['Julian Assange', 'person'], ['London', 'place'], ['Obama', 'person']);
    expect(entitiesWithin(list, 0, list[2]!.end)).toEqual([
      { text: 'Julian Assange', type: 'person' },
      { text: 'London', type: 'place' },
    ]);
  });
});
