import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { decodeHtml, windowFromHtml } from '../../scripts/lib/dom';
import { readDocument } from '../../utils/extract/pipeline';
import { ROOT, SHARED } from '../support/paths';

// Issue 12's mainstream pages, read in place from the shared corpora (Scrapinghub's dev part and
// Readability's test pages); what each must give is in tests/fixtures/mainstream/<page>/expected.json.
interface Expected {
  source: string;
  url: string;
  title: string;
  lang: string;
  siteName: string;
  byline: string | null;
  publishedTime: string | null;
  mustContain: string[];
  mustNotContain: string[];
  /** Captions that must be shown as the caption of their figure, not as a list item or a loose line. */
  inFigcaption?: string[];
  /** Every figure with an image has its caption after the image (issue 22). */
  captionAfterImage?: boolean;
}

const DIR = join(ROOT, 'tests/fixtures/mainstream');
const pages = readdirSync(DIR)
  .sort()
  .map((name) => ({ name, expected: JSON.parse(readFileSync(join(DIR, name, 'expected.json'), 'utf8')) as Expected }));

describe.each(pages)('mainstream page $name', ({ expected }) => {
  const bytes = readFileSync(join(SHARED, expected.source));
  const html = decodeHtml(expected.source.endsWith('.gz') ? gunzipSync(bytes) : bytes);
  const win = windowFromHtml(html, expected.url);
  const result = readDocument(win.document, win, expected.url);
  if (!result.ok) throw new Error(`no article: ${result.reason}`);
  const { article } = result;

  it('finds the metadata: title without its site or section, the publication, byline, date and language', () => {
    expect({ title: article.title, lang: article.lang, siteName: article.siteName, byline: article.byline, publishedTime: article.publishedTime }).toEqual({
      title: expected.title,
      lang: expected.lang,
      siteName: expected.siteName,
      byline: expected.byline,
      publishedTime: expected.publishedTime,
    });
  });

  it('keeps the article and leaves the furniture out', () => {
    const text = article.textContent.replace(/[ \t]+/g, ' ');
    for (const sentence of expected.mustContain) expect(text).toContain(sentence);
    for (const junk of expected.mustNotContain) expect(article.textContent).not.toContain(junk);
  });

  it('shows captions as captions, and no one-word paragraphs split from one text', () => {
    const body = win.document.createElement('div');
    body.innerHTML = article.contentHtml;
    const captions = Array.from(body.querySelectorAll('figcaption'), (c) => c.textContent?.replace(/\s+/g, ' ').trim() ?? '');
    for (const caption of expected.inFigcaption ?? []) expect(captions.some((c) => c.includes(caption))).toBe(true);
    if (expected.captionAfterImage)
      for (const figure of Array.from(body.querySelectorAll('figure'))) {
        const img = figure.querySelector('img');
        const caption = figure.querySelector('figcaption');
        if (img && caption) expect(img.compareDocumentPosition(caption) & 4, caption.textContent ?? '').toBe(4);
      }
    for (const li of Array.from(body.querySelectorAll('li'))) expect(captions).not.toContain(li.textContent?.trim());
    const lines = article.textContent.split('\n');
    const oneWord = lines.filter((line, i) => /^\S{1,3}$/.test(line) && /^\S{1,3}$/.test(lines[i + 1] ?? ''));
    expect(oneWord).toEqual([]);
  });
});
