import { decodeModel, ModelError, type KoreanModel } from './tagger';

/**
 * Loading of the learned Korean model (public/models/ko-ner.bin.gz, shipped with the
 * extension, never fetched from the network). Readers call it after the article is on
 * screen; a missing or damaged file rejects with a ModelError, and the reader keeps the
 * rules-only marks.
 */

/** Where the model lives inside the extension. */
export const MODEL_PATH = '/models/ko-ner.bin.gz';

/** Bytes of a gzip file, inflated by the platform's own DecompressionStream. */
export async function gunzip(bytes: ArrayBuffer | Uint8Array): Promise<Uint8Array> {
  const view = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  if (view.length < 18 || view[0] !== 0x1f || view[1] !== 0x8b) throw new ModelError('The entity model file is not gzip data.');
  try {
    const stream = new Blob([view as BlobPart]).stream().pipeThrough(new DecompressionStream('gzip'));
    return new Uint8Array(await new Response(stream).arrayBuffer());
  } catch {
    throw new ModelError('The entity model file is truncated or damaged.');
  }
}

/** The model from the compressed bytes of its file. */
export async function readKoreanModel(bytes: ArrayBuffer | Uint8Array): Promise<KoreanModel> {
  return decodeModel(await gunzip(bytes));
}

type ExtensionRuntime = { runtime?: { getURL?(path: string): string } };

/** A model file's bytes, read from the extension's own files. */
export async function extensionFile(path = MODEL_PATH): Promise<ArrayBuffer> {
  const g = globalThis as { browser?: ExtensionRuntime; chrome?: ExtensionRuntime };
  const runtime = g.browser?.runtime?.getURL ? g.browser.runtime : g.chrome?.runtime;
  if (!runtime?.getURL) throw new ModelError('The entity model can only be loaded inside the extension.');
  let response: Response;
  try {
    response = await fetch(runtime.getURL(path));
  } catch {
    throw new ModelError('The entity model file is missing from the extension.');
  }
  if (!response.ok) throw new ModelError(`The entity model file is missing from the extension (${response.status}).`);
  return response.arrayBuffer();
}

let loading: Promise<KoreanModel> | null = null;

/**
 * The Korean model, loaded once. `source` gives the compressed bytes (tests and scripts
 * read the file from disk); a failed load is forgotten, so a later call can try again.
 */
export function loadKoreanModel(source: () => Promise<ArrayBuffer | Uint8Array> = () => extensionFile()): Promise<KoreanModel> {
  loading ??= source()
    .then(readKoreanModel)
    .catch((error: unknown) => {
      loading = null;
      throw error instanceof ModelError ? error : new ModelError(`The entity model could not be read: ${String(error)}`);
    });
  return loading;
}

/** Forgets the loaded model (tests). */
export function resetKoreanModel(): void {
  loading = null;
}
