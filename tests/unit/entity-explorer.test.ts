import { describe as group, expect, it } from 'vitest';
import { describeTextQuote } from '../../utils/anchoring';
import { ArticleRepository } from '../../utils/db/articles';
import { CorrectionRepository } from '../../utils/db/corrections';
import { search } from '../../utils/db/library';
import { findEntities, listEntities, mergeEntity, readEntityPage, setEntityNote, splitForm, unmergeEntity, unsplitForm } from '../../utils/db/entities';
import { newHighlightRecord } from '../../utils/db/highlights';
import type { ArticleEntity, ArticleRow, MarginDB } from '../../utils/db/schema';
import { affectedHighlights, articleVersions, MAX_VERSIONS, updatedSinceHighlighted } from '../../utils/db/versions';
import { groupMentions, sentenceAt } from '../../utils/entities/mentions';
import { applySplits, summarizeEntities } from '../../utils/entities/summary';
import type { EntitySpan } from '../../utils/entities/types';
import { marginJson } from '../../utils/export/jsonld';
import { markdownFiles } from '../../utils/export/markdown';
import { parseImport } from '../../utils/export/import';
import { importData, readData } from '../../utils/export/transfer';
import { diffText, wordDiff } from '../../utils/text/diff';
import { zipFiles } from '../../utils/export/zip';
import { unzipSync } from 'fflate';
import { freshDb } from '../support/db';
import { normalizeUrl } from '../../utils/url';

function row(id: string, entities: ArticleEntity[], publishedAt: number, siteName = 'news.example.kr'): ArticleRow {
  return {
    id,
    url: normalizeUrl(`https://news.example.kr/${id}`),
    title: `기사 ${id}`,
    byline: null,
    siteName,
    lang: 'ko',
    publishedTime: null,
    excerpt: null,
    savedAt: publishedAt,
    updatedAt: publishedAt,
    publishedAt,
    entities,
    facets: [],
  };
}

const LEE = { text: '이재용', type: 'person' as const };
const LEE_EN = { text: 'Lee Jae-yong', type: 'person' as const };
const SAMSUNG = { text: '삼성전자', type: 'org' as const };

async function library(): Promise<MarginDB> {
  const db = freshDb();
  await db.articles.bulkPut([
    row(
      'a1',
      [
        { ...LEE, count: 3 },
        { ...SAMSUNG, count: 2 },
      ],
      1_000,
    ),
    row(
      'a2',
      [
        { ...LEE_EN, count: 2 },
        { ...SAMSUNG, count: 1 },
      ],
      3_000,
      'The Courier',
    ),
    row('a3', [{ ...SAMSUNG, count: 5 }], 2_000),
  ]);
  await db.entityMentions.put({ id: 'a1', entities: [{ key: 'person:이재용', forms: ['이재용', '이 회장'], first: '이재용 회장이 말했다.' }] });
  const text = '이재용 회장이 말했다.';
  await db.annotations.put(
    newHighlightRecord({
      id: 'h1',
      articleId: 'a1',
      url: normalizeUrl('https://news.example.kr/a1'),
      selectors: describeTextQuote(text, 0, 3),
      createdAt: 10,
      entities: [LEE],
      note: '중요',
    }),
  );
  return db;
}

