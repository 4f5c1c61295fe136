import { chromium } from 'playwright-core';
import { findChrome } from '../../scripts/lib/chrome';
import { startServer } from '../support/server';
import { scrapinghubPages, type Split } from './corpus';
import { bundleForPage } from './in-browser';
import { mean, median, quantile } from './stats';

/**
 * Issue 22: what keeping the photos with saved copies costs, on Scrapinghub's 181 real pages.
 * Each page is extracted and saved in headless Chromium as the extension does (capture, finish,
 * IndexedDB), its photos are chosen from the stored body (utils/extract/photos.ts), fetched from
 * the local test server, shrunk and kept (utils/page/photos.ts, utils/db/photos.ts) in the same
 * page. The corpus holds the pages' HTML, not their pictures: each photo is served as a
 * photo-like JPEG (quality 0.85, as CDNs serve) at the size the page states for it (its width
 * and height attributes, or its widest srcset choice; 1200×800 when it states none), at most
 * 2,400 px a side. So the photo counts are the pages' own; the bytes are those of stand-ins.
 */
export interface PhotoBench {
  pages: number;
  pagesWithPhotos: number;
  photos: { mean: number; median: number; max: number; p90: number; heldOutMean: number; devMean: number };
  statedSizes: number;
  perArticle: { originalMedian: number; keptMedian: number; originalMean: number; keptMean: number; ratio: number };
  overBudget: number;
  ms: { saveMedian: number; keepMedian: number; keepP95: number; addedRatioMedian: number };
  webp: number;
  kept: number;
  candidates: number;
}

export async function benchPhotos(): Promise<PhotoBench> {
  const pages = scrapinghubPages();
  const jpegs = new Map<string, Buffer>();
  const server = await startServer([
    (url) => {
      const m = url.pathname.match(/^\/bench-photo\/(\d+x\d+)\/\d+\.jpg$/);
      const body = m && jpegs.get(m[1]!);
      return body ? { body, type: 'image/jpeg' } : undefined;
    },
  ]);
  const browser = await chromium.launch({
    executablePath: findChrome(),
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
  });
  try {
    const page = await browser.newPage();
    await page.goto(`${server.origin}/pages/blank.html`);
    await page.addScriptTag({ content: await bundleForPage('tests/bench/photos-entry.ts') });
    type Api = {
      save(html: string, url: string): Promise<{ saveMs: number; candidates: { width: number; height: number; declared: boolean }[] } | null>;
      keep(
        addresses: string[],
      ): Promise<{ keepMs: number; kept: number; bytes: number; originalBytes: number; served: number; missing: string[]; types: string[] }>;
      makeJpeg(w: number, h: number, seed: number): Promise<string>;
    };
    const counts: { split: Split; n: number }[] = [];
    const original: number[] = [];
    const keptBytes: number[] = [];
    const saveMs: number[] = [];
    const keepMs: number[] = [];
    const added: number[] = [];
    let stated = 0;
    let overBudget = 0;
    let webp = 0;
    let kept = 0;
    for (const [index, p] of pages.entries()) {
      const saved = await page.evaluate(({ html, url }) => (window as unknown as { marginPhotoBench: Api }).marginPhotoBench.save(html, url), {
        html: p.html,
        url: p.url,
      });
      if (!saved) continue;
      counts.push({ split: p.split, n: saved.candidates.length });
      if (!saved.candidates.length) continue;
      const addresses: string[] = [];
      for (const c of saved.candidates) {
        if (c.declared) stated++;
        const scale = Math.min(1, 2400 / Math.max(c.width, c.height));
        const size = `${Math.max(100, Math.round(c.width * scale))}x${Math.max(100, Math.round(c.height * scale))}`;
        if (!jpegs.has(size)) {
          const [w, h] = size.split('x').map(Number) as [number, number];
          const data = await page.evaluate(({ w, h, seed }) => (window as unknown as { marginPhotoBench: Api }).marginPhotoBench.makeJpeg(w, h, seed), {
            w,
            h,
            seed: w * 31 + h,
          });
          jpegs.set(size, Buffer.from(data, 'base64'));
        }
        addresses.push(`${server.origin}/bench-photo/${size}/${index}.jpg`);
      }
      const result = await page.evaluate((list) => (window as unknown as { marginPhotoBench: Api }).marginPhotoBench.keep(list), addresses);
      // What the site would send for this article's photos (all of them), and what is kept.
      original.push(addresses.reduce((sum, a) => sum + jpegs.get(a.split('/').at(-2)!)!.length, 0));
      keptBytes.push(result.bytes);
      saveMs.push(saved.saveMs);
      keepMs.push(result.keepMs);
      added.push(result.keepMs / saved.saveMs);
      if (result.missing.includes('article-budget')) overBudget++;
      webp += result.types.filter((t) => t === 'image/webp').length;
      kept += result.kept;
    }
    const n = counts.map((c) => c.n);
    const of = (split: Split) => mean(counts.filter((c) => c.split === split).map((c) => c.n));
    const sumOriginal = original.reduce((a, b) => a + b, 0);
    const sumKept = keptBytes.reduce((a, b) => a + b, 0);
    return {
      pages: counts.length,
      pagesWithPhotos: n.filter((x) => x > 0).length,
      photos: { mean: mean(n), median: median(n), max: Math.max(...n), p90: quantile(n, 0.9), heldOutMean: of('held-out'), devMean: of('dev') },
      statedSizes: stated,
      perArticle: {
        originalMedian: median(original),
        keptMedian: median(keptBytes),
        originalMean: mean(original),
        keptMean: mean(keptBytes),
        ratio: sumKept / sumOriginal,
      },
      overBudget,
      ms: { saveMedian: median(saveMs), keepMedian: median(keepMs), keepP95: quantile(keepMs, 0.95), addedRatioMedian: median(added) },
      webp,
      kept,
      candidates: n.reduce((a, b) => a + b, 0),
    };
  } finally {
    await browser.close();
    await server.close();
  }
}
