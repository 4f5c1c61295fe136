import { describe, expect, it } from 'vitest';
import { expectFound, expectNothingFound, runKorean, type PassCase } from '../../support/korean-passes';

// The suffixes pass (utils/entities/korean/passes/suffixes.ts). Sentences and names written for this table.
describe('suffixes pass', () => {
  it.each<PassCase>([
    ['새봄전자는 신제품을 내놨다.', 'org', '새봄전자', 'org'],
    ['경기는 한빛야구장에서 열린다.', 'venue', '한빛야구장', 'place'],
    ['행사는 경남 가람시에서 열렸다.', 'place', '가람시', 'place'],
    ['경남 가람시는 청년 창업을 지원했다.', 'government', '가람시', 'org'],
    ['부산시장은 회견을 열었다.', 'office', '부산시', 'org'],
  ])('%s — %s', (...row) => expectFound('suffixes', row));

  it('types each mention of a city by its own sentence: a place, then a government that acts', () => {
    const text = '행사는 경남 가람시에서 열렸다. 경남 가람시는 청년 창업을 지원했다.';
    expect(runKorean(text).spans.filter((s) => s.startsWith('가람시'))).toEqual(['가람시:place', '가람시:org']);
  });

  it.each(['주민 일부는 무인도에 들어갔다.', '걸그룹 멤버들이 무대에 올랐다.', '보이그룹 오디션에 지원자가 몰렸다.'])(
    'finds nothing in %s (a common word that ends like a suffix)',
    (text) => expectNothingFound('suffixes', text),
  );
});
