import { describe, expect, it } from 'vitest';
import { expectFound, expectNothingFound, runKorean, type PassCase } from '../../support/korean-passes';

// The glosses pass (utils/entities/korean/passes/glosses.ts). Sentences and names written for this table.
describe('glosses pass', () => {
  it.each<PassCase>([
    ['중국 기업가 천웨이밍(陳偉明)은 신제품을 공개했다.', 'hanja-person', '陳偉明', 'person'],
    ['공장은 린펀(臨汾市)에 있다.', 'hanja-place', '臨汾市', 'place'],
    ['싱하이(星海集团)가 지분을 샀다.', 'hanja-org', '星海集团', 'org'],
    ['한빛연구원(HBRI)이 보고서를 냈다.', 'latin-acronym', 'HBRI', 'org'],
    ['노스게이트 캐피털(Northgate Capital)이 투자했다.', 'latin-org-word', 'Northgate Capital', 'org'],
    ['환하이(環海)그룹은 실적을 발표했다.', 'suffix-after', '환하이', 'org'],
  ])('%s — %s', (...row) => expectFound('glosses', row));

  it.each([
    ['중국 기업가 천웨이밍(陳偉明)은 신제품을 공개했다.', '천웨이밍', 'person'],
    ['공장은 린펀(臨汾市)에 있다.', '린펀', 'place'],
    ['노스게이트 캐피털(Northgate Capital)이 투자했다.', '노스게이트 캐피털', 'org'],
  ])('%s — the Hangul name shares its gloss’s type', (text, name, type) => {
    const run = runKorean(text);
    expect(run.types.get(name)).toBe(type);
    expect(run.spans).toContain(`${name}:${type}`);
  });

  it.each(['예산(약 3억 원)이 배정됐다.'])('finds nothing in %s (an explanation in Hangul)', (text) => expectNothingFound('glosses', text));
});
