import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { describe as group, expect, it } from 'vitest';
import { describeTextQuote } from '../../utils/anchoring';
import { HIGHLIGHT_FIELDS, HighlightRepository, cleanTags, MAX_NOTE, newHighlightRecord } from '../../utils/db/highlights';
import { MarginDB, type HighlightRecord } from '../../utils/db/schema';
import { parseImport } from '../../utils/export/import';
import { freshDb } from '../support/db';
import { normalizeUrl } from '../../utils/url';

const TEXT = '시의회는 오늘 오후 본회의를 열어 내년도 예산안을 표결에 부쳤다. 위원회는 교통과 주거 분야의 지출을 늘리는 데 합의했다.';
const selectors = (quote: string) => {
  const start = TEXT.indexOf(quote);
  return describeTextQuote(TEXT, start, start + quote.length);
};

group('HighlightRepository', () => {
  it('creates a highlight with everything the data model names', async () => {
    const now = 100;
    const repo = new HighlightRepository(freshDb(), () => now);
    const a = await repo.create({
      articleId: 'art',
      url: 'https://x.example/a?utm_source=y#z',
      selectors: selectors('예산안'),
      color: 'yellow',
      tags: ['#예산', ' 예산 ', '시의회'],
    });
    expect(a).toMatchObject({
      articleId: 'art',
      url: 'https://x.example/a',
      quote: '예산안',
      color: 'yellow',
      note: '',
      tags: ['예산', '시의회'],
      createdAt: 100,
      updatedAt: 100,
      orphaned: false,
      entities: [],
    });
    expect(await repo.forArticle('art')).toEqual([a]);
    expect(await repo.forUrl('https://x.example/a#other')).toEqual([a]);
  });

  it('keeps notes as written: 100k characters, emoji, right-to-left text, markup-looking text', async () => {
    const repo = new HighlightRepository(freshDb());
    const a = await repo.create({ articleId: 'art', url: 'https://x.example/a', selectors: selectors('본회의'), color: 'green' });
    const note = `${'가나다 🙂 שלום <script>alert(1)</script> &amp; '.repeat(2500)}끝`;
    expect(note.length).toBeGreaterThan(100_000);
    await repo.update(a.id, { note });
    expect((await repo.forArticle('art'))[0]!.note).toBe(note);
    await expect(repo.update(a.id, { note: 'x'.repeat(MAX_NOTE + 1) })).rejects.toThrow(/limited/);
    // A rejected write leaves the note as it was.
    expect((await repo.forArticle('art'))[0]!.note).toBe(note);
  });

  it('never loses an update when several writers change one highlight at once', async () => {
    const indexedDB = new IDBFactory();
    // Two connections, as two tabs and the popup each writing through their own context.
    const a = new HighlightRepository(new MarginDB('margin', { indexedDB, IDBKeyRange }));
    const b = new HighlightRepository(new MarginDB('margin', { indexedDB, IDBKeyRange }));
    const h = await a.create({ articleId: 'art', url: 'https://x.example/a', selectors: selectors('합의했다'), color: 'yellow' });
    await Promise.all([
      a.update(h.id, { note: '탭 1의 메모' }),
      b.update(h.id, { tags: ['탭2'] }),
      a.update(h.id, { color: 'pink' }),
      b.update(h.id, { tags: ['탭2', '팝업'] }),
    ]);
    const [final] = await a.forArticle('art');
    expect(final).toMatchObject({ note: '탭 1의 메모', color: 'pink', tags: ['탭2', '팝업'] });
  });

  it('deletes with undo, and refuses nonsense', async () => {
    const repo = new HighlightRepository(freshDb());
    const a = await repo.create({ articleId: 'art', url: 'https://x.example/a', selectors: selectors('오후'), color: 'blue', note: '메모' });
    const removed = await repo.remove(a.id);
    expect(await repo.forArticle('art')).toEqual([]);
    await repo.restore(removed!);
    expect(await repo.forArticle('art')).toEqual([a]);
    await expect(repo.update('missing', { note: 'x' })).rejects.toThrow(/no longer exists/);
    await expect(repo.update(a.id, { color: 'purple' as never })).rejects.toThrow(/colour/);
  });

  it('does not move updatedAt for bookkeeping (orphaned flag)', async () => {
    let now = 1;
    const repo = new HighlightRepository(freshDb(), () => now);
    const a = await repo.create({ articleId: 'art', url: 'https://x.example/a', selectors: selectors('오후'), color: 'blue' });
    now = 50;
    const b = await repo.update(a.id, { orphaned: true });
    expect(b).toMatchObject({ orphaned: true, updatedAt: 1 });
  });

  it('cleans tags', () => {
    expect(cleanTags(['#AI', 'ai', '  경제  정책 ', '', '##중국'])).toEqual(['AI', '경제 정책', '중국']);
  });
});

