import { englishModelFromDisk } from './english-ner';
import type { ModelProvider } from '../../utils/entities/recognizer';
import { koreanModelFromDisk } from './korean-model';

/**
 * The extension's models read from disk (public/models/*.bin.gz, the files the extension
 * ships), for the CLIs and the eval: the reader's recogniser (`recognizeArticle`) with the
 * reader's models, in Node. Node-only — the extension never imports this module.
 */
export const diskModels: ModelProvider = {
  korean: () => koreanModelFromDisk(),
  // compromise's lexicon (code) and the learned tagger (public/models/en-ner.bin.gz, read from disk).
  english: () => englishModelFromDisk(),
};
