// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { EntityMenu } from '../../components/EntityMenu';
import { HighlightCard } from '../../components/HighlightCard';
import { place } from '../../components/Popover';
import { SelectionToolbar } from '../../components/SelectionToolbar';
import type { HighlightRecord } from '../../utils/db/schema';
import { normalizeUrl } from '../../utils/url';

const rect = () => ({ left: 40, top: 100, right: 120, bottom: 120 });

afterEach(cleanup);
// Preact runs effects after the next frame (with a 100 ms fallback timer): let the last ones
// run before jsdom is torn down under them.
afterAll(() => new Promise((resolve) => setTimeout(resolve, 200)));

const highlight: HighlightRecord = {
  id: 'a1',
  articleId: 'x',
  url: normalizeUrl('https://example.com/a'),
  selectors: { quote: { type: 'TextQuoteSelector', exact: 'tree', prefix: '', suffix: '' }, position: { type: 'TextPositionSelector', start: 0, end: 4 } },
  quote: 'tree',
  color: 'yellow',
  note: '',
  tags: ['one'],
  entities: [],
  createdAt: 1,
  updatedAt: 1,
  orphaned: false,
};

describe('place (every floating element)', () => {
  it('sits below its anchor, or above when there is no room, never past an edge', () => {
    expect(place({ left: 10, top: 50, right: 60, bottom: 70 }, { width: 200, height: 100 }, { width: 360, height: 600 })).toMatchObject({ x: 10, y: 76 });
    expect(place({ left: 300, top: 500, right: 340, bottom: 520 }, { width: 200, height: 100 }, { width: 360, height: 600 })).toMatchObject({ x: 152, y: 394 });
  });

  it('leaves the toasts’ strip at the bottom free, where the window can spare it (issue 22)', () => {
    const at = place({ left: 10, top: 400, right: 60, bottom: 420 }, { width: 200, height: 150 }, { width: 360, height: 600 }, 64);
    expect(at.y + at.maxHeight).toBeLessThanOrEqual(600 - 64);
    expect(place({ left: 10, top: 400, right: 60, bottom: 420 }, { width: 200, height: 150 }, { width: 360, height: 600 }).y).toBe(426);
    // A window too short to spare it uses its whole height.
    expect(place({ left: 0, top: 10, right: 10, bottom: 30 }, { width: 200, height: 300 }, { width: 360, height: 340 }, 64).maxHeight).toBe(300);
  });

  it('gives a box taller than the window the window’s height, to scroll inside', () => {
    const at = place({ left: 0, top: 300, right: 10, bottom: 320 }, { width: 300, height: 900 }, { width: 360, height: 600 });
    expect(at).toMatchObject({ y: 8, maxHeight: 584, clipped: true });
  });
});

describe('entity menu', () => {
  const target = { name: '딥시크', type: 'org' as const, corrected: false, anchor: rect };

  it('takes the focus, and closes on Escape, on its close button and on a click outside', () => {
    const onClose = vi.fn();
    render(
      <div>
        <p data-testid="outside">elsewhere</p>
        <EntityMenu target={target} onSet={() => {}} onRemove={() => {}} onUndo={() => {}} onClose={onClose} />
      </div>,
    );
    const menu = screen.getByTestId('entity-menu');
    expect(menu.getAttribute('role')).toBe('dialog');
    expect(menu.contains(document.activeElement)).toBe(true);
    fireEvent.keyDown(document.activeElement!, { key: 'Escape' });
    expect(onClose).toHaveBeenCalledTimes(1);
    fireEvent.click(menu.querySelector('[data-action="close"]')!);
    expect(onClose).toHaveBeenCalledTimes(2);
    fireEvent.pointerDown(screen.getByTestId('outside'));
    expect(onClose).toHaveBeenCalledTimes(3);
  });

  it('closes when the page scrolls (the name it is about moved away)', () => {
    const onClose = vi.fn();
    let top = 100;
    const moving = { ...target, anchor: () => ({ left: 40, top, right: 120, bottom: top + 20 }) };
    render(<EntityMenu target={moving} onSet={() => {}} onRemove={() => {}} onUndo={() => {}} onClose={onClose} />);
    top = 40;
    fireEvent.scroll(document);
    expect(onClose).toHaveBeenCalled();
  });

  // Issue 24: a notice shown above the article while the menu is open scrolls the page by its height
  // (the browser's scroll anchoring keeps the text where it was): the menu stays with its name.
  it('stays open through a scroll that leaves its name where it was', () => {
    const onClose = vi.fn();
    render(<EntityMenu target={target} onSet={() => {}} onRemove={() => {}} onUndo={() => {}} onClose={onClose} />);
    fireEvent.scroll(document);
    expect(onClose).not.toHaveBeenCalled();
    expect(screen.getByTestId('entity-menu')).toBeTruthy();
  });

  it('does not close on a click inside it', () => {
    const onClose = vi.fn();
    const onSet = vi.fn();
    render(<EntityMenu target={target} onSet={onSet} onRemove={() => {}} onUndo={() => {}} onClose={onClose} />);
    const kind = screen.getByTestId('entity-menu').querySelector<HTMLElement>('[data-kind="person"]')!;
    fireEvent.pointerDown(kind);
    fireEvent.click(kind);
    expect(onSet).toHaveBeenCalledWith('person');
    expect(onClose).not.toHaveBeenCalled();
  });
});

