import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSanitizer } from '../../utils/extract/sanitize';
import { readDocument } from '../../utils/extract/pipeline';
import { windowFromHtml } from '../../scripts/lib/dom';
import { PAGES } from '../support/paths';

const win = windowFromHtml('', 'https://example.com/');
const sanitizer = createSanitizer(win);
const sanitize = (html: string) => sanitizer.html(html);

function parse(html: string): HTMLElement {
  const div = win.document.createElement('div');
  div.innerHTML = html;
  return div;
}

/** Everything in the markup that could run code or load something active. */
function activeParts(root: Element): string[] {
  const found: string[] = [];
  for (const el of Array.from(root.querySelectorAll('*'))) {
    const tag = el.localName;
    if (
      /^(script|iframe|frame|object|embed|applet|form|input|button|textarea|select|style|link|meta|base|svg|math|template|noscript|video|audio|source)$/.test(
        tag,
      )
    ) {
      found.push(`<${tag}>`);
    }
    for (const attr of Array.from(el.attributes)) {
      if (/^on/i.test(attr.name)) found.push(`${tag}[${attr.name}]`);
      if (/^(style|srcdoc|formaction|action|xlink:href|id|name)$/i.test(attr.name)) found.push(`${tag}[${attr.name}]`);
      if (/^(href|src|srcset|action|data|background|poster)$/i.test(attr.name) && /^\s*(javascript|vbscript|data:text)/i.test(attr.value)) {
        found.push(`${tag}[${attr.name}=${attr.value}]`);
      }
    }
  }
  return found;
}

describe('sanitizer', () => {
  const payloads: Record<string, string> = {
    script: '<p>a</p><script>window.x=1</script>',
    scriptSrc: '<script src="data:text/javascript,window.x=1"></script>',
    imgOnerror: '<img src="x" onerror="window.x=1">',
    svgOnload: '<svg onload="window.x=1"><circle r="1"/></svg>',
    svgScript: '<svg><script>window.x=1</script></svg>',
    svgXlink: '<svg><a xlink:href="javascript:window.x=1"><text>t</text></a></svg>',
    mathMxss: '<math><mtext><table><mglyph><style><img src=x onerror="window.x=1">',
    jsLink: '<a href="javascript:window.x=1">click</a>',
    jsLinkCase: '<a href="JaVaScRiPt:window.x=1">click</a>',
    jsLinkEntity: '<a href="&#106;avascript:window.x=1">click</a>',
    jsLinkSpace: '<a href=" java\tscript:window.x=1">click</a>',
    vbLink: '<a href="vbscript:msgbox(1)">vb</a>',
    dataLink: '<a href="data:text/html,<script>window.x=1</script>">data</a>',
    srcdoc: '<iframe srcdoc="<script>window.x=1</script>"></iframe>',
    iframeJs: '<iframe src="javascript:window.x=1"></iframe>',
    object: '<object data="javascript:window.x=1"></object>',
    embed: '<embed src="javascript:window.x=1">',
    form: '<form action="javascript:window.x=1"><button formaction="javascript:1">go</button></form>',
    autofocus: '<input autofocus onfocus="window.x=1">',
    details: '<details open ontoggle="window.x=1"><summary>s</summary></details>',
    cssUrl: '<div style="background:url(javascript:window.x=1)">bg</div>',
    cssExpression: '<div style="width: expression(window.x=1)">ex</div>',
    styleImport: "<style>@import 'javascript:window.x=1';</style>",
    meta: '<meta http-equiv="refresh" content="0;url=javascript:window.x=1">',
    base: '<base href="javascript:window.x=1//">',
    srcset: '<img src="ok.jpg" srcset="javascript:window.x=1 1x">',
    noscript: '<noscript><p title="</noscript><img src=x onerror=window.x=1>"></noscript>',
    template: '<template><img src=x onerror="window.x=1"></template>',
    clobber: '<img name="getElementById"><form id="document"></form><a id="location" href="#">x</a>',
    handlers: '<p onclick="window.x=1" onmouseover="window.x=1">p</p>',
    videoSource: '<video><source onerror="window.x=1"></video>',
  };

  it.each(Object.entries(payloads))('neutralises %s', (_, payload) => {
    const out = parse(sanitize(payload));
    expect(activeParts(out)).toEqual([]);
  });

  it('keeps the reading content: text, links, images, headings, lists, tables, quotes', () => {
    const html =
      '<h2>제목</h2><p>본문 <a href="https://example.com/a">링크</a> <strong>강조</strong></p>' +
      '<figure><img src="https://example.com/p.jpg" alt="사진"><figcaption>설명</figcaption></figure>' +
      '<ul><li>하나</li></ul><table><tr><td>셀</td></tr></table><blockquote>인용</blockquote>';
    const out = parse(sanitize(html));
    expect(out.textContent).toBe('제목본문 링크 강조설명하나셀인용');
    const link = out.querySelector('a')!;
    expect(link.getAttribute('href')).toBe('https://example.com/a');
    expect(link.getAttribute('target')).toBe('_blank');
    expect(link.getAttribute('rel')).toContain('noopener');
    const img = out.querySelector('img')!;
    expect(img.getAttribute('src')).toBe('https://example.com/p.jpg');
    expect(img.getAttribute('referrerpolicy')).toBe('no-referrer');
    expect(out.querySelector('table td')).not.toBeNull();
  });

  it('keeps data: images, which are part of articles, but no data: documents', () => {
    const out = parse(sanitize('<img src="data:image/png;base64,iVBORw0KGgo="><a href="data:text/html,x">x</a>'));
    expect(out.querySelector('img')!.getAttribute('src')).toMatch(/^data:image\/png/);
    expect(out.querySelector('a')!.hasAttribute('href')).toBe(false);
  });

  it('keeps the text of removed wrappers but not of removed active content', () => {
    const out = parse(sanitize('<form><p>폼 속 본문</p></form><script>secret()</script><my-widget>위젯 글</my-widget>'));
    expect(out.textContent).toBe('폼 속 본문위젯 글');
  });
});

describe('the XSS test page through the whole pipeline', () => {
  const path = join(PAGES, 'xss.html');
  it('comes out as a clean article with its prose intact', () => {
    const url = 'http://127.0.0.1/pages/xss.html';
    const page = windowFromHtml(readFileSync(path, 'utf8'), url);
    const result = readDocument(page.document, page, url);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const out = parse(result.article.contentHtml);
    expect(activeParts(out)).toEqual([]);
    expect(result.article.textContent).toContain('The harbour authority approved the new ferry timetable on Tuesday.');
    expect(result.article.textContent).toContain('Residents said the late-night service would change how they commute.');
    expect(result.article.textContent).toContain('Officials expect the first boats to sail before the summer festival.');
  });
});
