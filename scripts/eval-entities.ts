// npm run eval:entities [-- --verbose]
// Scores the entity recogniser on every entities.json under ../shared/fixtures/ (the
// hand-checked Korean pages) and tests/fixtures/entities/ (our own labelled Korean and
// English pages): precision, recall and F1, typed and untyped, with misses and false
// positives.
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { recognizeEntities } from '../utils/entities';
import { loadEnglishModel } from '../utils/entities/english-model';
import { FIXTURES, ROOT } from '../tests/support/paths';
import { loadLabelFiles, pageText, scoreEntities } from './lib/entity-eval';

const { values } = parseArgs({ options: { verbose: { type: 'boolean', short: 'v' }, only: { type: 'string' } } });
const files = loadLabelFiles(ROOT, [FIXTURES, join(ROOT, 'tests/fixtures/entities'), join(ROOT, 'tests/fixtures/entities-holdout')]).filter(
  (f) => !values.only || f.name.includes(values.only),
);
const english = await loadEnglishModel();
const pct = (n: number) => (n * 100).toFixed(1).padStart(5);
const rows: string[] = [];
let failed = false;
for (const file of files) {
  const page = pageText(file);
  const text = `${page.title}\n${page.text}`;
  const spans = recognizeEntities(text, { lang: page.lang, english });
  const typed = scoreEntities(file, spans, true);
  const untyped = scoreEntities(file, spans, false);
  const shared = file.path.includes('/shared/');
  const heldOut = file.path.includes('entities-holdout');
  const target = shared ? 0.95 : 0.9;
  const ok = typed.f1 >= target;
  if (!ok) failed = true;
  rows.push(
    `${(heldOut ? 'held-out ' : '') + file.name}`.padEnd(38) + ` typed P ${pct(typed.precision)} R ${pct(typed.recall)} F1 ${pct(typed.f1)} │ untyped F1 ${pct(untyped.f1)} │ target ${target} ${ok ? 'met' : 'NOT MET'}`,
  );
  if (values.verbose || !ok) {
    if (typed.missed.length) rows.push(`    missed: ${typed.missed.join(', ')}`);
    if (typed.falsePositives.length) rows.push(`    false positives: ${typed.falsePositives.join(', ')}`);
  }
}
console.log(rows.join('\n'));
process.exitCode = failed ? 1 : 0;
