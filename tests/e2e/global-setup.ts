import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { attackerStory, largeArticlePage, liveStory, liveStoryEnglish } from '../support/generated-pages';
import { ROOT } from '../support/paths';
import { photoPng } from '../support/images';
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
  // /live/<name>.html serves one story per name, whose version a test switches with
  // /live/<name>/set?v=edited — the same URL showing a changed page.
  const versions = new Map<string, 'base' | 'edited' | 'removed'>();
  // The "attacker": a hostile page's beacons, kept in order and read back by the test (/attacker/log).
  const beacons: { kind: string; data: string }[] = [];
  const attacker = attackerStory();
  // Photos made here (real PNGs, photo-like): /photos/<name>-<w>x<h>.png (issue 22, photos kept offline).
  const photos = new Map<string, Uint8Array>();
  const server = await startServer([
    (url) => {
      const photo = url.pathname.match(/^\/photos\/([a-z]+)-(\d{1,4})x(\d{1,4})\.png$/);
      if (!photo) return undefined;
      const made = photos.get(url.pathname) ?? photoPng(Number(photo[2]), Number(photo[3]), photo[1]!.length * 7919);
      photos.set(url.pathname, made);
      return { body: made, type: 'image/png' };
    },
    (url) => (url.pathname === '/generated/large.html' ? { body: large } : undefined),
    (url) => (url.pathname.startsWith('/attack/') && url.pathname.endsWith('.html') ? { body: attacker } : undefined),
    (url) => {
      if (url.pathname === '/attacker/beacon') beacons.push({ kind: url.searchParams.get('k') ?? '', data: url.searchParams.get('d') ?? '' });
      else if (url.pathname === '/attacker/log') return { body: JSON.stringify(beacons), type: 'application/json' };
      else return undefined;
      return { body: '', type: 'text/plain' };
    },
    (url) => {
      const set = url.pathname.match(/^\/live\/([\w-]+)\/set$/);
      if (set) {
        versions.set(set[1]!, url.searchParams.get('v') as 'base' | 'edited' | 'removed');
        return { body: 'ok', type: 'text/plain' };
      }
      const page = url.pathname.match(/^\/live\/([\w-]+)\.html$/);
      // Names starting "en-" serve the English story.
      if (!page) return undefined;
      const version = versions.get(page[1]!) ?? 'base';
      return { body: page[1]!.startsWith('en-') ? liveStoryEnglish(version) : liveStory(version) };
    },
  ]);
  project.provide('extensionDir', join(ROOT, '.output/chrome-mv3-e2e'));
  project.provide('origin', server.origin);
  return () => server.close();
}
