import Papa from 'papaparse';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { describeTextQuote as selectors } from '../../utils/anchoring';
import type { Article } from '../../utils/article';
import { HighlightRepository } from '../../utils/db/highlights';
import { ArticleRepository } from '../../utils/db/articles';
import { CorrectionRepository } from '../../utils/db/corrections';
import { importData, readData } from '../../utils/export/transfer';
import { readwiseCsv, READWISE_COLUMNS } from '../../utils/export/csv';
import { safeFileName, uniqueNames } from '../../utils/export/filenames';
import { ImportError, parseImport } from '../../utils/export/import';
import { marginJson } from '../../utils/export/jsonld';
import { articleMarkdown, combinedMarkdown, escapeMarkdown, markdownFiles } from '../../utils/export/markdown';
import { byArticle } from '../../utils/export/model';
import { zipFiles } from '../../utils/export/zip';
import { freshDb } from '../support/db';
import { normalizeUrl } from '../../utils/url';

const NASTY_NOTE = `한국어 메모, "따옴표", 쉼표, 그리고\n줄바꿈\r\n🙂🇰🇷 emoji, שלום RTL, <script>alert("x")</script> & **굵게** [[링크]] # 제목 | 표 | \\ backslash\n- 목록\n1. 번호 ${'긴 메모 '.repeat(14_000)}끝`;
const TEXT = '시의회는 "예산안, 확정안"을 표결에 부쳤다.\n정민호 의원은 *세수* 전망이 <b>낙관적</b>이라고 말했다.\n# 끝';

async function seeded() {
  const db = freshDb();
  let now = 1_700_000_000_000;
  const articles = new ArticleRepository(db, () => (now += 1000));
  const annotations = new HighlightRepository(db, () => (now += 1000));
  const article: Article = {
    url: normalizeUrl('https://news.example/budget?id=7'),
    title: '시의회, "예산안" 통과 | 한빛일보: <특집>',
    byline: '정다은 기자',
    siteName: '한빛일보',
    lang: 'ko',
    publishedTime: '2026-02-03T08:00:00+09:00',
    excerpt: '요약, "쉼표"',
    contentHtml: `<p>${TEXT}</p>`,
    textContent: TEXT,
  };
  const a = await articles.save(article);
  await articles.setEntities(a.id, [{ text: '정민호', type: 'person', count: 1 }]);
  const quote1 = '"예산안, 확정안"을 표결에';
  const quote2 = '정민호 의원은 *세수* 전망이 <b>낙관적</b>이라고 말했다.\n# 끝';
  await annotations.create({
    articleId: a.id,
    url: a.url,
    selectors: selectors(TEXT, TEXT.indexOf(quote1), TEXT.indexOf(quote1) + quote1.length),
    color: 'pink',
    note: NASTY_NOTE,
    tags: ['예산', 'AI, 정책', '#해시'],
  });
  await annotations.create({
    articleId: a.id,
    url: a.url,
    selectors: selectors(TEXT, TEXT.indexOf(quote2), TEXT.indexOf(quote2) + quote2.length),
    color: 'blue',
    entities: [{ text: '정민호', type: 'person' }],
  });
  await new CorrectionRepository(db).save({ text: '한빛일보', action: 'set', type: 'org' });
  return db;
}

describe('importing entity corrections', () => {
  const correction = (id: string, text: string, updatedAt: number, type: 'person' | 'org' = 'org') => ({
    id,
    text,
    action: 'set' as const,
    type,
    createdAt: 1_000,
    updatedAt,
  });

  it('keeps the newer of two by text, gives a taken id a new one, and lets a later one in the same file win', async () => {
    const db = freshDb();
    await db.entityCorrections.bulkPut([correction('c1', '한빛일보', 5_000), correction('c2', '누리전자', 5_000)]);
    const summary = await importData(db, {
      articles: [],
      annotations: [],
      corrections: [
        correction('x1', '한빛일보', 4_000, 'person'), // older than ours: skipped
        correction('x2', '누리전자', 6_000, 'person'), // newer: replaces ours, under our id
        correction('c1', '가람은행', 6_000), // its id is taken by another text: a new id
        correction('x3', '솔빛제약', 6_000), // new
        correction('x4', '솔빛제약', 7_000, 'person'), // the same text again, newer: wins
      ],
    });
    expect(summary.corrections).toBe(4);
    const rows = await db.entityCorrections.toArray();
    const byText = new Map(rows.map((r) => [r.text, r]));
    expect(rows).toHaveLength(4);
    expect(byText.get('한빛일보')).toMatchObject({ id: 'c1', type: 'org', updatedAt: 5_000 });
    expect(byText.get('누리전자')).toMatchObject({ id: 'c2', type: 'person', updatedAt: 6_000 });
    expect(byText.get('가람은행')!.id).not.toBe('c1');
    expect(byText.get('솔빛제약')).toMatchObject({ id: 'x3', type: 'person', updatedAt: 7_000 });
  });
});

