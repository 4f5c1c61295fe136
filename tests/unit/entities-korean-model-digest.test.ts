import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { koreanModelFromDisk } from '../../scripts/lib/korean-model';
import { koreanModelDigest, type KoreanModelDigest } from '../../scripts/lib/korean-model-digest';
import { ROOT, SHARED } from '../support/paths';

// The Korean recogniser with the committed model (the reader's path: model + rules +
// consistency) reproduces, span for span, what it did when the fingerprint was recorded: the
// speed-ups of the scoring table, the decoding loop and the rules are held to identical output.
describe('the Korean recogniser with the committed model', () => {
  const recorded = JSON.parse(readFileSync(join(ROOT, 'tests/fixtures/korean-model-digest.json'), 'utf8')) as KoreanModelDigest;

  it('makes the output recorded for it, on KLUE fit sentences and on every Korean labelled page', async () => {
    const digest = koreanModelDigest(await koreanModelFromDisk(), SHARED);
    expect(digest.pages).toEqual(recorded.pages);
    expect(digest.blocks).toEqual(recorded.blocks);
    expect(digest).toEqual(recorded);
  }, 180_000);
});
