import { applyCorrections } from './corrections';
import { analyzeEnglish } from './english';
import type { EnglishModel } from './english-model';
import { analyzeKorean, markNames } from './korean';
import { mergeSpans } from './merge';
import { recognizeEnglishWithModel } from './model/english-recognize';
import { recognizeKoreanWithModel } from './model/recognize';
import type { KoreanModel } from './model/tagger';
import { findPatterns } from './patterns';
import type { EntityCorrection, EntitySpan } from './types';
import { isHangulCode } from '../text/scripts';

export type { EntityCorrection, EntitySpan, EntityType } from './types';
export { ENTITY_TYPES } from './types';

export interface RecognizeOptions {
  /** BCP 47 language of the text; the text's own script decides when absent. */
  lang?: string | null;
  /** The reader's corrections, applied last. */
  corrections?: readonly EntityCorrection[];
  /**
   * The English model (see english-model.ts): compromise's lexicon and the learned tagger, for
   * English text; rules alone without the tagger, rules without the lexicon without either.
   */
  english?: EnglishModel | null;
  /** The learned Korean model (see model/load.ts), for Korean text; rules alone without it. */
  korean?: KoreanModel | null;
}

function hangulShare(text: string): number {
  let hangul = 0;
  let letters = 0;
  const sample = text.length > 4000 ? text.slice(0, 4000) : text;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if (isHangulCode(c)) {
      hangul++;
      letters++;
    } else if ((c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || (c >= 0x4e00 && c <= 0x9fff)) letters++;
  }
  return letters ? hangul / letters : 0;
}

export function isKoreanText(text: string, lang?: string | null): boolean {
  return lang?.toLowerCase().startsWith('ko') || hangulShare(text) > 0.3;
}

/**
 * Named entities of an article's text: people, organisations, places, dates, money and
 * percentages, as non-overlapping spans with offsets into `text`.
 */
export function recognizeEntities(text: string, options: RecognizeOptions = {}): EntitySpan[] {
  let spans: EntitySpan[];
  if (isKoreanText(text, options.lang)) {
    const rules = koreanRules(text);
    spans = options.korean ? recognizeKoreanWithModel(text, options.korean, rules) : rules;
  } else {
    const rules = englishRules(text, options.english ?? null);
    spans = options.english?.tagger ? recognizeEnglishWithModel(text, options.english.tagger, options.english.lexicon, rules) : rules;
  }
  return applyCorrections(text, spans, options.corrections ?? []);
}

/** The rule-based Korean recogniser alone: the fallback, the baseline, and the model's evidence. */
export function koreanRules(text: string): EntitySpan[] {
  return mergeSpans([...findPatterns(text), ...markNames(text, analyzeKorean(text))]);
}

/** The rule-based English recogniser alone: the fallback, the baseline, and the model's evidence. */
export function englishRules(text: string, english: Pick<EnglishModel, 'lexicon'> | null): EntitySpan[] {
  return mergeSpans([...findPatterns(text), ...analyzeEnglish(text, english?.lexicon ?? null)]);
}
