import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../support/paths';

const dir = mkdtempSync(join(tmpdir(), 'margin-export-'));
const w3c = join(dir, 'w3c.json');
writeFileSync(
  w3c,
  JSON.stringify({
    '@context': 'http://www.w3.org/ns/anno.jsonld',
    type: 'AnnotationCollection',
    first: {
      type: 'AnnotationPage',
      items: [
        {
          type: 'Annotation',
          created: '2025-01-28T14:21:00Z',
          body: [{ type: 'TextualBody', value: '메모, "쉼표"\n둘째 줄', purpose: 'commenting' }, { type: 'TextualBody', value: 'AI', purpose: 'tagging' }],
          target: { source: 'https://www.newspim.com/news/view/1', selector: [{ type: 'TextQuoteSelector', exact: '딥시크가 미국에', prefix: '', suffix: '' }] },
        },
      ],
    },
  }),
);

function run(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts/export.ts'), ...args], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('npm run export', () => {
  it('converts a W3C file to Readwise CSV', () => {
    const { code, stdout } = run('--format', 'csv', w3c);
    expect(code).toBe(0);
    const rows = Papa.parse<string[]>(stdout.replace(/^\uFEFF/, ''), { skipEmptyLines: true }).data;
    expect(rows[0]).toEqual(['Highlight', 'Title', 'Author', 'URL', 'Note', 'Location', 'Date']);
    expect(rows[1]?.[0]).toBe('딥시크가 미국에');
    expect(rows[1]?.[4]).toBe('메모, "쉼표"\n둘째 줄\n.AI');
  });

  it('converts to one Markdown document and to Margin JSON', () => {
    const md = run('--format', 'md', w3c);
    expect(md.code).toBe(0);
    expect(md.stdout).toContain('> 딥시크가 미국에');
    expect(md.stdout).toContain('#AI');
    const json = run('--format', 'json', w3c);
    expect(JSON.parse(json.stdout)['margin:version']).toBe(1);
  });

  it('refuses a bad file with one line on stderr', () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '{"type":"AnnotationPage","items":[{"target":{"source":"javascript:1"}}]}');
    const r = run('--format', 'md', bad);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/not a web address/);
    expect(run('--format', 'pdf', w3c).stderr).toMatch(/--format must be md, csv or json/);
    expect(run('--format', 'md', join(dir, 'missing.json')).stderr).toMatch(/no such file/);
  });
});
