import type { ComponentChildren } from 'preact';
import { useEffect, useLayoutEffect, useRef } from 'preact/hooks';
import { EDGE as MARGIN, place, type AnchorRect } from '../utils/dom/place';

export { place, type AnchorRect };

export interface PopoverProps {
  /** The rectangle to sit under (or above, when there is no room below); null: keep the last place. */
  anchor: () => AnchorRect | null;
  onClose: () => void;
  role: 'dialog' | 'toolbar';
  label: string;
  class: string;
  testId?: string;
  /**
   * Dialogs take the focus when they open (the element given, or their first control) and
   * give it back when they close; a toolbar leaves it where it is (the reader is selecting).
   */
  focus?: 'first' | (() => HTMLElement | null) | false;
  /** Close when the page scrolls (menus about a word); otherwise follow the anchor. */
  closeOnScroll?: boolean;
  /** Clicks on these elements are not "outside" (the button that toggles the popover). */
  inside?: () => (Element | null)[];
  /** Keep the selection: mouse-downs inside do not take it away (the selection toolbar). */
  keepSelection?: boolean;
  onKeyDown?: (event: KeyboardEvent) => void;
  children: ComponentChildren;
}

/** The height kept free at the bottom of the window for toasts (Toast.tsx: 1rem from the bottom, one or two lines). */
export const TOAST_SPACE = 64;
const FOCUSABLE = 'button:not([disabled]), [href], input:not([disabled]), select, textarea, [tabindex]:not([tabindex="-1"])';

/**
 * The one floating element of Margin's pages — entity menu, selection toolbar, highlight
 * card, settings: it closes on Escape and on a click outside, stays inside the window at
 * any width, moves focus in and back out (dialogs), and follows or leaves with the text it
 * is about when the page scrolls.
 */
export function Popover(props: PopoverProps) {
  const box = useRef<HTMLDivElement>(null);
  const latest = useRef(props);
  latest.current = props;
  /** Where the anchor was when last placed: a scroll that leaves it there is not the reader scrolling away. */
  const placedAt = useRef<AnchorRect | null>(null);

  const position = () => {
    const el = box.current;
    const rect = latest.current.anchor();
    if (!el || !rect) return;
    placedAt.current = { left: rect.left, top: rect.top, right: rect.right, bottom: rect.bottom };
    el.style.maxHeight = '';
    const { x, y, maxHeight, clipped } = place(
      rect,
      { width: el.offsetWidth, height: el.scrollHeight },
      { width: window.innerWidth, height: window.innerHeight },
      latest.current.role === 'dialog' ? TOAST_SPACE : 0,
    );
    el.style.left = `${x}px`;
    el.style.top = `${y}px`;
    el.style.maxWidth = `${window.innerWidth - 2 * MARGIN}px`;
    if (clipped) el.style.maxHeight = `${maxHeight}px`;
  };

  useLayoutEffect(position);

  // Focus in when a dialog opens, back to where it was when it closes.
  useEffect(() => {
    const { focus } = latest.current;
    if (!focus) return;
    const before = document.activeElement as HTMLElement | null;
    const target = typeof focus === 'function' ? focus() : box.current?.querySelector<HTMLElement>(FOCUSABLE);
    (target ?? box.current)?.focus({ preventScroll: true });
    return () => {
      // Only when the focus was still inside (a click elsewhere put it where the reader wanted).
      const active = document.activeElement;
      if (before?.isConnected && (!active || active === document.body || !active.isConnected)) before.focus({ preventScroll: true });
    };
  }, []);

  // Attached as the popover is committed, not after paint: an Escape pressed the moment it
  // appears (a keyboard user, or a loaded machine) must close it, not slip past it.
  useLayoutEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape' || event.defaultPrevented) return;
      event.preventDefault();
      event.stopPropagation();
      latest.current.onClose();
    };
    const onPointer = (event: Event) => {
      const target = event.target as Node | null;
      if (!target || box.current?.contains(target)) return;
      if (latest.current.inside?.().some((el) => el?.contains(target))) return;
      latest.current.onClose();
    };
    const onScroll = (event: Event) => {
      // Scrolling inside the popover itself (a long card) is not the page scrolling.
      if (event.target instanceof Node && box.current?.contains(event.target)) return;
      // The browser keeping the text in place while something above it grows (scroll anchoring:
      // a notice shown, images loading) scrolls without moving the anchor on screen: not a reason to close.
      if (latest.current.closeOnScroll && moved()) latest.current.onClose();
      else position();
    };
    const moved = () => {
      const was = placedAt.current;
      const now = latest.current.anchor();
      return !was || !now || Math.abs(now.top - was.top) > 1 || Math.abs(now.left - was.left) > 1;
    };
    const onResize = () => position();
    // Content that grows or shrinks around the anchor (no scroll event when the page is at its top) moves it: follow.
    const grows = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(() => position());
    grows?.observe(document.body);
    document.addEventListener('keydown', onKey, true);
    document.addEventListener('pointerdown', onPointer, true);
    document.addEventListener('scroll', onScroll, true);
    window.addEventListener('resize', onResize);
    return () => {
      document.removeEventListener('keydown', onKey, true);
      document.removeEventListener('pointerdown', onPointer, true);
      document.removeEventListener('scroll', onScroll, true);
      window.removeEventListener('resize', onResize);
      grows?.disconnect();
    };
  }, []);

  return (
    <div
      ref={box}
      class={`popover-box ${props.class}`}
      role={props.role}
      aria-label={props.label}
      aria-modal={props.role === 'dialog' ? 'false' : undefined}
      tabIndex={-1}
      data-testid={props.testId}
      onMouseDown={props.keepSelection ? (e) => (e.target as Element).closest('input, textarea') || e.preventDefault() : undefined}
      onKeyDown={props.onKeyDown}
    >
      {props.children}
    </div>
  );
}
