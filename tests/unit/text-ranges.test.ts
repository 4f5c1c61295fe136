import { describe, expect, it } from 'vitest';
import { textSegments, unwrap, wrapRange, wrapRanges } from '../../utils/dom/text-ranges';
import { windowFromHtml } from '../../scripts/lib/dom';

function root(html: string): HTMLElement {
  const win = windowFromHtml(`<div id="r">${html}</div>`, 'https://example.com/');
  return win.document.getElementById('r') as unknown as HTMLElement;
}

describe('text ranges', () => {
  it('maps offsets over nested markup', () => {
    const r = root('<p>딥시크<b>가</b> 미국</p><p>둘째</p>');
    expect(textSegments(r).map((s) => [s.node.data, s.start])).toEqual([
      ['딥시크', 0],
      ['가', 3],
      [' 미국', 4],
      ['둘째', 7],
    ]);
  });

  it('wraps a range across elements without changing the text, and unwraps it again', () => {
    const r = root('<p>Kestrel <a href="#">Grid Inc.</a> said</p>');
    const before = r.innerHTML;
    const text = r.textContent;
    const start = text.indexOf('Kestrel');
    const marks = wrapRange(r, start, start + 'Kestrel Grid'.length, () => r.ownerDocument.createElement('mark'));
    expect(marks.map((m) => m.textContent)).toEqual(['Kestrel ', 'Grid']);
    expect(r.textContent).toBe(text);
    expect(r.querySelector('a')!.textContent).toBe('Grid Inc.');
    unwrap(marks);
    expect(r.innerHTML).toBe(before);
  });

  it('wraps many ranges at once', () => {
    const r = root('<p>량원펑은 광둥성에서 태어났다. 17%나 빠졌다.</p>');
    const text = r.textContent;
    const ranges = ['량원펑', '광둥성', '17%'].map((n) => ({ start: text.indexOf(n), end: text.indexOf(n) + n.length, n }));
    const out = wrapRanges(r, ranges, () => r.ownerDocument.createElement('mark'));
    expect([...out.values()].map((els) => els.map((e) => e.textContent).join(''))).toEqual(['17%', '광둥성', '량원펑']);
    expect(r.textContent).toBe(text);
  });
});
