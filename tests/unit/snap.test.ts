import { describe, expect, it } from 'vitest';
import { PARTICLES } from '../../utils/entities/lexicon-ko';
import { snapToWords } from '../../utils/text/snap';

const snap = (text: string, from: string, to?: string) => {
  const start = text.indexOf(from);
  const end = to === undefined ? start + from.length : text.indexOf(to) + to.length;
  const r = snapToWords(text, start, end, { particles: PARTICLES });
  return text.slice(r.start, r.end);
};

describe('snapToWords', () => {
  it('grows a selection to whole English words and drops the dangling comma', () => {
    const text = 'It was late, he said, and more than trees fell.';
    expect(snap(text, ', he said', 'more than tr')).toBe('he said, and more than trees');
    expect(snap(text, 'ate, h')).toBe('late, he');
  });

  it('keeps words joined by apostrophes and hyphens whole', () => {
    expect(snap("They don't know the well-known rule.", "n't kn", 'ell-kn')).toBe("don't know the well-known");
  });

  it('keeps a sentence-ending full stop', () => {
    expect(snap('Trees fell. Then rain.', 'Trees fe', 'fell.')).toBe('Trees fell.');
  });

  it('snaps Korean to eojeol and leaves a trailing particle out', () => {
    const text = '중국 딥시크가 새 모델을 공개했다.';
    expect(snap(text, '딥시')).toBe('딥시크');
    // Selected up to the word's end, particle and all, on purpose: kept (issue 22).
    expect(snap(text, '딥시크가')).toBe('딥시크가');
    expect(snap(text, '딥시크가 새 모델을')).toBe('딥시크가 새 모델을');
    // Grown to the word's end here: the particle is left out.
    expect(snap(text, '딥시크가 새 모델')).toBe('딥시크가 새 모델');
    expect(snap(text, '새 모델')).toBe('새 모델');
    expect(snap(text, '새 모')).toBe('새 모델');
    expect(snap(text, '시크가 새 모')).toBe('딥시크가 새 모델');
    expect(snap(text, '공개')).toBe('공개했다');
  });

  it('does not cut a short word that merely ends like a particle', () => {
    expect(snap('그의 나이 서른', '나이')).toBe('나이');
  });

  it('answers the range unchanged when only punctuation was selected', () => {
    expect(snapToWords('a, b', 1, 3)).toEqual({ start: 1, end: 3 });
  });
});
