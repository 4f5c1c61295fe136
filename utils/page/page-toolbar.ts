import { place, type AnchorRect } from '../dom/place';

/**
 * The reader's small toolbar on the news page itself (issue 22, item 7): after a selection,
 * the four colours and a note; on a click on a drawn highlight, its colour, note and delete.
 *
 * What the page could learn is the point of the design. Controls drawn in the page's own
 * document, even inside a closed shadow root, send their events through it: every key typed
 * into a note would reach a `keydown` listener of the page (retargeted, but with its `key`).
 * So the toolbar is an extension page (`page-toolbar.html`, components/PageToolbarApp.tsx)
 * in an iframe, and the iframe sits in a closed shadow root of an element like the
 * highlight overlay's (zero by zero at the top left, `all: initial`): the page cannot reach
 * into the root, and nothing typed or clicked in the frame is an event of the page's
 * document. This module, in the content script, only watches the reader's selections and
 * clicks (listeners of the content script's isolated world, passive, never cancelling),
 * places the frame and removes it. README, "Highlights and notes" and "Privacy".
 */

/** The toolbar's width where the window allows it (360 px windows get their width less the edges). */
export const TOOLBAR_WIDTH = 340;
/** Its height before the frame has said how tall it is (one row of buttons). */
export const TOOLBAR_HEIGHT = 46;

/** The box of a selection or highlight: its first line's rectangle and its last's (a toolbar goes under the last, or above the first). */
export function unionRect(rects: readonly AnchorRect[]): AnchorRect | null {
  const real = rects.filter((r) => r.right - r.left > 0 || r.bottom - r.top > 0);
  if (!real.length) return null;
  return {
    left: Math.min(...real.map((r) => r.left)),
    top: Math.min(...real.map((r) => r.top)),
    right: Math.max(...real.map((r) => r.right)),
    bottom: Math.max(...real.map((r) => r.bottom)),
  };
}

/**
 * Where the frame goes: under the selection if it fits, else above it, never past the
 * window's edges (utils/dom/place.ts, as every floating element of Margin), and as wide as
 * TOOLBAR_WIDTH or the window less its edges.
 */
export function toolbarSpot(selection: AnchorRect, height: number, view: { width: number; height: number }) {
  const { x, y, width, maxHeight } = place(selection, { width: TOOLBAR_WIDTH, height }, view);
  return { left: x, top: y, width, height: maxHeight };
}

/** Whether the box covers any part of the selection (the unit tests hold place() to "never"). */
export function covers(box: { left: number; top: number; width: number; height: number }, selection: AnchorRect): boolean {
  return box.left < selection.right && box.left + box.width > selection.left && box.top < selection.bottom && box.top + box.height > selection.top;
}

/** What the frame is opened for: the selection (a new highlight) or a drawn highlight. */
export type ToolbarMode = { mode: 'new' } | { mode: 'edit'; id: string };

/** The frame's address: the mode in the fragment (the page cannot read a cross-origin frame's address). */
export function toolbarUrl(base: string, open: ToolbarMode & { focus: boolean }): string {
  const params = new URLSearchParams({ mode: open.mode, ...(open.mode === 'edit' ? { id: open.id } : {}), ...(open.focus ? { focus: '1' } : {}) });
  return `${base}#${params.toString()}`;
}

export interface PageToolbarDeps {
  /** Whether the reader has the toolbar switched on (asked at each selection: the setting may change). */
  enabled(): Promise<boolean>;
  /** The extension's page-toolbar.html. */
  frameBase: string;
  /** The frame's accessible name, in the reader's language. */
  label: string;
  /** The drawn highlight under a point of the window. */
  highlightAt(x: number, y: number): string | null;
  /** The rectangles of a drawn highlight's lines. */
  highlightRects(id: string): AnchorRect[];
  /** The selection as a quote, taken when the toolbar opens (the frame's save uses it). */
  capture(): { exact: string; prefix: string; suffix: string } | null;
}

export interface PageToolbar {
  /** The quote the open "new" toolbar is about (null when closed, or open on a highlight). */
  pending(): { exact: string; prefix: string; suffix: string } | null;
  open(open: ToolbarMode, anchor: () => AnchorRect | null, focus?: boolean): void;
  /** Open on a drawn highlight (its colour, note, delete). */
  openOn(id: string, focus: boolean): void;
  /** The frame's content height changed. */
  resize(height: number): void;
  close(): void;
  stop(): void;
}

function setStyle(el: HTMLElement, props: Record<string, string>) {
  for (const [name, value] of Object.entries(props)) el.style.setProperty(name, value, 'important');
}

const SELECTING_KEYS = /^(Shift|Arrow|Home|End|Page)/;

