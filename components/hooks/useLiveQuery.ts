import { liveQuery } from 'dexie';
import { useEffect, useState } from 'preact/hooks';

/**
 * The answer of a Dexie query, kept up to date: Dexie's liveQuery re-runs it whenever a
 * write touches what it read — in this page, in the background or in another extension
 * page (Dexie tells same-origin contexts through a BroadcastChannel). `undefined` until
 * the first answer; a failed query keeps the last answer.
 */
export function useLiveQuery<T>(query: () => Promise<T>, deps: unknown[]): T | undefined {
  const [value, setValue] = useState<T | undefined>(undefined);
  useEffect(() => {
    setValue(undefined);
    const subscription = liveQuery(query).subscribe({
      next: (next) => setValue(() => next),
      error: (error) => console.warn('Margin: live query failed', error),
    });
    return () => subscription.unsubscribe();
    // The caller's deps are the query's inputs, as with useMemo: the query itself is a new
    // closure on every render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);
  return value;
}
