import { capturePage } from './capture';
import { finishArticle, type ExtractResult } from './finish';

export type { PageCapture } from './capture';
export { capturePage } from './capture';
export { assessCapture, finishArticle, type ExtractResult, type NoArticleReason } from './finish';

/** Capture and finish in one step, for code that has the document at hand (CLI, tests). */
export function extractArticle(doc: Document, url?: string): ExtractResult {
  return finishArticle(capturePage(doc, url ?? doc.URL));
}
