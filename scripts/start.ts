// npm start: build Margin, serve the sample articles on 127.0.0.1 and open Chromium/Chrome
// with the extension loaded on the Korean sample. Without a display (a server, CI) it
// runs the same thing headless and saves screenshots of the popup instead.
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ARTIFACTS, ROOT } from './lib/paths';
import { startServer } from './lib/server';
import { findChrome } from './lib/chrome';

const wxt = join(ROOT, 'node_modules/wxt/bin/wxt.mjs');
const hasDisplay = process.platform !== 'linux' || Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);

function build(mode?: string): string {
  console.log(`Building Margin${mode ? ` (${mode} build)` : ''} …`);
  execFileSync(process.execPath, [wxt, 'build', ...(mode ? ['--mode', mode] : [])], { cwd: ROOT, stdio: 'ignore' });
  return join(ROOT, '.output', mode ? `chrome-mv3-${mode}` : 'chrome-mv3');
}

let chrome: string;
try {
  chrome = findChrome();
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}

const server = await startServer([], Number(process.env.PORT ?? 0));
const korean = `${server.origin}/pages/sample-ko.html`;
const english = `${server.origin}/pages/sample-en.html`;

if (hasDisplay) {
  const extension = build();
  const profile = mkdtempSync(join(tmpdir(), 'margin-demo-'));
  const args = [
    `--user-data-dir=${profile}`,
    `--disable-extensions-except=${extension}`,
    `--load-extension=${extension}`,
    '--no-first-run',
    '--no-default-browser-check',
    '--disable-features=Translate',
    ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
    korean,
    english,
  ];
  console.log(`
Margin is loaded in ${chrome}
  Korean sample:  ${korean}
  English sample: ${english}
Click the puzzle-piece icon in the toolbar, pin Margin, then click Margin on either article.
Close the browser (or press Ctrl+C) to stop.`);
  const child = spawn(chrome, args, { stdio: 'ignore' });
  const stop = () => {
    child.kill();
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  child.on('exit', () => {
    // The browser is gone: stop serving, drop the throwaway profile, and leave even if closing fails.
    void server
      .close()
      .catch((error: unknown) => console.error(error))
      .finally(() => {
        rmSync(profile, { recursive: true, force: true });
        process.exit(0);
      });
  });
} else {
  // No screen to show a browser on: open the popup headless for each sample and keep
  // what a reader would have seen. (The e2e build may read 127.0.0.1 without a toolbar click.)
  const { launchWithExtension, openPopup, openTab } = await import('./lib/browser');
  const extension = build('e2e');
  console.log('No display found: running the demo headless.');
  mkdirSync(ARTIFACTS, { recursive: true });
  for (const [name, url, locale] of [
    ['demo-ko', korean, 'ko'],
    ['demo-en', english, 'en'],
  ] as const) {
    const browser = await launchWithExtension({ extensionDir: extension, locale });
    const { tabId } = await openTab(browser, url);
    const popup = await openPopup(browser, tabId);
    const title = await popup.getByTestId('title').textContent();
    const path = join(ARTIFACTS, `${name}.png`);
    await popup.screenshot({ path });
    console.log(`  ${url}\n    → "${title}"\n    → screenshot: ${path}`);
    await browser.close();
  }
  await server.close();
  console.log('\nOn a machine with a display, `npm start` opens the browser itself.');
}
