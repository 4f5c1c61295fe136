/**
 * `npm run zip:check`: what an addons.mozilla.org reviewer does with the sources zip. Unpacks
 * `.output/margin-<version>-sources.zip` into a temporary folder, follows SOURCES.md there
 * (`npm ci`, `npm run build:firefox`) and compares every file of the rebuilt add-on with the
 * Firefox zip `npm run zip` made. Exits 1 on any difference. Run `npm run zip` first.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { unzipSync } from 'fflate';
import { ROOT } from './lib/paths';

const version = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
const sourcesZip = join(ROOT, `.output/margin-${version}-sources.zip`);
const firefoxZip = join(ROOT, `.output/margin-${version}-firefox.zip`);

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

const work = mkdtempSync(join(tmpdir(), 'margin-sources-'));
try {
  for (const [name, bytes] of Object.entries(unzipSync(readFileSync(sourcesZip)))) {
    if (name.endsWith('/')) continue;
    const path = join(work, name);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, bytes);
  }
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  console.log(`Unpacked ${sourcesZip} into ${work}; npm ci …`);
  execFileSync(npm, ['ci', '--no-audit', '--no-fund', '--prefer-offline'], { cwd: work, stdio: ['ignore', 'ignore', 'inherit'] });
  console.log('npm run build:firefox …');
  execFileSync(npm, ['run', 'build:firefox'], { cwd: work, stdio: ['ignore', 'ignore', 'inherit'] });

  const built = join(work, '.output/firefox-mv2');
  const rebuilt = new Map(files(built).map((path) => [relative(built, path).split('\\').join('/'), readFileSync(path)]));
  const submitted = new Map(
    Object.entries(unzipSync(readFileSync(firefoxZip)))
      .filter(([name]) => !name.endsWith('/'))
      .map(([name, bytes]) => [name, Buffer.from(bytes)]),
  );
  const problems: string[] = [];
  for (const [name, bytes] of submitted) {
    const again = rebuilt.get(name);
    if (!again) problems.push(`missing from the rebuild: ${name}`);
    else if (!again.equals(bytes)) problems.push(`differs: ${name}`);
  }
  for (const name of rebuilt.keys()) if (!submitted.has(name)) problems.push(`only in the rebuild: ${name}`);
  if (problems.length) {
    console.error(`The sources zip does not rebuild the Firefox package:\n  ${problems.join('\n  ')}`);
    process.exitCode = 1;
  } else {
    console.log(`The sources zip rebuilds the Firefox package exactly: ${submitted.size} files, byte for byte.`);
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
