// npm run train:entities [-- --epochs N --no-cv | --cv-only] [--only ko|en] [--en-dev-only]
// Builds both learned entity models: English first (scripts/lib/train-english.ts, from the
// converted GUM corpus committed in data/en-ner/ (or a fresh conversion in .data/en-ner/); it says what is missing
// when neither is there), then Korean:
// Rebuilds the learned Korean entity model from ../shared/corpus/klue-ner (CC BY-SA 4.0):
// 5-fold cross-validation on the `fit` split (the figures to read errors on), then a model
// fitted on the whole `fit` split, written to public/models/ko-ner.bin.gz, and its score on
// the `test` split (reported, never used to choose anything). Deterministic: a fixed seed.
// KLUE's own train set (21k sentences), where converted (scripts/convert-klue-train.ts:
// ../shared/corpus/klue-ner-train or .data/klue-ner-train), is added to every fold's training
// sentences and to the final model's; the run says whether it found it.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { gunzipSync, gzipSync } from 'node:zlib';
import { koreanRules, recognizeEntities } from '../utils/entities';
import { extractFeatures } from '../utils/entities/model/features';
import { decodeModel, parseLexicon, withMeta } from '../utils/entities/model/tagger';
import { ROOT, SHARED } from './lib/paths';
import type { EnglishExtraCorpus } from './lib/english-ner';
import { trainEnglish } from './lib/train-english';
import {
  emptyScore,
  formatScore,
  klueDir,
  loadKlue,
  loadKlueTrain,
  scoreSentence,
  sentenceErrors,
  summary,
  type KlueScore,
  type KlueSentence,
} from './lib/klue';
import { mentionPool, swapMentions } from './lib/augment';
import { example, lexiconLines, packModel, rng, train as trainPerceptron, trainCrf, type Example, type TrainOptions } from './lib/perceptron';

// English corpora beside GUM, chosen on the dev documents and dev labelled pages (README, "English").
const EN_CORPORA = 'wikigold';
// Pruning that keeps the English file near 1 MB gzip with Wikigold's words added.
const EN_MIN_WEIGHT = '0.15';
const { values } = parseArgs({
  options: {
    epochs: { type: 'string', default: '10' },
    bits: { type: 'string', default: '21' },
    // Settings chosen by cross-validation on the fit split (CRF 76.1 micro F1 against the
    // averaged perceptron's 75.7; a faster rate or stronger L2 scored lower). Pruning rows
    // whose weights all stay under 0.15, stored a byte a weight, keeps the file near 2 MB
    // for under a point of F1 (--prune-study: 0.1 → 3.7 MB, −0.4; 0.2 → 1.1 MB, −1.0).
    'min-weight': { type: 'string', default: '0.15' },
    algorithm: { type: 'string', default: 'crf' },
    rate: { type: 'string', default: '0.05' },
    l2: { type: 'string', default: '0.00001' },
    // Mention replacement (scripts/lib/augment.ts): copies of each fit sentence with names swapped,
    // and the chance a name is swapped. Tried, not used (README, "More data"): cross-validated on
    // the fit split 71.7 without, 72.3 with one copy at 0.5 (two copies 72.2, one at 1.0 72.2, names
    // from KLUE's train-set lexicon 72.2), but the Korean dev pages fell (shared fixtures 97.2 →
    // 95.6, ours 93.8 → 92.8) and the file grew from 2.5 to 3.1 MB gzip.
    augment: { type: 'string', default: '0' },
    'augment-p': { type: 'string', default: '0.5' },
    'no-cv': { type: 'boolean' },
    // For choosing features and settings: cross-validation only, the test split untouched.
    'cv-only': { type: 'boolean' },
    // Keeps each fold's model (fold-K.bin) in this folder, to study post-processing without retraining.
    'save-folds': { type: 'string' },
    // Re-scores the committed model and saved fold models (--save-folds) with the current
    // post-processing, and records the figures in the model file, without training.
    rescore: { type: 'string' },
    // With --rescore: print the cross-validation figures (and --errors) only, record nothing
    // and leave the test split unread — for choosing post-processing on the fit split.
    'cv-rescore-only': { type: 'boolean' },
    // Size against accuracy: one fold of the fit split, scored at several pruning levels.
    'prune-study': { type: 'boolean' },
    // Cross-validation errors of the fit split, one line each, to read (never the test split's).
    errors: { type: 'string' },
    out: { type: 'string', default: join(ROOT, 'public/models/ko-ner.bin.gz') },
    // Which model to build (both by default).
    only: { type: 'string' },
    // English: score settings on the fit split's dev documents only; --en-errors writes their errors.
    'en-dev-only': { type: 'boolean' },
    'en-errors': { type: 'string' },
    // English: the corpora fitted on beside GUM (comma-separated: wikigold, wnut17; 'none' for GUM alone).
    'en-corpora': { type: 'string', default: EN_CORPORA },
    // English: write the dev model (fit split less the dev documents) here, to score the dev labelled pages with.
    'en-dev-out': { type: 'string' },
    // English: weight rows whose weights all stay under this are pruned (the file's size).
    'en-min-weight': { type: 'string', default: EN_MIN_WEIGHT },
  },
});
// English settings, chosen on the dev documents of GUM's fit split (README, "English").
if (values.only !== 'ko' && !values.rescore && !values['prune-study'] && !values['cv-only'] && !values.errors) {
  const ok = await trainEnglish({
    epochs: 12,
    hashBits: 20,
    rate: 0.05,
    l2: 0.00001,
    minWeight: Number(values['en-min-weight']),
    seed: 20261207,
    devOnly: values['en-dev-only'],
    errors: values['en-errors'],
    corpora: values['en-corpora'] === 'none' ? [] : (values['en-corpora'].split(',') as EnglishExtraCorpus[]),
    devOut: values['en-dev-out'],
  });
  if (!ok) process.exitCode = 1;
}
if (values.only === 'en') process.exit(process.exitCode ?? 0);
const SEED = 20261130;
const epochs = Number(values.epochs);
const hashBits = Number(values.bits);
const minWeight = Number(values['min-weight']);
const started = performance.now();
const elapsed = () => `${((performance.now() - started) / 1000).toFixed(0)} s`;