describe('export → import', () => {
  it('round-trips everything through JSON with nothing lost, and twice changes nothing', async () => {
    const source = await seeded();
    const data = await readData(source);
    const file = marginJson(data);
    const target = freshDb();
    const first = await importData(target, parseImport(file));
    expect(first).toMatchObject({ articles: { added: 1 }, annotations: { added: 2 }, corrections: 1 });
    const back = await readData(target);
    const sort = <T extends { id: string }>(xs: T[]) => [...xs].sort((x, y) => x.id.localeCompare(y.id));
    expect(sort(back.articles)).toEqual(sort(data.articles));
    expect(sort(back.annotations)).toEqual(sort(data.annotations));
    expect(back.corrections).toEqual(data.corrections);
    expect(back.annotations.find((a) => a.color === 'pink')!.note).toBe(NASTY_NOTE);
    // The same file again: no duplicates, nothing changed.
    const again = await importData(target, parseImport(file));
    expect(again).toMatchObject({ articles: { added: 0, updated: 0 }, annotations: { added: 0, updated: 0, unchanged: 2 }, corrections: 0 });
    expect((await readData(target)).annotations).toHaveLength(2);
  });

  it('writes standard W3C Web Annotations that a plain JSON-LD reader understands', async () => {
    const doc = JSON.parse(marginJson(await readData(await seeded())));
    expect(doc['@context'][0]).toBe('http://www.w3.org/ns/anno.jsonld');
    expect(doc.type).toBe('AnnotationCollection');
    const anno = doc.first.items.find((a: { 'margin:color': string }) => a['margin:color'] === 'pink');
    expect(anno.type).toBe('Annotation');
    expect(anno.target.source).toBe('https://news.example/budget?id=7');
    expect(anno.target.selector.map((s: { type: string }) => s.type)).toEqual(['TextQuoteSelector', 'TextPositionSelector']);
    expect(anno.body.find((b: { purpose: string }) => b.purpose === 'commenting').value).toBe(NASTY_NOTE);
    expect(anno.body.filter((b: { purpose: string }) => b.purpose === 'tagging').map((b: { value: string }) => b.value)).toEqual(['예산', 'AI, 정책', '해시']);
  });

  it('writes Readwise CSV that a CSV parser reads back to the same fields, without a BOM', async () => {
    const data = await readData(await seeded());
    const csv = readwiseCsv(data);
    expect(csv.charCodeAt(0)).not.toBe(0xfeff);
    const parsed = Papa.parse<string[]>(csv, { skipEmptyLines: true });
    expect(parsed.errors).toEqual([]);
    expect(parsed.data[0]).toEqual([...READWISE_COLUMNS]);
    const rows = parsed.data.slice(1);
    const expected = byArticle(data).flatMap(({ article, annotations }) => annotations.map((a) => ({ a, article })));
    // A note over Readwise's 8,191 characters is split over rows marked [i/n]; put back together, nothing is lost.
    let r = 0;
    for (const { a, article } of expected) {
      const first = rows[r]!;
      const n = Number(/\[1\/(\d+)\]$/.exec(first[4] ?? '')?.[1] ?? 1);
      const part = rows.slice(r, r + n);
      r += n;
      const unmark = (cell: string) => cell.replace(/ \[\d+\/\d+\]$/, '');
      for (const row of part) {
        expect(row[1]).toBe(article.title);
        expect(row[2]).toBe(article.byline);
        expect(row[3]).toBe(article.url);
        expect(row[5]).toBe(String(a.selectors.position!.start));
        for (const cell of row) expect(cell.length).toBeLessThanOrEqual(8191);
      }
      expect(unmark(part[0]![0]!)).toBe(a.quote.slice(0, 8191 - 12));
      const note = part.map((row) => unmark(row[4]!)).join('');
      const tags = a.tags.map((t) => `.${t.replace(/[^\p{L}\p{N}]+/gu, '_').replace(/^_|_$/g, '')}`).join(' ');
      expect(note).toBe([tags, a.note].filter(Boolean).join('\n'));
    }
    expect(r).toBe(rows.length);
  });

  it('writes Markdown for Obsidian: YAML front matter, quotes, notes, tags, optional entity links, safe names', async () => {
    const data = await readData(await seeded());
    const group = byArticle(data)[0]!;
    const md = articleMarkdown(group, { entityLinks: true });
    expect(
      md.startsWith(
        '---\ntitle: "시의회, \\"예산안\\" 통과 | 한빛일보: <특집>"\nurl: "https://news.example/budget?id=7"\nsite: "한빛일보"\nauthor: "정다은 기자"\npublished: "2026-02-03T08:00:00+09:00"\n',
      ),
    ).toBe(true);
    expect(md).toContain('tags: ["예산", "AI_정책", "해시"]');
    expect(md).toContain('> 정민호 의원은 \\*세수\\* 전망이 \\<b\\>낙관적\\</b\\>이라고 말했다.\n> \\# 끝');
    expect(md).toContain('[[정민호]]');
    expect(md).toContain('#AI_정책');
    // Note text cannot become markup: every special character is escaped.
    expect(md).not.toContain('<script>');
    expect(escapeMarkdown('- a\n1. b [[c]] <d>')).toBe('\\- a\n1\\. b \\[\\[c\\]\\] \\<d\\>');
    const files = markdownFiles(data);
    expect(files[0]!.name).toBe('2026-02-03 시의회, 예산안 통과 한빛일보 특집.md');
    const zip = unzipSync(zipFiles(files));
    expect(strFromU8(zip[files[0]!.name]!)).toBe(files[0]!.content);
    expect(combinedMarkdown(data)).toContain('## 시의회');
  });

  it('makes file names every OS accepts', () => {
    expect(safeFileName('a/b\\c:d*e?f"g<h>i|j', 'md')).toBe('a b c d e f g h i j.md');
    expect(safeFileName('CON', 'md')).toBe('margin-CON.md');
    expect(safeFileName('  ..hidden. . ', 'csv')).toBe('hidden.csv');
    expect(new TextEncoder().encode(safeFileName('가'.repeat(300), 'md')).length).toBeLessThanOrEqual(255 - 8);
    expect(uniqueNames(['a.md', 'A.md', 'a.md'])).toEqual(['a.md', 'A (2).md', 'a (3).md']);
  });
});

