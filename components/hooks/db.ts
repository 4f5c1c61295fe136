import { MarginDB } from '../../utils/db/schema';

let shared: MarginDB | undefined;

/**
 * The database as the reader pages (popup, side panel) read it. They read it directly and
 * live; every write still goes through the background, which owns the live page.
 */
export function readerDb(): MarginDB {
  shared ??= new MarginDB();
  return shared;
}
