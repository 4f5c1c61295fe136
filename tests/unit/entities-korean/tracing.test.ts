import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatTraceEvent } from '../../../scripts/lib/trace';
import { analyzeKorean, type KoreanTraceEvent } from '../../../utils/entities/korean';
import { ROOT } from '../../support/paths';

// Tracing is passed in (analyzeKorean's `trace` option); scripts read MARGIN_TRACE_ENTITIES and pass a tracer.
describe('tracing the Korean rules', () => {
  const text = '[대전=한빛통신] 옥다인 새봄전자 사장은 "투자를 늘리겠다"고 말했다.';

  it('reports every piece of evidence with its pass and rule, in the order it was added', () => {
    const events: KoreanTraceEvent[] = [];
    analyzeKorean(text, { trace: (e) => events.push(e) });
    expect(events.map(formatTraceEvent)).toEqual([
      '대전 place +1 ← datelines/dateline-place',
      '한빛통신 org +3 ← datelines/dateline-agency',
      '대전 place +2 ← places/gazetteer',
      '한빛통신 org +2 ← suffixes/org',
      '새봄전자 org +2 ← suffixes/org',
      '새봄전자 org +1 ← organisations/context-after',
      '옥다인 person +3 ← titles/after',
    ]);
  });

  it('gives the same result with a tracer and without one', () => {
    expect(analyzeKorean(text, { trace: () => {} })).toEqual(analyzeKorean(text));
  });

  it('never reads the environment in the product code', () => {
    const dir = join(ROOT, 'utils/entities/korean');
    const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));
    expect(files.length).toBeGreaterThan(5);
    for (const f of files) expect(readFileSync(join(dir, f), 'utf8')).not.toMatch(/process\.env|new Error\(\)\.stack/);
  });
});
