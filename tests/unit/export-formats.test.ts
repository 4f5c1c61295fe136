import { spawnSync } from 'node:child_process';
import { parse as parseCsv } from 'csv-parse/sync';
import { strFromU8, unzipSync } from 'fflate';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { describeTextQuote as selectorsAt } from '../../utils/anchoring';
import type { ArticleRecord } from '../../utils/article';
import type { HighlightRecord } from '../../utils/db/schema';
import { neutralizeCell, READWISE_COLUMNS, READWISE_LIMITS, readwiseCsv, readwiseTag, spreadsheetCsv } from '../../utils/export/csv';
import { safeFileName, uniqueNames, utf8Length } from '../../utils/export/filenames';
import { parseImport } from '../../utils/export/import';
import { articleMarkdown, combinedMarkdown, markdownFiles, tagName, yamlString } from '../../utils/export/markdown';
import { importErrorText, importReportText } from '../../utils/export/messages';
import type { MarginData } from '../../utils/export/model';
import { zipFiles } from '../../utils/export/zip';
import { FILE_NAME_CASES, FORMULA_PAYLOADS, HARMLESS_MINUS, TAG_CASES } from '../fixtures/export-cases';
import { normalizeUrl } from '../../utils/url';

const TEXT = 'A first sentence. 🙂 Then the second one, with the quote in it.';

function article(over: Partial<ArticleRecord> = {}): ArticleRecord {
  return {
    id: 'a1',
    url: normalizeUrl('https://news.example/story'),
    title: 'Title',
    byline: 'Author',
    siteName: 'Site',
    lang: 'en',
    publishedTime: '2026-01-02T03:04:05+09:00',
    excerpt: null,
    contentHtml: `<p>${TEXT}</p>`,
    textContent: TEXT,
    savedAt: 1_700_000_000_000,
    updatedAt: 1_700_000_000_000,
    ...over,
  };
}

function highlight(over: Partial<HighlightRecord> = {}): HighlightRecord {
  const start = TEXT.indexOf('the quote');
  const selectors = selectorsAt(TEXT, start, start + 9);
  return {
    id: '00000000-0000-4000-8000-000000000001',
    articleId: 'a1',
    url: normalizeUrl('https://news.example/story'),
    selectors,
    quote: selectors.quote.exact,
    color: 'yellow',
    note: '',
    tags: [],
    entities: [],
    createdAt: 1_700_000_001_000,
    updatedAt: 1_700_000_001_000,
    orphaned: false,
    ...over,
  };
}

const data = (annotations: HighlightRecord[], a: Partial<ArticleRecord> = {}): MarginData => ({ articles: [article(a)], annotations, corrections: [] });

/** The CSV read back by Papa Parse and by csv-parse (RFC 4180), which must agree. Readwise's has no BOM, the spreadsheet's has one. */
function readBack(csv: string, bom = false): string[][] {
  expect(csv.charCodeAt(0) === 0xfeff).toBe(bom);
  const body = bom ? csv.slice(1) : csv;
  expect(body.startsWith(`${READWISE_COLUMNS.join(',')}\r\n`)).toBe(true);
  // No LF that is not part of a CRLF outside quoted cells: every row ends CRLF, the file too.
  expect(csv.endsWith('\r\n')).toBe(true);
  const papa = Papa.parse<string[]>(body, { skipEmptyLines: true });
  expect(papa.errors).toEqual([]);
  const rfc: string[][] = parseCsv(csv, { bom: true, relax_quotes: false });
  expect(rfc).toEqual(papa.data);
  return rfc;
}

