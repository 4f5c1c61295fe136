import { describe, it } from 'vitest';
import { expectFound, expectNothingFound, type PassCase } from '../../support/korean-passes';

// The quotations pass (utils/entities/korean/passes/quotations.ts). Sentences and names written for this table.
describe('quotations pass', () => {
  it.each<PassCase>([
    ['한도윤은 "내년에 다시 오겠다"고 말했다.', 'speaker', '한도윤', 'person'],
    ['마르코스는 "준비는 끝났다"라고 밝혔다.', 'speaker-name-like', '마르코스', 'person'],
    ['서하람은 "끝까지 가겠다"며 자리를 떴다.', 'speaker', '서하람', 'person'],
  ])('%s — %s', (...row) => expectFound('quotations', row));

  it.each([
    // A common noun as the subject; a quotation with no speech verb after it.
    '관계자는 "문제없다"고 말했다.',
    '한도윤은 "봄"이라는 제목의 책을 샀다.',
  ])('finds no speaker in %s', (text) => expectNothingFound('quotations', text));
});
