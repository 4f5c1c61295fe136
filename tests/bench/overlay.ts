// The cost of drawing live-page highlights where the page cannot read them (issue 14, item 6):
// the closed shadow-root overlay against the CSS Custom Highlight API, in the same run, on a
// long Korean article in headless Chromium.  npx tsx tests/bench/overlay.ts
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { paragraphs } from '../support/generated-pages';
import { ROOT } from '../support/paths';
import { benchPage } from './in-browser';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * 0.95))]!;

interface Bench {
  makeHighlights(n: number): unknown[];
  overlay(h: unknown[]): { ms: number; drawn: number; boxes: number; layoutMs: number };
  css(h: unknown[]): { ms: number; drawn: number };
  relayout(h: unknown[]): Promise<{ layoutMs: number; boxes: number }>;
}

async function main() {
  const { page, close } = await benchPage('tests/bench/overlay-entry.ts');
  await page.setViewportSize({ width: 1000, height: 800 });
  // ~300 paragraphs (~90k characters), the size of a long feature.
  await page.evaluate((html) => {
    const main = document.createElement('main');
    main.innerHTML = `<article><h1>시의회, 예산안 통과</h1>${html}</article>`;
    document.body.append(main);
  }, paragraphs(300));
  const rows: Record<string, unknown>[] = [];
  for (const count of [10, 100, 500]) {
    const result = await page.evaluate(
      async ([n]) => {
        const bench = (globalThis as unknown as { overlayBench: Bench }).overlayBench;
        const h = bench.makeHighlights(n);
        const overlay: number[] = [];
        const css: number[] = [];
        const relayout: number[] = [];
        let boxes = 0;
        let drawn = 0;
        for (let i = 0; i < 3; i++) {
          bench.overlay(h);
          bench.css(h);
        }
        for (let i = 0; i < 21; i++) {
          const o = bench.overlay(h);
          overlay.push(o.ms);
          boxes = o.boxes;
          drawn = o.drawn;
          css.push(bench.css(h).ms);
          relayout.push((await bench.relayout(h)).layoutMs);
        }
        return { overlay, css, relayout, boxes, drawn };
      },
      [count] as const,
    );
    rows.push({
      highlights: count,
      drawn: result.drawn,
      boxes: result.boxes,
      overlayMedianMs: +median(result.overlay).toFixed(2),
      cssHighlightsMedianMs: +median(result.css).toFixed(2),
      ratio: +(median(result.overlay) / median(result.css)).toFixed(2),
      overlayP95Ms: +p95(result.overlay).toFixed(2),
      relayoutMedianMs: +median(result.relayout).toFixed(2),
    });
  }
  await close();
  console.table(rows);
  mkdirSync(join(ROOT, 'reports'), { recursive: true });
  writeFileSync(join(ROOT, 'reports/overlay-bench.json'), `${JSON.stringify({ when: new Date().toISOString(), rows }, null, 2)}\n`);
}

void main();
