import { describe, expect, it } from 'vitest';
import { principalEntities } from '../../utils/entities/summary';
import type { EntityType } from '../../utils/entities/types';
import { formatDateTime, formatPublished } from '../../utils/format';

const e = (text: string, type: EntityType, count: number) => ({ text, type, count });

describe('the names a library card shows', () => {
  it('merges one name given several kinds, keeps the kind most mentions had, and ranks by mentions', () => {
    const names = principalEntities([e('Samsung', 'org', 5), e('samsung', 'place', 1), e('Seoul', 'place', 3), e('Lee Jae-yong', 'person', 4)]);
    expect(names.map((n) => [n.text, n.type, n.count])).toEqual([
      ['Samsung', 'org', 6],
      ['Lee Jae-yong', 'person', 4],
      ['Seoul', 'place', 3],
    ]);
  });

  it('leaves out dates, amounts and other names, and two-letter words the recogniser took for names', () => {
    const names = principalEntities([
      e('He', 'person', 9),
      e('It', 'org', 3),
      e('EU', 'org', 2),
      e('2025년 1월', 'date', 7),
      e('17%', 'percent', 4),
      e('American', 'misc', 5),
    ]);
    expect(names.map((n) => n.text)).toEqual(['EU']);
  });

  it('shows a name mentioned once only while fewer names are mentioned more often, and at most five', () => {
    const many = ['가', '나', '다', '라', '마', '바'].map((x, i) => e(`${x}기관`, 'org', 10 - i));
    expect(principalEntities([...many, e('한번나온사람', 'person', 1)]).map((n) => n.text)).toEqual(['가기관', '나기관', '다기관', '라기관', '마기관']);
    expect(principalEntities([e('정부', 'org', 3), e('한번나온사람', 'person', 1)]).map((n) => n.text)).toEqual(['정부', '한번나온사람']);
  });
});

describe('published times', () => {
  const seoul = () => 9 * 60;
  const london = () => 0;

  it('are shown as the reader reads time when the page is in the reader’s zone', () => {
    expect(formatPublished('2025-01-28T23:21:00+09:00', 'en-GB', seoul)).not.toMatch(/GMT/);
  });

  it('are shown in the page’s own zone, saying which, when it is not the reader’s', () => {
    const shown = formatPublished('2025-01-28T23:21:00+09:00', 'en-GB', london)!;
    expect(shown).toContain('23:21');
    expect(shown).toContain('28 January 2025');
    expect(shown).toMatch(/GMT\+9$/);
    expect(formatPublished('2025-01-28T08:00:00-05:00', 'en-GB', seoul)).toMatch(/08:00 GMT-5$/);
    expect(formatPublished('2025-01-28T08:00:00+05:30', 'en-GB', london)).toMatch(/08:00 GMT\+5:30$/);
    // Z states no zone (it is how sites store any time): the reader's own zone, never "GMT+0" (issue 22).
    expect(formatPublished('2025-01-28T08:00:00Z', 'en-GB', seoul)).not.toMatch(/GMT/);
    expect(formatPublished('2025-01-28T08:00:00Z', 'en-GB', seoul)).toBe(formatDateTime('2025-01-28T08:00:00Z', 'en-GB'));
    expect(formatPublished('2025-01-28T08:00:00+00:00', 'en-GB', seoul)).toMatch(/08:00 GMT$/);
  });

  it('keep a date without a time or zone as the page gave it', () => {
    expect(formatPublished('2025-01-28', 'en-GB', seoul)).toBe('28 January 2025');
    expect(formatPublished(null, 'en-GB')).toBeNull();
  });
});
