import { describe, expect, it } from 'vitest';
import { describeTextQuote as selectors } from '../../utils/anchoring';
import { HighlightRepository } from '../../utils/db/highlights';
import { ArticleRepository } from '../../utils/db/articles';
import { filterOptions, listArticles, search } from '../../utils/db/library';
import { deleteArticles, importData } from '../../utils/export/transfer';
import { drainIndex } from '../../utils/db/index-queue';
import type { Article } from '../../utils/article';
import { findMatches, indexTerms, normalize, parseQuery, snippet, stem } from '../../utils/search/terms';
import { freshDb } from '../support/db';
import { normalizeUrl } from '../../utils/url';

describe('search terms', () => {
  it('finds Korean words whatever particle follows them, and two-syllable pieces inside words', () => {
    const terms = new Set(indexTerms('딥시크가 미국에 역습을 가했다. 딥시크의 모회사는 환팡량화펀드다.'));
    for (const q of ['딥시크', '모회사', '환팡', '펀드']) for (const t of parseQuery(q).terms) expect(terms.has(t), q).toBe(true);
    expect(parseQuery('시크').terms.every((t) => terms.has(t))).toBe(true);
  });

  it('ignores case and simple plurals in English', () => {
    expect(stem('ferries')).toBe('ferry');
    expect(stem('Boxes'.toLowerCase())).toBe('box');
    expect(stem('analysis')).toBe('analysis');
    const terms = new Set(indexTerms('The Harbour Ferries sail on Tuesdays'));
    for (const q of ['ferry', 'FERRIES', 'harbour', 'tuesday']) for (const t of parseQuery(q).terms) expect(terms.has(t), q).toBe(true);
  });

  it('finds an English word where stemming every word of the text would, and only there', () => {
    const text =
      'Ferries, FERRY and ferryman; the Ferries’ crews. Boxes boxed a box; analyses of an analysis. Cities, a city, citizens. Busses bus the buses. ' +
      'AI and A.I. and ai-driven: as, is, us. Café cafés. 2024s and 2024. Dress dresses dressing.';
    // What findMatches did before it looked only at candidate tokens: stem every token.
    const naive = (word: string) =>
      [...normalize(text).matchAll(/[\p{L}\p{N}]+/gu)]
        .filter((m) => stem(m[0]) === stem(normalize(word)))
        .map((m) => ({ start: m.index, end: m.index + m[0].length }));
    for (const word of [
      'ferry',
      'Ferries',
      'box',
      'analysis',
      'city',
      'bus',
      'buses',
      'ai',
      'a',
      'is',
      'café',
      'cafes',
      '2024',
      'dress',
      'dresses',
      'citizen',
    ]) {
      expect(findMatches(text, parseQuery(word)), word).toEqual(naive(word));
    }
    expect(findMatches(text, parseQuery('ferry')).length).toBe(3);
  });

  it('marks the match in a snippet', () => {
    const s = snippet('전문가들은 딥시크의 부상이 중국이 미국 다음 시대의 산업 표준을 장악할 수도 있음을 의미한다고 주장한다.', parseQuery('딥시크'))!;
    expect(s.marks).toHaveLength(1);
    expect(s.text.slice(s.marks[0]!.start, s.marks[0]!.end)).toBe('딥시크');
  });
});

function article(n: number, title: string, site: string, text = '본문'): Article {
  return {
    url: normalizeUrl(`https://news.example/${n}`),
    title,
    byline: null,
    siteName: site,
    lang: 'ko',
    publishedTime: `2025-0${(n % 9) + 1}-01T00:00:00Z`,
    excerpt: null,
    contentHtml: `<p>${text}</p>`,
    textContent: text,
  };
}

