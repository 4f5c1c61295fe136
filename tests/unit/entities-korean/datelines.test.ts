import { describe, it } from 'vitest';
import { expectFound, expectNothingFound, type PassCase } from '../../support/korean-passes';

// The datelines pass (utils/entities/korean/passes/datelines.ts). Sentences and names written for this table.
describe('datelines pass', () => {
  it.each<PassCase>([
    ['[대전=한빛통신] 시의회가 예산안을 통과시켰다.', 'dateline-place', '대전', 'place'],
    ['[대전=한빛통신] 시의회가 예산안을 통과시켰다.', 'dateline-agency', '한빛통신', 'org'],
    ['[새날신문 고은채 기자] 시장이 열렸다.', 'byline-outlet', '새날신문', 'org'],
    ['[새날신문 고은채 기자] 시장이 열렸다.', 'byline-reporter', '고은채', 'person'],
    ['글=정다온 기자', 'byline', '정다온', 'person'],
    ['행사장 모습. (사진=누리문화재단 제공)', 'photo-credit', '누리문화재단', 'org'],
    ['사진=염지훈 기자', 'photo-reporter', '염지훈', 'person'],
  ])('%s — %s', (...row) => expectFound('datelines', row));

  it.each(['(정답=세번째)', '가격=3000원'])('finds nothing in %s', (text) => expectNothingFound('datelines', text));
});
