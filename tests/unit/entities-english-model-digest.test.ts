import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { englishModelFromDisk } from '../../scripts/lib/english-ner';
import { englishModelDigest, type EnglishModelDigest } from '../../scripts/lib/english-model-digest';
import { ROOT } from '../support/paths';

// The committed English model reproduces what was recorded when it was trained: its output on
// written sentences and on the repo's English labelled pages, and its typed F1 there. Works
// without the training corpus; eval:entities re-scores the held-out split where it is.
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
});
