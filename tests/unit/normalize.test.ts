import { describe, expect, it } from 'vitest';
import { normalizeContent } from '../../utils/extract/normalize';
import { windowFromHtml } from '../../scripts/lib/dom';
import { sanitizeArticle } from '../../utils/extract/pipeline';
import { normalizeUrl } from '../../utils/url';

function normalized(html: string): { text: string; html: string; root: HTMLElement } {
  const win = windowFromHtml(`<div id="root">${html}</div>`, 'https://example.com/');
  const root = win.document.getElementById('root')!;
  normalizeContent(root);
  return { text: root.textContent ?? '', html: root.innerHTML, root };
}

describe('normalizeContent', () => {
  it('collapses whitespace and separates blocks with one newline', () => {
    const { text } = normalized(`
      <h2>  제목  </h2>
      <p>첫   문단은
         여기서   끝난다. </p>
      <p>둘째&nbsp;&nbsp;문단.</p>`);
    expect(text).toBe('제목\n첫 문단은 여기서 끝난다.\n둘째 문단.');
  });

  it('turns line breaks into separators so words on either side never run together', () => {
    expect(normalized('<p>기술전쟁<br>1985년생 천재<br><br>다윗</p>').text).toBe('기술전쟁\n1985년생 천재\n다윗');
  });

  it('keeps inline spacing between inline elements', () => {
    expect(normalized('<p><b>굵게</b> <i>기울임</i>, 그리고 <a href="#">링크</a>.</p>').text).toBe('굵게 기울임, 그리고 링크.');
  });

  it('keeps preformatted text as it is', () => {
    const { text, html } = normalized('<p>코드:</p><pre>a  =  1\n  b = 2</pre>');
    expect(text).toBe('코드:\na  =  1\n  b = 2');
    // The separator sits outside <pre>, where the HTML parser cannot drop it.
    expect(html).toContain('\n<pre>a  =  1');
  });

  it('removes what is never shown, keeping the text of unwrapped wrappers', () => {
    const { text, root } = normalized(
      '<form><p>본문은 폼 안에 있다.</p><input value="x"><button>보내기</button></form><script>alert(1)</script><iframe src="x"></iframe><!-- c -->',
    );
    expect(text).toBe('본문은 폼 안에 있다.');
    expect(root.querySelector('form,input,button,script,iframe')).toBeNull();
  });

  it('is idempotent', () => {
    const first = normalized('<div> <p> a </p> b <span> c </span><ul><li>d</li><li> e</li></ul></div>');
    normalizeContent(first.root);
    expect(first.root.textContent).toBe(first.text);
    expect(first.text).toBe('a\nb c\nd\ne');
  });

  it('gives text that survives sanitising and re-parsing unchanged', () => {
    const html = '<h3>소제목</h3><p>첫 문단<br>둘째 줄</p><figure><img src="a.jpg"><figcaption>사진 설명</figcaption></figure><pre>x\n y</pre><p>끝.</p>';
    const { text, html: out } = normalized(html);
    const win = windowFromHtml('', 'https://example.com/');
    const article = sanitizeArticle(
      { url: normalizeUrl(''), title: '', byline: null, siteName: null, lang: null, publishedTime: null, excerpt: null, contentHtml: out, textContent: text },
      win,
    );
    expect(article.textContent).toBe(text);
  });
});
