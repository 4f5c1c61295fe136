import { describe, expect, it } from 'vitest';
import { describeTextQuote as selectors } from '../../utils/anchoring';
import type { Article } from '../../utils/article';
import { DEFAULT_HIDDEN_KINDS } from '../../utils/background/settings';
import { ArticleRepository } from '../../utils/db/articles';
import { CorrectionRepository } from '../../utils/db/corrections';
import { HighlightRepository } from '../../utils/db/highlights';
import { applyCorrections } from '../../utils/entities/corrections';
import { recognizeArticle, rulesOnly } from '../../utils/entities/recognizer';
import { principalEntities, summarizeEntities } from '../../utils/entities/summary';
import { ENTITY_TYPES } from '../../utils/entities/types';
import { parseImport } from '../../utils/export/import';
import { marginJson } from '../../utils/export/jsonld';
import { combinedMarkdown } from '../../utils/export/markdown';
import { importData, readData } from '../../utils/export/transfer';
import { articlePayloadFor, validatePayload } from '../../utils/sync/records';
import { freshDb } from '../support/db';
import { normalizeUrl } from '../../utils/url';

// Sentences written for these tests.
const KO = '감독 윤서하의 영화 ‹숨바꼭질>이 개봉했다. 숨바꼭질은 첫 주에 관객 50만 명을 모았다. 한빛전자는 새 휴대전화 누리폰을 내놓았다.';
const EN = 'The studio said The Quiet Orchard opened on Friday. Critics praised The Quiet Orchard, and Brightleaf released the Lumen Pad tablet.';

describe('the kind for titles of works and products', () => {
  it('is a kind of its own, shown by default (only the reader files names there)', () => {
    expect(ENTITY_TYPES).toContain('work');
    expect(DEFAULT_HIDDEN_KINDS).not.toContain('work');
  });

  it('marks every mention of a title the reader filed, particles after it included, in both languages', async () => {
    const ko = await recognizeArticle(KO, {
      lang: 'ko',
      models: rulesOnly,
      corrections: [
        { text: '숨바꼭질', action: 'set', type: 'work' },
        { text: '누리폰', action: 'set', type: 'work' },
      ],
    });
    const works = ko.filter((s) => s.type === 'work');
    expect(works.map((s) => s.text)).toEqual(['숨바꼭질', '숨바꼭질', '누리폰']);
    for (const s of works) expect(KO.slice(s.start, s.end)).toBe(s.text);
    const en = await recognizeArticle(EN, { lang: 'en', models: rulesOnly, corrections: [{ text: 'The Quiet Orchard', action: 'set', type: 'work' }] });
    expect(en.filter((s) => s.type === 'work').map((s) => s.text)).toEqual(['The Quiet Orchard', 'The Quiet Orchard']);
    // Grouped once in the list, with its mentions counted.
    const groups = summarizeEntities(en).get('work')!;
    expect(groups).toHaveLength(1);
    expect(groups[0]!.spans).toHaveLength(2);
    // And a library card names it among what the article is about; dates are still left out.
    const card = principalEntities([
      { text: '숨바꼭질', type: 'work' as const, count: 6 },
      { text: '윤서하', type: 'person' as const, count: 2 },
      { text: '3일', type: 'date' as const, count: 9 },
    ]);
    expect(card.map((e) => e.text)).toEqual(['숨바꼭질', '윤서하']);
  });

  it('replaces what the recogniser had there, and a retyped mark keeps its place', () => {
    const text = 'Lumen Pad sales rose. Lumen Pad is made by Brightleaf.';
    const spans = [
      { start: 0, end: 9, text: 'Lumen Pad', type: 'org' as const },
      { start: 43, end: 53, text: 'Brightleaf', type: 'org' as const },
    ];
    const out = applyCorrections(text, spans, [{ text: 'Lumen Pad', action: 'set', type: 'work' }]);
    expect(out.map((s) => `${s.text}:${s.type}@${s.start}`)).toEqual(['Lumen Pad:work@0', 'Lumen Pad:work@22', 'Brightleaf:org@43']);
  });

  it('goes through export and import (JSON-LD), Markdown, and the sync validator', async () => {
    const db = freshDb();
    let now = 1_700_000_000_000;
    const articles = new ArticleRepository(db, () => (now += 1000));
    const article: Article = {
      url: normalizeUrl('https://news.example/film'),
      title: '‹숨바꼭질> 개봉',
      byline: null,
      siteName: null,
      lang: 'ko',
      publishedTime: null,
      excerpt: null,
      contentHtml: `<p>${KO}</p>`,
      textContent: KO,
    };
    const saved = await articles.save(article);
    await articles.setEntities(saved.id, [{ text: '숨바꼭질', type: 'work', count: 2 }]);
    const quote = '숨바꼭질은 첫 주에';
    await new HighlightRepository(db, () => (now += 1000)).create({
      articleId: saved.id,
      url: saved.url,
      selectors: selectors(KO, KO.indexOf(quote), KO.indexOf(quote) + quote.length),
      color: 'yellow',
      entities: [{ text: '숨바꼭질', type: 'work' }],
    });
    await new CorrectionRepository(db).save({ text: '숨바꼭질', action: 'set', type: 'work' });
    const data = await readData(db);
    const file = marginJson(data);
    const doc = JSON.parse(file);
    expect(doc.first.items[0]['margin:entities']).toEqual([{ text: '숨바꼭질', type: 'work' }]);
    const target = freshDb();
    await importData(target, parseImport(file));
    const back = await readData(target);
    expect(back.annotations[0]!.entities).toEqual([{ text: '숨바꼭질', type: 'work' }]);
    expect(back.corrections).toEqual(data.corrections);
    expect(back.articles[0]!.entities).toEqual([{ text: '숨바꼭질', type: 'work', count: 2 }]);
    expect(combinedMarkdown(data, { entityLinks: true })).toContain('[[숨바꼭질]]');
    // Sync: a record with the new kind passes; an unknown kind is still refused.
    const row = (await db.articles.toArray())[0]!;
    expect(validatePayload(`r:${row.id}`, articlePayloadFor(row)).ok).toBe(true);
    const bad = articlePayloadFor({ ...row, entities: [{ text: '숨바꼭질', type: 'film' as never, count: 1 }] });
    expect(validatePayload(`r:${row.id}`, bad).ok).toBe(false);
  });
});
