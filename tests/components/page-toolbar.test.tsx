// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { PageToolbarApp, saveProblem, type PageToolbarApi } from '../../components/PageToolbarApp';
import type { PageToolbarSaved } from '../../utils/background/messages';
import type { HighlightRecord } from '../../utils/db/schema';
import { normalizeUrl } from '../../utils/url';

afterEach(cleanup);
afterAll(() => new Promise((resolve) => setTimeout(resolve, 200)));

const record: HighlightRecord = {
  id: 'h1',
  articleId: 'a',
  url: normalizeUrl('https://news.example/a'),
  selectors: { quote: { type: 'TextQuoteSelector', exact: '예산안', prefix: '', suffix: '' }, position: { type: 'TextPositionSelector', start: 0, end: 3 } },
  quote: '예산안',
  color: 'blue',
  note: '처음 메모',
  tags: [],
  entities: [],
  createdAt: 1,
  updatedAt: 5,
  orphaned: false,
};

function fakeApi(saved: PageToolbarSaved = { status: 'created', id: 'new' }) {
  return {
    save: vi.fn(async () => saved),
    load: vi.fn(async () => record),
    edit: vi.fn(async (_id: string, patch: Partial<HighlightRecord>) => ({ status: 'saved' as const, record: { ...record, ...patch }, merged: false })),
    remove: vi.fn(async () => ({ status: 'saved' as const, value: record })),
    close: vi.fn(),
    size: vi.fn(),
  } satisfies PageToolbarApi;
}

const swatch = (color: string) => document.querySelector<HTMLButtonElement>(`button[data-color="${color}"]`)!;

describe('the on-page toolbar’s frame (issue 22, item 7)', () => {
  it('a colour highlights at once, with no note, and closes the toolbar', async () => {
    const api = fakeApi();
    render(<PageToolbarApp mode="new" api={api} />);
    fireEvent.click(swatch('pink'));
    await waitFor(() => expect(api.close).toHaveBeenCalled());
    expect(api.save).toHaveBeenCalledWith('pink', '');
  });

  it('Note opens a field; the chosen colour and the typed note are saved together (also with Ctrl+Enter)', async () => {
    const api = fakeApi();
    render(<PageToolbarApp mode="new" api={api} />);
    fireEvent.click(document.querySelector('[data-action="note"]')!);
    fireEvent.click(swatch('green'));
    expect(api.save).not.toHaveBeenCalled();
    expect(swatch('green').getAttribute('aria-checked')).toBe('true');
    const field = screen.getByTestId('page-note-input');
    fireEvent.input(field, { target: { value: '확인할 것' } });
    fireEvent.keyDown(field, { key: 'Enter', ctrlKey: true });
    await waitFor(() => expect(api.save).toHaveBeenCalledWith('green', '확인할 것'));
    await waitFor(() => expect(api.close).toHaveBeenCalled());
  });

  it('a save that fails says why and keeps the typed note; nothing closes', async () => {
    const api = fakeApi({ status: 'full' });
    render(<PageToolbarApp mode="new" api={api} />);
    fireEvent.keyDown(document.querySelector('[data-testid="page-toolbar"]')!, { key: 'n', code: 'KeyN' });
    const field = await screen.findByTestId('page-note-input');
    fireEvent.input(field, { target: { value: '지우면 안 되는 메모' } });
    fireEvent.click(document.querySelector('[data-action="save"]')!);
    expect((await screen.findByTestId('page-toolbar-problem')).textContent).toBe('writeFailedFull');
    expect(screen.getByTestId<HTMLTextAreaElement>('page-note-input').value).toBe('지우면 안 되는 메모');
    expect(api.close).not.toHaveBeenCalled();
  });

  it('every outcome of a save but "created" has words for the reader', () => {
    expect(saveProblem({ status: 'created', id: 'x' })).toBeNull();
    for (const status of ['no-selection', 'no-article', 'not-in-article', 'full'] as const) expect(saveProblem({ status })).toMatch(/\w/);
    expect(saveProblem({ status: 'failed', reason: 'x' })).toBe('writeFailed');
  });

  it('the digit keys pick the colours as in the reader, and Escape closes', async () => {
    const api = fakeApi();
    render(<PageToolbarApp mode="new" api={api} />);
    const bar = document.querySelector('[data-testid="page-toolbar"]')!;
    fireEvent.keyDown(bar, { key: '3', code: 'Digit3' });
    await waitFor(() => expect(api.save).toHaveBeenCalledWith('blue', ''));
    fireEvent.keyDown(bar, { key: 'Escape' });
    expect(api.close).toHaveBeenCalled();
  });

  it('on a drawn highlight: its colour checked, its note in the field; a colour changes it, the note saves with its base, delete deletes', async () => {
    const api = fakeApi();
    render(<PageToolbarApp mode="edit" id="h1" api={api} />);
    const field = await screen.findByTestId<HTMLTextAreaElement>('page-note-input');
    expect(field.value).toBe('처음 메모');
    expect(swatch('blue').getAttribute('aria-checked')).toBe('true');
    fireEvent.click(swatch('yellow'));
    await waitFor(() => expect(api.edit).toHaveBeenCalledWith('h1', { color: 'yellow' }, { updatedAt: 5, color: 'blue', note: '처음 메모' }));
    fireEvent.input(field, { target: { value: '고친 메모' } });
    fireEvent.click(document.querySelector('[data-action="save"]')!);
    await waitFor(() => expect(api.edit).toHaveBeenLastCalledWith('h1', { note: '고친 메모' }, expect.objectContaining({ note: '처음 메모' })));
    fireEvent.click(document.querySelector('[data-action="delete"]')!);
    await waitFor(() => expect(api.remove).toHaveBeenCalledWith('h1'));
  });
});