/** Watch the page for the reader's selections and highlight clicks, and show the toolbar for them. */
export function watchPage(doc: Document, deps: PageToolbarDeps): PageToolbar {
  const win = doc.defaultView!;
  let current: {
    host: HTMLElement;
    frame: HTMLIFrameElement;
    anchor: () => AnchorRect | null;
    height: number;
    quote: ReturnType<PageToolbarDeps['capture']>;
  } | null = null;
  let asked = 0;

  const position = () => {
    if (!current) return;
    const rect = current.anchor();
    if (!rect) return;
    const spot = toolbarSpot(rect, current.height, { width: win.innerWidth, height: win.innerHeight });
    setStyle(current.frame, { left: `${spot.left}px`, top: `${spot.top}px`, width: `${spot.width}px`, height: `${spot.height}px` });
  };

  const close = () => {
    current?.host.remove();
    current = null;
  };

  const open = (mode: ToolbarMode, anchor: () => AnchorRect | null, focus = false) => {
    close();
    const quote = mode.mode === 'new' ? deps.capture() : null;
    if (mode.mode === 'new' && !quote?.exact.trim()) return;
    // A host like the highlight overlay's: empty, zero by zero, its styles set through the CSSOM.
    const host = doc.createElement('div');
    setStyle(host, {
      all: 'initial',
      display: 'block',
      position: 'absolute',
      top: '0',
      left: '0',
      width: '0',
      height: '0',
      overflow: 'visible',
      'z-index': '2147483647',
    });
    const root = host.attachShadow({ mode: 'closed' });
    const frame = doc.createElement('iframe');
    frame.title = deps.label;
    setStyle(frame, {
      position: 'fixed',
      border: '0',
      margin: '0',
      padding: '0',
      'border-radius': '10px',
      'box-shadow': '0 6px 24px rgb(0 0 0 / 28%)',
      'color-scheme': 'light dark',
      background: 'transparent',
      'pointer-events': 'auto',
      'z-index': '2147483647',
    });
    // The page may navigate a frame it can count (window.frames): a second load is not Margin's toolbar.
    let loads = 0;
    frame.addEventListener('load', () => {
      if (++loads > 1 && current?.frame === frame) close();
      else if (focus) frame.focus();
    });
    frame.src = toolbarUrl(deps.frameBase, { ...mode, focus });
    root.append(frame);
    current = { host, frame, anchor, height: TOOLBAR_HEIGHT, quote };
    position();
    doc.documentElement.append(host);
  };

  const openOn = (id: string, focus: boolean) => open({ mode: 'edit', id }, () => unionRect(deps.highlightRects(id)), focus);

  const selectionRect = (): AnchorRect | null => {
    const selection = win.getSelection();
    if (!selection || selection.isCollapsed || !selection.rangeCount) return null;
    const range = selection.getRangeAt(0);
    return unionRect(Array.from(range.getClientRects())) ?? range.getBoundingClientRect();
  };

  const afterSelecting = () => {
    const ask = ++asked;
    // After the browser has settled the selection (a click inside a selection collapses it after mouseup).
    setTimeout(() => {
      const range = (() => {
        const selection = win.getSelection();
        return selection && !selection.isCollapsed && selection.rangeCount ? selection.getRangeAt(0).cloneRange() : null;
      })();
      if (!range || !range.toString().trim()) return;
      void deps.enabled().then(
        (on) => {
          if (!on || ask !== asked) return;
          open({ mode: 'new' }, () => (range.startContainer.isConnected ? (unionRect(Array.from(range.getClientRects())) ?? selectionRect()) : null));
        },
        () => {},
      );
    }, 0);
  };

  const onMouseUp = (e: MouseEvent) => {
    if (e.button !== 0) return;
    const selection = win.getSelection();
    if (selection && !selection.isCollapsed) return afterSelecting();
    // A click (no selection) on a drawn highlight: its toolbar.
    const id = deps.highlightAt(e.clientX, e.clientY);
    if (!id) return;
    const ask = ++asked;
    void deps.enabled().then(
      (on) => {
        if (on && ask === asked) openOn(id, false);
      },
      () => {},
    );
  };
  const onKeyUp = (e: KeyboardEvent) => {
    if (SELECTING_KEYS.test(e.key)) {
      const selection = win.getSelection();
      if (selection && !selection.isCollapsed) afterSelecting();
    }
  };
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape' && current) close();
  };
  // A press anywhere on the page is outside the toolbar (presses in the frame are not the page's).
  const onPointerDown = () => {
    asked++;
    close();
  };
  const onMove = () => position();
  const options = { capture: true, passive: true } as const;
  doc.addEventListener('mouseup', onMouseUp, options);
  doc.addEventListener('keyup', onKeyUp, options);
  doc.addEventListener('keydown', onKeyDown, options);
  doc.addEventListener('pointerdown', onPointerDown, options);
  doc.addEventListener('scroll', onMove, options);
  win.addEventListener('resize', onMove, { passive: true });

  return {
    pending: () => (current?.quote ? current.quote : null),
    open,
    openOn,
    resize(height) {
      if (!current || !(height > 0)) return;
      current.height = Math.ceil(height);
      position();
    },
    close,
    stop() {
      close();
      doc.removeEventListener('mouseup', onMouseUp, options);
      doc.removeEventListener('keyup', onKeyUp, options);
      doc.removeEventListener('keydown', onKeyDown, options);
      doc.removeEventListener('pointerdown', onPointerDown, options);
      doc.removeEventListener('scroll', onMove, options);
      win.removeEventListener('resize', onMove);
    },
  };
}
