// npx tsx scripts/record-korean-model.ts
// Records what the Korean recogniser does with the committed model (scripts/lib/korean-model-digest.ts)
// in tests/fixtures/korean-model-digest.json, which tests/unit/entities-korean-model-digest.test.ts
// compares against. Record it again after npm run train:entities, or after a change to the Korean
// recogniser that is meant to change its output — never to make a speed-up pass.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { koreanModelFromDisk } from './lib/korean-model';
import { koreanModelDigest } from './lib/korean-model-digest';
import { ROOT, SHARED } from './lib/paths';

const file = join(ROOT, 'tests/fixtures/korean-model-digest.json');
const digest = koreanModelDigest(await koreanModelFromDisk(), SHARED);
writeFileSync(file, JSON.stringify(digest, null, 2) + '\n');
console.log(JSON.stringify(digest, null, 2));
