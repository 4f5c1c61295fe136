import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { englishCorpusTexts, englishRulesDigest, type EnglishRulesDigest } from '../../scripts/lib/english-rules-digest';
import { loadEnglishLexicon } from '../../utils/entities/english-model';
import { CORPUS, ROOT } from '../support/paths';

// The learned English model reads the rule spans as features, and the rules are split into
// passes (utils/entities/english/passes/): their output on the English Readability pages is
// recorded, and a change meant to change nothing must reproduce it exactly. A change meant to
// alter it records it again (npx tsx scripts/record-english-rules.ts) and retrains the model.
describe('the rule-based English recogniser on the English Readability pages', () => {
  const recorded = JSON.parse(readFileSync(join(ROOT, 'tests/fixtures/english-rules-digest.json'), 'utf8')) as EnglishRulesDigest;

  it('produces the output recorded when the model was trained, page for page', async () => {
    const digest = englishRulesDigest(englishCorpusTexts(CORPUS), await loadEnglishLexicon());
    expect(digest.input).toBe(recorded.input);
    expect(digest.pages).toEqual(recorded.pages);
    expect(digest.perPage).toEqual(recorded.perPage);
    expect(digest).toEqual(recorded);
  }, 120_000);
});
