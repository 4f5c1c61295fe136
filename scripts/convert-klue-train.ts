// npm run convert:klue-train -- --from path/to/klue-ner-v1.1_train.tsv
// Converts KLUE-NER v1.1's train set (21k sentences, CC BY-SA 4.0; repository
// KLUE-benchmark/KLUE, klue_benchmark/klue-ner-v1.1/klue-ner-v1.1_train.tsv) into the
// sentences.jsonl format of ../shared/corpus/klue-ner (see its README), written to the
// git-ignored .data/klue-ner-train/. The file is data brought from outside: it is never
// committed. Sentences whose text is also in the dev set (whose subset is our test split)
// are dropped and counted, so the train set can never leak into what we measure on.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadKlue, parseKlueTsv } from './lib/klue';
import { ROOT, SHARED } from './lib/paths';

const { values } = parseArgs({ options: { from: { type: 'string' }, out: { type: 'string', default: join(ROOT, '.data/klue-ner-train') } } });
if (!values.from || !existsSync(values.from)) {
  console.error('Give the KLUE-NER v1.1 train file: --from …/klue-ner-v1.1_train.tsv');
  process.exit(2);
}

const sentences = parseKlueTsv(readFileSync(values.from, 'utf8'));
const dev = new Set(loadKlue(SHARED).map((s) => s.text.trim()));
const kept = sentences.filter((s) => !dev.has(s.text.trim()));
mkdirSync(values.out, { recursive: true });
writeFileSync(join(values.out, 'sentences.jsonl'), kept.map((s) => JSON.stringify(s)).join('\n') + '\n');
writeFileSync(
  join(values.out, 'README.md'),
  [
    '# KLUE-NER v1.1 train set, converted (not committed)',
    '',
    'Made by `scripts/convert-klue-train.ts` from `klue-ner-v1.1_train.tsv` (KLUE benchmark,',
    'repository KLUE-benchmark/KLUE; CC BY-SA 4.0; Park et al., NeurIPS Datasets and Benchmarks 2021),',
    `in the format of ../shared/corpus/klue-ner: ${kept.length} sentences, split "train"; ${sentences.length - kept.length}`,
    'sentences whose text is also in the dev set were dropped.',
    '',
  ].join('\n'),
);
console.log(`${sentences.length} train sentences, ${sentences.length - kept.length} also in the dev set (dropped); wrote ${kept.length} to ${values.out}`);
