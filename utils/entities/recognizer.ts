import { isKoreanText, recognizeEntities } from './index';
import { loadEnglishModel, needsEnglishModel, type EnglishModel } from './english-model';
import { loadKoreanModel } from './model/load';
import type { KoreanModel } from './model/tagger';
import type { EntityCorrection, EntitySpan } from './types';

/**
 * The one entry point to entity recognition. The reader (popup, side panel, saved copy),
 * the background (highlights made on the live page), `npm run extract`, `npm run
 * eval:entities` and everything they store for export call `recognizeArticle`, so each
 * sees the same names: same text (headline as context), same models, same corrections.
 * Only the place the models come from differs — the extension's own files here,
 * the files on disk in Node (`scripts/lib/models.ts`).
 */

/** Where the learned models come from. Each loader is called only for text that needs it. */
export interface ModelProvider {
  korean(): Promise<KoreanModel | null>;
  english(): Promise<EnglishModel | null>;
}

/** The models shipped with the extension (public/models/, read through runtime.getURL). */
export const extensionModels: ModelProvider = {
  korean: () => loadKoreanModel(),
  english: () => loadEnglishModel(),
};

/** No models: the rules alone (the baseline of `npm run eval:entities`). */
export const rulesOnly: ModelProvider = {
  korean: () => Promise.resolve(null),
  english: () => Promise.resolve(null),
};

export interface ArticleOptions {
  /** BCP 47 language of the article; its script decides when absent. */
  lang?: string | null;
  /** The headline: read for context (its names come again in the body) but not marked. */
  title?: string | null;
  /** The reader's corrections, applied last. */
  corrections?: readonly EntityCorrection[];
  /** Where the models come from; the extension's files by default. */
  models?: ModelProvider;
  /** Told when a model does not load (the marks then come from the rules alone). */
  onModelError?: (model: 'korean' | 'english', error: unknown) => void;
}

/** Which models a text needs: Korean for Korean text, English for text with enough English in it. */
export function modelsFor(text: string, lang?: string | null): { korean: boolean; english: boolean } {
  return { korean: isKoreanText(text, lang), english: needsEnglishModel(text) };
}

/**
 * The entities of an article's text (offsets into `text`, never into the headline),
 * with the models the text needs loaded first. A model that fails to load is reported
 * and left out; the rules still mark the names.
 */
export async function recognizeArticle(text: string, options: ArticleOptions = {}): Promise<EntitySpan[]> {
  const { lang, title, corrections, models = extensionModels, onModelError } = options;
  const full = title ? `${title}\n${text}` : text;
  const need = modelsFor(full, lang);
  const load = <M>(which: 'korean' | 'english', loader: () => Promise<M | null>) =>
    loader().catch((error: unknown) => {
      onModelError?.(which, error);
      return null;
    });
  const [korean, english] = await Promise.all([
    need.korean ? load('korean', () => models.korean()) : null,
    need.english ? load('english', () => models.english()) : null,
  ]);
  const spans = recognizeEntities(full, { lang, corrections, korean, english });
  if (!title) return spans;
  const shift = title.length + 1;
  return spans.filter((s) => s.start >= shift).map((s) => ({ ...s, start: s.start - shift, end: s.end - shift }));
}
