// @vitest-environment jsdom
import 'fake-indexeddb/auto';
import { cleanup, render, screen } from '@testing-library/preact';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { LibraryApp } from '../../components/LibraryApp';
import { MarginDB } from '../../utils/db/schema';

afterEach(cleanup);
afterAll(() => new Promise((resolve) => setTimeout(resolve, 200)));

describe('the library when the database cannot be read', () => {
  it('says so with a way to try again, instead of loading for ever', async () => {
    // A database a newer version of Margin wrote (the reader went back to an older one): it opens
    // without Margin's tables, and every read fails.
    const name = `newer-${Math.random()}`;
    await new Promise<void>((ok, fail) => {
      const request = indexedDB.open(name, 100_000);
      request.onsuccess = () => (request.result.close(), ok());
      request.onerror = () => fail(new Error(String(request.error)));
    });
    render(<LibraryApp db={new MarginDB(name)} />);
    // Outside a browser t() answers the message's key.
    expect(await screen.findByText('libraryLoadFailedTitle', undefined, { timeout: 3000 })).toBeTruthy();
    expect(screen.getByRole('alert').textContent).toContain('libraryLoadFailedBody');
    expect(screen.getByRole('button', { name: 'retry' })).toBeTruthy();
  });
});
