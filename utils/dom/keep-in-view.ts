/**
 * Keep a passage in the middle of the window while the page settles (issue 22): a saved
 * copy opened at a search hit scrolled there before its images had their height, and the
 * passage then slid to the bottom edge or off screen. The passage is centred at once, and
 * again whenever the page's layout changes (an image loads, a font swaps, marks are drawn),
 * until the reader scrolls, clicks or types — their move wins — or `settleMs` pass.
 */
export function keepInView(where: () => DOMRect | null, root: Element, settleMs = 8000): () => void {
  const win = root.ownerDocument.defaultView;
  if (!win) return () => {};
  const scroller = scrollParent(root);
  const center = () => {
    const rect = where();
    if (!rect || (rect.width === 0 && rect.height === 0)) return;
    const view = scroller ? scroller.getBoundingClientRect() : { top: 0, height: win.innerHeight };
    // The passage's top a third of the way down (a long passage still starts in view).
    const want = view.top + Math.max(0, Math.min(view.height / 2 - rect.height / 2, view.height / 3));
    const delta = rect.top - want;
    if (Math.abs(delta) < 2) return;
    if (scroller) scroller.scrollTop += delta;
    else win.scrollBy({ top: delta, behavior: 'instant' });
  };
  center();
  const observer = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(() => center());
  observer?.observe(root);
  const onLoad = (event: Event) => {
    if (event.target instanceof win.HTMLImageElement || event.target instanceof win.HTMLIFrameElement) center();
  };
  root.addEventListener('load', onLoad, true);
  const stop = () => {
    observer?.disconnect();
    root.removeEventListener('load', onLoad, true);
    for (const type of USER_MOVES) win.removeEventListener(type, stop, true);
    win.clearTimeout(timer);
  };
  for (const type of USER_MOVES) win.addEventListener(type, stop, { capture: true, passive: true });
  const timer = win.setTimeout(stop, settleMs);
  return stop;
}

/** What the reader does to move on their own. */
const USER_MOVES = ['wheel', 'touchstart', 'keydown', 'pointerdown'] as const;

/** The nearest ancestor that scrolls, or null for the window. */
function scrollParent(el: Element): HTMLElement | null {
  const win = el.ownerDocument.defaultView;
  for (let node = el.parentElement; node && win; node = node.parentElement) {
    if (node === el.ownerDocument.body || node === el.ownerDocument.documentElement) return null;
    const { overflowY } = win.getComputedStyle(node);
    if ((overflowY === 'auto' || overflowY === 'scroll') && node.scrollHeight > node.clientHeight) return node;
  }
  return null;
}
