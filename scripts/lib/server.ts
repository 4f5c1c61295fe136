import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve } from 'node:path';
import { CORPUS, FIXTURES, PAGES } from './paths';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.svg': 'image/svg+xml',
};

// A tiny grey JPEG-ish placeholder is not needed: missing images simply 404, as on the web.
export type DynamicRoute = (url: URL) => { status?: number; type?: string; body: string | Uint8Array } | undefined;

export interface TestServer {
  origin: string;
  close(): Promise<void>;
}

/**
 * Serves the shared fixtures (/fixtures/…), the project's own pages (/pages/…), the
 * Readability corpus' pages (/corpus/readability/<name>/source.html), the Scrapinghub corpus' real pages (/corpus/scrapinghub/<id>.html, stored gzipped) and any
 * dynamic routes, on 127.0.0.1 only.
 */
export async function startServer(dynamic: DynamicRoute[] = [], port = 0): Promise<TestServer> {
  const mounts: [string, string][] = [
    ['/fixtures/', FIXTURES],
    ['/pages/', PAGES],
    ['/corpus/readability/', join(CORPUS, 'readability')],
  ];
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    for (const route of dynamic) {
      const answer = route(url);
      if (answer) {
        res.writeHead(answer.status ?? 200, { 'content-type': answer.type ?? TYPES['.html'], 'cache-control': 'no-store' });
        res.end(answer.body);
        return;
      }
    }
    const corpusPage = url.pathname.match(/^\/corpus\/scrapinghub\/([0-9a-f]{64})\.html$/);
    const gz = corpusPage && join(CORPUS, 'scrapinghub/html', `${corpusPage[1]}.html.gz`);
    if (gz && existsSync(gz)) {
      // The corpus stores its pages as UTF-8 (whatever the site served).
      res.writeHead(200, { 'content-type': TYPES['.html'], 'cache-control': 'no-store' });
      res.end(gunzipSync(readFileSync(gz)));
      return;
    }
    for (const [prefix, dir] of mounts) {
      if (!url.pathname.startsWith(prefix)) continue;
      const file = resolve(dir, normalize(decodeURIComponent(url.pathname.slice(prefix.length))));
      if (!file.startsWith(dir)) break;
      const path = existsSync(file) && statSync(file).isDirectory() ? join(file, 'index.html') : file;
      if (!existsSync(path)) break;
      res.writeHead(200, { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
      createReadStream(path).pipe(res);
      return;
    }
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end('not found');
  });
  await new Promise<void>((ok) => server.listen(port, '127.0.0.1', ok));
  const { port: actual } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${actual}`,
    close: () => new Promise((ok) => server.close(() => ok())),
  };
}
