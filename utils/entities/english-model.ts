import type { EnglishLexicon } from './english';
import { extensionFile, gunzip } from './model/load';
import { decodeModel, ModelError, type TaggerModel } from './model/tagger';

/**
 * The English recogniser's knowledge: compromise's lexicon (first names, last names, places,
 * organisations, parts of speech of common words), which the rules read, and the learned
 * tagger (public/models/en-ner.bin.gz, shipped with the extension, never fetched from the
 * network), which reads the rules' spans. `tagger` is null where the file could not be read:
 * the rules alone mark the article then.
 */
export interface EnglishModel {
  lexicon: EnglishLexicon;
  tagger: TaggerModel | null;
}

/** Where the English tagger lives inside the extension. */
export const ENGLISH_MODEL_PATH = '/models/en-ner.bin.gz';

let lexiconLoading: Promise<EnglishLexicon> | null = null;
let loading: Promise<EnglishModel> | null = null;

/** compromise's lexicon, imported on first use only (never for Korean articles). */
export function loadEnglishLexicon(): Promise<EnglishLexicon> {
  lexiconLoading ??= import('compromise').then((mod) => {
    const nlp = (mod as { default: { model(): { one: { lexicon: EnglishLexicon } } } }).default;
    return nlp.model().one.lexicon;
  });
  return lexiconLoading;
}

/** The English tagger from the compressed bytes of its file. */
export async function readEnglishTagger(bytes: ArrayBuffer | Uint8Array): Promise<TaggerModel> {
  return decodeModel(await gunzip(bytes));
}

/**
 * The English model, loaded once, after the article is on screen. `source` gives the tagger
 * file's compressed bytes (scripts and tests read it from disk); without it the extension's
 * own copy is read. A tagger that fails to load leaves `tagger` null (and a warning), and a
 * later call tries again.
 */
export function loadEnglishModel(source: () => Promise<ArrayBuffer | Uint8Array> = () => extensionFile(ENGLISH_MODEL_PATH)): Promise<EnglishModel> {
  loading ??= Promise.all([
    loadEnglishLexicon(),
    source()
      .then(readEnglishTagger)
      .catch((error: unknown) => {
        console.warn('Margin: English entity model not loaded', error instanceof ModelError ? error.message : error);
        return null;
      }),
  ]).then(([lexicon, tagger]) => {
    if (!tagger) loading = null;
    return { lexicon, tagger };
  });
  return loading;
}

/** Forgets the loaded model (tests). */
export function resetEnglishModel(): void {
  loading = null;
}

/** Whether a text has enough English in it to need the English model. */
export function needsEnglishModel(text: string): boolean {
  const sample = text.length > 6000 ? text.slice(0, 6000) : text;
  const latin = sample.match(/[A-Za-z]{2,}/g)?.length ?? 0;
  const hangul = sample.match(/[\uac00-\ud7a3]+/g)?.length ?? 0;
  return latin >= 30 && latin > hangul;
}
