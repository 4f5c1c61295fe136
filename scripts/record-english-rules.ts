// npx tsx scripts/record-english-rules.ts
// Records the fingerprint of the rule-based English recogniser's output on the English
// Readability pages (scripts/lib/english-rules-digest.ts) in
// tests/fixtures/english-rules-digest.json, which tests/unit/entities-english-digest.test.ts
// compares against. Record it again only when a change to the rules is meant to change their
// output — and then retrain the English model (npm run train:entities), whose features read it.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadEnglishLexicon } from '../utils/entities/english-model';
import { englishCorpusTexts, englishRulesDigest } from './lib/english-rules-digest';
import { CORPUS, ROOT } from './lib/paths';

const file = join(ROOT, 'tests/fixtures/english-rules-digest.json');
const digest = englishRulesDigest(englishCorpusTexts(CORPUS), await loadEnglishLexicon());
writeFileSync(file, JSON.stringify(digest, null, 2) + '\n');
console.log(`${digest.pages.length} pages: ${digest.output}`);
