// npx tsx tests/bench/quality-dev.ts [--out DIR] [--save FILE] [--compare FILE]
// Token F1 per page on the *dev* part of Scrapinghub's benchmark only (the held-out part is
// never loaded here): the tool for tuning the extraction rules. Prints every dev page, worst
// first, with Readability's F1 beside Margin's; --out writes each page's three texts
// (truth, Readability, Margin) for reading; --save/--compare keep a run's figures and show
// which pages a change moved by more than 0.005.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { benchPage } from './in-browser';
import { scrapinghubPages, tokenF1 } from './corpus';
import { mean } from './stats';

const { values } = parseArgs({ options: { out: { type: 'string' }, save: { type: 'string' }, compare: { type: 'string' }, page: { type: 'string' } } });
const pages = scrapinghubPages('dev').filter((p) => !values.page || p.name.startsWith(values.page));
const before = values.compare ? (JSON.parse(readFileSync(values.compare, 'utf8')) as Record<string, number>) : null;
const { page, close } = await benchPage('tests/bench/browser-entry.ts');
const rows: { name: string; url: string; readability: number; pipeline: number }[] = [];
try {
  if (values.out) mkdirSync(values.out, { recursive: true });
  for (const p of pages) {
    const texts = await page.evaluate(({ html, url }) => window.marginBench.texts(html, url), { html: p.html, url: p.url });
    const article = values.out ? await page.evaluate(({ html, url }) => window.marginBench.article(html, url), { html: p.html, url: p.url }) : null;
    rows.push({ name: p.name, url: p.url, readability: tokenF1(texts.readability, p.truth), pipeline: tokenF1(texts.pipeline, p.truth) });
    if (values.out) {
      writeFileSync(join(values.out, `${p.name}.truth.txt`), p.truth);
      writeFileSync(join(values.out, `${p.name}.readability.txt`), texts.readability);
      writeFileSync(join(values.out, `${p.name}.margin.txt`), texts.pipeline);
      writeFileSync(join(values.out, `${p.name}.margin.html`), article?.html ?? '');
    }
  }
} finally {
  await close();
}
const f = (n: number) => n.toFixed(3);
for (const r of [...rows].sort((a, b) => a.pipeline - b.pipeline)) {
  const was = before?.[r.name];
  const moved = was !== undefined && Math.abs(r.pipeline - was) > 0.005 ? `  (was ${f(was)})` : '';
  console.log(
    `${r.name}  ${f(r.readability)} → ${f(r.pipeline)}  ${r.pipeline - r.readability >= 0 ? '+' : ''}${f(r.pipeline - r.readability)}${moved}  ${r.url}`,
  );
}
if (before) {
  const changed = rows.filter((r) => before[r.name] !== undefined && Math.abs(r.pipeline - before[r.name]!) > 0.005);
  console.log(
    `moved: ${changed.length} pages; worst drop ${f(Math.min(0, ...changed.map((r) => r.pipeline - before[r.name]!)))}; mean before ${f(mean(Object.values(before)))}`,
  );
}
console.log(
  `dev (${rows.length} pages): Readability ${mean(rows.map((r) => r.readability)).toFixed(4)} → Margin ${mean(rows.map((r) => r.pipeline)).toFixed(4)}`,
);
if (values.save) writeFileSync(values.save, JSON.stringify(Object.fromEntries(rows.map((r) => [r.name, r.pipeline])), null, 1));
