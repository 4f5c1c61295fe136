import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
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
          body: [
            { type: 'TextualBody', value: '메모, "쉼표"\n둘째 줄', purpose: 'commenting' },
            { type: 'TextualBody', value: 'AI', purpose: 'tagging' },
          ],
          target: {
            source: 'https://www.newspim.com/news/view/1',
            selector: [{ type: 'TextQuoteSelector', exact: '딥시크가 미국에', prefix: '', suffix: '' }],
          },
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
    // Readwise's: no byte-order mark.
    expect(stdout.startsWith('Highlight,')).toBe(true);
    const parsed = Papa.parse<string[]>(stdout, { skipEmptyLines: true });
    expect(parsed.errors).toEqual([]);
    const rows = parsed.data;
    // The spreadsheet's: the same rows after a BOM.
    expect(run('--format', 'sheet', w3c).stdout).toBe(`\uFEFF${stdout}`);
    // A strict RFC 4180 reader (csv-parse) reads the same rows.
    expect(parseCsv(stdout, { bom: true, relax_quotes: false })).toEqual(rows);
    expect(rows[0]).toEqual(['Highlight', 'Title', 'Author', 'URL', 'Note', 'Location', 'Date']);
    expect(rows[1]?.[0]).toBe('딥시크가 미국에');
    // Readwise reads tags from the start of the note.
    expect(rows[1]?.[4]).toBe('.AI\n메모, "쉼표"\n둘째 줄');
    // Every row ends CRLF, the last one too, and no LF of the CLI's own follows.
    expect(stdout.endsWith('"\r\n')).toBe(true);
    expect(stdout.replace(/"[^"]*"/g, '')).not.toMatch(/[^\r]\n|\r\n\n/);
  });

  it('converts to one Markdown document and to Margin JSON', () => {
    const md = run('--format', 'md', w3c);
    expect(md.code).toBe(0);
    expect(md.stdout).toContain('> 딥시크가 미국에');
    expect(md.stdout).toContain('#AI');
    const json = run('--format', 'json', w3c);
    expect(JSON.parse(json.stdout)['margin:version']).toBe(2);
  });

  it('refuses a 3 MB file of 1,000,000 empty articles in seconds, without running out of memory', () => {
    const huge = join(dir, 'huge.json');
    writeFileSync(huge, `{"type":"AnnotationCollection","margin:version":2,"first":{"items":[]},"margin:articles":[${Array(1_000_000).fill('{}').join(',')}]}`);
    // Bounded memory: a 256 MB heap (the crash was at Node's default limit); the timeout only stops a runaway.
    const r = spawnSync(process.execPath, ['--max-old-space-size=256', '--import', 'tsx', join(ROOT, 'scripts/export.ts'), '--format', 'csv', huge], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/more than 100,000 articles/);
  });

  it('says on stderr what it skipped (page notes, replies) and converts the rest', () => {
    const file = join(dir, 'hypothesis.json');
    const annotation = (id: string, extra: Record<string, unknown>) => ({
      id,
      uri: 'https://news.example/h',
      created: '2024-01-01T00:00:00Z',
      target: [{ source: 'https://news.example/h' }],
      ...extra,
    });
    writeFileSync(
      file,
      JSON.stringify({
        export_date: '2026-01-01T00:00:00Z',
        export_userid: 'acct:r@hypothes.is',
        client_version: '1.0',
        annotations: [
          annotation('h1', { target: [{ source: 'https://news.example/h', selector: [{ type: 'TextQuoteSelector', exact: 'kept' }] }] }),
          annotation('p1', {}),
          annotation('r1', { references: ['h1'] }),
        ],
      }),
    );
    const r = run('--format', 'md', file);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('> kept');
    expect(r.stderr).toContain('skipped 2 item(s) with nothing to anchor: 1 page note, 1 reply (items 2, 3)');
  });

  it('refuses a bad file with one line on stderr', () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '{"type":"AnnotationPage","items":[{"target":{"source":"javascript:1"}}]}');
    const r = run('--format', 'md', bad);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/not a web address/);
    expect(run('--format', 'pdf', w3c).stderr).toMatch(/--format must be md, csv, sheet or json/);
    expect(run('--format', 'md', join(dir, 'missing.json')).stderr).toMatch(/no such file/);
  });
});
