// npm run profile:korean — where the Korean recogniser's time goes, per 1,000 characters, in
// Node: the rules alone, the model's features, its decoding, and the whole path (model +
// rules + consistency), median over the labelled Korean pages (shared fixtures and ours).
import { join } from 'node:path';
import { isKoreanText, koreanRules, recognizeEntities } from '../utils/entities';
import { extractFeatures } from '../utils/entities/model/features';
import { decode } from '../utils/entities/model/tagger';
import { FIXTURES, ROOT } from './lib/paths';
import { loadLabelFiles, pageText } from './lib/entity-eval';
import { koreanModelFromDisk } from './lib/korean-model';

const model = await koreanModelFromDisk();
const pages = loadLabelFiles(ROOT, [FIXTURES, join(ROOT, 'tests/fixtures/entities'), join(ROOT, 'tests/fixtures/entities-holdout')])
  .map((f) => ({ name: f.name, ...pageText(f) }))
  .map((p) => ({ ...p, full: `${p.title}\n${p.text}` }))
  .filter((p) => isKoreanText(p.full, p.lang));

const cpuMs = (fn: () => void, rounds: number) => {
  const times: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const t = process.cpuUsage();
    fn();
    const d = process.cpuUsage(t);
    times.push((d.user + d.system) / 1000);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
};
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const rows = { rules: [] as number[], features: [] as number[], decode: [] as number[], all: [] as number[] };
for (const p of pages) {
  const text = p.full;
  const k = text.length / 1000;
  for (let w = 0; w < 3; w++) recognizeEntities(text, { lang: 'ko', korean: model });
  const rules = koreanRules(text);
  const f = extractFeatures(text, model.lexicon, rules);
  rows.rules.push(cpuMs(() => koreanRules(text), 15) / k);
  rows.features.push(cpuMs(() => extractFeatures(text, model.lexicon, rules), 15) / k);
  rows.decode.push(cpuMs(() => decode(model, text, f), 15) / k);
  rows.all.push(cpuMs(() => recognizeEntities(text, { lang: 'ko', korean: model }), 15) / k);
  console.log(`${p.name.padEnd(34)} ${String(text.length).padStart(6)} chars  all ${rows.all.at(-1)!.toFixed(2)} ms/1k`);
}
console.log(
  `median over ${pages.length} Korean pages, CPU ms per 1,000 chars: rules ${median(rows.rules).toFixed(2)} · features ${median(rows.features).toFixed(2)} · decoding ${median(rows.decode).toFixed(2)} · model + rules + consistency ${median(rows.all).toFixed(2)}`,
);
