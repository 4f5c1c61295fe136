import { describe, expect, it } from 'vitest';
import { readDocument } from '../../utils/extract/pipeline';
import { windowFromHtml } from '../../scripts/lib/dom';
import { newsFixtures } from '../support/fixtures';

// Every hand-checked Korean news page: the metadata a reader sees and a clean body.
describe.each(newsFixtures())('extraction of $name', ({ html, expected, name }) => {
  const url = `https://news.example.kr/${name}/view?utm_source=share#top`;
  const win = windowFromHtml(html, url);
  const result = readDocument(win.document, win, url);
  if (!result.ok) throw new Error(`no article: ${result.reason}`);
  const { article } = result;

  it('finds the metadata', () => {
    expect(article.title).toBe(expected.title);
    expect(article.lang).toBe(expected.lang);
    expect(article.siteName).toBe(expected.siteName);
    expect(article.byline).toBe(expected.byline);
    expect(article.publishedTime).toBe(expected.publishedTime);
    expect(article.url).toBe(`https://news.example.kr/${name}/view`);
  });

  it('keeps every sentence of the article', () => {
    const text = article.textContent.replace(/\s+/g, ' ');
    for (const sentence of expected.mustContain) expect(text).toContain(sentence);
  });

  it('leaves out navigation, boxes, ads and footer', () => {
    for (const junk of expected.mustNotContain) {
      expect(article.textContent).not.toContain(junk);
      expect(article.contentHtml).not.toContain(junk);
    }
  });

  it('keeps the structure: paragraphs, and images with absolute URLs', () => {
    const body = win.document.createElement('div');
    body.innerHTML = article.contentHtml;
    expect(body.querySelectorAll('p').length).toBeGreaterThanOrEqual(5);
    const images = Array.from(body.querySelectorAll('img'));
    expect(images.length).toBeGreaterThanOrEqual(1);
    for (const img of images) expect(img.getAttribute('src')).toMatch(/^https:\/\/news\.example\.kr\//);
    // Text is laid out for reading: no runs of spaces, blocks on their own lines.
    expect(article.textContent).not.toMatch(/ {2}|^\s|\s$|\n\s/);
    expect(article.textContent.split('\n').length).toBeGreaterThanOrEqual(5);
  });
});

describe('headings', () => {
  it('keeps the section headings of the Newspim article', () => {
    const fixture = newsFixtures().find((f) => f.name === 'ko-newspim-deepseek');
    if (!fixture) return;
    const win = windowFromHtml(fixture.html, 'https://www.newspim.com/news/view/1');
    const result = readDocument(win.document, win);
    if (!result.ok) throw new Error(result.reason);
    const body = win.document.createElement('div');
    body.innerHTML = result.article.contentHtml;
    expect(Array.from(body.querySelectorAll('h2,h3,h4'), (h) => h.textContent?.trim())).toContain('딥시크 어떤 회사?');
  });
});
