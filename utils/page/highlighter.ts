import { anchor, CONTEXT } from '../anchoring';
import { HIGHLIGHT_COLORS } from '../colors';
import type { PageHighlight } from '../messages';
import { rangeOffsets, textSegments, unwrap, wrapRange, type TextSegment } from '../dom/text-ranges';

/**
 * Highlights on the live news page. With the CSS Custom Highlight API the page's DOM is
 * not touched at all (ranges are registered and styled by ::highlight(margin-…) rules
 * that the background inserts); where the API is missing, the text is wrapped in
 * <mark data-margin-hl> elements instead.
 */

const SKIP = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'TEXTAREA']);

/** The page's visible-ish text with its text nodes (script and style text left out). */
export function pageSegments(doc: Document): { text: string; segments: TextSegment[] } {
  const root = doc.body ?? doc.documentElement;
  const segments = textSegments(root, (node) => {
    for (let p = node.parentElement; p && p !== root; p = p.parentElement) if (SKIP.has(p.tagName) || p.hasAttribute('data-margin-notice')) return false;
    return true;
  });
  return { text: segments.map((s) => s.node.data).join(''), segments };
}

function rangeAt(doc: Document, segments: TextSegment[], start: number, end: number): Range | null {
  const locate = (offset: number, isEnd: boolean) => {
    for (const s of segments) {
      const len = s.node.data.length;
      if (offset < s.start + len || (isEnd && offset === s.start + len)) return { node: s.node, offset: offset - s.start };
    }
    return null;
  };
  const a = locate(start, false);
  const b = locate(end, true);
  if (!a || !b) return null;
  const range = doc.createRange();
  range.setStart(a.node, a.offset);
  range.setEnd(b.node, b.offset);
  return range;
}

interface HighlightRegistry {
  set(name: string, value: unknown): void;
  delete(name: string): void;
}

function registry(doc: Document): { highlights: HighlightRegistry; Highlight: new (...ranges: Range[]) => unknown } | null {
  const win = doc.defaultView as unknown as { CSS?: { highlights?: HighlightRegistry }; Highlight?: new (...ranges: Range[]) => unknown } | null;
  const css = win?.CSS;
  return css?.highlights && win?.Highlight ? { highlights: css.highlights, Highlight: win.Highlight } : null;
}

/** The ranges drawn last, by highlight id (to scroll to one). */
const drawn = new WeakMap<Document, Map<string, Range>>();

/** Scroll the page to a drawn highlight; answers whether it is there. */
export function scrollToHighlight(doc: Document, id: string): boolean {
  const win = doc.defaultView;
  const range = drawn.get(doc)?.get(id);
  const mark = Array.from(doc.querySelectorAll('mark[data-margin-id]')).find((m) => m.getAttribute('data-margin-id') === id);
  const rect = (range ?? mark)?.getBoundingClientRect();
  if (!win || !rect) return false;
  // A hidden page runs no animation frames: a smooth scroll there would never move.
  const smooth = doc.visibilityState === 'visible' && !win.matchMedia('(prefers-reduced-motion: reduce)').matches;
  win.scrollBy({ top: rect.top + rect.height / 2 - win.innerHeight / 2, behavior: smooth ? 'smooth' : 'instant' });
  return true;
}

/** Remove what Margin drew. */
export function clearHighlights(doc: Document): void {
  drawn.delete(doc);
  const api = registry(doc);
  if (api) for (const color of HIGHLIGHT_COLORS) api.highlights.delete(`margin-${color}`);
  unwrap(Array.from(doc.querySelectorAll('mark[data-margin-hl]')));
}

/** Draw highlights (replacing earlier ones); those whose text is not on the page are reported. */
export function drawHighlights(doc: Document, highlights: PageHighlight[], useApi = true): { drawn: number; missing: string[] } {
  clearHighlights(doc);
  const { text, segments } = pageSegments(doc);
  const placed: { h: PageHighlight; start: number; end: number }[] = [];
  const missing: string[] = [];
  for (const h of highlights) {
    // Positions refer to the article's text, not the page's: the quote and its context decide.
    const found = anchor(text, { quote: h.selectors.quote });
    if (found) placed.push({ h, ...found });
    else missing.push(h.id);
  }
  const api = useApi ? registry(doc) : null;
  if (api) {
    const byId = new Map<string, Range>();
    for (const color of HIGHLIGHT_COLORS) {
      const ranges: Range[] = [];
      for (const p of placed.filter((x) => x.h.color === color)) {
        const range = rangeAt(doc, segments, p.start, p.end);
        if (!range) continue;
        ranges.push(range);
        byId.set(p.h.id, range);
      }
      if (ranges.length) api.highlights.set(`margin-${color}`, new api.Highlight(...ranges));
    }
    drawn.set(doc, byId);
  } else {
    // From the last to the first, so earlier offsets stay valid.
    for (const p of [...placed].sort((a, b) => b.start - a.start)) {
      wrapRange(doc.body, p.start, p.end, () => {
        const mark = doc.createElement('mark');
        mark.setAttribute('data-margin-hl', p.h.color);
        mark.setAttribute('data-margin-id', p.h.id);
        return mark;
      }, segments);
    }
  }
  return { drawn: placed.length, missing };
}

/** The reader's selection on the page as a quote with context, or null. */
export function captureSelection(doc: Document): { exact: string; prefix: string; suffix: string } | null {
  const selection = doc.defaultView?.getSelection();
  if (!selection || selection.isCollapsed || !selection.rangeCount) return null;
  const range = selection.getRangeAt(0);
  const { text, segments } = pageSegments(doc);
  const found = rangeOffsets(doc.body ?? doc.documentElement, range, segments);
  if (!found) return null;
  const { start: s, end: e } = found;
  return { exact: text.slice(s, e), prefix: text.slice(Math.max(0, s - CONTEXT), s), suffix: text.slice(e, e + CONTEXT) };
}

/** A short, self-removing message on the page, in a shadow root so the page's styles stay out. */
export function showNotice(doc: Document, message: string): void {
  const host = doc.createElement('div');
  host.setAttribute('data-margin-notice', '');
  const shadow = host.attachShadow({ mode: 'closed' });
  const box = doc.createElement('div');
  box.textContent = message;
  box.setAttribute(
    'style',
    'position:fixed;z-index:2147483647;right:16px;bottom:16px;max-width:320px;padding:10px 14px;border-radius:8px;background:#1f1e1c;color:#fff;font:14px/1.5 system-ui,sans-serif;box-shadow:0 6px 20px rgba(0,0,0,.25)',
  );
  shadow.append(box);
  doc.documentElement.append(host);
  setTimeout(() => host.remove(), 4500);
}