describe('import of other tools’ files', () => {
  const w3c = {
    '@context': 'http://www.w3.org/ns/anno.jsonld',
    id: 'http://example.org/anno1',
    type: 'Annotation',
    created: '2024-01-02T03:04:05Z',
    body: [
      { type: 'TextualBody', value: 'A note', purpose: 'commenting' },
      { type: 'TextualBody', value: 'policy', purpose: 'tagging' },
    ],
    target: { source: 'https://news.example/story', selector: [{ type: 'TextQuoteSelector', exact: 'the budget', prefix: 'approved ', suffix: ' on' }] },
  };

  it('reads one annotation, an array, a collection and a page, without duplicates on re-import', async () => {
    for (const doc of [
      w3c,
      [w3c],
      { type: 'AnnotationCollection', first: { type: 'AnnotationPage', items: [w3c] } },
      { type: 'AnnotationPage', items: [w3c] },
    ]) {
      const data = parseImport(JSON.stringify(doc));
      expect(data.annotations).toHaveLength(1);
      expect(data.annotations[0]).toMatchObject({
        quote: 'the budget',
        note: 'A note',
        tags: ['policy'],
        color: 'yellow',
        url: 'https://news.example/story',
        orphaned: true,
      });
      expect(data.articles).toEqual([expect.objectContaining({ url: 'https://news.example/story', textContent: '' })]);
    }
    const db = freshDb();
    await importData(db, parseImport(JSON.stringify(w3c)));
    await importData(db, parseImport(JSON.stringify([w3c])));
    expect((await readData(db)).annotations).toHaveLength(1);
  });

  it('reads Hypothesis’ JSON export', () => {
    const h = {
      id: 'abc123',
      uri: 'https://news.example/story',
      text: 'Hypothesis note',
      tags: ['x'],
      created: '2024-01-02T03:04:05Z',
      updated: '2024-01-03T03:04:05Z',
      target: [
        {
          source: 'https://news.example/story',
          selector: [
            { type: 'TextQuoteSelector', exact: 'quoted words', prefix: 'a ', suffix: ' b' },
            { type: 'TextPositionSelector', start: 5, end: 17 },
          ],
        },
      ],
      document: { title: ['A story'] },
    };
    const data = parseImport(JSON.stringify([h]));
    expect(data.annotations[0]).toMatchObject({ note: 'Hypothesis note', tags: ['x'], quote: 'quoted words' });
    expect(data.articles[0]!.title).toBe('A story');
    expect(parseImport(JSON.stringify({ rows: [h] })).annotations[0]!.id).toBe(data.annotations[0]!.id);
  });
});

