import { anchor, CONTEXT } from '../anchoring';
import type { HighlightColor } from '../colors';
import type { PageHighlight } from '../background/messages';
import { rangeOffsets, textSegments, type TextSegment } from '../dom/text-ranges';

/**
 * Highlights on the live news page, drawn so that the page cannot read them.
 *
 * The page's own scripts share its DOM and its `CSS.highlights` registry: a highlight
 * registered there, or wrapped in <mark>, hands the passage (and its colour) to the site. So
 * Margin draws on an overlay instead: one element appended to the page holding a *closed*
 * shadow root, in which each highlighted line is an empty, absolutely positioned box laid
 * over the text (`mix-blend-mode: multiply`, no pointer events). The page can see that an
 * element was added, but not what is inside it: a closed root is unreachable from the page
 * (`host.shadowRoot` is null), the boxes hold no text, take no clicks and no selection, and
 * the ranges that place them live only in the content script's isolated world. Boxes are
 * placed again when the page's layout changes (resize, fonts, DOM changes, an inner scroll);
 * scrolling the document itself moves them with the text at no cost. README, "Privacy".
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

/** One range per text node between two offsets of the page's text (so an element's own box is never painted twice). */
function textRanges(doc: Document, segments: TextSegment[], start: number, end: number): Range[] {
  const out: Range[] = [];
  for (const s of segments) {
    const len = s.node.data.length;
    if (s.start + len <= start) continue;
    if (s.start >= end) break;
    const range = doc.createRange();
    range.setStart(s.node, Math.max(0, start - s.start));
    range.setEnd(s.node, Math.min(len, end - s.start));
    if (!range.collapsed) out.push(range);
  }
  return out;
}

/** The overlay's colours: the reader's four, light enough to multiply over text. */
const PAINT: Record<HighlightColor, string> = {
  yellow: 'rgb(255 214 64 / 55%)',
  green: 'rgb(120 220 140 / 50%)',
  blue: 'rgb(120 180 255 / 45%)',
  pink: 'rgb(255 150 200 / 50%)',
};

interface Placed {
  id: string;
  color: HighlightColor;
  /** Live ranges, one per text node: they follow the page's text when it changes. */
  ranges: Range[];
}

interface Overlay {
  host: HTMLElement;
  layer: HTMLElement;
  placed: Placed[];
  stop(): void;
  /** Boxes placed by the last layout, and its time in ms (for the benchmark). */
  boxes: number;
  layoutMs: number;
}

const overlays = new WeakMap<Document, Overlay>();

/** Style set through the CSSOM (a page's CSP may forbid style attributes and <style>, not this). */
function setStyle(el: HTMLElement, props: Record<string, string>, important = false) {
  for (const [name, value] of Object.entries(props)) el.style.setProperty(name, value, important ? 'important' : '');
}

function layout(doc: Document, o: Overlay): void {
  const t0 = performance.now();
  const origin = o.host.getBoundingClientRect();
  const fragment = doc.createDocumentFragment();
  let boxes = 0;
  for (const p of o.placed) {
    for (const range of p.ranges) {
      // jsdom and detached nodes have no layout.
      if (typeof range.getClientRects !== 'function' || !range.startContainer.isConnected) continue;
      for (const r of Array.from(range.getClientRects())) {
        if (r.width < 0.5 || r.height < 0.5) continue;
        const box = doc.createElement('div');
        setStyle(box, {
          position: 'absolute',
          left: `${r.left - origin.left}px`,
          top: `${r.top - origin.top}px`,
          width: `${r.width}px`,
          height: `${r.height}px`,
          background: PAINT[p.color],
          'mix-blend-mode': 'multiply',
          'border-radius': '2px',
          'pointer-events': 'none',
        });
        fragment.append(box);
        boxes++;
      }
    }
  }
  o.layer.replaceChildren(fragment);
  o.boxes = boxes;
  o.layoutMs = performance.now() - t0;
}