group('the entity page', () => {
  it('lists every article on a timeline, newest first, with the first-mention sentence, the highlights and the names mentioned with it', async () => {
    const db = await library();
    const page = (await readEntityPage(db, 'org:삼성전자'))!;
    expect(page.articles.map((a) => a.articleId)).toEqual(['a2', 'a3', 'a1']);
    expect(page.related.map((r) => [r.key, r.n])).toEqual([
      ['person:lee jae-yong', 1],
      ['person:이재용', 1],
    ]);
    const lee = (await readEntityPage(db, 'person:이재용'))!;
    expect(lee.articles[0]).toMatchObject({ articleId: 'a1', count: 3, first: '이재용 회장이 말했다.' });
    expect(lee.forms).toEqual(['이 회장']);
    expect(lee.highlights.map((h) => h.id)).toEqual(['h1']);
    expect(await readEntityPage(db, 'person:nobody')).toBeNull();
  });

  it('merges two entries into one everywhere (articles, highlights, related names, the Entities view), and splits them again', async () => {
    const db = await library();
    await mergeEntity(db, 'person:lee jae-yong', 'person:이재용', 50);
    const page = (await readEntityPage(db, 'person:lee jae-yong'))!;
    // Asked by the merged name, the page is the entry it was merged into.
    expect(page.key).toBe('person:이재용');
    expect(page.articles.map((a) => a.articleId)).toEqual(['a2', 'a1']);
    expect(page.aliases.map((a) => a.text)).toEqual(['Lee Jae-yong']);
    expect(page.forms).toContain('Lee Jae-yong');
    const samsung = (await readEntityPage(db, 'org:삼성전자'))!;
    expect(samsung.related.map((r) => [r.key, r.n])).toEqual([['person:이재용', 2]]);
    const people = await listEntities(db, { kind: 'person', sort: 'articles', limit: 10 });
    expect(people.map((r) => [r.text, r.articles, r.highlights, r.aliases])).toEqual([['이재용', 2, 1, ['person:lee jae-yong']]]);
    // A merge into itself (through the chain) is refused.
    await expect(mergeEntity(db, 'person:이재용', 'person:lee jae-yong')).rejects.toThrow();
    await unmergeEntity(db, 'person:lee jae-yong');
    expect((await readEntityPage(db, 'person:lee jae-yong'))!.key).toBe('person:lee jae-yong');
    expect((await listEntities(db, { kind: 'person', sort: 'articles', limit: 10 })).length).toBe(2);
  });

  it('keeps a split form and a note, which the recogniser’s corrections never see, and export and import carry them', async () => {
    const db = await library();
    await splitForm(db, 'person:이재용', '이 회장', 60);
    await setEntityNote(db, 'person:이재용', '삼성전자 회장.', 70);
    const page = (await readEntityPage(db, 'person:이재용'))!;
    expect(page.forms).toEqual([]);
    expect(page.splits).toEqual(['이 회장']);
    expect(page.note).toBe('삼성전자 회장.');
    expect(await new CorrectionRepository(db).list()).toEqual([]);
    const copy = freshDb();
    await importData(copy, parseImport(marginJson(await readData(db))));
    await copy.articles.bulkPut(await db.articles.toArray());
    const again = (await readEntityPage(copy, 'person:이재용'))!;
    expect(again.note).toBe('삼성전자 회장.');
    expect(again.splits).toEqual(['이 회장']);
    await unsplitForm(db, 'person:이재용', '이 회장');
    await setEntityNote(db, 'person:이재용', '  ');
    expect(await db.entityCorrections.count()).toBe(0);
  });

  it('sorts the Entities view by articles or by the newest, filters by kind and by the start of a word', async () => {
    const db = await library();
    const byArticles = await listEntities(db, { sort: 'articles', limit: 10 });
    expect(byArticles[0]!.text).toBe('삼성전자');
    const recent = await listEntities(db, { sort: 'recent', limit: 10 });
    expect(recent.map((r) => r.text).slice(0, 2)).toEqual(expect.arrayContaining(['Lee Jae-yong', '삼성전자']));
    expect(recent.at(-1)!.text).toBe('이재용');
    expect((await listEntities(db, { sort: 'articles', text: 'jae', limit: 10 })).map((r) => r.text)).toEqual(['Lee Jae-yong']);
    expect((await listEntities(db, { sort: 'articles', text: '재용', limit: 10 })).map((r) => r.text)).toEqual(['이재용']);
    expect((await listEntities(db, { sort: 'articles', kind: 'org', limit: 10 })).map((r) => r.text)).toEqual(['삼성전자']);
  });
});

