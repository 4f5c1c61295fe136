import { squashOrNull } from '../text/scripts';
import type { Article } from '../article';
import { normalizeUrl } from '../url';
import type { PageCapture } from './capture';
import { resolveLang } from './lang';
import { bylineFromCandidates, bylineFromText, cleanByline, isSiteName, cleanTitle, normalizeDate, publicationName, publishedFromCandidates } from './metadata';
import { readingWeight } from './weight';

export type NoArticleReason = 'empty' | 'too-short' | 'mostly-links';

export type ExtractResult = { ok: true; article: Article } | { ok: false; reason: NoArticleReason };

/**
 * Is what Readability found an article, or the leftovers of a search page, a portal or
 * an empty page? Enough prose, and not mostly link text — a page of short linked items
 * (headlines with snippets, as search and section pages show them) has no paragraph of
 * real length and a good share of its text in links.
 */
export function assessCapture(capture: Pick<PageCapture, 'textContent' | 'linkWeight'>): NoArticleReason | null {
  const weight = readingWeight(capture.textContent);
  if (weight === 0) return 'empty';
  const linkShare = capture.linkWeight / weight;
  if (linkShare > 0.5) return 'mostly-links';
  if (weight < 250) return 'too-short';
  if (linkShare <= 0.25) return null;
  let longest = 0;
  for (const line of capture.textContent.split('\n')) longest = Math.max(longest, readingWeight(line));
  return longest < 200 ? 'mostly-links' : null;
}

/**
 * Turn what the page gave into an Article: Readability's metadata first, then what
 * Korean and other news sites show instead (see metadata.ts). Pure: runs in the
 * background, the CLI and the tests alike.
 */
export function finishArticle(capture: PageCapture): ExtractResult {
  const problem = capture.readability ? assessCapture(capture) : 'empty';
  if (problem) return { ok: false, reason: problem };
  const found = capture.readability!;
  const text = capture.textContent;
  const url = normalizeUrl(capture.url);
  const lang = resolveLang(found.lang ?? capture.declaredLang, text);
  const rawTitle = squashOrNull(found.title) ?? squashOrNull(capture.documentTitle) ?? url;
  const siteName = publicationName([found.siteName, ...capture.siteNameCandidates], capture.documentTitle, rawTitle, capture.url);
  const declared = cleanByline(found.byline);
  // A publication named as its own author gives way to a person named on the page.
  const byline =
    (declared && declared !== found.siteName ? declared : null) ?? bylineFromCandidates(capture.bylineCandidates) ?? declared ?? bylineFromText(text);
  // The publication named as the author, with no person found instead, is no byline at all.
  const author = byline && (isSiteName(byline, siteName, capture.url) || (found.siteName && isSiteName(byline, found.siteName, capture.url))) ? null : byline;
  const title = cleanTitle(rawTitle, siteName, author);
  const article: Article = {
    url,
    title,
    byline: author,
    siteName,
    lang,
    publishedTime: normalizeDate(found.publishedTime) ?? publishedFromCandidates([...capture.dateCandidates, ...capture.bylineCandidates], lang), // "By … on Monday, November 18th, 2019"
    excerpt: squashOrNull(found.excerpt),
    contentHtml: capture.contentHtml,
    textContent: text,
    ...(capture.url !== url && capture.url.length <= 4096 ? { savedUrl: capture.url } : {}),
  };
  return { ok: true, article };
}
