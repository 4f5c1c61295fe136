import { describe, expect, it } from 'vitest';
import { describeTextQuote } from '../../utils/anchoring';
import { ArticleRepository } from '../../utils/db/articles';
import { HighlightRepository } from '../../utils/db/highlights';
import { importErrorText } from '../../utils/export/messages';
import { ImportError, parseImport } from '../../utils/export/import';
import { MAX_BODY_TEXT, MAX_DEPTH, RecordShapeError, shapeProblem } from '../../utils/limits';
import { validatePayload } from '../../utils/sync/records';
import { freshDb } from '../support/db';
import { normalizeUrl } from '../../utils/url';

/* Issue 21: one guard on the depth and size of records, wherever they enter. */

const nested = (depth: number): unknown => {
  let value: unknown = [];
  for (let i = 0; i < depth; i++) value = [value];
  return value;
};

const annotation = (extra: string) =>
  `{"@context":"http://www.w3.org/ns/anno.jsonld","type":"AnnotationPage","items":[` +
  `{"type":"Annotation","id":"urn:a:1","body":{"type":"TextualBody","value":"ok"},"target":{"source":"https://e.example/a","selector":{"type":"TextQuoteSelector","exact":"hello"}}},` +
  `{"type":"Annotation","id":"urn:a:2","body":{"type":"TextualBody","value":"n"},"target":{"source":"https://e.example/a","selector":{"type":"TextQuoteSelector","exact":"world"}},"extra":${extra}}]}`;

describe('the shape guard (utils/limits.ts)', () => {
  it('finds depth and size without recursing, even 100,000 deep', () => {
    expect(shapeProblem({ a: [1, 'x', { b: null }] })).toBeNull();
    expect(shapeProblem(nested(MAX_DEPTH - 1))).toBeNull();
    expect(shapeProblem(nested(100_000))).toMatchObject({ problem: 'depth', limit: MAX_DEPTH });
    expect(shapeProblem({ a: 'x'.repeat(200) }, MAX_DEPTH, 100)).toMatchObject({ problem: 'size', at: 'a' });
  });

  it('an import 100,000 deep says which annotation and why, in English and Korean, instead of an unexpected error', () => {
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    let error: unknown;
    try {
      parseImport(annotation(deep));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ImportError);
    expect((error as ImportError).code).toBe('too-deep');
    expect(importErrorText(error as ImportError, 'en')).toMatch(/^annotation 2 is nested more than 64 levels deep/);
    expect(importErrorText(error as ImportError, 'ko')).toMatch(/^2번째 주석: 64단계보다 깊게/);
    // 2,000 deep too (the 4 kB file), where nothing overflowed but sync broke later.
    expect(() => parseImport(annotation(JSON.stringify(nested(2000))))).toThrow(/annotation 2 is nested/);
    // A file of ordinary depth still imports.
    expect(parseImport(annotation('{"a":[{"b":1}]}')).annotations).toHaveLength(2);
  });

  it('a highlight written through the repository (any page message) is refused when nested too deep, naming it', async () => {
    const db = freshDb();
    const text = 'The ferry budget passed.';
    const article = await new ArticleRepository(db).save({
      url: normalizeUrl('https://e.example/deep'),
      title: 't',
      byline: null,
      siteName: null,
      lang: 'en',
      publishedTime: null,
      excerpt: null,
      contentHtml: `<p>${text}</p>`,
      textContent: text,
    });
    const repo = new HighlightRepository(db);
    const h = await repo.create({ articleId: article.id, url: article.url, selectors: describeTextQuote(text, 4, 9), color: 'yellow' });
    const hostile = { ...h, imported: { properties: { x: nested(2000) } } };
    await expect(repo.restore(hostile)).rejects.toThrow(RecordShapeError);
    await expect(repo.restore(hostile)).rejects.toThrow(/highlight .*“ferry”: nested more than 64 levels deep/);
    expect((await db.annotations.get(h.id))?.imported).toBeUndefined();
  });

  it('sync and import take article text up to the same limit', () => {
    const body = (chars: number) => ({ k: 'b', rec: { id: 'x', contentHtml: '', textContent: 'a'.repeat(chars) }, at: 1 });
    expect(validatePayload('b:x', body(MAX_BODY_TEXT)).ok).toBe(true);
    expect(validatePayload('b:x', body(MAX_BODY_TEXT + 1)).ok).toBe(false);
  });
});
