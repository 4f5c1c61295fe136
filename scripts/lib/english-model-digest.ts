import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { recognizeEntities } from '../../utils/entities';
import type { EnglishModel } from '../../utils/entities/english-model';
import { loadLabelFiles, pageText, scoreEntities } from './entity-eval';
import { ROOT } from './paths';

/**
 * What the committed English model does, recorded so that CI (which has no training corpus)
 * checks the file still makes it: its output on sentences written for the purpose and on the
 * repo's English labelled pages, and its typed F1 on those pages. Recorded by
 * scripts/record-english-model.ts after npm run train:entities; the held-out figure is
 * checked by npm run eval:entities where the corpus is.
 */
export interface EnglishModelDigest {
  /** The figures the model file carries (dev and held-out typed F1 on GUM). */
  meta: { devF1: unknown; testF1: unknown };
  sentences: string;
  pages: Record<string, { output: string; f1: number }>;
}

export const DIGEST_SENTENCES = [
  'Marta Quillon, the chief executive of Harbourline Freight, said on Monday that the company would open a depot in Rotterdam.',
  'Quillon added that Harbourline had hired 40 people in Belgium. She expects sales to rise 8 percent.',
  'Swedish and Norwegian regulators met in Oslo with officials of the European Commission and the World Bank.',
  'Former senator Dale Ortmann was treated at the Hollis Clinic in Denver. He returned to Washington on Friday.',
  'Brightwater, a startup in Nairobi, raised $12 million. Brightwater makes water filters for schools in Kenya and Uganda.',
];

const sha = (s: string) => createHash('sha256').update(s).digest('hex').slice(0, 32);
const line = (spans: unknown) => JSON.stringify(spans);

export function englishModelDigest(english: EnglishModel): EnglishModelDigest {
  const sentences = sha(DIGEST_SENTENCES.map((t) => line(recognizeEntities(t, { lang: 'en', english }))).join('\n'));
  const files = loadLabelFiles(ROOT, [join(ROOT, 'tests/fixtures/entities'), join(ROOT, 'tests/fixtures/entities-holdout')]).filter((f) => /^en-/.test(f.name));
  const pages: EnglishModelDigest['pages'] = {};
  for (const file of files) {
    const page = pageText(file);
    const spans = recognizeEntities(`${page.title}\n${page.text}`, { lang: page.lang, english });
    pages[file.name] = { output: sha(line(spans)), f1: Math.round(scoreEntities(file, spans, true).f1 * 10000) / 10000 };
  }
  const meta = english.tagger?.meta ?? {};
  return { meta: { devF1: meta.devF1 ?? null, testF1: meta.testF1 ?? null }, sentences, pages };
}
