import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';

const NAMES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable', 'chrome'];
const WELL_KNOWN = [
  '/usr/bin/chromium',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
];

/** Chromium or Chrome: $CHROME_PATH, then the PATH, then the usual install places. */
export function findChrome(): string {
  const fromEnv = process.env.CHROME_PATH;
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new Error(`CHROME_PATH points to ${fromEnv}, which does not exist`);
    return fromEnv;
  }
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    for (const name of NAMES) {
      for (const candidate of [join(dir, name), join(dir, `${name}.exe`)]) if (existsSync(candidate)) return candidate;
    }
  }
  for (const candidate of WELL_KNOWN) if (existsSync(candidate)) return candidate;
  throw new Error('No Chromium or Chrome found. Install one (Debian: apt-get install chromium) or set CHROME_PATH.');
}
