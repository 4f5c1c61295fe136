// npx tsx scripts/record-korean-rules.ts
// Records the fingerprint of the rule-based Korean recogniser's output on the KLUE `fit` split
// (scripts/lib/korean-rules-digest.ts) in tests/fixtures/korean-rules-digest.json, which
// tests/unit/entities-korean-passes.test.ts compares against. Record it again only when a
// change to the rules is meant to change their output — and then retrain the model
// (npm run train:entities), whose features read that output.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { koreanRulesDigest, klueFitTexts } from './lib/korean-rules-digest';
import { ROOT, SHARED } from './lib/paths';

const file = join(ROOT, 'tests/fixtures/korean-rules-digest.json');
const digest = koreanRulesDigest(klueFitTexts(SHARED));
writeFileSync(file, JSON.stringify(digest, null, 2) + '\n');
console.log(`${digest.sentences} sentences: ${digest.output}`);
