// npm run eval:entities [-- --verbose]
// Scores the entity recogniser, with the rules-only recogniser as the baseline in the same run:
//  1. KLUE-NER `test` split (../shared/corpus/klue-ner; never fitted, tuned or read for
//     errors — the honest figure), all sentences and news only, per type, exact and overlap;
//  2. KLUE-NER `fit` split, 5-fold cross-validation, as recorded in the model file by
//     `npm run train:entities` (the figure we tuned on);
//  3. every entities.json under ../shared/fixtures/ (hand-checked Korean pages) and
//     tests/fixtures/entities{,-holdout}/ (our labelled pages): precision, recall and F1
//     on unique names, typed and untyped, with misses and false positives.
// MARGIN_TRACE_ENTITIES=1 prints, for each Korean labelled page (3; narrow with --only), which
// rule gave which name its type (scripts/lib/trace.ts).
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { isKoreanText, recognizeEntities } from '../utils/entities';
import { FIXTURES, ROOT, SHARED } from './lib/paths';
import { loadLabelFiles, pageText, scoreEntities } from './lib/entity-eval';
import { emptyScore, formatScore, loadKlue, prf, scoreSentence } from './lib/klue';
import { englishModelFromDisk } from './lib/english-ner';
import { evalEnglish } from './lib/eval-english';
import { koreanModelFromDisk } from './lib/korean-model';
import { traceKoreanRules } from './lib/trace';

const { values } = parseArgs({ options: { verbose: { type: 'boolean', short: 'v' }, only: { type: 'string' } } });
const files = loadLabelFiles(ROOT, [FIXTURES, join(ROOT, 'tests/fixtures/entities'), join(ROOT, 'tests/fixtures/entities-holdout')]).filter(
  (f) => !values.only || f.name.includes(values.only),
);
const english = await englishModelFromDisk();
const korean = await koreanModelFromDisk();
const pct = (n: number) => (n * 100).toFixed(1).padStart(5);
const rows: string[] = [];
let failed = false;

// 1. KLUE-NER test split.
const klueTest = loadKlue(SHARED).filter((s) => s.split === 'test');
const scores = { model: emptyScore(), modelNews: emptyScore(), rules: emptyScore(), rulesNews: emptyScore() };
for (const s of klueTest) {
  const model = recognizeEntities(s.text, { lang: 'ko', korean });
  const rules = recognizeEntities(s.text, { lang: 'ko' });
  scoreSentence(scores.model, s, model);
  scoreSentence(scores.rules, s, rules);
  if (s.genre === 'wikitree') {
    scoreSentence(scores.modelNews, s, model);
    scoreSentence(scores.rulesNews, s, rules);
  }
}
const targets: [string, number, number][] = [
  ['test, all: typed micro F1', prf(scores.model.exact.get('all')!).f1, 0.75],
  ['test, news: typed micro F1', prf(scores.modelNews.exact.get('all')!).f1, 0.8],
  ['test, all: person F1', prf(scores.model.exact.get('person')!).f1, 0.8],
];
rows.push(
  `KLUE-NER test split (${klueTest.length} sentences; held out: never fitted, tuned or read for errors)`,
  formatScore('model, all sentences', scores.model),
  formatScore('model, news sentences', scores.modelNews),
  formatScore('rules only (baseline), all sentences', scores.rules),
  formatScore('rules only (baseline), news sentences', scores.rulesNews),
  ...targets.map(([label, f1, target]) => `  target ${label} ${pct(f1)} ≥ ${target * 100}: ${f1 >= target ? 'met' : 'NOT MET'}`),
);
const cv = korean.meta.cvF1 as Record<string, number> | null | undefined;
if (cv) {
  rows.push(
    `KLUE-NER fit split, 5-fold cross-validation (recorded by npm run train:entities; the split we tuned on)`,
    `  ${Object.entries(cv)
      .map(([type, f1]) => `${type} ${pct(f1)}`)
      .join(' · ')}`,
  );
}
rows.push('', 'Labelled pages (typed F1 on unique names)');
for (const file of files) {
  const page = pageText(file);
  const text = `${page.title}\n${page.text}`;
  const spans = recognizeEntities(text, { lang: page.lang, english, korean });
  if (isKoreanText(text, page.lang)) traceKoreanRules(file.name, text);
  const typed = scoreEntities(file, spans, true);
  const untyped = scoreEntities(file, spans, false);
  const shared = file.path.includes('/shared/');
  const heldOut = file.path.includes('entities-holdout');
  const target = shared ? 0.95 : 0.9;
  const ok = typed.f1 >= target;
  if (!ok) failed = true;
  rows.push(
    `${(heldOut ? 'held-out ' : '') + file.name}`.padEnd(38) +
      ` typed P ${pct(typed.precision)} R ${pct(typed.recall)} F1 ${pct(typed.f1)} │ untyped F1 ${pct(untyped.f1)} │ target ${target} ${ok ? 'met' : 'NOT MET'}`,
  );
  if (values.verbose || !ok) {
    if (typed.missed.length) rows.push(`    missed: ${typed.missed.join(', ')}`);
    if (typed.falsePositives.length) rows.push(`    false positives: ${typed.falsePositives.join(', ')}`);
  }
}
// 4. English: the held-out GUM split and the English labelled pages, model and rules (scripts/lib/eval-english.ts).
const englishReport = evalEnglish(english, files);
rows.push(...englishReport.rows);
if (!englishReport.ok) failed = true;
console.log(rows.join('\n'));
process.exitCode = failed ? 1 : 0;
