import { describe, it } from 'vitest';
import { expectFound, expectNothingFound, type PassCase } from '../../support/korean-passes';

// The consistency pass (utils/entities/korean/passes/consistency.ts). Sentences and names written for this table.
describe('consistency pass', () => {
  it.each<PassCase>([
    ['한결신소재가 공장을 지었다. 한결은 내년 상장을 추진한다.', 'short-form', '한결', 'org'],
    ['루카스 벨몬트 감독이 왔다. 벨몬트는 웃었다.', 'family-name', '벨몬트', 'person'],
    ['천웨이밍(陳偉明)은 회사를 세웠다. 천웨이민은 이후 회장이 됐다.', 'variant', '천웨이민', 'person'],
  ])('%s — %s', (...row) => expectFound('consistency', row));

  it.each([
    // A family name that does not stand alone; a name one syllable apart but with another first syllable.
    '루카스 벨몬트 감독이 왔다. 벨몬트 영화는 흥행했다.',
    '천웨이밍(陳偉明)은 회사를 세웠다. 단웨이밍은 이후 회장이 됐다.',
  ])('finds nothing in %s', (text) => expectNothingFound('consistency', text));
});
