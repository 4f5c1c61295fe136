/**
 * The recogniser as a separate chunk, for a reader page whose background cannot recognise the
 * entities for it (useEntityLayer): never part of the popup's first paint.
 */
type Recognizer = typeof import('./lazy-entry');

let loading: Promise<Recognizer> | null = null;
let loaded: Recognizer | null = null;

export function loadRecognizer(): Promise<Recognizer> {
  loading ??= import('./lazy-entry').then((mod) => (loaded = mod));
  return loading;
}

/** The recogniser if it has finished loading (so callers can stay synchronous). */
export function loadedRecognizer(): Recognizer | null {
  return loaded;
}
