// npx tsx scripts/record-english-model.ts
// Records what the committed English model does (scripts/lib/english-model-digest.ts) in
// tests/fixtures/english-model-digest.json, which tests/unit/entities-english-model-digest.test.ts
// compares against. Run after npm run train:entities, or after a change to the English
// recogniser that is meant to change its output.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { englishModelFromDisk } from './lib/english-ner';
import { englishModelDigest } from './lib/english-model-digest';
import { ROOT } from './lib/paths';

const file = join(ROOT, 'tests/fixtures/english-model-digest.json');
const digest = englishModelDigest(await englishModelFromDisk());
writeFileSync(file, JSON.stringify(digest, null, 2) + '\n');
console.log(JSON.stringify(digest, null, 2));
