// @vitest-environment jsdom
import 'fake-indexeddb/auto';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
// jsdom's File has no text(); Node's is the same web File.
import { File as NodeFile } from 'node:buffer';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { LibraryApp } from '../../components/LibraryApp';
import { ArticleRepository } from '../../utils/db/articles';
import { MarginDB } from '../../utils/db/schema';
import { buildExport } from '../../utils/export/build';
import { readData } from '../../utils/export/transfer';
import { normalizeUrl } from '../../utils/url';

afterEach(cleanup);
// jsdom draws no frames; the import lets the page paint its progress between steps.
globalThis.requestAnimationFrame ??= (callback: FrameRequestCallback) => setTimeout(() => callback(performance.now()), 0) as unknown as number;
afterAll(() => new Promise((resolve) => setTimeout(resolve, 200)));

describe('the library during an import', () => {
  it('says it is importing, never “no articles yet”, until the articles are there (issue 22)', async () => {
    const source = new MarginDB(`source-${Math.random()}`);
    await new ArticleRepository(source).save({
      url: normalizeUrl('https://news.example/1'),
      title: '가져올 기사',
      byline: null,
      siteName: '뉴스',
      lang: 'ko',
      publishedTime: null,
      excerpt: null,
      contentHtml: '<p>본문</p>',
      textContent: '본문',
    });
    const file = buildExport(await readData(source), 'json');
    render(<LibraryApp db={new MarginDB(`target-${Math.random()}`)} />);
    await screen.findByText('articlesCount');
    const input = screen.getByTestId<HTMLInputElement>('import-file');
    Object.defineProperty(input, 'files', { value: [new NodeFile([file.data as string], 'margin.json', { type: 'application/json' })] });
    fireEvent.change(input);
    // Outside a browser t() answers the message's key.
    const count = () => document.querySelector('.count')?.textContent;
    await waitFor(() => expect(count()).toBe('libraryImporting'));
    expect(screen.queryByText('libraryEmpty')).toBeNull();
    await waitFor(() => expect(count()).not.toBe('libraryImporting'), { timeout: 10_000 });
    await waitFor(() => expect(screen.getByTestId('library-list').textContent).toContain('가져올 기사'));
    expect(screen.queryByText('libraryEmpty')).toBeNull();
  });
});
