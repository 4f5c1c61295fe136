import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

export interface BundleSize {
  name: string;
  files: string[];
  raw: number;
  gzip: number;
}

function measure(dir: string, name: string, files: string[]): BundleSize {
  let raw = 0;
  let gzip = 0;
  for (const file of files) {
    const bytes = readFileSync(join(dir, file));
    raw += bytes.length;
    gzip += gzipSync(bytes, { level: 9 }).length;
  }
  return { name, files, raw, gzip };
}

/**
 * The JavaScript an HTML entrypoint loads before it can run: its module script and everything it
 * imports statically; with `loaded`, also what its own module script loads dynamically (the
 * chunks Vite lists to preload for it: the popup's reader, loaded once the request is sent).
 */
function initialScripts(dir: string, html: string, loaded = false): string[] {
  const page = readFileSync(join(dir, html), 'utf8');
  const entry = [...page.matchAll(/<script[^>]+src="\/?([^"]+)"/g), ...page.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="\/?([^"]+)"/g)].map((m) => m[1]!);
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const code = readFileSync(join(dir, file), 'utf8');
    // Static imports only: import x from "./a.js" / import "./a.js" (dynamic import() is lazy).
    for (const m of code.matchAll(/(?:^|[;\s}])import\s*(?:[\w*{}\s,$]+from\s*)?["']([^"']+)["']/g)) {
      const target = m[1]!.startsWith('/') ? m[1]!.slice(1) : join(file, '..', m[1]!);
      visit(target);
    }
  };
  entry.forEach(visit);
  if (loaded) {
    const first = entry[0] ? readFileSync(join(dir, entry[0]), 'utf8') : '';
    const listed = /__vite__mapDeps=.*?\[([^\]]*)\]/.exec(first)?.[1] ?? '';
    for (const m of listed.matchAll(/"([^"]+\.js)"/g)) visit(m[1]!);
  }
  return [...seen];
}

export function bundleSizes(dir: string): BundleSize[] {
  return [
    measure(dir, 'popup (initial JS: what sends the request)', initialScripts(dir, 'popup.html')),
    measure(dir, 'popup (JS to its shell: with the reader it then loads)', initialScripts(dir, 'popup.html', true)),
    measure(dir, 'content script', ['capture.js']),
    measure(dir, 'highlighter content script (live-page highlights)', ['content-scripts/highlighter.js']),
    measure(dir, 'library page (initial JS)', initialScripts(dir, 'library.html')),
    measure(dir, 'background', ['background.js']),
  ];
}