describe('Readwise CSV', () => {
  it('has no byte-order mark: Python’s csv with encoding="utf-8" reads the header as Readwise documents it', () => {
    const csv = readwiseCsv(data([highlight({ note: '메모' })]));
    expect(csv.startsWith('Highlight,Title,Author,URL,Note,Location,Date\r\n')).toBe(true);
    const python = spawnSync('python3', ['-c', 'import csv,sys,json; print(json.dumps(list(csv.DictReader(open(0, encoding="utf-8", newline="")))))'], {
      input: csv,
      encoding: 'utf8',
    });
    expect(python.status).toBe(0);
    const [row] = JSON.parse(python.stdout);
    expect(Object.keys(row)).toEqual([...READWISE_COLUMNS]);
    expect(row.Note).toBe('메모');
  });

  it('the spreadsheet CSV has the BOM Excel needs for Korean, and the same rows', () => {
    const d = data([highlight({ note: '한국어 메모' })]);
    expect(readBack(spreadsheetCsv(d), true)).toEqual(readBack(readwiseCsv(d)));
  });

  it('writes the URL as the reader saved it (tracking parameters and #fragment kept), not the normalised one', () => {
    const saved = 'https://news.example/story?utm_source=newsletter&id=3#comment-12';
    const [, row] = readBack(readwiseCsv(data([highlight({ imported: { source: saved } })])));
    expect(row![3]).toBe(saved);
    const [, own] = readBack(readwiseCsv(data([highlight()], { savedUrl: saved })));
    expect(own![3]).toBe(saved);
  });

  it('reads back identically with Papa Parse, csv-parse and Python’s csv module (unquoted header)', () => {
    const nasty = highlight({ note: 'note, with "quotes"\r\nand lines 🙂', tags: ['C++', 'R&D'] });
    const csv = readwiseCsv(data([nasty], { title: '제목, "따옴표"', byline: null }));
    const rows = readBack(csv);
    expect(rows[0]).toEqual([...READWISE_COLUMNS]);
    expect(rows[1]).toEqual([
      'the quote',
      '제목, "따옴표"',
      '',
      'https://news.example/story',
      '.C_plus_plus .R_and_D\nnote, with "quotes"\r\nand lines 🙂',
      String(nasty.selectors.position!.start),
      '2023-11-14T22:13:21.000Z',
    ]);
    const python = spawnSync('python3', ['-c', 'import csv,sys,json; print(json.dumps(list(csv.reader(open(0, encoding="utf-8", newline="")))))'], {
      input: csv,
      encoding: 'utf8',
    });
    if (python.status === 0) expect(JSON.parse(python.stdout)).toEqual(rows);
  });

  it.each(TAG_CASES)('tag %s → Readwise token .%s', (tag, token) => {
    expect(readwiseTag(tag)).toBe(token);
    const [, row] = readBack(readwiseCsv(data([highlight({ tags: [tag], note: 'the note' })])));
    expect(row![4]).toBe(`.${token}\nthe note`);
  });

  it.each(FORMULA_PAYLOADS)('neutralises the formula %j in every column, in both CSVs', (payload) => {
    const d = data([highlight({ quote: payload, note: payload })], { title: payload, byline: payload });
    for (const [csv, bom] of [
      [readwiseCsv(d), false],
      [spreadsheetCsv(d), true],
    ] as const) {
      const [, row] = readBack(csv, bom);
      for (const i of [0, 1, 2, 4]) expect(row![i]).toBe(`'${payload}`);
    }
  });

  it.each(HARMLESS_MINUS)('leaves a note that merely starts with a minus as written: %j', (note) => {
    expect(neutralizeCell(note)).toBe(note);
    const [, row] = readBack(readwiseCsv(data([highlight({ note })])));
    expect(row![4]).toBe(note);
  });

  it('splits a highlight and a note over Readwise’s 8,191 characters into marked rows, losing nothing', () => {
    const quote = `${'긴 구절 🙂 '.repeat(2500)}끝`;
    const note = `${'note '.repeat(4000)}end`;
    const rows = readBack(readwiseCsv(data([highlight({ quote, note, tags: ['t'] })]))).slice(1);
    expect(rows.length).toBe(3);
    for (const [i, row] of rows.entries()) {
      for (const cell of row) expect(cell.length).toBeLessThanOrEqual(READWISE_LIMITS.text);
      expect(row[4]).toMatch(new RegExp(` \\[${i + 1}/3\\]$`));
      // No half of a surrogate pair at a cut.
      expect(row[0]).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/);
    }
    const unmark = (s: string) => s.replace(/ \[\d+\/3\]$/, '');
    expect(rows.map((r) => unmark(r[4]!)).join('')).toBe(`.t\n${note}`);
    expect(rows.map((r) => unmark(r[0]!)).join('')).toBe(quote);
  });

  it('cuts title, author and URL to Readwise’s limits', () => {
    const long = (n: number) => 'x'.repeat(n);
    const [, row] = readBack(
      readwiseCsv(data([highlight()], { title: long(600), byline: long(2000), url: normalizeUrl(`https://news.example/${long(100)}?q=${long(3000)}`) })),
    );
    expect(row![1]!.length).toBe(READWISE_LIMITS.title);
    expect(row![1]!.endsWith('…')).toBe(true);
    expect(row![2]!.length).toBe(READWISE_LIMITS.author);
    expect(row![3]).toBe(`https://news.example/${long(100)}`);
  });
});

