import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { newsFixtures } from '../support/fixtures';
import { ROOT } from '../support/paths';

function extract(...args: string[]) {
  const run = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts/extract.ts'), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('npm run extract', () => {
  const fixture = newsFixtures()[0]!;

  it('prints one JSON object with the article and an entities list', () => {
    const { code, stdout, stderr } = extract(fixture.sourcePath, '--url', 'https://news.example.kr/a?utm_source=x#y');
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout.trim().split('\n')).toHaveLength(1);
    const out = JSON.parse(stdout);
    expect(Object.keys(out).sort()).toEqual(['article', 'entities']);
    expect(Object.keys(out.article).sort()).toEqual(
      ['byline', 'contentHtml', 'excerpt', 'lang', 'publishedTime', 'siteName', 'textContent', 'title', 'url'].sort(),
    );
    expect(out.article.url).toBe('https://news.example.kr/a');
    expect(out.article.title).toBe(fixture.expected.title);
    expect(Array.isArray(out.entities)).toBe(true);
  });

  it('reads pages saved in EUC-KR, as many Korean sites still serve them', () => {
    const dir = mkdtempSync(join(tmpdir(), 'margin-cli-'));
    const path = join(dir, 'euckr.html');
    // "<meta charset=euc-kr>" page whose body says 한국어 기사 본문 repeatedly, encoded by hand.
    const encoder = (text: string) => Buffer.from(new TextEncoder().encode(text));
    const hangul = Buffer.from([0xc7, 0xd1, 0xb1, 0xb9, 0xbe, 0xee, 0x20, 0xb1, 0xe2, 0xbb, 0xe7, 0x20, 0xba, 0xbb, 0xb9, 0xae, 0x2e, 0x20]); // "한국어 기사 본문. "
    const paragraph = Buffer.concat([encoder('<p>'), ...Array(30).fill(hangul), encoder('</p>')]);
    writeFileSync(
      path,
      Buffer.concat([
        encoder('<html lang="ko"><head><meta charset="euc-kr"><title>t</title></head><body><article>'),
        paragraph,
        paragraph,
        encoder('</article></body></html>'),
      ]),
    );
    const { code, stdout } = extract(path);
    expect(code).toBe(0);
    expect(JSON.parse(stdout).article.textContent).toContain('한국어 기사 본문.');
  });

  it('fails with one line on stderr for a missing file', () => {
    const { code, stdout, stderr } = extract(join(ROOT, 'no-such-page.html'));
    expect(code).not.toBe(0);
    expect(stdout).toBe('');
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(/cannot read .*no such file/);
  });

  it('fails with one line on stderr for a page without an article', () => {
    const dir = mkdtempSync(join(tmpdir(), 'margin-cli-'));
    const path = join(dir, 'empty.html');
    writeFileSync(path, '<html><head><title>Nothing</title></head><body><div id="app"></div></body></html>');
    const { code, stdout, stderr } = extract(path);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr.trim()).toMatch(/^extract: no article in .*empty\.html: /);
  });

  it('explains how to call it when called wrongly', () => {
    const { code, stderr } = extract();
    expect(code).toBe(2);
    expect(stderr).toMatch(/Usage: npm run --silent extract/);
    expect(extract(fixture.sourcePath, '--url', 'not a url').stderr).toMatch(/not an absolute URL/);
  });
});
