import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { englishCorpusDir, englishModelFromDisk, loadEnglishDocs, scoreEnglish } from '../../scripts/lib/english-ner';
import { summary } from '../../scripts/lib/klue';
import { englishModelDigest, type EnglishModelDigest } from '../../scripts/lib/english-model-digest';
import { ROOT } from '../support/paths';

// The committed English model reproduces what was recorded when it was trained: its output on
// written sentences and on the repo's English labelled pages, and its typed F1 there, and its
// figures on the held-out split of the committed GUM corpus (data/en-ner).
describe('the committed English model', () => {
  const recorded = JSON.parse(readFileSync(join(ROOT, 'tests/fixtures/english-model-digest.json'), 'utf8')) as EnglishModelDigest;

  it('makes the output and the figures recorded for it', async () => {
    const digest = englishModelDigest(await englishModelFromDisk());
    expect(digest.meta).toEqual(recorded.meta);
    expect(Object.fromEntries(Object.entries(digest.pages).map(([k, v]) => [k, v.f1]))).toEqual(
      Object.fromEntries(Object.entries(recorded.pages).map(([k, v]) => [k, v.f1])),
    );
    expect(digest).toEqual(recorded);
  }, 180_000);

  it('reproduces the held-out (GUM test split) figures recorded when it was trained', async () => {
    const english = await englishModelFromDisk();
    const recorded = english.tagger!.meta.testF1 as Record<string, number>;
    expect(recorded.all).toBeGreaterThan(0.5);
    const test = loadEnglishDocs(englishCorpusDir()!).filter((d) => d.split === 'test');
    expect(test.length).toBeGreaterThan(15);
    expect(summary(scoreEnglish(test, english))).toEqual(recorded);
  }, 180_000);
});