describe('selection toolbar', () => {
  it('is a named toolbar that leaves the focus where it is and closes on Escape or a click outside', () => {
    const onClose = vi.fn();
    const onHighlight = vi.fn();
    const before = document.createElement('button');
    document.body.append(before);
    before.focus();
    render(<SelectionToolbar anchor={rect} onHighlight={onHighlight} onMarkName={() => {}} onClose={onClose} />);
    const bar = screen.getByTestId('selection-toolbar');
    expect(bar.getAttribute('role')).toBe('toolbar');
    expect(bar.getAttribute('aria-label')).toBeTruthy();
    expect(document.activeElement).toBe(before);
    for (const button of bar.querySelectorAll('button')) expect(button.getAttribute('aria-label') || button.textContent).toBeTruthy();
    fireEvent.click(bar.querySelector('[data-color="blue"]')!);
    expect(onHighlight).toHaveBeenCalledWith('blue', false);
    fireEvent.keyDown(document.body, { key: 'Escape' });
    fireEvent.pointerDown(before);
    expect(onClose).toHaveBeenCalledTimes(2);
    before.remove();
  });

  it('keeps the selection when pressed (mousedown is not let through)', () => {
    render(<SelectionToolbar anchor={rect} onHighlight={() => {}} onMarkName={() => {}} onClose={() => {}} />);
    const swatch = screen.getByTestId('selection-toolbar').querySelector('[data-color="yellow"]')!;
    expect(fireEvent.mouseDown(swatch)).toBe(false);
  });
});

describe('highlight card', () => {
  it('moves the focus to the note, saves what was typed when it closes, and gives the focus back', async () => {
    const onChange = vi.fn();
    const onClose = vi.fn();
    const opener = document.createElement('button');
    document.body.append(opener);
    opener.focus();
    const view = render(<HighlightCard highlight={highlight} anchor={rect} focusNote onChange={onChange} onDelete={() => {}} onClose={onClose} />);
    const note = screen.getByTestId<HTMLTextAreaElement>('note-input');
    expect(document.activeElement).toBe(note);
    note.value = 'a thought';
    note.dispatchEvent(new Event('input', { bubbles: true }));
    fireEvent.keyDown(note, { key: 'Escape' });
    expect(onClose).toHaveBeenCalled();
    view.unmount();
    await vi.waitFor(() => expect(onChange).toHaveBeenCalled());
    expect(onChange).toHaveBeenCalledWith({ note: 'a thought' }, { updatedAt: 1, note: '' });
    expect(document.activeElement).toBe(opener);
    opener.remove();
  });

  it('follows live data while the reader is not typing, never replaces what they typed, and sends the version an edit was made on', async () => {
    const onChange = vi.fn().mockResolvedValue(undefined);
    const props = { anchor: rect, focusNote: true, onChange, onDelete: () => {}, onClose: () => {} };
    const view = render(<HighlightCard highlight={{ ...highlight, note: 'first' }} {...props} />);
    const note = screen.getByTestId<HTMLTextAreaElement>('note-input');
    // Another page rewrites the note: the untouched field shows it.
    view.rerender(<HighlightCard highlight={{ ...highlight, note: 'from the popup', updatedAt: 2 }} {...props} />);
    await vi.waitFor(() => expect(note.value).toBe('from the popup'));
    // The reader types; another write arrives before the save: the field keeps the reader's text.
    note.value = 'mine';
    note.dispatchEvent(new Event('input', { bubbles: true }));
    view.rerender(<HighlightCard highlight={{ ...highlight, note: 'third page', updatedAt: 3 }} {...props} />);
    expect(note.value).toBe('mine');
    fireEvent.blur(note);
    // …and the save says it was made on the version the field showed (2), so the writer can refuse it.
    await vi.waitFor(() => expect(onChange).toHaveBeenCalledWith({ note: 'mine' }, { updatedAt: 2, note: 'from the popup' }));
    // A tag is added against the record as shown now.
    const tagInput = screen.getByTestId<HTMLInputElement>('tag-input');
    fireEvent.input(tagInput, { target: { value: 'new' } });
    await vi.waitFor(() => expect(tagInput.value).toBe('new'));
    await new Promise((resolve) => setTimeout(resolve, 20));
    fireEvent.keyDown(tagInput, { key: 'Enter' });
    await vi.waitFor(() => expect(onChange).toHaveBeenLastCalledWith({ tags: ['one', 'new'] }, { updatedAt: 3, color: 'yellow', tags: ['one'] }));
  });

  it('names every control and marks the current colour', () => {
    render(<HighlightCard highlight={highlight} anchor={rect} focusNote={false} onChange={() => {}} onDelete={() => {}} onClose={() => {}} />);
    const card = screen.getByTestId('highlight-card');
    expect(card.querySelector('[data-color="yellow"]')!.getAttribute('aria-checked')).toBe('true');
    expect(screen.getByTestId('tag-input').getAttribute('aria-label')).toBeTruthy();
    for (const button of card.querySelectorAll('button')) expect(button.getAttribute('aria-label') || button.textContent?.trim()).toBeTruthy();
  });
});
