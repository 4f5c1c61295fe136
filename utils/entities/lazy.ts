/**
 * The recogniser as a separate chunk: the popup starts loading it while it waits for the
 * article, so it is ready when the article is, without weighing on the popup's first paint.
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
