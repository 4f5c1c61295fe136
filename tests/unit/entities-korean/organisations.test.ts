import { describe, it } from 'vitest';
import { expectFound, expectNothingFound, type PassCase } from '../../support/korean-passes';

// The organisations pass (utils/entities/korean/passes/organisations.ts). Sentences and names written for this table.
describe('organisations pass', () => {
  it.each<PassCase>([
    ['星海펀드가 지분을 늘렸다.', 'script-before-suffix', '星海', 'org'],
    ['배터리 제조사 누벨텍은 증설을 발표했다.', 'kind-before', '누벨텍', 'org'],
    ['누리온 주가가 급등했다.', 'context-after', '누리온', 'org'],
    ['가람대 인근 상권이 살아났다.', 'university', '가람대', 'org'],
    ['벨로스의 매니징 파트너 다니엘 포르테는 투자를 결정했다.', 'organisation-of-role', '벨로스', 'org'],
    ['한빛소재의 도민준 대표는 계획을 밝혔다.', 'employer', '한빛소재', 'org'],
    ['그는 2019년 새봄바이오를 설립했다.', 'founded', '새봄바이오', 'org'],
    ['가람 타이거스가 원정 경기에서 3연승을 거뒀다.', 'sports-team', '가람 타이거스', 'org'],
    // Issue 19: clubs, labels and shops named without a suffix.
    ['한빛 구단은 새 감독을 선임했다.', 'context-after', '한빛', 'org'],
    ['누리온 선수단이 전지훈련을 떠났다.', 'context-after', '누리온', 'org'],
    ['휘카론 매장 앞에 줄이 늘어섰다.', 'context-after', '휘카론', 'org'],
    ['음반 레이블 누리담은 신인을 발굴했다.', 'kind-before', '누리담', 'org'],
  ])('%s — %s', (...row) => expectFound('organisations', row));

  it.each([
    '국내 업체 관계자는 말을 아꼈다.',
    // Two words ending in 스 outside a sentence about sport are no team.
    '그는 가람 타이거스 카페를 열었다.',
    // A kind of company before a word that is no name: 기획사 소속 배우, 저희 매장.
    '같은 기획사 소속 배우가 출연했다.',
    '그날은 저희 매장이 가장 바빴다.',
  ])('finds nothing in %s', (text) => expectNothingFound('organisations', text));
});
