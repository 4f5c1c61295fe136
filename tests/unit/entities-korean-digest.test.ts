import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { klueFitTexts, koreanRulesDigest, type KoreanRulesDigest } from '../../scripts/lib/korean-rules-digest';
import { ROOT, SHARED } from '../support/paths';

// The learned Korean model reads the rule spans as features (utils/entities/model/features.ts):
// the rules' output on the split it was trained on is recorded, and a change to the rules that
// is meant to change nothing (a refactor) must reproduce it exactly. A change meant to alter it
// records it again (npx tsx scripts/record-korean-rules.ts) and retrains the model.
describe('the rule-based Korean recogniser on the KLUE fit split', () => {
  const recorded = JSON.parse(readFileSync(join(ROOT, 'tests/fixtures/korean-rules-digest.json'), 'utf8')) as KoreanRulesDigest;

  it('produces the output recorded when the model was trained, name for name and span for span', () => {
    const digest = koreanRulesDigest(klueFitTexts(SHARED));
    expect(digest.input).toBe(recorded.input);
    expect(digest.blocks).toEqual(recorded.blocks);
    expect(digest).toEqual(recorded);
  });
});
