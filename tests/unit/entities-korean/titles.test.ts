import { describe, it } from 'vitest';
import { expectFound, expectNothingFound, type PassCase } from '../../support/korean-passes';

// The titles pass (utils/entities/korean/passes/titles.ts). Sentences and names written for this table.
describe('titles pass', () => {
  it.each<PassCase>([
    ['회의에는 도윤석 전 대표가 참석했다.', 'modifier', '도윤석', 'person'],
    ['간담회를 연 채서린 현 회장은 말을 아꼈다.', 'modifier', '채서린', 'person'],
    ['탁서현 바른내일 전 공동대표가 성명을 냈다.', 'modifier-affiliation', '탁서현', 'person'],
    ['어제 염하준씨가 가게 문을 열었다.', 'glued', '염하준', 'person'],
    ['국회에서 편지석의원은 질의를 이어갔다.', 'glued', '편지석', 'person'],
    ['백서윤 기자가 현장을 취재했다.', 'after', '백서윤', 'person'],
    ['옥다인 새봄전자 사장은 투자를 늘리겠다고 했다.', 'after', '옥다인', 'person'],
    ['루카스 벨몬트 감독이 시상식에 왔다.', 'after-foreign', '루카스 벨몬트', 'person'],
    ['발표는 리아 몬테스(Lia Montes) 교수가 맡았다.', 'after-gloss-foreign', '리아 몬테스', 'person'],
    ['이번 조사는 오르테가 연구원이 이끌었다.', 'after-name-like', '오르테가', 'person'],
  ])('%s — %s', (...row) => expectFound('titles', row));

  it.each([
    // 전 meaning "before" after a predicate; a line of a script (대사) is no title.
    '재선에 성공한 현직 군수가 취임식을 열었다.',
    '그는 마지막 장면의 긴 대사 한 줄을 외웠다.',
    // A compound of a common noun and a title: 장애인선수.
    '올해 장애인선수 대표단이 출국했다.',
  ])('finds no one in %s', (text) => expectNothingFound('titles', text));
});
