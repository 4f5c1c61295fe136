import { describe, expect, it } from 'vitest';
import { overlapOf } from '../../utils/text/overlap';

describe('a new highlight over highlights already there (issue 22)', () => {
  const placed: [string, { start: number; end: number }][] = [
    ['a', { start: 10, end: 20 }],
    ['b', { start: 30, end: 40 }],
  ];
  it('is the highlight it lies inside (the same words, or fewer)', () => {
    expect(overlapOf(placed, { start: 10, end: 20 })).toEqual({ kind: 'inside', id: 'a' });
    expect(overlapOf(placed, { start: 12, end: 18 })).toEqual({ kind: 'inside', id: 'a' });
  });
  it('is refused when it would cover part of one, or several', () => {
    expect(overlapOf(placed, { start: 5, end: 15 })).toEqual({ kind: 'overlap' });
    expect(overlapOf(placed, { start: 15, end: 35 })).toEqual({ kind: 'overlap' });
    expect(overlapOf(placed, { start: 0, end: 50 })).toEqual({ kind: 'overlap' });
  });
  it('is free beside them, touching is not overlapping', () => {
    expect(overlapOf(placed, { start: 20, end: 30 })).toBeNull();
    expect(overlapOf(placed, { start: 0, end: 10 })).toBeNull();
    expect(overlapOf(new Map(), { start: 0, end: 10 })).toBeNull();
  });
});
