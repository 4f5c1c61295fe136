import { liveQuery } from 'dexie';
import { useEffect, useRef, useState } from 'preact/hooks';

/**
 * The answer of a Dexie query, kept up to date: Dexie's liveQuery re-runs it whenever a
 * write touches what it read — in this page, in the background or in another extension
 * page (Dexie tells same-origin contexts through a BroadcastChannel). `undefined` until
 * the first answer; a failed query keeps the last answer and tells `onError` (a page that
 * waits for the answer says so, rather than loading for ever).
 */
export function useLiveQuery<T>(query: () => Promise<T>, deps: unknown[], onError?: (error: unknown) => void): T | undefined {
  const [value, setValue] = useState<T | undefined>(undefined);
  const failed = useRef(onError);
  failed.current = onError;
  useEffect(() => {
    setValue(undefined);
    const subscription = liveQuery(query).subscribe({
      next: (next) => setValue(() => next),
      error: (error) => {
        console.warn('Margin: live query failed', error);
        failed.current?.(error);
      },
    });
    return () => subscription.unsubscribe();
    // The caller's deps are the query's inputs, as with useMemo: the query itself is a new
    // closure on every render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);
  return value;
}
