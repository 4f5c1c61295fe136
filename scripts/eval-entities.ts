// npm run eval:entities [-- --verbose] [--only <page>]
// Scores the entity recogniser through the reader's entry point (recognizeArticle, with the
// extension's models read from disk), with the rules alone as the baseline of the same run.
// For each set it prints typed exact micro P/R/F1 per type, reader beside baseline:
//  1. KLUE-NER `test` split (../shared/corpus/klue-ner; never fitted, tuned or read for
//     errors — the honest figure), all sentences and news only, span by span;
//  2. English held-out sets (scripts/lib/eval-english.ts, when the learned English model lands);
//  3. labelled pages — ../shared/fixtures/news/*/entities.json (hand-checked Korean pages),
//     tests/fixtures/entities/ (ours, dev) and tests/fixtures/entities-holdout/ (held out) —
//     unique names per page, typed, with misses and false positives;
// and the KLUE `fit` 5-fold cross-validation recorded in the model file (the figure we tuned on).
// MARGIN_TRACE_ENTITIES=1 prints, for each Korean labelled page (narrow with --only), which
// rule gave which name its type (scripts/lib/trace.ts).
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { formatResult, klueSets, pageSets, pagesMet, runSet, spanScorer, type EvalSet } from './lib/eval-sets';
import { DEFAULT_MODEL_OPTIONS, recognizeKoreanWithModel } from '../utils/entities/model/recognize';
import { koreanRules } from '../utils/entities';
import { prf, type SpanGold } from './lib/klue';
import { englishModelFromDisk } from './lib/english-ner';
import { evalEnglish } from './lib/eval-english';
import { koreanModelFromDisk } from './lib/korean-model';
import { diskModels } from './lib/models';
import { FIXTURES, ROOT, SHARED } from './lib/paths';

const { values } = parseArgs({ options: { verbose: { type: 'boolean', short: 'v' }, only: { type: 'string' } } });
const only = values.only;

const sets: EvalSet[] = [
  ...(only ? [] : klueSets(SHARED)),
  // English held-out sets go here: ...englishSets(SHARED) from scripts/lib/eval-english.ts, each an
  // EvalSet (a name, an iterator of {text, lang, gold}, a scorer — eval-sets.ts's spanScorer takes
  // offset gold {spans: [{start, end, type}], neutral: [{start, end}]}).
  ...pageSets(ROOT, [
    { name: 'shared fixtures', dir: join(FIXTURES, 'news'), about: 'hand-checked by others; dev', target: 0.95, only },
    { name: 'our labelled pages', dir: join(ROOT, 'tests/fixtures/entities'), about: 'labelled by us; dev', target: 0.9, only },
    {
      name: 'held-out labelled pages',
      dir: join(ROOT, 'tests/fixtures/entities-holdout'),
      about: 'labelled by someone else; held out (figures only, never its errors)',
      target: 0.9,
      heldOut: true,
      only,
    },
  ]),
];

let failed = false;
for (const set of sets) {
  const result = await runSet(set, diskModels, { verbose: values.verbose });
  if (result.targets.some((t) => !t.met) || !pagesMet(result)) failed = true;
  console.log(formatResult(result) + '\n');
}

// English: the held-out GUM split and the dev figures recorded in the model (scripts/lib/eval-english.ts);
// the English labelled pages are scored above, through the reader's entry point, with the others.
if (!only) {
  const english = evalEnglish(await englishModelFromDisk(), []);
  console.log(english.rows.join('\n') + '\n');
  if (!english.ok) failed = true;
}

const korean = await koreanModelFromDisk();
if (!only) {
  // The model without Margin's own span conventions (places split apart, lone syllables), as KLUE
  // marks spans: what those conventions cost on KLUE, beside the product's figure above.
  const KLUE_STYLE = { ...DEFAULT_MODEL_OPTIONS, splitPlaces: undefined, strictSyllables: false, groupsAsOrgs: false };
  const [all] = klueSets(SHARED);
  const acc = spanScorer.start();
  for (const item of (all as EvalSet<SpanGold>).items())
    spanScorer.add(acc, item, recognizeKoreanWithModel(item.text, korean, koreanRules(item.text), KLUE_STYLE));
  const f1 = prf(spanScorer.counts(acc).get('all') ?? { tp: 0, fp: 0, fn: 0 }).f1;
  console.log(`KLUE-NER test, all — the model with KLUE's span conventions (not the product's): typed F1 ${(f1 * 100).toFixed(1)}\n`);
}

const cv = korean.meta.cvF1 as Record<string, number> | null | undefined;
if (cv && !only) {
  console.log(
    `KLUE-NER fit split, 5-fold cross-validation (recorded by npm run train:entities; the split we tuned on)\n  ${Object.entries(cv)
      .map(([type, f1]) => `${type} ${(f1 * 100).toFixed(1)}`)
      .join(' · ')}`,
  );
}
process.exitCode = failed ? 1 : 0;