group('the Entities view at a size', () => {
  it('gives the first page of names by articles even when dates and amounts fill the top of the index', async () => {
    const db = freshDb();
    // Twenty dates in every article, and names in fewer and fewer articles: the view skips the dates.
    const dates = Array.from({ length: 20 }, (_, i) => ({ text: `2026년 ${i + 1}월`, type: 'date' as const, count: 1 }));
    await db.articles.bulkPut(
      Array.from({ length: 12 }, (_, a) =>
        row(`r${a}`, [...dates, ...Array.from({ length: 12 - a }, (_, n) => ({ text: `인물${n}`, type: 'person' as const, count: 1 }))], a * 1000),
      ),
    );
    const page = await listEntities(db, { sort: 'articles', limit: 5 });
    expect(page.map((r) => [r.key, r.articles])).toEqual([
      ['person:인물0', 12],
      ['person:인물1', 11],
      ['person:인물2', 10],
      ['person:인물3', 9],
      ['person:인물4', 8],
    ]);
    expect(await listEntities(db, { sort: 'articles', limit: 50 })).toHaveLength(12);
    // A text filter that matches many more than a page: the first page by articles, and by the newest.
    expect((await listEntities(db, { text: '인물', sort: 'articles', limit: 3 })).map((r) => r.key)).toEqual(['person:인물0', 'person:인물1', 'person:인물2']);
    expect((await listEntities(db, { text: '인물', kind: 'person', sort: 'recent', limit: 2 })).map((r) => r.key)).toEqual(['person:인물0', 'person:인물1']);
    expect(await listEntities(db, { text: '인물1', sort: 'articles', limit: 10 })).toHaveLength(3);
  });
});

group('the entity page from search (issue 24)', () => {
  it('finds the names across the library, a Korean word with its particle too, merges applied', async () => {
    const db = await library();
    expect((await findEntities(db, '삼성')).map((r) => [r.key, r.articles])).toEqual([['org:삼성전자', 3]]);
    expect((await findEntities(db, '삼성전자가')).map((r) => r.key)).toEqual(['org:삼성전자']);
    expect((await findEntities(db, 'lee')).map((r) => r.key)).toEqual(['person:lee jae-yong']);
    await mergeEntity(db, 'person:lee jae-yong', 'person:이재용');
    expect((await findEntities(db, 'lee')).map((r) => r.key)).toEqual([]);
    expect((await findEntities(db, '재용')).map((r) => [r.key, r.articles])).toEqual([['person:이재용', 2]]);
    expect(await findEntities(db, '   ')).toEqual([]);
  });

  it('a hit on the names an article mentions carries those names, to open their pages', async () => {
    const db = freshDb();
    const repo = new ArticleRepository(db);
    const saved = await repo.save({
      url: normalizeUrl('https://news.example.kr/x'),
      title: '반도체 수출',
      byline: null,
      siteName: '뉴스',
      publishedTime: null,
      lang: 'ko',
      excerpt: '',
      contentHtml: '<p>본문</p>',
      textContent: '본문',
    });
    await repo.setEntities(saved.id, [
      { ...SAMSUNG, count: 3 },
      { ...LEE, count: 1 },
    ]);
    const hit = (await search(db, '삼성전자')).find((h) => h.field === 'entity');
    expect(hit?.names).toEqual([{ key: 'org:삼성전자', text: '삼성전자', type: 'org' }]);
  });
});

