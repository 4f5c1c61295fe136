// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { HighlightCard } from '../../components/HighlightCard';
import { mergePatch, type PatchBase } from '../../utils/db/highlights';
import type { HighlightRecord } from '../../utils/db/schema';
import { normalizeUrl } from '../../utils/url';

afterEach(cleanup);
afterAll(() => new Promise((resolve) => setTimeout(resolve, 200)));

const v1: HighlightRecord = {
  id: 'a1',
  articleId: 'x',
  url: normalizeUrl('https://example.com/a'),
  selectors: { quote: { type: 'TextQuoteSelector', exact: 'tree', prefix: '', suffix: '' }, position: { type: 'TextPositionSelector', start: 0, end: 4 } },
  quote: 'tree',
  color: 'yellow',
  note: '원래 메모',
  tags: [],
  entities: [],
  createdAt: 1,
  updatedAt: 10,
  orphaned: false,
};

describe('the card’s 400 ms autosave (issue 22 investigation)', () => {
  it('saves against the version the reader started typing on, so a note changed elsewhere meanwhile is never overwritten', async () => {
    const saves: { note?: string; base: PatchBase }[] = [];
    const props = {
      anchor: () => ({ left: 0, top: 0, right: 10, bottom: 10 }),
      focusNote: true,
      onChange: (patch: { note?: string }, base: PatchBase) => void saves.push({ note: patch.note, base }),
      onDelete: () => {},
      onClose: () => {},
    };
    const { rerender } = render(<HighlightCard highlight={v1} {...props} />);
    fireEvent.input(screen.getByTestId('note-input'), { target: { value: 'A가 쓰는 중인 메모' } });
    // Another page saves its note before this card's autosave fires: the live record moves on.
    const v2 = { ...v1, note: 'B가 먼저 저장한 메모', updatedAt: 20 };
    rerender(<HighlightCard highlight={v2} {...props} />);
    // The reader's text stays in the field...
    expect(screen.getByTestId<HTMLTextAreaElement>('note-input').value).toBe('A가 쓰는 중인 메모');
    // ...and the autosave carries the version it was typed on, not the live one.
    await waitFor(() => expect(saves).toHaveLength(1), { timeout: 3000 });
    expect(saves[0]).toEqual({ note: 'A가 쓰는 중인 메모', base: { updatedAt: 10, note: '원래 메모' } });
    // Which the writer refuses: B's note is not overwritten.
    expect(mergePatch(v2, { note: saves[0]!.note }, saves[0]!.base).conflicts).toEqual(['note']);
  });
});