describe('the library over the database', () => {
  async function seed() {
    let now = 1000;
    const db = freshDb();
    const articles = new ArticleRepository(db, () => (now += 10));
    const annotations = new HighlightRepository(db, () => (now += 10));
    const a1 = await articles.save(article(1, '딥시크에 숨은 비밀', '뉴스핌', '딥시크가 미국에 역습을 가했다. 엔비디아 주가가 17% 빠졌다.'));
    const a2 = await articles.save(article(2, 'Ferries return to the harbour', 'Gazette', 'The harbour ferries sail again. Samsung Electronics said.'));
    const a3 = await articles.save(article(3, '부산국제영화제 개막', '문화누리신문', '부산시는 60억원을 지원했다.'));
    await articles.setEntities(a1.id, [{ text: '엔비디아', type: 'org', count: 1 }]);
    const h = (a: typeof a1, quote: string, extra: { note?: string; tags?: string[]; color?: 'yellow' | 'pink' } = {}) => {
      const start = a.textContent.indexOf(quote);
      return annotations.create({
        articleId: a.id,
        url: a.url,
        selectors: selectors(a.textContent, start, start + quote.length),
        color: extra.color ?? 'yellow',
        note: extra.note,
        tags: extra.tags,
        entities: quote.includes('엔비디아') ? [{ text: '엔비디아', type: 'org' }] : [],
      });
    };
    await h(a1, '딥시크가 미국에', { note: '딥시크의 전략을 더 볼 것', tags: ['AI'] });
    await h(a1, '엔비디아 주가가 17% 빠졌다', { tags: ['주식'], color: 'pink' });
    await h(a2, 'The harbour ferries sail again', { note: 'Ferry timetables matter', tags: ['transport'] });
    await h(a3, '부산시는 60억원을', { tags: ['영화', 'AI'] });
    return { db, a1, a2, a3 };
  }

  it('finds notes and quotes in Korean through particles, and titles', async () => {
    const { db } = await seed();
    const hits = await search(db, '딥시크');
    expect(hits.map((h) => [h.kind, h.field])).toEqual(
      expect.arrayContaining([
        ['highlight', 'quote'],
        ['article', 'title'],
      ]),
    );
    for (const h of hits) expect(h.snippet.text.slice(h.snippet.marks[0]!.start, h.snippet.marks[0]!.end)).toBe('딥시크');
    // What the reader wrote or titled comes first; the article's text after it.
    expect(hits.at(-1)).toMatchObject({ kind: 'body', field: 'body', at: 0 });
    expect((await search(db, '전략')).map((h) => [h.kind, h.field])).toEqual([['highlight', 'note']]);
    // The text of a saved article is searched, with where the match is.
    const body = await search(db, '역습');
    expect(body.map((h) => [h.kind, h.field, h.at])).toEqual([['body', 'body', '딥시크가 미국에 '.length]]);
    expect(body[0]).toMatchObject({ siteName: '뉴스핌', title: '딥시크에 숨은 비밀', publishedTime: '2025-02-01T00:00:00Z' });
    expect(await search(db, '없는말')).toEqual([]);
  });

  it('finds a word typed with its particle, or with other spacing, as it finds the word (issue 22)', async () => {
    const { db } = await seed();
    const kinds = async (q: string) => (await search(db, q)).map((h) => [h.kind, h.field]);
    // 딥시크가 / 딥시크의 / 딥시크에: the title (딥시크에), the quote (딥시크가), the note (딥시크의) and the text.
    const plain = await kinds('딥시크');
    expect(plain.length).toBeGreaterThanOrEqual(3);
    for (const q of ['딥시크가', '딥시크의', '딥시크는', '딥시크에서']) expect(await kinds(q), q).toEqual(plain);
    // 엔비디아의 as 엔비디아: the highlight, the names the article mentions, its text.
    expect(await kinds('엔비디아의')).toEqual(await kinds('엔비디아'));
    // A stem is only taken where a particle, a space or the end follows it.
    expect(await search(db, '역습이')).toHaveLength(1);
    expect(await search(db, '미국은')).toHaveLength(2);
    expect(await search(db, '미국인')).toEqual([]);
    // Spacing: the query spaced where the text is not, and the text spaced where the query is not.
    expect((await search(db, '부산 국제 영화제')).map((h) => h.field)).toEqual(['title']);
    expect((await search(db, '모회 사')).length).toBe(0);
    expect((await search(db, '주 가가')).map((h) => h.field)).toEqual(['quote', 'body']);
  });

  it('finds a word the text spaces apart, ranked as any search, when nothing has it unspaced', async () => {
    const db = freshDb();
    let now = 1000;
    const articles = new ArticleRepository(db, () => (now += 10));
    await articles.save(article(1, '딥 시크의 충격', '뉴스핌', '중국의 딥 시크는 값싼 모델을 내놓았다.'));
    await articles.save(article(2, '다른 기사', '뉴스핌', '오픈에이아이는 답하지 않았다.'));
    const hits = await search(db, '딥시크가');
    expect(hits.map((h) => [h.kind, h.field, h.title])).toEqual([
      ['article', 'title', '딥 시크의 충격'],
      ['body', 'body', '딥 시크의 충격'],
    ]);
    expect(hits[0]!.snippet.text.slice(hits[0]!.snippet.marks[0]!.start, hits[0]!.snippet.marks[0]!.end)).toBe('딥 시크');
    // Once an article has the word unspaced, that is the answer (the spaced variants are a second look).
    await articles.save(article(3, '또 다른 기사', '뉴스핌', '딥시크가 다시 화제다.'));
    expect((await search(db, '딥시크가')).map((h) => h.title)).toEqual(['또 다른 기사']);
  });

  it('bounds what a query costs: its length, its words and its terms', async () => {
    const { db } = await seed();
    const huge = '딥시크 엔비디아 '.repeat(4000) + '가나다라마바사아자차카타파하'.repeat(2000);
    const parsed = parseQuery(huge);
    expect(parsed.words.length).toBeLessThanOrEqual(12);
    expect(parsed.terms.length).toBeLessThanOrEqual(40);
    // The search itself runs on the bounded query (its cost is in the bench, not timed here).
    expect(await search(db, huge)).toEqual(await search(db, parsed.words.map((w) => w.text).join(' ')));
    expect(parseQuery('x'.repeat(100_000)).words[0]!.text.length).toBeLessThanOrEqual(200);
  });

  it('finds the names an article mentions, and says which highlight a tag or note belongs to', async () => {
    const { db, a1 } = await seed();
    // 엔비디아 is in a highlight (first), the article's names and its text (last).
    const hits = await search(db, '엔비디아');
    expect(hits.map((h) => [h.kind, h.field])).toEqual([
      ['highlight', 'quote'],
      ['article', 'entity'],
      ['body', 'body'],
    ]);
    expect(hits[1]).toMatchObject({ articleId: a1.id, snippet: { text: '엔비디아' } });
    const tag = await search(db, '주식');
    expect(tag).toEqual([expect.objectContaining({ field: 'tag', quote: '엔비디아 주가가 17% 빠졌다', color: 'pink', siteName: '뉴스핌' })]);
  });

  it('indexes an article again when its text changes, and only then', async () => {
    const db = freshDb();
    const articles = new ArticleRepository(db);
    const first = await articles.save(article(7, '제목', '한빛일보', '첫 판의 문장은 항만 공사를 다룬다.'));
    const keys = await db.search.toCollection().primaryKeys();
    await articles.save(article(7, '제목', '한빛일보', '첫 판의 문장은 항만 공사를 다룬다.'));
    expect(await db.search.toCollection().primaryKeys()).toEqual(keys);
    await articles.save(article(7, '제목', '한빛일보', '고친 판은 철도 예산을 다룬다.'));
    expect(await search(db, '항만')).toEqual([]);
    expect((await search(db, '철도')).map((h) => [h.kind, h.articleId])).toEqual([['body', first.id]]);
  });

  it('finds English regardless of case and plural, and tags', async () => {
    const { db } = await seed();
    const ferry = await search(db, 'FERRY');
    expect(ferry.length).toBeGreaterThanOrEqual(2);
    expect((await search(db, 'transport')).map((h) => h.field)).toEqual(['tag']);
  });

  it('lists, sorts and filters by site, tag, colour and entity', async () => {
    const { db, a1, a2, a3 } = await seed();
    const all = await listArticles(db, { sort: 'saved', offset: 0, limit: 10 });
    expect(all.items.map((i) => i.article.id)).toEqual([a3.id, a2.id, a1.id]);
    expect(all.total).toBe(3);
    const byPublished = await listArticles(db, { sort: 'published', offset: 0, limit: 10 });
    // Published 2025-04, 2025-03, 2025-02.
    expect(byPublished.items.map((i) => i.article.id)).toEqual([a3.id, a2.id, a1.id]);
    expect((await listArticles(db, { sort: 'saved', offset: 0, limit: 10, site: '뉴스핌' })).items.map((i) => i.article.id)).toEqual([a1.id]);
    const tagged = await listArticles(db, { sort: 'saved', offset: 0, limit: 10, tag: 'AI' });
    expect(tagged.items.map((i) => i.article.id)).toEqual([a3.id, a1.id]);
    expect(tagged.items[1]!.highlights.map((a) => a.quote)).toEqual(['딥시크가 미국에']);
    expect((await listArticles(db, { sort: 'saved', offset: 0, limit: 10, color: 'pink' })).items.map((i) => i.article.id)).toEqual([a1.id]);
    expect((await listArticles(db, { sort: 'saved', offset: 0, limit: 10, entity: 'org:엔비디아' })).items.map((i) => i.article.id)).toEqual([a1.id]);
    expect((await listArticles(db, { sort: 'saved', offset: 1, limit: 1 })).items.map((i) => i.article.id)).toEqual([a2.id]);
    expect(await filterOptions(db)).toEqual({ sites: ['Gazette', '뉴스핌', '문화누리신문'], tags: ['AI', 'transport', '영화', '주식'] });
  });

  it('keeps the index in step with edits, deletions and deleted articles', async () => {
    const { db, a1 } = await seed();
    const repo = new HighlightRepository(db, () => 99_999);
    const first = (await repo.forArticle(a1.id))[0]!;
    await repo.update(first.id, { note: '반도체 수출 통제와 연결', tags: ['무역'] });
    // The old note no longer finds it, the new one and the new tag do; the filters follow.
    expect((await search(db, '전략')).length).toBe(0);
    expect((await search(db, '반도체')).map((h) => [h.highlightId, h.field])).toEqual([[first.id, 'note']]);
    expect((await listArticles(db, { sort: 'saved', offset: 0, limit: 10, tag: '무역' })).items.map((i) => i.article.id)).toEqual([a1.id]);
    expect((await listArticles(db, { sort: 'saved', offset: 0, limit: 10, tag: 'AI' })).items.map((i) => i.article.id)).not.toContain(a1.id);
    await repo.remove(first.id);
    expect(await search(db, '반도체')).toEqual([]);
    expect((await listArticles(db, { sort: 'saved', offset: 0, limit: 10, tag: '무역' })).total).toBe(0);
    await deleteArticles(db, [a1.id]);
    expect(await search(db, '엔비디아')).toEqual([]);
    expect(await search(db, '딥시크')).toEqual([]);
    expect(await db.search.count()).toBe(2 + 2); // two articles' titles and their two highlights remain
    expect(await db.bodySearch.count()).toBe(2); // and the two articles' text
  });

  it('answers newest first, and reads deeper when the newest candidates do not match', async () => {
    let now = 0;
    const db = freshDb();
    const articles = new ArticleRepository(db, () => (now += 1));
    const repo = new HighlightRepository(db, () => (now += 1));
    const text = '정부는 반도체 산업에 지원을 늘렸다. 체육 예산은 줄었다.';
    const a = await articles.save(article(1, '예산 기사', '한빛일보', text));
    const at = (quote: string) => selectors(text, text.indexOf(quote), text.indexOf(quote) + quote.length);
    // The real match is the oldest; 600 newer highlights have both pieces of 반도체 (반도, 도체) apart.
    const match = await repo.create({ articleId: a.id, url: a.url, selectors: at('반도체 산업'), color: 'yellow' });
    const newer = Array.from({ length: 600 }, (_, i) => ({
      ...match,
      id: `n${i}`,
      selectors: at('정부는'),
      quote: '정부는',
      note: `반도 끝에서 ${i} 도체 앞까지`,
      createdAt: 10 + i,
      updatedAt: 10 + i,
    }));
    await importData(db, { articles: [], annotations: newer, corrections: [] });
    // 600 new records: their search rows are derived by the index queue after the import.
    await drainIndex(db);
    const hits = await search(db, '반도체');
    // The highlight, however old, before the article's text.
    expect(hits.map((h) => [h.kind, h.highlightId])).toEqual([
      ['highlight', match.id],
      ['body', undefined],
    ]);
    // A common word: the 50 newest, newest first, then the article text.
    const common = await search(db, '반도');
    expect(common).toHaveLength(51);
    expect(common.at(-1)!.kind).toBe('body');
    const written = common.slice(0, 50);
    expect(written.map((h) => h.updatedAt)).toEqual([...written.map((h) => h.updatedAt)].sort((x, y) => y - x));
    expect(common[0]!.snippet.text).toContain('599');
    // One syllable: found at the start of a word.
    expect((await search(db, '앞', 5)).map((h) => h.snippet.text)).toEqual([599, 598, 597, 596, 595].map((i) => `반도 끝에서 ${i} 도체 앞까지`));
  });
});
