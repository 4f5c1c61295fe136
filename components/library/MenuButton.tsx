import type { ComponentChildren } from 'preact';
import { useRef, useState } from 'preact/hooks';
import { Popover } from '../Popover';

/** Which of the library's menus is open: one at a time (opening one closes the other). */
export function useOneMenu<Name extends string>(initial: Name | null = null) {
  const [open, setOpen] = useState<Name | null>(initial);
  return {
    open,
    props: (name: Name) => ({
      open: open === name,
      onToggle: () => setOpen((o) => (o === name ? null : name)),
      onClose: () => setOpen((o) => (o === name ? null : o)),
    }),
  };
}

export interface MenuButtonProps {
  open: boolean;
  onToggle: () => void;
  onClose: () => void;
  label: ComponentChildren;
  /** The menu's name for assistive technology. */
  title: string;
  class: string;
  popoverClass: string;
  buttonClass?: string;
  testId: string;
  children: ComponentChildren;
}

/**
 * A library menu (내보내기, 휴지통, 동기화): a button and the one `Popover` every floating
 * element of Margin uses, so it closes on Escape and on a click outside, stays inside the
 * window at 360 px, and gives the focus back to its button.
 */
export function MenuButton(props: MenuButtonProps) {
  const button = useRef<HTMLButtonElement>(null);
  // The popover re-reads its anchor on scroll and resize; a stable function keeps that cheap.
  const [anchor] = useState(() => () => button.current?.getBoundingClientRect() ?? null);
  return (
    <div class={props.class} data-testid={props.testId}>
      <button
        ref={button}
        type="button"
        class={`button ${props.buttonClass ?? ''}`}
        aria-expanded={props.open}
        aria-haspopup="dialog"
        onClick={props.onToggle}
        data-menu-button
      >
        {props.label}
      </button>
      {props.open && (
        <Popover
          anchor={anchor}
          onClose={props.onClose}
          role="dialog"
          label={props.title}
          class={`popover ${props.popoverClass}`}
          focus="first"
          inside={() => [button.current]}
        >
          {props.children}
        </Popover>
      )}
    </div>
  );
}
