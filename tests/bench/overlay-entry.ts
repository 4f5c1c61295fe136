// Bundled into a page of headless Chromium by tests/bench/overlay.ts: the live-page highlighter
// (closed shadow-root overlay) against the CSS Custom Highlight API it replaced.
import { anchor, describeTextQuote } from '../../utils/anchoring';
import type { HighlightColor } from '../../utils/colors';
import type { PageHighlight } from '../../utils/background/messages';
import { clearHighlights, drawHighlights, drawnHighlights, pageSegments } from '../../utils/page/highlighter';

const COLORS: HighlightColor[] = ['yellow', 'green', 'blue', 'pink'];

/** `count` highlights of 20–60 characters spread over the page's text. */
function makeHighlights(count: number): PageHighlight[] {
  const { text } = pageSegments(document);
  const out: PageHighlight[] = [];
  for (let i = 0; i < count; i++) {
    const start = Math.floor(((i + 0.5) / count) * (text.length - 80));
    out.push({ id: `h${i}`, color: COLORS[i % 4]!, selectors: describeTextQuote(text, start, start + 20 + (i % 41)) });
  }
  return out;
}

/** The earlier way, as the baseline: anchor each quote, one range each, registered in CSS.highlights. */
function drawWithCssHighlights(highlights: PageHighlight[]): number {
  const { text, segments } = pageSegments(document);
  const locate = (offset: number, isEnd: boolean) => {
    for (const s of segments)
      if (offset < s.start + s.node.data.length || (isEnd && offset === s.start + s.node.data.length)) return { node: s.node, offset: offset - s.start };
    return null;
  };
  const api = globalThis as unknown as { CSS: { highlights: Map<string, unknown> }; Highlight: new (...r: Range[]) => unknown };
  let drawn = 0;
  for (const color of COLORS) {
    const ranges: Range[] = [];
    for (const h of highlights.filter((x) => x.color === color)) {
      const found = anchor(text, { quote: h.selectors.quote });
      const a = found && locate(found.start, false);
      const b = found && locate(found.end, true);
      if (!a || !b) continue;
      const range = document.createRange();
      range.setStart(a.node, a.offset);
      range.setEnd(b.node, b.offset);
      ranges.push(range);
      drawn++;
    }
    api.CSS.highlights.set(`margin-${color}`, new api.Highlight(...ranges));
  }
  return drawn;
}

Object.assign(globalThis, {
  overlayBench: {
    makeHighlights,
    /** One draw (anchoring included), its time, and a forced style/layout flush so painting work is counted. */
    overlay(highlights: PageHighlight[]) {
      const t0 = performance.now();
      const { drawn } = drawHighlights(document, highlights);
      void document.body.offsetHeight;
      const ms = performance.now() - t0;
      const { boxes, layoutMs } = drawnHighlights(document);
      clearHighlights(document);
      return { ms, drawn, boxes, layoutMs };
    },
    css(highlights: PageHighlight[]) {
      const t0 = performance.now();
      const drawn = drawWithCssHighlights(highlights);
      void document.body.offsetHeight;
      const ms = performance.now() - t0;
      (globalThis as unknown as { CSS: { highlights: Map<string, unknown> } }).CSS.highlights.clear();
      return { ms, drawn };
    },
    /** Draw, then change the layout (narrower window) and report how long placing the boxes again took. */
    async relayout(highlights: PageHighlight[]) {
      drawHighlights(document, highlights);
      document.body.style.maxWidth = document.body.style.maxWidth === '600px' ? '900px' : '600px';
      await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
      const { layoutMs, boxes } = drawnHighlights(document);
      clearHighlights(document);
      return { layoutMs, boxes };
    },
  },
});