describe('Obsidian Markdown', () => {
  it.each(TAG_CASES)('tag %s → #%s', (tag, _, obsidian) => {
    expect(tagName(tag)).toBe(obsidian);
    // Obsidian's tag grammar: letters, digits, _, -, / — at least one that is not a digit.
    expect(obsidian).toMatch(/^[\p{L}\p{M}\p{N}_\-/]+$/u);
    expect(obsidian).toMatch(/[^\d/]/);
  });

  const CONTROL_TITLES = [
    'ESC \u001b[31m red',
    'NUL \u0000 byte',
    'DEL \u007f',
    'C1 \u0085 next line',
    'line\u2028separator',
    'BOM \ufeff inside',
    'quote " and \\ backslash',
    'lone \ud800 surrogate',
    'new\nline: and # hash',
  ];

  it('writes colour names and notices in the reader’s language (issue 22: yellow in a Korean vault)', () => {
    const group = { article: article({}), annotations: [highlight({ color: 'pink', orphaned: true })] };
    const ko = articleMarkdown(group, { lang: 'ko' });
    expect(ko).toMatch(/^분홍 · \d{4}-\d{2}-\d{2}$/m);
    expect(ko).toContain('*(기사에서 더 찾을 수 없어요)*');
    expect(ko).not.toMatch(/\bpink\b|no longer/);
    expect(articleMarkdown(group)).toMatch(/^pink · \d{4}/m);
  });

  it.each(CONTROL_TITLES)('front matter stays valid YAML and reads back as the title: %j', (title) => {
    const md = articleMarkdown({
      article: article({ title, byline: title, publishedTime: `2026-01-01\n${title}` }),
      annotations: [highlight({ tags: ['AI/ML', '1984'] })],
    });
    const front = /^---\n([\s\S]*?)\n---\n/.exec(md)![1]!;
    const parsed = parseYaml(front);
    const expected = title.replace(/[\ud800-\udbff](?![\udc00-\udfff])/g, '\ufffd');
    expect(parsed.title).toBe(expected);
    expect(parsed.author).toBe(expected);
    expect(parsed.published).toBe(`2026-01-01\n${expected}`);
    expect(parsed.tags).toEqual(['AI/ML', '_1984']);
    expect(front).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\ufeff]/);
    expect(yamlString(title)).not.toContain('\n');
  });

  it('writes the page-controlled publishedTime, site and author of the CLI’s document escaped, on one line', () => {
    const md = combinedMarkdown(
      data([highlight()], { publishedTime: '2026\n# Injected heading\n<script>x</script>', siteName: 'Site\n## also', byline: '[link](javascript:alert(1))' }),
    );
    expect(md).not.toMatch(/^#+ (Injected|also)/m);
    expect(md).not.toContain('<script>');
    expect(md).toContain('- published: 2026 \\# Injected heading \\<script\\>x\\</script\\>');
    expect(md).toContain('- author: \\[link\\](javascript:alert(1))');
  });
});

describe('file and zip entry names', () => {
  it.each(FILE_NAME_CASES)('%j', (title, expected) => {
    const name = safeFileName(title, 'md');
    if (expected) expect(name).toBe(expected);
    expect(utf8Length(name)).toBeLessThanOrEqual(255 - 8);
    expect(name).not.toMatch(/[\u0000-\u001f\u007f-\u009f<>:"/\\|?*#[\]^\u202a-\u202e\u2066-\u2069\u200e\u200f]/);
    expect(name).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/);
    expect(name).not.toMatch(/^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³]|conin\$|conout\$)(\.|$)/i);
  });

  it('zips many articles under names of at most 255 UTF-8 bytes, distinct, surrogates whole, readable back', () => {
    const titles = ['가'.repeat(300), '가'.repeat(300), `${'a'.repeat(240)}🙂🙂🙂`, 'evil\u202Egpj.exe', 'COM¹'];
    const many: MarginData = {
      articles: titles.map((title, i) =>
        article({ id: `a${i}`, url: normalizeUrl(`https://news.example/${i}`), title, publishedTime: null, savedAt: 1_700_000_000_000 + i }),
      ),
      annotations: titles.map((_, i) => highlight({ id: `00000000-0000-4000-8000-00000000000${i}`, articleId: `a${i}` })),
      corrections: [],
    };
    const files = markdownFiles(many);
    const zip = unzipSync(zipFiles(files));
    const names = Object.keys(zip);
    expect(names).toHaveLength(titles.length);
    for (const name of names) {
      expect(utf8Length(name)).toBeLessThanOrEqual(255);
      expect(name).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]|\u202e/);
    }
    expect(new Set(names.map((n) => n.toLowerCase())).size).toBe(names.length);
    expect(names.some((n) => / \(2\)\.md$/.test(n))).toBe(true);
    for (const f of files) expect(Object.values(zip).map((x) => strFromU8(x))).toContain(f.content);
    expect(uniqueNames(['é.md', 'e\u0301.md'])).toEqual(['é.md', 'e\u0301 (2).md']);
  });
});

