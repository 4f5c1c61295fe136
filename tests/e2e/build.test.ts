import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../support/paths';

const wxt = (...args: string[]) => execFileSync(process.execPath, [join(ROOT, 'node_modules/wxt/bin/wxt.mjs'), ...args], { cwd: ROOT, stdio: 'ignore' });
const manifest = (dir: string) => JSON.parse(readFileSync(join(ROOT, '.output', dir, 'manifest.json'), 'utf8'));

/** Issue 14, item 7: an explicit policy for Margin's own pages, a second layer behind DOMPurify. */
function expectTightCsp(policy: string) {
  const directives = new Map(
    policy.split(';').map((d) => {
      const [name = '', ...values] = d.trim().split(/\s+/);
      return [name, values.join(' ')];
    }),
  );
  expect(directives.get('script-src')).toBe("'self'");
  expect(directives.get('object-src')).toBe("'none'");
  expect(directives.get('base-uri')).toBe("'none'");
  expect(directives.get('form-action')).toBe("'none'");
  expect(directives.get('frame-src')).toBe("'none'");
  // The extension itself, and the reader's sync server (issue 10): HTTPS anywhere or plain HTTP to this machine only.
  expect(directives.get('connect-src')).toBe("'self' https: http://localhost:* http://127.0.0.1:*");
}

describe('the builds a reader installs', () => {
  beforeAll(() => {
    wxt('build');
    wxt('build', '-b', 'firefox');
  }, 120_000);

  it('Chrome (MV3) asks for no host permissions: content scripts are injected on demand', () => {
    const m = manifest('chrome-mv3');
    expect(m.manifest_version).toBe(3);
    expect(m.permissions.sort()).toEqual(['activeTab', 'alarms', 'contextMenus', 'scripting', 'sidePanel', 'storage']);
    expect(m.host_permissions ?? []).toEqual([]);
    // Access to all sites is only ever asked for, by the "always show my highlights" setting.
    expect(m.optional_host_permissions).toEqual(['<all_urls>']);
    expect(m.content_scripts ?? []).toEqual([]);
    expect(m.commands['highlight-selection'].suggested_key.default).toBe('Alt+Shift+U');
    expect(m.default_locale).toBe('en');
    expect(m.action.default_title).toBe('__MSG_actionTitle__');
    expectTightCsp(m.content_security_policy.extension_pages);
  });

  it('Firefox (MV2) builds with the same permissions and passes web-ext lint with no errors', () => {
    const m = manifest('firefox-mv2');
    expect(m.manifest_version).toBe(2);
    expect(m.permissions.sort()).toEqual(['activeTab', 'alarms', 'contextMenus', 'scripting', 'storage']);
    expect(m.optional_permissions).toEqual(['<all_urls>']);
    expectTightCsp(m.content_security_policy);
    const lint = spawnSync(
      process.execPath,
      [join(ROOT, 'node_modules/web-ext/bin/web-ext.js'), 'lint', '--source-dir', join(ROOT, '.output/firefox-mv2'), '--output', 'json'],
      { cwd: ROOT, encoding: 'utf8' },
    );
    const report = JSON.parse(lint.stdout);
    expect(report.errors).toEqual([]);
    expect(report.summary.errors).toBe(0);
  });
});
