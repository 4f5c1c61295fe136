// @vitest-environment jsdom
import { cleanup, render } from '@testing-library/preact';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { failureText, highlightsClient } from '../../components/highlights-client';
import { useHighlightEditor } from '../../components/hooks/useHighlightEditor';
import type { Toast } from '../../components/Toast';
import type { HighlightRecord } from '../../utils/db/schema';
import { normalizeUrl } from '../../utils/url';

afterEach(cleanup);
afterAll(() => new Promise((resolve) => setTimeout(resolve, 200)));

const record: HighlightRecord = {
  id: 'a1',
  articleId: 'x',
  url: normalizeUrl('https://example.com/a'),
  selectors: { quote: { type: 'TextQuoteSelector', exact: 'tree', prefix: '', suffix: '' } },
  quote: 'tree',
  color: 'yellow',
  note: '메모',
  tags: [],
  entities: [],
  createdAt: 1,
  updatedAt: 10,
  orphaned: false,
};

describe('the highlights write client (CODE-NOTES improvement 3)', () => {
  it('answers every write with an outcome, never a throw, when the background cannot be reached', async () => {
    // No extension runtime here: every message fails to be delivered.
    const outcomes = await Promise.all([
      highlightsClient.edit('a1', { note: 'x' }, { updatedAt: 10 }),
      highlightsClient.remove('a1'),
      highlightsClient.restore(record),
      highlightsClient.revive(record),
      highlightsClient.create({ articleId: 'x', url: record.url, selectors: record.selectors, color: 'yellow', entities: [] }),
    ]);
    for (const outcome of outcomes) expect(outcome.status).toBe('failed');
    // Outside a browser t() answers the message's key.
    expect(failureText({ status: 'full' })).toBe('writeFailedFull');
    expect(failureText({ status: 'gone' })).toBe('alreadyGone');
  });
});

describe('useHighlightEditor (shared by the reader and the library)', () => {
  it('says a refused note with "show the other note", which reopens the card with a new key, and puts back one deleted elsewhere', async () => {
    const toasts: Toast[] = [];
    const reopened: string[] = [];
    const revived: HighlightRecord[] = [];
    let editor!: ReturnType<typeof useHighlightEditor>;
    function Host({ records }: { records: HighlightRecord[] }) {
      editor = useHighlightEditor({
        records,
        edit: async (id) =>
          id === 'a1' ? { status: 'conflict', record: { ...record, note: '다른 메모', updatedAt: 20 }, fields: ['note'] } : { status: 'gone' },
        revive: async (r) => (revived.push(r), { status: 'saved', value: r }),
        show: (toast) => toasts.push(toast),
        reopen: (id) => reopened.push(id),
      });
      return null;
    }
    const { rerender } = render(<Host records={[record, { ...record, id: 'a2' }]} />);
    await editor.change('a1', { note: '내 메모' }, { updatedAt: 10, note: '메모' });
    expect(toasts.at(-1)?.text).toBe('noteConflict');
    const key = editor.cardKey;
    toasts.at(-1)!.undo!();
    rerender(<Host records={[record, { ...record, id: 'a2' }]} />);
    expect(reopened).toEqual(['a1']);
    expect(editor.cardKey).toBe(key + 1);
    // a2 deleted elsewhere: it is put back from the last version shown, with the reader's note.
    rerender(<Host records={[record]} />);
    await editor.change('a2', { note: '새 메모' }, { updatedAt: 10, note: '메모' });
    expect(toasts.at(-1)?.text).toBe('highlightGoneElsewhere');
    toasts.at(-1)!.undo!();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(revived).toMatchObject([{ id: 'a2', note: '새 메모' }]);
    expect(toasts.at(-1)?.text).toBe('highlightRestored');
  });
});
