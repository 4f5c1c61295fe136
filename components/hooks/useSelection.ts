import { useEffect, useRef, useState } from 'preact/hooks';
import { rangeOffsets } from '../../utils/dom/text-ranges';
import { PARTICLES } from '../../utils/entities/lexicon-ko';
import { snapToWords } from '../../utils/text/snap';
import type { AnchorRect } from '../Popover';

export interface ArticleSelection {
  /** Offsets in the body's text, snapped to whole words. */
  start: number;
  end: number;
  text: string;
  /** Where the selection is on screen now. */
  rect: () => AnchorRect | null;
}

const SETTLE_MS = 120;

/** The body's current selection as snapped offsets, or null when there is none in the body. */
export function readSelection(body: HTMLElement): ArticleSelection | null {
  const current = body.ownerDocument.getSelection();
  if (!current || current.isCollapsed || !current.rangeCount) return null;
  const range = current.getRangeAt(0);
  if (!body.contains(range.commonAncestorContainer)) return null;
  const offsets = rangeOffsets(body, range);
  if (!offsets || offsets.end <= offsets.start) return null;
  const text = body.textContent ?? '';
  const snapped = snapToWords(text, offsets.start, offsets.end, { particles: PARTICLES });
  const chosen = text.slice(snapped.start, snapped.end);
  if (!chosen.trim()) return null;
  return { ...snapped, text: chosen, rect: () => (range.getClientRects().length ? range.getBoundingClientRect() : null) };
}

/**
 * The reader's selection in the article body, from mouse and keyboard alike: it follows
 * `selectionchange` (as Hypothesis does), so Shift+Arrow selections get the toolbar too,
 * settles a moment before showing it (not a flicker per key), and is gone as soon as the
 * selection is — unless the focus is in the toolbar (`keep`), where a keyboard reader went
 * to act on it.
 */
export function useSelection(body: HTMLElement | null, keep: () => boolean) {
  const [selection, setSelection] = useState<ArticleSelection | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  // The latest `keep`, asked when the selection goes: a new function alone is no reason to
  // listen again (that would also cancel a selection settling).
  const keeping = useRef(keep);
  keeping.current = keep;

  useEffect(() => {
    if (!body) return;
    const doc = body.ownerDocument;
    const onChange = () => {
      clearTimeout(timer.current);
      const now = readSelection(body);
      if (!now) {
        if (!keeping.current()) setSelection(null);
        return;
      }
      timer.current = setTimeout(() => setSelection(readSelection(body)), SETTLE_MS);
    };
    doc.addEventListener('selectionchange', onChange);
    return () => {
      clearTimeout(timer.current);
      doc.removeEventListener('selectionchange', onChange);
    };
  }, [body]);

  /** Drop the selection (after acting on it, or on Escape). */
  const clear = () => {
    clearTimeout(timer.current);
    setSelection(null);
    body?.ownerDocument.getSelection()?.removeAllRanges();
  };

  /**
   * The selection to act on now: the live one if there is one, else the one the toolbar
   * still holds while the focus is in it; null when it is gone (never the stale one).
   */
  const current = (): ArticleSelection | null => (body && readSelection(body)) ?? (keep() ? selection : null);

  return { selection, clear, current };
}

/**
 * Keyboard selection in the (read-only) article: Shift+Arrow extends the selection by a
 * character, Ctrl/Alt+Shift+Arrow by a word, starting where the focus is (a focused
 * highlight or name) or at the first word on screen. Answers whether it handled the key.
 */