describe('messages in the reader’s language', () => {
  const refusals = [
    '',
    'not json',
    '42',
    '{"margin:version":9}',
    '[{"type":"Annotation","target":{"source":"javascript:1","selector":{"type":"TextQuoteSelector","exact":"x"}}}]',
    '[{"type":"Annotation","created":"soon","target":"https://x.example/"}]',
  ];

  it.each(refusals)('refusal of %j: English, and Korean in 해요체', (file) => {
    let error: unknown;
    try {
      parseImport(file);
    } catch (e) {
      error = e;
    }
    const ko = importErrorText(error as never, 'ko');
    expect(importErrorText(error as never, 'en')).toMatch(/[a-z]/);
    expect(ko).toMatch(/[가-힣]/);
    // 해요체: the sentence ends in -요 (never 합니다/-다).
    expect(ko).toMatch(/요\.?$/);
    expect(ko).not.toMatch(/니다|[^요]\.$/);
  });

  it('the import report, both languages', () => {
    const summary = {
      articles: { added: 1, updated: 0 },
      annotations: { added: 2, updated: 1, unchanged: 3, conflicts: 1, renamed: 1, otherCreators: 2, keptApart: 1 },
      corrections: 0,
      skipped: { count: 1, byReason: { reply: 1 }, first: [{ position: 4, reason: 'reply' as const }] },
      notices: { shortened: [2], floatingDates: 3 },
    };
    expect(importReportText(summary, 'en')).toBe(
      'Imported 1 new article, 2 new highlights and 1 highlight updated. 3 highlights were already here. 1 highlight had a different note: the imported one is kept below yours. 1 other highlight with an id already in use was imported under a new id. 2 annotations by another person on a passage already here were kept as their own highlights. 1 imported note was too long to add below yours: kept whole as its own highlight. 1 note was longer than 200,000 characters (item 2): Margin shows the first 200,000; the whole text is kept and given back on export. 3 dates without a time zone were read as UTC. Skipped 1: 1 reply (item 4).',
    );
    for (const sentence of importReportText(summary, 'ko').split(/(?<=\.) /)) expect(sentence).toMatch(/요\.$/);
    expect(importReportText(summary, 'ko')).toMatch(
      /^기사 1건과 하이라이트 2건을 새로 가져왔어요\. 하이라이트 1건은 가져온 내용으로 고쳤어요\. 이미 있던 하이라이트 3건은 그대로 뒀어요\./,
    );
    // Only what happened (issue 22: "1 new articles", "새 기사 0건").
    const one = {
      ...summary,
      articles: { added: 0, updated: 0 },
      annotations: { added: 1, updated: 0, unchanged: 0, conflicts: 0, renamed: 0, otherCreators: 0, keptApart: 0 },
      notices: { shortened: [], floatingDates: 0 },
    };
    const none = { ...one, skipped: { count: 0, byReason: {}, first: [] } };
    expect(importReportText(none, 'en')).toBe('Imported 1 new highlight.');
    expect(importReportText(none, 'ko')).toBe('하이라이트 1건을 새로 가져왔어요.');
    const nothing = { ...none, annotations: { ...none.annotations, added: 0, unchanged: 4 } };
    expect(importReportText(nothing, 'en')).toBe('Nothing new to import. 4 highlights were already here.');
    expect(importReportText(nothing, 'ko')).toBe('새로 가져온 것은 없어요. 이미 있던 하이라이트 4건은 그대로 뒀어요.');
  });
});