group('what a visit saw of each entity', () => {
  it('keeps its forms and the sentence of its first mention', () => {
    const text = '삼성전자는 오늘 실적을 발표했다. 이재용 회장이 참석했다. 이 회장은 말했다.';
    const at = (s: string, from = 0) => text.indexOf(s, from);
    const spans: EntitySpan[] = [
      { start: at('이재용'), end: at('이재용') + 3, text: '이재용', type: 'person' },
      { start: at('이 회장'), end: at('이 회장') + 4, text: '이 회장', type: 'person', canonical: '이재용' },
    ];
    const groups = [...summarizeEntities(spans).values()].flat();
    expect(groupMentions(groups, text)).toEqual([{ key: 'person:이재용', forms: ['이재용', '이 회장'], first: '이재용 회장이 참석했다.' }]);
    expect(sentenceAt('x'.repeat(1000), 500, 505, 100).length).toBeLessThanOrEqual(101);
  });

  it('applies the reader’s split: the form stands for itself, the fuller name keeps its other mentions', () => {
    const spans: EntitySpan[] = [
      { start: 0, end: 3, text: '이재용', type: 'person' },
      { start: 10, end: 14, text: '이 회장', type: 'person', canonical: '이재용' },
      { start: 20, end: 23, text: '이재용', type: 'person' },
    ];
    const split = applySplits(spans, new Map([['person:이재용', ['이 회장']]]));
    const groups = [...summarizeEntities(split).values()].flat();
    expect(groups.map((g) => [g.text, g.spans.length])).toEqual([
      ['이재용', 2],
      ['이 회장', 1],
    ]);
    expect(applySplits(spans, new Map())).toBe(spans);
  });
});

group('what changed since you highlighted it', () => {
  const V1 = '첫 문단은 그대로다.\n시장은 3% 올랐다고 발표했다.\n지워질 문단이다.\n끝 문단.';
  const V2 = '첫 문단은 그대로다.\n새로 들어온 문단이다.\n시장은 5% 올랐다고 정정했다.\n끝 문단.';

  it('diffs paragraphs, and words inside a changed one', () => {
    const d = diffText(V1, V2);
    expect([d.added, d.removed, d.changed]).toEqual([1, 1, 1]);
    const changed = d.paragraphs.find((p) => p.kind === 'changed');
    expect(changed && changed.kind === 'changed' && changed.parts.filter((p) => p.removed).map((p) => p.text)).toEqual(['3', '발표']);
  });

  it('shows a change as what went, then what came, not as interleaved scraps', () => {
    const parts = wordDiff(
      'The budget would rise by 7 percent, the largest increase in a decade.',
      'The budget would rise by 4 percent, correcting an earlier figure given by her office.',
    );
    expect(parts).toEqual([
      { text: 'The budget would rise by ' },
      { text: '7', removed: true },
      { text: '4', added: true },
      { text: ' percent, ' },
      { text: 'the largest increase in a decade', removed: true },
      { text: 'correcting an earlier figure given by her office', added: true },
      { text: '.' },
    ]);
  });

  it('says which highlights moved, changed or are gone', () => {
    const mk = (id: string, text: string, quote: string) =>
      newHighlightRecord({
        id,
        articleId: 'a',
        url: normalizeUrl('https://x.kr/a'),
        selectors: describeTextQuote(text, text.indexOf(quote), text.indexOf(quote) + quote.length),
        createdAt: 1,
      });
    const gone = mk('gone', V1, '지워질 문단이다.');
    const changed = mk('changed', V1, '시장은 3% 올랐다고');
    const same = mk('same', V1, '첫 문단은');
    const moved = mk('moved', '가. 나. 다.', '나.');
    const result = affectedHighlights(V1, V2, [gone, changed, same]);
    expect(result.map((r) => [r.highlight.id, r.change])).toEqual([
      ['gone', 'gone'],
      ['changed', 'changed'],
    ]);
    expect(affectedHighlights('가. 나. 다.', '다. 가. 나. 라.', [moved]).map((r) => r.change)).toEqual(['moved']);
  });

  it('keeps each text a revisit replaced, with its dates, bounded, and lists articles updated since they were highlighted', async () => {
    const db = freshDb();
    let clock = 1_000;
    const repo = new ArticleRepository(db, () => clock);
    const article = (text: string) => ({
      url: normalizeUrl('https://news.example.kr/a'),
      title: '제목',
      byline: null,
      siteName: null,
      lang: 'ko',
      publishedTime: null,
      excerpt: null,
      contentHtml: `<p>${text}</p>`,
      textContent: text,
    });
    const saved = await repo.save(article(V1));
    clock = 2_000;
    await repo.save(article(V1));
    expect(await articleVersions(db, saved.id)).toEqual([]);
    await db.annotations.put(newHighlightRecord({ id: 'h', articleId: saved.id, url: saved.url, selectors: describeTextQuote(V1, 0, 5), createdAt: 2_500 }));
    clock = 3_000;
    await repo.save(article(V2));
    const versions = await articleVersions(db, saved.id);
    expect(versions.map((v) => [v.from, v.until, v.textContent])).toEqual([[1_000, 3_000, V1]]);
    expect((await updatedSinceHighlighted(db)).map((u) => [u.row.id, u.changedAt, u.highlights.length])).toEqual([[saved.id, 3_000, 1]]);
    for (let i = 0; i < MAX_VERSIONS + 3; i++) {
      clock += 1_000;
      await repo.save(article(`${V2}\n판 ${i}`));
    }
    const kept = await articleVersions(db, saved.id);
    expect(kept).toHaveLength(MAX_VERSIONS);
    // The text as first saved is always kept.
    expect(kept[0]!.textContent).toBe(V1);
  });
});

