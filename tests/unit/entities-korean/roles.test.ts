import { describe, it } from 'vitest';
import { expectFound, expectNothingFound, type PassCase } from '../../support/korean-passes';

// The roles pass (utils/entities/korean/passes/roles.ts). Sentences and names written for this table.
describe('roles pass', () => {
  it.each<PassCase>([
    ['배우 한지오가 무대에 올랐다.', 'role', '한지오', 'person'],
    ['배우 엘리스 리베라가 레드카펫을 걸었다.', 'role-foreign', '엘리스 리베라', 'person'],
    ['가수 로제타는 새 앨범을 냈다.', 'role-name-like', '로제타', 'person'],
    ['경찰은 김OO 씨를 조사했다.', 'masked', '김OO', 'person'],
    ['경찰은 오태린(29)을 체포했다.', 'age', '오태린', 'person'],
    ['현장에 있던 마르티네스(34)가 구조됐다.', 'age-name-like', '마르티네스', 'person'],
  ])('%s — %s', (...row) => expectFound('roles', row));

  it.each(['그것은 피해자 코스프레인가 싶었다.', '국내 업체 관계자는 말을 아꼈다.'])('finds no one in %s', (text) => expectNothingFound('roles', text));
});
