import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { DEFAULT_HIDDEN_KINDS, readHiddenKinds, readSettings, writeHiddenKinds } from '../../utils/background/settings';
import { MarginDB } from '../../utils/db/schema';

const fresh = () => new MarginDB('kinds', { indexedDB: new IDBFactory(), IDBKeyRange });

describe('the entity kinds switched off in the legend', () => {
  it('are dates, money, percentages and other names until the reader switches one', async () => {
    const db = fresh();
    expect(await readHiddenKinds(db)).toEqual(['date', 'money', 'percent', 'misc']);
    expect(DEFAULT_HIDDEN_KINDS).not.toContain('person');
  });

  it('are remembered as the reader leaves them, in the legend’s order, unknown kinds dropped', async () => {
    const db = fresh();
    expect(await writeHiddenKinds(db, ['percent', 'person', 'nonsense' as never])).toEqual(['person', 'percent']);
    expect(await readHiddenKinds(db)).toEqual(['person', 'percent']);
    // Every kind shown is a choice too, not a return to the defaults.
    await writeHiddenKinds(db, []);
    expect(await readHiddenKinds(db)).toEqual([]);
    // The other setting is untouched.
    expect(await readSettings(db)).toMatchObject({ alwaysShowHighlights: false });
  });

  it('fall back to the defaults when the stored value is not a list', async () => {
    const db = fresh();
    await db.settings.put({ key: 'hiddenEntityKinds', value: 'date' });
    expect(await readHiddenKinds(db)).toEqual([...DEFAULT_HIDDEN_KINDS]);
  });
});
