import { useEffect, useRef, useState } from 'preact/hooks';
import { lazyModule } from './useLazy';

/** The reader pages' database module: what reads the database live, loaded once, when first needed. */
export type LiveDb = typeof import('./live-db');

/**
 * Dexie and the database, for the reader pages — imported dynamically, so the popup's shell
 * (and the article, which the background sends) paints before they load (issue 22: the popup's
 * JavaScript to its shell was 79 kB gzip, Dexie among it, for the live reads alone).
 */
export const loadLiveDb: () => Promise<LiveDb> = lazyModule(() => import('./live-db')).get;

/**
 * The answer of a query of the reader's database, kept up to date (Dexie's liveQuery re-runs
 * it whenever a write touches what it read, in any page). `undefined` until the database
 * module has loaded and the first answer is in.
 */
export function useReaderQuery<T>(query: (live: LiveDb) => Promise<T>, deps: unknown[], onError?: (error: unknown) => void): T | undefined {
  const [value, setValue] = useState<T | undefined>(undefined);
  const latest = useRef({ query, onError });
  latest.current = { query, onError };
  useEffect(() => {
    setValue(undefined);
    let unsubscribe: (() => void) | undefined;
    let live = true;
    void loadLiveDb().then((module) => {
      if (!live) return;
      const subscription = module
        .liveQuery(() => latest.current.query(module))
        .subscribe({
          next: (next) => setValue(() => next),
          error: (error) => {
            console.warn('Margin: live query failed', error);
            latest.current.onError?.(error);
          },
        });
      unsubscribe = () => subscription.unsubscribe();
    });
    return () => {
      live = false;
      unsubscribe?.();
    };
    // The caller's deps are the query's inputs, as with useMemo.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);
  return value;
}
