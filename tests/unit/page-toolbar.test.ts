import { describe, expect, it } from 'vitest';
import { covers, TOOLBAR_HEIGHT, TOOLBAR_WIDTH, toolbarSpot, toolbarUrl, unionRect } from '../../utils/page/page-toolbar';

/*
 * Where the on-page toolbar goes (issue 22, item 7): beside the selection, never over it,
 * inside the window at 360 px and wide.
 */

const inside = (box: { left: number; top: number; width: number; height: number }, view: { width: number; height: number }) =>
  box.left >= 8 && box.top >= 8 && box.left + box.width <= view.width - 8 && box.top + box.height <= view.height - 8;

describe('the on-page toolbar’s place', () => {
  const wide = { width: 1280, height: 800 };
  const narrow = { width: 360, height: 640 };

  it('sits under the selection where there is room, at its left edge', () => {
    const selection = { left: 200, top: 300, right: 520, bottom: 322 };
    const spot = toolbarSpot(selection, TOOLBAR_HEIGHT, wide);
    expect(spot).toEqual({ left: 200, top: 328, width: TOOLBAR_WIDTH, height: TOOLBAR_HEIGHT });
    expect(covers(spot, selection)).toBe(false);
  });

  it('goes above a selection at the bottom of the window, and grows upward with the note field', () => {
    const selection = { left: 40, top: 700, right: 300, bottom: 760 };
    for (const height of [TOOLBAR_HEIGHT, 190]) {
      const spot = toolbarSpot(selection, height, wide);
      expect(spot.top + spot.height).toBeLessThanOrEqual(selection.top);
      expect(covers(spot, selection)).toBe(false);
      expect(inside(spot, wide)).toBe(true);
    }
  });

  it('at 360 px (and 320): at most the window less its edges, clamped at both sides, never over the selection', () => {
    for (const view of [narrow, { width: 320, height: 568 }])
      for (const left of [0, 120, 300, view.width - 8]) {
        const selection = { left, top: 200, right: Math.min(view.width, left + 80), bottom: 224 };
        const spot = toolbarSpot(selection, 190, view);
        expect(spot.width).toBe(Math.min(TOOLBAR_WIDTH, view.width - 16));
        expect(inside(spot, view)).toBe(true);
        expect(covers(spot, selection)).toBe(false);
      }
  });

  it('a selection of several lines: the toolbar goes under the last line, not over the first', () => {
    const lines = [
      { left: 300, top: 100, right: 700, bottom: 122 },
      { left: 60, top: 124, right: 700, bottom: 146 },
      { left: 60, top: 148, right: 200, bottom: 170 },
    ];
    const all = unionRect(lines)!;
    expect(all).toEqual({ left: 60, top: 100, right: 700, bottom: 170 });
    const spot = toolbarSpot(all, TOOLBAR_HEIGHT, wide);
    for (const line of lines) expect(covers(spot, line)).toBe(false);
    expect(unionRect([{ left: 5, top: 5, right: 5, bottom: 5 }])).toBeNull();
  });

  it('a window too short for it: the toolbar keeps inside the window (and scrolls inside)', () => {
    const spot = toolbarSpot({ left: 10, top: 100, right: 50, bottom: 120 }, 400, { width: 360, height: 300 });
    expect(spot.height).toBe(284);
    expect(inside(spot, { width: 360, height: 300 })).toBe(true);
  });

  it('says its mode in the fragment only (never in a query the page could log)', () => {
    expect(toolbarUrl('chrome-extension://x/page-toolbar.html', { mode: 'new', focus: false })).toBe('chrome-extension://x/page-toolbar.html#mode=new');
    expect(toolbarUrl('moz-extension://y/page-toolbar.html', { mode: 'edit', id: 'h1', focus: true })).toBe(
      'moz-extension://y/page-toolbar.html#mode=edit&id=h1&focus=1',
    );
  });
});
