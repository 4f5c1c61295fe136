import { benchPage } from './in-browser';
import { extractionPages, scrapinghubPages, tokenF1 } from './corpus';
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

export interface ExtractionQuality {
  pages: number;
  readabilityMeanF1: number;
  pipelineMeanF1: number;
  pipelineNoArticle: string[];
  worsePages: { page: string; readability: number; pipeline: number }[];
}

/** Token F1 of the extracted text against Scrapinghub's human-written article bodies. */
export async function benchExtractionQuality(): Promise<ExtractionQuality> {
  const pages = scrapinghubPages();
  const { page, close } = await benchPage('tests/bench/browser-entry.ts');
  const base: number[] = [];
  const pipe: number[] = [];
  const noArticle: string[] = [];
  const worse: ExtractionQuality['worsePages'] = [];
  try {
    for (const p of pages) {
      const texts = await page.evaluate(({ html, url }) => window.marginBench.texts(html, url), { html: p.html, url: p.url });
      const r = tokenF1(texts.readability, p.truth);
      const q = tokenF1(texts.pipeline, p.truth);
      if (!texts.pipeline) noArticle.push(p.name);
      base.push(r);
      pipe.push(q);
      if (q < r - 0.01) worse.push({ page: p.name, readability: r, pipeline: q });
    }
  } finally {
    await close();
  }
  return { pages: pages.length, readabilityMeanF1: mean(base), pipelineMeanF1: mean(pipe), pipelineNoArticle: noArticle, worsePages: worse };
}
