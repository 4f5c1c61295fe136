import { loadEnglishModel } from '../entities/english-model';
import { loadKoreanModel } from '../entities/model/load';
import { modelsFor, recognizeArticle } from '../entities/recognizer';
import type { EntityCorrection, EntitySpan } from '../entities/types';

/**
 * Entity recognition for the reader's pages, done in the background (issue 19: marks ≤ 300 ms
 * after the article). The popup is a new page at every open: recognising there meant inflating
 * and reading the Korean model (a few MB) after the article arrived, every time. The background
 * lives longer, loads the models anyway for highlights made on the page, and is idle while the
 * page extracts: it starts reading the models the tab's title calls for as soon as the reader
 * asks for the article (`warmModels`), and answers the reader's pages with the spans of the same
 * `recognizeArticle` everything else calls.
 */

export interface RecognizeRequest {
  text: string;
  title: string;
  lang: string | null;
  corrections: EntityCorrection[];
}

export interface RecognizeAnswer {
  spans: EntitySpan[];
  /** Models that did not load (the marks then come from the rules alone for that language). */
  failed: ('korean' | 'english')[];
}

/** Start reading the models a page titled `title` will need (errors are left to the recognition that needs them). */
export function warmModels(title: string | undefined): void {
  if (!title) return;
  const need = modelsFor(title);
  if (need.korean) loadKoreanModel().catch(() => {});
  else if (need.english) loadEnglishModel().catch(() => {});
}

/** The last answer worked out ahead (`recognizeAhead`), by what it was asked. */
let ahead: { key: string; answer: Promise<RecognizeAnswer> } | null = null;
const keyOf = (r: RecognizeRequest) => JSON.stringify([r.text, r.title, r.lang, r.corrections]);

/**
 * Recognise an article the background has just handed to a reader page, before the page asks:
 * the page asks once it has painted the article and read the reader's corrections, and the
 * question is then nearly always this one (the same text, headline and corrections), answered
 * from here. One article is kept.
 */
export function recognizeAhead(request: RecognizeRequest): void {
  const key = keyOf(request);
  if (ahead?.key === key) return;
  ahead = { key, answer: recognize(request) };
  ahead.answer.catch(() => (ahead = null));
}

export async function recognizeForReader(request: RecognizeRequest): Promise<RecognizeAnswer> {
  const start = performance.now();
  const key = keyOf(request);
  const answer = ahead?.key === key ? await ahead.answer.catch(() => recognize(request)) : await recognize(request);
  // Read by npm run bench: how long the page's question took here (a recognition ahead of it included).
  performance.measure('margin:recognize', { start });
  return answer;
}

async function recognize(request: RecognizeRequest): Promise<RecognizeAnswer> {
  const failed: RecognizeAnswer['failed'] = [];
  const spans = await recognizeArticle(request.text, {
    title: request.title,
    lang: request.lang,
    corrections: request.corrections,
    onModelError: (model, error) => {
      console.warn(`Margin: ${model} entity model not loaded`, error);
      failed.push(model);
    },
  });
  return { spans, failed };
}
