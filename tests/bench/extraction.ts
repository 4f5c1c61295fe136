import { benchPage } from './in-browser';
import { extractionPages, scrapinghubPages, tokenF1, type Split } from './corpus';
import { mean, median, quantile } from './stats';

export interface ExtractionSpeed {
  pages: number;
  rounds: number;
  baselineMedianMs: number;
  pipelineMedianMs: number;
  pipelineP95Ms: number;
  ratioMedian: number;
  ratioP95: number;
  slowest: { page: string; ratio: number }[];
}

/**
 * Margin's extraction pipeline (clone + Readability + cleaning + metadata + sanitise),
 * as the extension splits it over content script, background and popup, against bare
 * Readability.parse on the same documents — in headless Chromium, where the extension
 * runs. Each timing gets a freshly parsed document (parsing is not timed: the browser
 * has the DOM already); the two alternate so that drift affects both; per page the
 * median of the rounds counts.
 */
export async function benchExtractionSpeed(rounds = 7): Promise<ExtractionSpeed> {
  const pages = extractionPages();
  const { page, close } = await benchPage('tests/bench/browser-entry.ts');
  const ratios: { page: string; ratio: number }[] = [];
  const baseTimes: number[] = [];
  const pipeTimes: number[] = [];
  try {
    for (const p of pages) {
      const { base, pipe } = await page.evaluate(({ html, url, rounds }) => window.marginBench.time(html, url, rounds), {
        html: p.html,
        url: p.url,
        rounds,
      });
      const bm = median(base);
      const pm = median(pipe);
      baseTimes.push(bm);
      pipeTimes.push(pm);
      ratios.push({ page: p.name, ratio: pm / bm });
    }
  } finally {
    await close();
  }
  const values = ratios.map((r) => r.ratio);
  return {
    pages: pages.length,
    rounds,
    baselineMedianMs: median(baseTimes),
    pipelineMedianMs: median(pipeTimes),
    pipelineP95Ms: quantile(pipeTimes, 0.95),
    ratioMedian: median(values),
    ratioP95: quantile(values, 0.95),
    slowest: [...ratios].sort((x, y) => y.ratio - x.ratio).slice(0, 5),
  };
}

export interface SplitF1 {
  pages: number;
  readabilityMeanF1: number;
  pipelineMeanF1: number;
}

export interface ExtractionQuality extends SplitF1 {
  /** The part the rules were tuned on and the part never looked at (see splitOf in corpus.ts). */
  dev: SplitF1;
  heldOut: SplitF1;
  pipelineNoArticle: string[];
  /** The ten pages where Margin does worst against Readability alone (pipeline − Readability). */
  worstDeltas: { page: string; split: Split; readability: number; pipeline: number; delta: number }[];
  /** Pages more than 0.02 below Readability (the target is none). */
  below: number;
}

function splitF1(rows: { readability: number; pipeline: number }[]): SplitF1 {
  return { pages: rows.length, readabilityMeanF1: mean(rows.map((r) => r.readability)), pipelineMeanF1: mean(rows.map((r) => r.pipeline)) };
}

/** Token F1 of the extracted text against Scrapinghub's human-written article bodies, on the dev and held-out parts and on all. */
export async function benchExtractionQuality(): Promise<ExtractionQuality> {
  const pages = scrapinghubPages();
  const { page, close } = await benchPage('tests/bench/browser-entry.ts');
  const rows: { page: string; split: Split; readability: number; pipeline: number; delta: number }[] = [];
  const noArticle: string[] = [];
  try {
    for (const p of pages) {
      const texts = await page.evaluate(({ html, url }) => window.marginBench.texts(html, url), { html: p.html, url: p.url });
      const readability = tokenF1(texts.readability, p.truth);
      const pipeline = tokenF1(texts.pipeline, p.truth);
      if (!texts.pipeline) noArticle.push(p.name);
      rows.push({ page: p.name, split: p.split, readability, pipeline, delta: pipeline - readability });
    }
  } finally {
    await close();
  }
  return {
    ...splitF1(rows),
    dev: splitF1(rows.filter((r) => r.split === 'dev')),
    heldOut: splitF1(rows.filter((r) => r.split === 'held-out')),
    pipelineNoArticle: noArticle,
    worstDeltas: [...rows].sort((a, b) => a.delta - b.delta).slice(0, 10),
    below: rows.filter((r) => r.delta < -0.02).length,
  };
}
