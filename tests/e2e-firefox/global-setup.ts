import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { ROOT } from '../support/paths';
import { startServer } from '../support/server';

declare module 'vitest' {
  export interface ProvidedContext {
    firefoxExtensionDir: string;
    firefoxOrigin: string;
  }
}

/**
 * Build the Firefox add-on once (the e2e build, which may read 127.0.0.1) and serve the test
 * pages. /plain/story.html is the English sample without any site name of its own: served
 * from 127.0.0.1, its site must be named by the host.
 */
export default async function setup(project: TestProject) {
  execFileSync(process.execPath, [join(ROOT, 'node_modules/wxt/bin/wxt.mjs'), 'build', '-b', 'firefox', '--mode', 'e2e'], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const plain = readFileSync(join(ROOT, 'tests/pages/sample-en.html'), 'utf8')
    .replace(/<meta[^>]+og:site_name[^>]*>/gi, '')
    .replace(/<title>([^<]*?)\s+[-|–—]\s+[^<]*<\/title>/i, '<title>$1</title>');
  const server = await startServer([(url) => (url.pathname === '/plain/story.html' ? { body: plain } : undefined)]);
  project.provide('firefoxExtensionDir', join(ROOT, '.output/firefox-mv2-e2e'));
  project.provide('firefoxOrigin', server.origin);
  return () => server.close();
}
