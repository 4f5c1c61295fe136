import { DEFAULT_HIDDEN_KINDS, DEFAULT_PREFERENCES, type Preferences } from '../../utils/background/settings';
import type { EntityCorrection, EntityType } from '../../utils/entities/types';
import { useReaderQuery } from './db';

/** The reader's entity corrections, live (undefined until first read: the marks wait for them). */
export function useCorrections(): EntityCorrection[] | undefined {
  return useReaderQuery(({ CorrectionRepository, readerDb }) => new CorrectionRepository(readerDb()).list(), []);
}

/** The kinds switched off in the legend, live (undefined until first read: no flash of hidden kinds). */
export function useHiddenKinds(): Set<EntityType> | undefined {
  const kinds = useReaderQuery(({ readHiddenKinds, readerDb }) => readHiddenKinds(readerDb()).catch(() => [...DEFAULT_HIDDEN_KINDS]), []);
  return kinds && new Set(kinds);
}

/** Toolbar button and text size, live: a change in one reader page shows in every other at once. */
export function usePreferences(): Preferences {
  return useReaderQuery(({ readPreferences, readerDb }) => readPreferences(readerDb()).catch(() => DEFAULT_PREFERENCES), []) ?? DEFAULT_PREFERENCES;
}
