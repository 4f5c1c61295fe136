import type { EnglishLexicon } from './english';

export type EnglishModel = EnglishLexicon;

let loading: Promise<EnglishModel> | null = null;

/**
 * compromise's English lexicon (first names, last names, places, organisations, and the
 * parts of speech of common words). Imported on first use only: the popup loads it for
 * articles with English text, never for Korean ones.
 */
export function loadEnglishModel(): Promise<EnglishModel> {
  loading ??= import('compromise').then((mod) => {
    const nlp = (mod as { default: { model(): { one: { lexicon: EnglishLexicon } } } }).default;
    return nlp.model().one.lexicon;
  });
  return loading;
}

/** Whether a text has enough English in it to need the English model. */
export function needsEnglishModel(text: string): boolean {
  const sample = text.length > 6000 ? text.slice(0, 6000) : text;
  const latin = sample.match(/[A-Za-z]{2,}/g)?.length ?? 0;
  const hangul = sample.match(/[\uac00-\ud7a3]+/g)?.length ?? 0;
  return latin >= 30 && latin > hangul;
}