describe('bad import files are refused with a clear message and change nothing', async () => {
  const good = JSON.parse(marginJson(await readData(await seeded())));
  // The mutators reach into an exported file as plain JSON, whatever its shape.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- arbitrary JSON under test
  const mutate = (f: (doc: any) => void) => {
    const doc = structuredClone(good);
    f(doc);
    return JSON.stringify(doc);
  };
  const cases: [string, string, RegExp][] = [
    ['empty file', '', /empty/],
    ['not JSON', 'hello', /not valid JSON/],
    ['truncated', JSON.stringify(good).slice(0, 500), /not valid JSON.*cut off/],
    ['a number', '42', /not a Margin export/],
    ['null', 'null', /not a Margin export/],
    ['unrelated object', '{"name":"x"}', /not a Margin export/],
    ['newer Margin format', mutate((d) => (d['margin:version'] = 3)), /format 3/],
    ['format as text', mutate((d) => (d['margin:version'] = '1')), /format "1"/],
    ['collection without a page', JSON.stringify({ type: 'AnnotationCollection' }), /no annotations/],
    ['page without items', JSON.stringify({ type: 'AnnotationPage' }), /no "items"/],
    ['target without source', mutate((d) => delete d.first.items[0].target.source), /annotation 1/],
    ['javascript: source', mutate((d) => (d.first.items[0].target.source = 'javascript:alert(1)')), /not a web address/],
    ['quote selector without exact', mutate((d) => delete d.first.items[0].target.selector[0].exact), /annotation 1\.target\.selector\.0/],
    [
      'position that ends before it starts',
      mutate((d) => (d.first.items[0].target.selector[1] = { type: 'TextPositionSelector', start: 9, end: 3 })),
      /ends before it starts/,
    ],
    ['quote not text', mutate((d) => (d.first.items[0].target.selector[0].exact = { $gt: '' })), /annotation 1/],
    ['bad date', mutate((d) => (d.first.items[0].created = 'yesterday')), /not a date/],
    ['unknown colour', mutate((d) => (d.first.items[0]['margin:color'] = 'purple')), /annotation 1/],
    ['negative position', mutate((d) => (d.first.items[0].target.selector[1].start = -5)), /annotation 1\.target\.selector\.1\.start/],
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- arbitrary JSON under test
    ['huge note', mutate((d) => (d.first.items.find((i: any) => i.body).body[0].value = 'x'.repeat(300_000))), /longer than/],
    ['article with a bad URL', mutate((d) => (d['margin:articles'][0].url = 'ftp://x')), /margin:articles/],
    ['article without text', mutate((d) => delete d['margin:articles'][0].textContent), /margin:articles/],
    ['article saved at nonsense', mutate((d) => (d['margin:articles'][0].savedAt = 'soon')), /not a date/],
    ['two articles for one URL', mutate((d) => d['margin:articles'].push({ ...d['margin:articles'][0], id: 'other' })), /second article/],
    ['duplicate annotation ids', mutate((d) => d.first.items.push(d.first.items[0])), /appears twice/],
    [
      'correction without a kind',
      mutate((d) => (d['margin:entityCorrections'][0] = { text: 'x', action: 'set', createdAt: '2024-01-01T00:00:00Z', updatedAt: '2024-01-01T00:00:00Z' })),
      /sets no kind/,
    ],
    ['unknown entity kind', mutate((d) => (d.first.items[1]['margin:entities'] = [{ text: 'x', type: 'spaceship' }])), /annotation 2/],
    ['prototype pollution attempt', mutate((d) => (d.first.items[0] = JSON.parse('{"__proto__":{"polluted":true},"type":"Annotation"}'))), /annotation 1/],
    [
      'Hypothesis file of page notes only',
      JSON.stringify([{ id: 'a', uri: 'https://x.example/', created: '2024-01-01T00:00:00Z', target: [] }]),
      /Nothing in this file.*1 page note \(item 1\)/,
    ],
    ['array item without a target', JSON.stringify([{ id: 'a', created: '2024-01-01T00:00:00Z', target: [] }]), /annotation 1: has no target/],
  ];

  it.each(cases)('%s', async (_, file, message) => {
    const db = await seeded();
    const before = await readData(db);
    let thrown: unknown;
    try {
      await importData(db, parseImport(file));
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ImportError);
    expect((thrown as Error).message).toMatch(message);
    expect(await readData(db)).toEqual(before);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('has at least twenty such cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(20);
  });
});
