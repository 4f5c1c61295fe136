import { DEFAULT_HIDDEN_KINDS, DEFAULT_PREFERENCES, readHiddenKinds, readPreferences, type Preferences } from '../../utils/background/settings';
import { CorrectionRepository } from '../../utils/db/corrections';
import type { EntityCorrection, EntityType } from '../../utils/entities/types';
import { readerDb } from './db';
import { useLiveQuery } from './useLiveQuery';

/** The reader's entity corrections, live (undefined until first read: the marks wait for them). */
export function useCorrections(): EntityCorrection[] | undefined {
  return useLiveQuery(() => new CorrectionRepository(readerDb()).list(), []);
}

/** The kinds switched off in the legend, live (undefined until first read: no flash of hidden kinds). */
export function useHiddenKinds(): Set<EntityType> | undefined {
  const kinds = useLiveQuery(() => readHiddenKinds(readerDb()).catch(() => [...DEFAULT_HIDDEN_KINDS]), []);
  return kinds && new Set(kinds);
}

/** Toolbar button and text size, live: a change in one reader page shows in every other at once. */
export function usePreferences(): Preferences {
  return useLiveQuery(() => readPreferences(readerDb()).catch(() => DEFAULT_PREFERENCES), []) ?? DEFAULT_PREFERENCES;
}