export function extendSelectionByKey(body: HTMLElement, event: KeyboardEvent): boolean {
  if (!event.shiftKey || !event.key.startsWith('Arrow')) return false;
  const doc = body.ownerDocument;
  const selection = doc.getSelection();
  if (!selection?.modify) return false;
  if (!selection.rangeCount || !body.contains(selection.anchorNode)) {
    const start = startPoint(body, doc.activeElement);
    if (!start) return false;
    selection.collapse(start, 0);
  }
  const direction = { ArrowRight: 'forward', ArrowLeft: 'backward', ArrowDown: 'forward', ArrowUp: 'backward' }[event.key];
  if (!direction) return false;
  const granularity = event.key === 'ArrowDown' || event.key === 'ArrowUp' ? 'line' : event.ctrlKey || event.altKey || event.metaKey ? 'word' : 'character';
  selection.modify('extend', direction, granularity);
  return true;
}

/**
 * A caret in the (read-only) article, for keyboard readers (issue 22: Shift+Arrow always began
 * at the first word on screen, so mid-paragraph text could not be reached): ← and → move it
 * by a character, Ctrl+← / Ctrl+→ by a word, from where the focus is or the first word on
 * screen; Shift+Arrow then selects from it. ↑ and ↓ keep scrolling the page. Answers whether
 * it handled the key.
 */
export function moveCaretByKey(body: HTMLElement, event: KeyboardEvent): boolean {
  if (event.shiftKey || event.altKey || event.metaKey || (event.key !== 'ArrowLeft' && event.key !== 'ArrowRight')) return false;
  const doc = body.ownerDocument;
  const selection = doc.getSelection();
  if (!selection?.modify) return false;
  const forward = event.key === 'ArrowRight';
  if (!selection.rangeCount || !body.contains(selection.anchorNode)) {
    const start = startPoint(body, doc.activeElement);
    if (!start) return false;
    selection.collapse(start, 0);
    // The first press places the caret where reading starts; the next ones move it.
    return true;
  }
  if (!selection.isCollapsed) {
    if (forward) selection.collapseToEnd();
    else selection.collapseToStart();
    return true;
  }
  selection.modify('move', forward ? 'forward' : 'backward', event.ctrlKey ? 'word' : 'character');
  return true;
}

/** Where the body's collapsed caret is on screen, or null (no caret in the body). */
export function caretRect(body: HTMLElement): AnchorRect | null {
  const selection = body.ownerDocument.getSelection();
  if (!selection?.rangeCount || !selection.isCollapsed || !body.contains(selection.anchorNode)) return null;
  const range = selection.getRangeAt(0);
  const rect = range.getClientRects()[0] ?? range.getBoundingClientRect();
  if (!rect || (rect.top === 0 && rect.bottom === 0)) return null;
  return { left: rect.left, top: rect.top, right: rect.right, bottom: rect.bottom };
}

/**
 * The caret to draw while the article has the focus (browsers draw none in read-only text):
 * follows `selectionchange`, scroll and focus.
 */
export function useCaret(body: HTMLElement | null): AnchorRect | null {
  const [rect, setRect] = useState<AnchorRect | null>(null);
  useEffect(() => {
    if (!body) return;
    const doc = body.ownerDocument;
    const update = () => setRect(body.contains(doc.activeElement) ? caretRect(body) : null);
    doc.addEventListener('selectionchange', update);
    doc.addEventListener('scroll', update, true);
    body.addEventListener('focusin', update);
    body.addEventListener('focusout', update);
    return () => {
      doc.removeEventListener('selectionchange', update);
      doc.removeEventListener('scroll', update, true);
      body.removeEventListener('focusin', update);
      body.removeEventListener('focusout', update);
    };
  }, [body]);
  return rect;
}

function startPoint(body: HTMLElement, focused: Element | null): Text | null {
  const walker = body.ownerDocument.createTreeWalker(body, NodeFilter.SHOW_TEXT);
  const inFocus = focused && focused !== body && body.contains(focused) ? focused : null;
  let first: Text | null = null;
  for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
    if (!node.data.trim()) continue;
    if (inFocus) {
      if (inFocus.contains(node)) return node;
      continue;
    }
    first ??= node;
    const rect = node.parentElement?.getBoundingClientRect();
    if (rect && rect.bottom > 0) return node;
  }
  return first;
}
