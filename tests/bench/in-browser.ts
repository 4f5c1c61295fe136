import { build } from 'esbuild';
import { chromium, type Browser, type Page } from 'playwright-core';
import { findChrome } from '../../scripts/lib/chrome';
import { ROOT } from '../support/paths';
import { join } from 'node:path';

export interface BenchPage {
  page: Page;
  close: () => Promise<void>;
}

/** A blank page of headless Chromium with an entry module bundled into it. */
export async function benchPage(entry: string): Promise<BenchPage> {
  const bundle = await build({
    entryPoints: [join(ROOT, entry)],
    bundle: true,
    format: 'iife',
    write: false,
    minify: !process.env.BENCH_NO_MINIFY,
    target: 'es2022',
    logLevel: 'error',
  });
  const browser: Browser = await chromium.launch({
    executablePath: findChrome(),
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--js-flags=--expose-gc'],
  });
  const page = await browser.newPage();
  await page.setContent('<!doctype html><html><head><meta charset="utf-8"></head><body></body></html>');
  await page.addScriptTag({ content: bundle.outputFiles[0]!.text });
  return { page, close: () => browser.close() };
}
