import { describe, expect, it } from 'vitest';
import { expectFound, expectNothingFound, runKorean, type PassCase } from '../../support/korean-passes';

// The Latin-script pass (utils/entities/korean/passes/latin.ts). Sentences and names written for this table.
describe('latin pass', () => {
  it.each<PassCase>([
    ['오픈웨이브는 Blue Harbor Capital에서 투자를 받았다.', 'name', 'Blue Harbor Capital', 'org'],
    ['KDX는 올해 흑자를 냈다.', 'name', 'KDX', 'org'],
    ['HN한결은행이 금리를 내렸다.', 'initials', 'HN한결은행', 'org'],
    ['Vela 주가가 크게 올랐다.', 'context-after', 'Vela', 'org'],
    ['투자자들은 Orbis Labs 연구개발팀을 주목했다.', 'context-after', 'Orbis Labs', 'org'],
  ])('%s — %s', (...row) => expectFound('latin', row));

  it('gives a single capitalised word too little weight to type it alone', () => {
    const run = runKorean('회사는 Nimbus를 공개했다.');
    expect(run.events).toEqual([{ name: 'Nimbus', type: 'org', weight: 0.5, pass: 'latin', rule: 'single-word' }]);
    expect(run.types.has('Nimbus')).toBe(false);
  });

  it.each(['사용자들은 챗GPT로 글을 쓴다.'])('finds nothing in %s (Latin glued to a Hangul word)', (text) => expectNothingFound('latin', text));
});