const train = (set: readonly Example[], options: TrainOptions) =>
  values.algorithm === 'crf' ? trainCrf(set, { ...options, rate: Number(values.rate), l2: Number(values.l2) }) : trainPerceptron(set, options);
const sentences = loadKlue(SHARED);
const fit = sentences.filter((s) => s.split === 'fit');
const test = sentences.filter((s) => s.split === 'test');
const klueTrain = loadKlueTrain(SHARED, ROOT);
// The dev set is disjoint from the train set by construction; checked again by text.
const devTexts = new Set(sentences.map((s) => s.text.trim()));
const klueTrainSentences = (klueTrain?.sentences ?? []).filter((s) => !devTexts.has(s.text.trim()));
const lexiconText = lexiconLines(join(klueDir(SHARED), 'lexicon.tsv'));
const lexicon = parseLexicon(lexiconText);
console.log(`KLUE-NER: ${fit.length} fit sentences, ${test.length} test; lexicon ${lexicon.forms.size} forms`);
console.log(
  klueTrain
    ? `KLUE-NER train set: ${klueTrainSentences.length} sentences from ${klueTrain.path} (${klueTrain.sentences.length - klueTrainSentences.length} also in the dev set, left out)`
    : 'KLUE-NER train set: not found (../shared/corpus/klue-ner-train or .data/klue-ner-train; see scripts/convert-klue-train.ts) — fitting on the fit split alone',
);

const toExample = (s: KlueSentence) => example(s.text, extractFeatures(s.text, lexicon, koreanRules(s.text)), s.spans);
const examples: Example[] = fit.map(toExample);
const copies = Number(values.augment);
/** Swapped copies of these sentences, names drawn from them alone (a fold's never sees another fold's names). */
const augmented = (set: readonly KlueSentence[], seed: number): Example[] =>
  copies > 0 ? swapMentions(set, mentionPool(set), rng(seed), copies, Number(values['augment-p'])).map(toExample) : [];
const extraExamples: Example[] = klueTrainSentences.map(toExample);
console.log(`features ready (${elapsed()})`);

const scoreModel = (set: readonly KlueSentence[], bytes: Uint8Array | null): KlueScore => {
  const model = bytes ? decodeModel(bytes) : null;
  const score = emptyScore();
  for (const s of set) scoreSentence(score, s, recognizeEntities(s.text, { lang: 'ko', korean: model }));
  return score;
};
const meta = (extra: Record<string, unknown>) => ({
  trainedOn: `KLUE-NER v1.1 dev set, fit split (${fit.length} sentences${copies ? `, and ${copies} cop${copies > 1 ? 'ies' : 'y'} of each sentence with a name, names swapped between sentences (p ${values['augment-p']})` : ''})${klueTrainSentences.length ? ` + KLUE-NER v1.1 train set (${klueTrainSentences.length} sentences)` : ''} + konec train-set lexicon; CC BY-SA 4.0`,
  algorithm: values.algorithm,
  epochs,
  seed: SEED,
  ...extra,
});

