import { describe, it } from 'vitest';
import { expectFound, expectNothingFound, type PassCase } from '../../support/korean-passes';

// The places pass (utils/entities/korean/passes/places.ts). Sentences and names written for this table.
describe('places pass', () => {
  it.each<PassCase>([
    ['韓·中 정상이 만났다.', 'hanja-country', '韓', 'place'],
    ['대표단은 부산에서 출발했다.', 'gazetteer', '부산', 'place'],
    ['국회는 법안을 처리했다.', 'institution', '국회', 'org'],
    ['공장은 폴란드 남부 보로비차에 있다.', 'direction', '보로비차', 'place'],
    ['회사는 루반디 산업단지에 공장을 세웠다.', 'venue-word', '루반디 산업단지', 'place'],
    ['공연은 대전 한울누리에서 열렸다.', 'venue-after-place', '한울누리', 'place'],
  ])('%s — %s', (...row) => expectFound('places', row));

  it.each(['공장은 산업단지에 있다.', '회의는 오후에 끝났다.'])('finds nothing in %s', (text) => expectNothingFound('places', text));
});
