/**
 * Offsets into an element's text (its text nodes concatenated, as textContent gives it)
 * mapped onto the DOM: the layer under entity marks and highlights. Pure DOM, no layout.
 */

export interface TextSegment {
  node: Text;
  /** Offset of the node's first character in the element's text. */
  start: number;
}

/** The text nodes under `root` in document order (those `accept` takes), with their offsets. */
export function textSegments(root: Node, accept?: (node: Text) => boolean): TextSegment[] {
  const doc = root.ownerDocument ?? (root as Document);
  const filter = accept && { acceptNode: (node: Node) => (accept(node as Text) ? 1 /* FILTER_ACCEPT */ : 2) /* FILTER_REJECT */ };
  const walker = doc.createTreeWalker(root, 0x4 /* SHOW_TEXT */, filter);
  const out: TextSegment[] = [];
  let offset = 0;
  for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
    out.push({ node, start: offset });
    offset += node.data.length;
  }
  return out;
}

/**
 * Wrap the text between `start` and `end` in elements made by `make` — one per text
 * node it crosses, so markup inside the range (links, bold) stays as it was. Ranges must
 * be wrapped from last to first (or segments recomputed) when several are applied.
 */
export function wrapRange(root: Element, start: number, end: number, make: () => HTMLElement, segments = textSegments(root)): HTMLElement[] {
  const wrappers: HTMLElement[] = [];
  if (end <= start) return wrappers;
  for (const { node, start: nodeStart } of segments) {
    const nodeEnd = nodeStart + node.data.length;
    if (nodeEnd <= start || nodeStart >= end) continue;
    let target = node;
    const from = Math.max(start - nodeStart, 0);
    const to = Math.min(end - nodeStart, node.data.length);
    if (to < target.data.length) target.splitText(to);
    if (from > 0) target = target.splitText(from);
    const wrapper = make();
    target.parentNode!.insertBefore(wrapper, target);
    wrapper.appendChild(target);
    wrappers.push(wrapper);
  }
  return wrappers;
}

/** Apply many non-overlapping ranges at once (sorted or not), last first so offsets hold. */
export function wrapRanges<T extends { start: number; end: number }>(root: Element, ranges: T[], make: (range: T) => HTMLElement): Map<T, HTMLElement[]> {
  const out = new Map<T, HTMLElement[]>();
  // From the last range to the first: splitting a text node keeps its head (and every
  // node before it) where it was, so one map of segments serves all ranges.
  const sorted = [...ranges].sort((a, b) => b.start - a.start);
  const segments = textSegments(root);
  let last = segments.length - 1;
  for (const range of sorted) {
    while (last > 0 && segments[last]!.start >= range.end) last--;
    let first = last;
    while (first > 0 && segments[first]!.start > range.start) first--;
    out.set(
      range,
      wrapRange(root, range.start, range.end, () => make(range), segments.slice(first, last + 1)),
    );
  }
  return out;
}

/** Remove wrappers made by wrapRange, putting their text back (and joining text nodes). */
export function unwrap(elements: Iterable<Element>): void {
  const parents = new Set<Node>();
  for (const el of elements) {
    const parent = el.parentNode;
    if (!parent) continue;
    while (el.firstChild) parent.insertBefore(el.firstChild, el);
    parent.removeChild(el);
    parents.add(parent);
  }
  for (const parent of parents) parent.normalize();
}

/** The text offset of a DOM boundary point (node, offset), given the root's segments. */
export function pointOffset(segments: TextSegment[], node: Node, offset: number): number | null {
  if (node.nodeType === 3) {
    const segment = segments.find((s) => s.node === node);
    return segment ? segment.start + offset : null;
  }
  const doc = node.ownerDocument ?? (node as Document);
  const point = doc.createRange();
  point.setStart(node, offset);
  for (const s of segments) if (point.comparePoint(s.node, 0) >= 0) return s.start;
  const last = segments[segments.length - 1];
  return last ? last.start + last.node.data.length : 0;
}

/** Text offsets of a range inside `root`, trimmed of surrounding white space; null outside. */
export function rangeOffsets(root: Node, range: Range, segments = textSegments(root)): { start: number; end: number } | null {
  if (!root.contains(range.startContainer) || !root.contains(range.endContainer)) return null;
  let start = pointOffset(segments, range.startContainer, range.startOffset);
  let end = pointOffset(segments, range.endContainer, range.endOffset);
  if (start === null || end === null || end <= start) return null;
  const text = segments.map((s) => s.node.data).join('');
  while (start < end && /\s/.test(text.charAt(start))) start++;
  while (end > start && /\s/.test(text.charAt(end - 1))) end--;
  return end > start ? { start, end } : null;
}

/** A DOM range over the text between two offsets of `root`'s text; null when they fall outside it. */
export function rangeAt(root: Node, start: number, end: number, segments = textSegments(root)): Range | null {
  const point = (offset: number, atEnd: boolean) => {
    for (const s of segments) {
      const length = s.node.data.length;
      // An offset at a boundary belongs to the node it starts (or, for an end, the node it ends).
      if (offset < s.start + length || (atEnd && offset === s.start + length)) return offset >= s.start ? { node: s.node, offset: offset - s.start } : null;
    }
    return null;
  };
  const from = point(start, false);
  const to = point(end, true);
  if (!from || !to || end <= start) return null;
  const range = (root.ownerDocument ?? (root as Document)).createRange();
  range.setStart(from.node, from.offset);
  range.setEnd(to.node, to.offset);
  return range;
}