if (values.rescore) {
  const random = rng(SEED);
  const fold = fit.map(() => Math.floor(random() * 5));
  const models = [0, 1, 2, 3, 4].map((k) => decodeModel(new Uint8Array(readFileSync(join(values.rescore!, `fold-${k}.bin`)))));
  const cvScore = emptyScore();
  const cvNews = emptyScore();
  const errors: string[] = [];
  fit.forEach((s, i) => {
    const predicted = recognizeEntities(s.text, { lang: 'ko', korean: models[fold[i]!] });
    scoreSentence(cvScore, s, predicted);
    if (s.genre === 'wikitree') scoreSentence(cvNews, s, predicted);
    if (values.errors) errors.push(...sentenceErrors(s, predicted));
  });
  console.log(formatScore('fit split, 5-fold cross-validation (model)', cvScore));
  console.log(formatScore('fit split, news sentences only, 5-fold cross-validation (model)', cvNews));
  if (values.errors) writeFileSync(values.errors, errors.join('\n'));
  if (values['cv-rescore-only']) process.exit(0);
  const raw = new Uint8Array(gunzipSync(readFileSync(values.out)));
  const testScore = scoreModel(test, raw);
  console.log(formatScore('test split (model) — the honest figure', testScore));
  const old = decodeModel(raw).meta;
  writeFileSync(values.out, gzipSync(withMeta(raw, { ...old, cvF1: summary(cvScore), testF1: summary(testScore) }), { level: 9 }));
  console.log(`re-recorded ${values.out}`);
  process.exit(0);
}

if (values['prune-study']) {
  const random = rng(SEED);
  const fold = fit.map(() => Math.floor(random() * 5));
  const trained = train(
    examples.filter((_, i) => fold[i] !== 0),
    { hashBits, epochs, seed: SEED },
  );
  const held = fit.filter((_, i) => fold[i] === 0);
  for (const bytesPerWeight of [2, 1] as const) {
    for (const w of [0.02, 0.05, 0.1, 0.2, 0.3, 0.5]) {
      const bytes = packModel(trained, lexiconText, meta({}), w, bytesPerWeight);
      const score = emptyScore();
      const model = decodeModel(bytes);
      for (const s of held) scoreSentence(score, s, recognizeEntities(s.text, { lang: 'ko', korean: model }));
      const f = summary(score);
      console.log(
        `${bytesPerWeight} B/weight, min ${w}: ${model.rows} rows, ${(gzipSync(bytes, { level: 9 }).length / 1048576).toFixed(2)} MB gzip, F1 ${f.all} (person ${f.person})`,
      );
    }
  }
  process.exit(0);
}

let cv: Record<string, number> | null = null;
if (!values['no-cv']) {
  const folds = 5;
  const random = rng(SEED);
  const fold = fit.map(() => Math.floor(random() * folds));
  const score = emptyScore();
  const news = emptyScore();
  const errors: string[] = [];
  for (let k = 0; k < folds; k++) {
    const trained = train(
      [
        ...examples.filter((_, i) => fold[i] !== k),
        ...augmented(
          fit.filter((_, i) => fold[i] !== k),
          SEED + k,
        ),
        ...extraExamples,
      ],
      { hashBits, epochs, seed: SEED + k },
    );
    const foldBytes = packModel(trained, lexiconText, meta({}), minWeight);
    if (values['save-folds']) writeFileSync(join(values['save-folds'], `fold-${k}.bin`), foldBytes);
    const model = decodeModel(foldBytes);
    for (const s of fit.filter((_, i) => fold[i] === k)) {
      const predicted = recognizeEntities(s.text, { lang: 'ko', korean: model });
      scoreSentence(score, s, predicted);
      if (s.genre === 'wikitree') scoreSentence(news, s, predicted);
      if (values.errors) errors.push(...sentenceErrors(s, predicted));
    }
    console.log(`fold ${k + 1}/${folds} done (${elapsed()})`);
  }
  console.log(formatScore('fit split, 5-fold cross-validation (model)', score));
  console.log(formatScore('fit split, news sentences only, 5-fold cross-validation (model)', news));
  if (values.errors) writeFileSync(values.errors, errors.join('\n'));
  console.log(formatScore('fit split (rules only, the baseline)', scoreModel(fit, null)));
  cv = summary(score);
}

if (values['cv-only']) process.exit(0);

const trained = train([...examples, ...augmented(fit, SEED), ...extraExamples], { hashBits, epochs, seed: SEED });
let bytes = packModel(trained, lexiconText, meta({ cvF1: cv }), minWeight);
const testScore = scoreModel(test, bytes);
console.log(formatScore('test split (model) — the honest figure', testScore));
console.log(formatScore('test split (rules only, the baseline)', scoreModel(test, null)));
// The recorded figures travel in the file, so a test can check the model still makes them.
bytes = packModel(trained, lexiconText, meta({ cvF1: cv, testF1: summary(testScore) }), minWeight);
const gz = gzipSync(bytes, { level: 9 });
writeFileSync(values.out, gz);
console.log(`wrote ${values.out} (${(gz.length / 1024 / 1024).toFixed(2)} MB gzip, ${decodeModel(bytes).rows} weight rows) in ${elapsed()}`);
