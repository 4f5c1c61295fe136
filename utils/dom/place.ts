/** Where a floating element is attached: a rectangle on screen, read again when the page scrolls. */
export interface AnchorRect {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** Space kept between a floating box and the window's edges. */
export const EDGE = 8;
const GAP = 6;

/**
 * Place a box of `size` next to `anchor` inside a viewport of `view`: below it if it fits,
 * else above, else wherever it overlaps least, and never past an edge; a box taller than the
 * viewport gets the viewport's height (and scrolls inside). One function for every floating
 * element: Margin's pages (components/Popover.tsx) and the toolbar on the news page
 * (utils/page/page-toolbar.ts).
 */
export function place(anchor: AnchorRect, size: { width: number; height: number }, fullView: { width: number; height: number }, reserveBottom = 0) {
  // The strip at the bottom where toasts show is left to them (issue 22: a toast covered the
  // bottom of an open card), unless the window is too short to spare it.
  const view = { width: fullView.width, height: fullView.height - (fullView.height - reserveBottom >= 320 ? reserveBottom : 0) };
  const width = Math.min(size.width, view.width - 2 * EDGE);
  const height = Math.min(size.height, view.height - 2 * EDGE);
  const x = Math.max(EDGE, Math.min(anchor.left, view.width - width - EDGE));
  const below = anchor.bottom + GAP;
  const above = anchor.top - GAP - height;
  let y: number;
  if (below + height <= view.height - EDGE) y = below;
  else if (above >= EDGE) y = above;
  else y = view.height - height - EDGE;
  return { x, y: Math.max(EDGE, y), width, maxHeight: height, clipped: height < size.height };
}