group('entities in the export', () => {
  it('gives Markdown a page per entity (articles, highlights, note), linked from the articles, merges applied; JSON-LD lists them under margin:', async () => {
    const db = await library();
    await db.annotations.put(
      newHighlightRecord({
        id: 'h2',
        articleId: 'a2',
        url: normalizeUrl('https://news.example.kr/a2'),
        selectors: describeTextQuote('Lee Jae-yong said.', 0, 12),
        createdAt: 20,
        entities: [LEE_EN],
      }),
    );
    await mergeEntity(db, 'person:lee jae-yong', 'person:이재용', 50);
    await setEntityNote(db, 'person:이재용', 'Chairman.', 60);
    const data = await readData(db);
    const files = markdownFiles(data, { entityLinks: true });
    const lee = files.find((f) => f.name === 'People/이재용.md')!;
    expect(lee.content).toContain('aliases: ["Lee Jae-yong"]');
    expect(lee.content).toContain('Chairman.');
    expect(lee.content).toMatch(/## Articles\n\n- .*\[\[.*기사 a2\]\][^\n]*\n- .*\[\[.*기사 a1\]\]/);
    expect(lee.content).toContain('> 이재용');
    expect(lee.content).toContain('> Lee Jae-yong');
    expect(files.some((f) => f.name === 'People/Lee Jae-yong.md')).toBe(false);
    expect(files.some((f) => f.name === 'Organisations/삼성전자.md')).toBe(true);
    const a2 = files.find((f) => f.name.endsWith('기사 a2.md'))!;
    expect(a2.content).toContain('[[이재용|Lee Jae-yong]]');
    expect(markdownFiles(data).some((f) => f.name.startsWith('People/'))).toBe(false);
    const json = JSON.parse(marginJson(data)) as { 'margin:entities': { 'margin:key': string; 'margin:aliases'?: string[]; 'margin:note'?: string }[] };
    expect(json['margin:entities'].find((e) => e['margin:key'] === 'person:이재용')).toMatchObject({
      'margin:aliases': ['Lee Jae-yong'],
      'margin:note': 'Chairman.',
    });
  });
});

group('the zip of a vault', () => {
  it('keeps the entity pages in their folders, names made safe', () => {
    const files = unzipSync(
      zipFiles([
        { name: 'People/이재용.md', content: 'x' },
        { name: 'Places/A:B?.md', content: 'y' },
        { name: '기사.md', content: 'z' },
      ]),
    );
    expect(Object.keys(files).sort()).toEqual(['People/이재용.md', 'Places/A B.md', '기사.md']);
  });
});
