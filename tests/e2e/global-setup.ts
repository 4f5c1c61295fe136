import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { largeArticlePage } from '../support/generated-pages';
import { ROOT } from '../support/paths';
import { startServer } from '../support/server';

declare module 'vitest' {
  export interface ProvidedContext {
    extensionDir: string;
    origin: string;
  }
}

/** Build the extension once (the e2e build may read 127.0.0.1) and serve the test pages. */
export default async function setup(project: TestProject) {
  execFileSync(process.execPath, [join(ROOT, 'node_modules/wxt/bin/wxt.mjs'), 'build', '--mode', 'e2e'], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const large = largeArticlePage();
  const server = await startServer([(url) => (url.pathname === '/generated/large.html' ? { body: large } : undefined)]);
  project.provide('extensionDir', join(ROOT, '.output/chrome-mv3-e2e'));
  project.provide('origin', server.origin);
  return () => server.close();
}
