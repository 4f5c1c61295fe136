import { loadEnglishModel } from '../../utils/entities/english-model';
import type { ModelProvider } from '../../utils/entities/recognizer';
import { koreanModelFromDisk } from './korean-model';

/**
 * The extension's models read from disk (public/models/*.bin.gz, the files the extension
 * ships), for the CLIs and the eval: the reader's recogniser (`recognizeArticle`) with the
 * reader's models, in Node. Node-only — the extension never imports this module.
 */
export const diskModels: ModelProvider = {
  korean: () => koreanModelFromDisk(),
  // compromise's lexicon is code, not a file: the same call in Node as in the extension. A
  // learned English model shipped as public/models/*.bin.gz gets a `source` reading it here.
  english: () => loadEnglishModel(),
};
