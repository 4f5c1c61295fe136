import { build } from 'esbuild';
import { chromium, type Browser, type Page } from 'playwright-core';
import { findChrome } from '../../scripts/lib/chrome';
import { ROOT } from '../support/paths';
import { join } from 'node:path';

export interface BenchPage {
  page: Page;
  close: () => Promise<void>;
}

/**
 * An entry module (path from the repository root) bundled into one script for a page of
 * headless Chromium; BENCH_NO_MINIFY=1 keeps names readable in a profile.
 */
export async function bundleForPage(entry: string, define?: Record<string, string>): Promise<string> {
  const bundle = await build({
    entryPoints: [join(ROOT, entry)],
    bundle: true,
    format: 'iife',
    write: false,
    minify: !process.env.BENCH_NO_MINIFY,
    target: 'es2022',
    logLevel: 'error',
    ...(define && { define }),
  });
  return bundle.outputFiles[0]!.text;
}

/** A blank page of headless Chromium with an entry module bundled into it. */
export async function benchPage(entry: string): Promise<BenchPage> {
  const script = await bundleForPage(entry);
  const browser: Browser = await chromium.launch({
    executablePath: findChrome(),
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--js-flags=--expose-gc'],
  });
  const page = await browser.newPage();
  await page.setContent('<!doctype html><html><head><meta charset="utf-8"></head><body></body></html>');
  await page.addScriptTag({ content: script });
  return { page, close: () => browser.close() };
}
