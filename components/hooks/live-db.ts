import { liveQuery } from 'dexie';
import { readHiddenKinds, readPreferences } from '../../utils/background/settings';
import { CorrectionRepository } from '../../utils/db/corrections';
import { MarginDB } from '../../utils/db/schema';
import { readEntityEdits } from '../../utils/db/entities';
import { articleVersions } from '../../utils/db/versions';

let shared: MarginDB | undefined;

/**
 * The database as the reader pages (popup, side panel, saved copy) read it, directly and
 * live; every write still goes through the background, which owns the live page. This module
 * holds everything of Dexie those pages need, and is loaded after their shell has painted
 * (components/hooks/db.ts): Dexie is a third of the popup's code (issue 22).
 */
export function readerDb(): MarginDB {
  shared ??= new MarginDB();
  return shared;
}

export { articleVersions, CorrectionRepository, liveQuery, readEntityEdits, readHiddenKinds, readPreferences };
