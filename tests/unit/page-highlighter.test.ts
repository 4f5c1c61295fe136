import { describe as group, expect, it } from 'vitest';
import { describeTextQuote } from '../../utils/anchoring';
import { captureSelection, clearHighlights, drawHighlights, drawnHighlights, pageSegments } from '../../utils/page/highlighter';
import { windowFromHtml } from '../../scripts/lib/dom';

const PAGE = `<html><body><nav>홈 정치</nav><script>var x = "예산안";</script>
<article><h1>시의회, 예산안 통과</h1><p>시의회는 오늘 <b>내년도 예산안</b>을 표결에 부쳤다.</p>
<p>위원회는 교통과 주거 분야의 지출을 늘리는 데 합의했다.</p></article></body></html>`;
const ARTICLE = '시의회, 예산안 통과\n시의회는 오늘 내년도 예산안을 표결에 부쳤다.\n위원회는 교통과 주거 분야의 지출을 늘리는 데 합의했다.';

function highlight(id: string, quote: string, color: 'yellow' | 'pink' = 'yellow') {
  const start = ARTICLE.indexOf(quote);
  return { id, color, selectors: describeTextQuote(ARTICLE, start, start + quote.length) };
}

/** A highlight of a passage the page no longer has. */
const gone = {
  id: 'c',
  color: 'yellow' as const,
  selectors: {
    quote: { type: 'TextQuoteSelector' as const, exact: '사라진 문장입니다', prefix: '', suffix: '' },
    position: { type: 'TextPositionSelector' as const, start: 0, end: 9 },
  },
};

group('the live page', () => {
  it('reads the page text without script text', () => {
    const win = windowFromHtml(PAGE, 'https://news.example/a');
    expect(pageSegments(win.document).text).not.toContain('var x');
  });

  it('places the article’s highlights in a closed overlay: the page’s DOM and CSS.highlights are untouched, and no highlighted text is reachable from the page', () => {
    const win = windowFromHtml(PAGE, 'https://news.example/a');
    const doc = win.document;
    const html = doc.body.innerHTML;
    // jsdom has no layout: give every range one line box.
    const proto = (win as unknown as { Range: { prototype: { getClientRects?: () => unknown } } }).Range.prototype;
    proto.getClientRects = () => [{ left: 10, top: 20, width: 50, height: 16 }];
    const result = drawHighlights(doc, [highlight('a', '내년도 예산안을'), highlight('b', '교통과 주거', 'pink'), gone]);
    expect(result).toEqual({ drawn: 2, missing: ['c'] });
    // What Margin knows it drew (never answered to the page): the quote under each colour, one box per text node line.
    expect(drawnHighlights(doc)).toMatchObject({ byColor: { yellow: ['내년도 예산안을'], pink: ['교통과 주거'] }, boxes: 3 });
    // The page sees its body as it was, one added element with a closed root, and nothing of the passages anywhere.
    expect(doc.body.innerHTML).toBe(html);
    expect(doc.querySelector('mark')).toBeNull();
    const added = Array.from(doc.documentElement.children).filter((el) => el.tagName !== 'HEAD' && el.tagName !== 'BODY');
    expect(added).toHaveLength(1);
    expect(added[0]!.shadowRoot).toBeNull();
    expect(added[0]!.textContent).toBe('');
    expect(doc.documentElement.outerHTML.split('<body')[0]!.concat(added[0]!.outerHTML)).not.toMatch(/예산|교통|yellow|pink|margin/i);
    clearHighlights(doc);
    expect(doc.documentElement.children).toHaveLength(2);
    expect(doc.body.innerHTML).toBe(html);
  });

  it('captures the reader’s selection as a quote with context', () => {
    const win = windowFromHtml(PAGE, 'https://news.example/a');
    const doc = win.document;
    const p = doc.querySelectorAll('p')[1]!;
    const node = p.firstChild as Text;
    const range = doc.createRange();
    range.setStart(node, node.data.indexOf('교통과'));
    range.setEnd(node, node.data.indexOf('분야') + 2);
    win.getSelection()!.removeAllRanges();
    win.getSelection()!.addRange(range);
    const quote = captureSelection(doc)!;
    expect(quote.exact).toBe('교통과 주거 분야');
    expect(quote.prefix.endsWith('위원회는 ')).toBe(true);
    expect(quote.suffix.startsWith('의 지출을')).toBe(true);
    win.getSelection()!.removeAllRanges();
    expect(captureSelection(doc)).toBeNull();
  });
});