group('newHighlightRecord', () => {
  const ALL = Object.keys(HIGHLIGHT_FIELDS).sort();
  const keys = (r: HighlightRecord) => Object.keys(r).sort();

  it('builds a complete record from the required fields, with defaults for the rest', () => {
    const r = newHighlightRecord({ id: 'h1', articleId: 'art', url: normalizeUrl('https://x.example/a'), selectors: selectors('예산안'), createdAt: 5 });
    expect(r).toStrictEqual({
      id: 'h1',
      articleId: 'art',
      url: 'https://x.example/a',
      selectors: selectors('예산안'),
      quote: '예산안',
      color: 'yellow',
      note: '',
      tags: [],
      entities: [],
      createdAt: 5,
      updatedAt: 5,
      orphaned: false,
    });
    // `imported` is left out, not stored as undefined: IndexedDB and sync would keep the key.
    expect('imported' in r).toBe(false);
    expect(keys(r)).toEqual(ALL.filter((k) => k !== 'imported'));
  });

  it('keeps what it is given as given, and the quote is always the selector’s', () => {
    const r = newHighlightRecord({
      id: 'h2',
      articleId: 'art',
      url: normalizeUrl('https://x.example/a'),
      selectors: selectors('본회의를'),
      createdAt: 5,
      updatedAt: 9,
      color: 'pink',
      note: '메모',
      tags: ['#Kept As Written', '#Kept As Written'],
      entities: [{ text: '시의회', type: 'org' }],
      orphaned: true,
      imported: { id: 'https://hypothes.is/a/x', undated: true },
    });
    expect(r).toMatchObject({ quote: '본회의를', updatedAt: 9, color: 'pink', note: '메모', orphaned: true, imported: { id: 'https://hypothes.is/a/x' } });
    expect(r.tags).toEqual(['#Kept As Written', '#Kept As Written']);
    expect(keys(r)).toEqual(ALL);
  });

  it('is what the repository, the W3C import and the Hypothesis import make: no field more, none missing', async () => {
    const made = await new HighlightRepository(freshDb(), () => 7).create({
      articleId: 'art',
      url: 'https://x.example/a',
      selectors: selectors('예산안'),
      color: 'blue',
    });
    expect(keys(made)).toEqual(ALL.filter((k) => k !== 'imported'));

    const quote = { type: 'TextQuoteSelector', exact: '예산안', prefix: '', suffix: '' };
    const w3c = parseImport(
      JSON.stringify({
        '@context': 'http://www.w3.org/ns/anno.jsonld',
        id: 'http://example.org/anno1',
        type: 'Annotation',
        target: { source: 'https://x.example/a', selector: quote },
      }),
      1000,
    ).annotations;
    expect(w3c).toHaveLength(1);
    expect(keys(w3c[0]!)).toEqual(ALL);
    expect(w3c[0]).toMatchObject({
      quote: '예산안',
      color: 'yellow',
      note: '',
      tags: [],
      entities: [],
      createdAt: 1000,
      updatedAt: 1000,
      imported: { undated: true },
    });

    const hypothesis = parseImport(
      JSON.stringify([
        {
          id: 'abc',
          uri: 'https://x.example/h',
          text: '노트',
          tags: ['t'],
          created: '2024-01-02T03:04:05Z',
          target: [{ source: 'https://x.example/h', selector: [quote] }],
        },
      ]),
      1000,
    ).annotations;
    expect(hypothesis).toHaveLength(1);
    expect(keys(hypothesis[0]!)).toEqual(ALL);
    expect(hypothesis[0]).toMatchObject({
      note: '노트',
      tags: ['t'],
      createdAt: Date.parse('2024-01-02T03:04:05Z'),
      updatedAt: Date.parse('2024-01-02T03:04:05Z'),
    });
  });
});