function createOverlay(doc: Document): Overlay {
  const host = doc.createElement('div');
  setStyle(
    host,
    {
      all: 'initial',
      display: 'block',
      position: 'absolute',
      top: '0',
      left: '0',
      width: '0',
      height: '0',
      overflow: 'visible',
      'pointer-events': 'none',
      'user-select': 'none',
      'z-index': '2147483646',
    },
    true,
  );
  host.setAttribute('aria-hidden', 'true');
  const root = host.attachShadow({ mode: 'closed' });
  const layer = doc.createElement('div');
  root.append(layer);
  const overlay: Overlay = { host, layer, placed: [], boxes: 0, layoutMs: 0, stop: () => {} };
  const win = doc.defaultView;
  let queued = false;
  const schedule = () => {
    if (queued) return;
    queued = true;
    const run = () => {
      queued = false;
      if (overlays.get(doc) === overlay) layout(doc, overlay);
    };
    // A hidden page runs no animation frames.
    if (win && doc.visibilityState === 'visible') win.requestAnimationFrame(run);
    else setTimeout(run, 50);
  };
  const resize = win && 'ResizeObserver' in win ? new win.ResizeObserver(schedule) : null;
  resize?.observe(doc.documentElement);
  if (doc.body) resize?.observe(doc.body);
  const mutations = win && 'MutationObserver' in win ? new win.MutationObserver(schedule) : null;
  if (doc.body) mutations?.observe(doc.body, { subtree: true, childList: true, characterData: true });
  // Only an inner scroller moves text against the overlay; the document's own scroll moves both.
  const onScroll = (e: Event) => {
    if (e.target !== doc) schedule();
  };
  win?.addEventListener('resize', schedule);
  doc.addEventListener('scroll', onScroll, { capture: true, passive: true });
  doc.addEventListener('visibilitychange', schedule);
  void doc.fonts?.ready.then(schedule);
  overlay.stop = () => {
    resize?.disconnect();
    mutations?.disconnect();
    win?.removeEventListener('resize', schedule);
    doc.removeEventListener('scroll', onScroll, { capture: true });
    doc.removeEventListener('visibilitychange', schedule);
  };
  doc.documentElement.append(host);
  return overlay;
}

/** Scroll the page to a drawn highlight; answers whether it is there. */
export function scrollToHighlight(doc: Document, id: string): boolean {
  const win = doc.defaultView;
  const first = overlays.get(doc)?.placed.find((p) => p.id === id)?.ranges[0];
  const rect = first && typeof first.getBoundingClientRect === 'function' ? first.getBoundingClientRect() : null;
  if (!win || !rect) return false;
  // A hidden page runs no animation frames: a smooth scroll there would never move.
  const smooth = doc.visibilityState === 'visible' && !win.matchMedia('(prefers-reduced-motion: reduce)').matches;
  win.scrollBy({ top: rect.top + rect.height / 2 - win.innerHeight / 2, behavior: smooth ? 'smooth' : 'instant' });
  return true;
}

/** The rectangles of a drawn highlight's lines in the window (none when it is not drawn). */
export function highlightRects(doc: Document, id: string): DOMRect[] {
  const p = overlays.get(doc)?.placed.find((x) => x.id === id);
  return p ? lineRects(p) : [];
}

const lineRects = (p: Placed): DOMRect[] =>
  p.ranges.flatMap((r) => (typeof r.getClientRects === 'function' && r.startContainer.isConnected ? Array.from(r.getClientRects()) : []));

/** The drawn highlight under a point of the window (the last drawn wins); null: none. */
export function highlightAt(doc: Document, x: number, y: number): string | null {
  const placed = overlays.get(doc)?.placed ?? [];
  const hit = placed.findLast((p) => lineRects(p).some((r) => x >= r.left && x <= r.right && y >= r.top && y <= r.bottom));
  return hit?.id ?? null;
}

/** Remove what Margin drew. */
export function clearHighlights(doc: Document): void {
  const overlay = overlays.get(doc);
  if (!overlay) return;
  overlays.delete(doc);
  overlay.stop();
  overlay.host.remove();
}

/** Draw highlights (replacing earlier ones); those whose text is not on the page are reported. */
export function drawHighlights(doc: Document, highlights: PageHighlight[]): { drawn: number; missing: string[] } {
  clearHighlights(doc);
  const { text, segments } = pageSegments(doc);
  const placed: Placed[] = [];
  const missing: string[] = [];
  for (const h of highlights) {
    // Positions refer to the article's text, not the page's: the quote and its context decide.
    const found = anchor(text, { quote: h.selectors.quote });
    const ranges = found ? textRanges(doc, segments, found.start, found.end) : [];
    if (ranges.length) placed.push({ id: h.id, color: h.color, ranges });
    else missing.push(h.id);
  }
  if (placed.length) {
    const overlay = createOverlay(doc);
    overlay.placed = placed;
    overlays.set(doc, overlay);
    layout(doc, overlay);
  }
  return { drawn: placed.length, missing };
}

/**
 * What is drawn, for the end-to-end tests and the benchmark (never answered to the page): the
 * text under each colour, the number of boxes and the last layout's time.
 */
export function drawnHighlights(doc: Document): { byColor: Record<string, string[]>; boxes: number; layoutMs: number } {
  const overlay = overlays.get(doc);
  const byColor: Record<string, string[]> = {};
  for (const p of overlay?.placed ?? []) (byColor[p.color] ??= []).push(p.ranges.map((r) => r.toString()).join(''));
  return { byColor, boxes: overlay?.boxes ?? 0, layoutMs: overlay?.layoutMs ?? 0 };
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
