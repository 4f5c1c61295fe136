import { describe, it } from 'vitest';
import { expectFound, expectNothingFound, type PassCase } from '../../support/korean-passes';

// The coordination pass (utils/entities/korean/passes/coordination.ts). Sentences and names written for this table.
describe('coordination pass', () => {
  it.each<PassCase>([
    ['누벨과 새봄전자는 협약을 맺었다.', 'and', '누벨', 'org'],
    ['영화제는 칼바와 부산에서 열린다.', 'and', '칼바', 'place'],
    ['부산·가람군 일대에 비가 내렸다.', 'dot-list', '가람군', 'place'],
    // Issue 19: the typed name comes first and gives its type to the one after it.
    ['새봄전자와 도담은 공동 개발에 합의했다.', 'and-after', '도담', 'org'],
    ['회의는 부산과 칼바의 시청에서 번갈아 열린다.', 'and-after', '칼바', 'place'],
  ])('%s — %s', (...row) => expectFound('coordination', row));

  it.each([
    // The partner modifies the next word instead of ending the phrase.
    '누벨과 미국 국영 업체가 손을 잡았다.',
    // After a typed name, only a subject or a possessive is its partner: an object or an adverbial is what was done.
    '새봄전자와 업무협약을 체결했다.',
    '새봄전자와 경고통신에도 응하지 않았다.',
  ])('finds nothing in %s', (text) => expectNothingFound('coordination', text));
});
