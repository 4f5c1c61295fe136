import { describe, expect, it } from 'vitest';
import { formatResult, runSet, spanScorer, type EvalSet } from '../../scripts/lib/eval-sets';
import { diskModels } from '../../scripts/lib/models';
import type { SpanGold } from '../../scripts/lib/klue';
import type { ModelProvider } from '../../utils/entities/recognizer';

// Sentences written for this test, with their gold spans.
const ITEMS = [
  {
    text: '박서연 대표는 17일 서울에서 말했다.',
    spans: [
      { start: 0, end: 3, type: 'person' as const },
      { start: 8, end: 11, type: 'date' as const },
      { start: 12, end: 14, type: 'place' as const },
    ],
  },
  {
    text: '한빛전자는 매출이 3% 늘었다고 밝혔다.',
    spans: [
      { start: 0, end: 4, type: 'org' as const },
      { start: 10, end: 12, type: 'percent' as const },
    ],
  },
];

const set: EvalSet<SpanGold> = {
  name: 'written sentences',
  about: 'a test',
  items: () => ITEMS.map((i) => ({ text: i.text, lang: 'ko', gold: { spans: i.spans, neutral: [] } })),
  scorer: spanScorer,
  targets: [{ type: 'all', f1: 0.5 }],
};

describe('eval sets', () => {
  it('score every item through the reader’s entry point with the models, and with the rules alone', async () => {
    let asked = 0;
    const models: ModelProvider = { korean: () => (asked++, diskModels.korean()), english: () => Promise.resolve(null) };
    const result = await runSet(set as EvalSet, models);
    expect(result.items).toBe(2);
    // Once per item for the reader; the baseline never asks.
    expect(asked).toBe(2);
    const all = result.reader.get('all')!;
    expect(all.tp + all.fn).toBe(5);
    expect(result.reader.get('percent')).toEqual({ tp: 1, fp: 0, fn: 0 });
    expect(result.rules.get('all')!.tp + result.rules.get('all')!.fn).toBe(5);
    expect(result.targets[0]).toMatchObject({ type: 'all', f1: 0.5 });
    const table = formatResult(result);
    expect(table).toMatch(/^written sentences \(2 items\)/);
    expect(table).toMatch(/percent +P 100\.0 R 100\.0 F1 100\.0 +│ P 100\.0 R 100\.0 F1 100\.0/);
  });
});
