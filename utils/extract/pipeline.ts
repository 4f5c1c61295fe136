import type { WindowLike } from 'dompurify';
import type { Article } from '../article';
import { extractArticle, type ExtractResult } from './index';
import { createSanitizer, type Sanitizer } from './sanitize';

const sanitizers = new WeakMap<object, Sanitizer>();

function sanitizerFor(win: WindowLike): Sanitizer {
  let sanitize = sanitizers.get(win);
  if (!sanitize) {
    sanitize = createSanitizer(win);
    sanitizers.set(win, sanitize);
  }
  return sanitize;
}

/**
 * Sanitise an extracted article the way an extension page shows it, and take its text
 * from the sanitised markup (so offsets into textContent are offsets into what is shown).
 */
export function sanitizeArticle(article: Article, win: WindowLike & { document: Document }): Article {
  const fragment = sanitizerFor(win).fragment(article.contentHtml);
  // A holder in the fragment's own document: appending to one in win's would adopt every node.
  const holder = (fragment.ownerDocument ?? win.document).createElement('div');
  holder.append(fragment);
  return { ...article, contentHtml: holder.innerHTML, textContent: holder.textContent ?? '' };
}

/**
 * The whole extraction pipeline over one document, as the extension runs it across the
 * content script (extract) and the popup (sanitise). The CLI and the benchmark call this.
 */
export function readDocument(doc: Document, win: WindowLike & { document: Document }, url?: string): ExtractResult {
  const result = extractArticle(doc, url);
  if (!result.ok) return result;
  return { ok: true, article: sanitizeArticle(result.article, win) };
}
